"""The SQL of attempt recording: refused attempts and station contacts, written in batches.

Both go through ``INSERT ... ON CONFLICT``, the same on SQLite and PostgreSQL: a refused
attempt whose nonce the station already sent is the same attempt (kept once), and a
station's contact row is replaced by its newest.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from server.schema import attempts, station_contacts

ATTEMPT_COLUMNS = (
    "event_id", "key_id", "list_id", "secret", "order_code", "reason", "scanned_at", "received_at", "forced",
    "offline", "nonce",
)


def _insert(conn: Connection, table):
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def insert_attempts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Store refused attempts (``ATTEMPT_COLUMNS``); one already stored with the same key and nonce is skipped."""
    if rows:
        conn.execute(_insert(conn, attempts).on_conflict_do_nothing(index_elements=["key_id", "nonce"]), rows)


def upsert_contacts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Set each station's (``key_id``) ``last_seen`` and ``address``, keeping the newer ``last_seen``."""
    if not rows:
        return
    statement = _insert(conn, station_contacts)
    statement = statement.on_conflict_do_update(
        index_elements=["key_id"],
        set_={"last_seen": statement.excluded.last_seen, "address": statement.excluded.address},
        where=station_contacts.c.last_seen <= statement.excluded.last_seen,
    )
    conn.execute(statement, rows)
