"""The event lead's overview: what the host records besides check-ins, and the figures shown from it.

``figures.summarize`` is the one pure function every view uses (web page, ``checkin-server
overview``, the host panel); ``data.read_overview`` reads its input from the database.
"""
