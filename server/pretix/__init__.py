"""Live sync of the host with a pretix server (REST API v1): connect, pull, push, status.

Flask-free and Qt-free. Entry points: ``connect.connect`` (device initialisation or team
token, list mapping, first pull), ``sync.run_cycle`` / ``sync.SyncRunner`` (push the
outbox, then pull what changed), ``status.statuses`` (what the host panel and
``checkin-server pretix status`` show). docs/pretix-sync.md describes the behaviour.
"""
