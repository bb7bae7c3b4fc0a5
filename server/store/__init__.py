"""The SQL behind the rules, and the speed work of the redeem's hot path (no Flask, no business rules).

``access`` the key check's statement; ``tickets`` the ticket select, list filters and add-on
names; ``checkins`` the redeem's reads (with the key check in one statement) and its INSERT;
``search``, ``overview`` the statements of search, download and status; ``prepared``
statements compiled once and run on the SQLite driver; ``group_commit`` one fsync for many
concurrent check-ins. Tables are in ``server.schema``, the engine's lifecycle in ``server.db``.
"""
