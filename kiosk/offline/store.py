"""The station's own SQLite file, ``<data_dir>/station.sqlite3``: offline copy, queue, rejected list.

``store_version`` in ``meta`` names the schema; an older file is brought up to date in place
by the steps in ``MIGRATIONS`` when it is opened, so a station upgraded in the middle of an
event keeps its copy, its queue and its rejected list.

WAL and ``synchronous=FULL``: a committed offline check-in survives a crash or a power cut,
and it is committed before the station shows the result. One connection, used by one
thread at a time (the network worker); ``check_same_thread`` is off only so the worker
may be a different thread from the one that opened it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.i18n import QT_TRANSLATE_NOOP, later
from kiosk.offline.folding import FOLD_VERSION, fold_names
from kiosk.offline.rules import ticket_facts, validity_facts

STATION_DB_FILENAME = "station.sqlite3"
STORE_VERSION = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (
    secret TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    secret_folded TEXT NOT NULL,
    order_folded TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    redeemed INTEGER NOT NULL,
    data TEXT NOT NULL,
    order_status TEXT NOT NULL DEFAULT 'p',
    on_list INTEGER NOT NULL DEFAULT 1,
    blocked INTEGER NOT NULL DEFAULT 0,
    valid_from TEXT,
    valid_until TEXT
);
CREATE INDEX IF NOT EXISTS ix_tickets_position ON tickets (position);
CREATE TABLE IF NOT EXISTS queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    secret TEXT NOT NULL,
    nonce TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    list_name TEXT,
    ignore_unpaid INTEGER NOT NULL DEFAULT 0,
    data TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'pending',
    uploaded_at TEXT
);
CREATE INDEX IF NOT EXISTS ix_queue_state ON queue (source, state, id);
CREATE INDEX IF NOT EXISTS ix_queue_secret ON queue (source, secret);
CREATE TABLE IF NOT EXISTS rejected (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    secret TEXT NOT NULL,
    nonce TEXT NOT NULL,
    reason TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    data TEXT,
    acknowledged INTEGER NOT NULL DEFAULT 0
);
"""


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    # Version 1 kept no order status and no list membership: its copy held only what a plain
    # download lists. The facts are what that implies (the first refresh brings the host's own).
    conn.execute("ALTER TABLE tickets ADD COLUMN order_status TEXT NOT NULL DEFAULT 'p'")
    conn.execute("ALTER TABLE tickets ADD COLUMN on_list INTEGER NOT NULL DEFAULT 1")
    rows = conn.execute("SELECT secret, data FROM tickets").fetchall()
    facts = ((secret, *ticket_facts(json.loads(data))) for secret, data in rows)
    conn.executemany(
        "UPDATE tickets SET order_status = ?, on_list = ? WHERE secret = ?",
        ((status, int(on_list), secret) for secret, status, on_list in facts if (status, on_list) != ("p", True)),
    )


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    # Version 2 kept no pretix facts: whether a ticket is blocked and its validity window (a host synced
    # with pretix sends them in the full download). A copy from such a host has them in each ticket's JSON.
    conn.execute("ALTER TABLE tickets ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE tickets ADD COLUMN valid_from TEXT")
    conn.execute("ALTER TABLE tickets ADD COLUMN valid_until TEXT")
    rows = conn.execute("SELECT secret, data FROM tickets").fetchall()
    facts = ((secret, *validity_facts(json.loads(data))) for secret, data in rows)
    conn.executemany(
        "UPDATE tickets SET blocked = ?, valid_from = ?, valid_until = ? WHERE secret = ?",
        ((int(blocked), start, end, secret) for secret, blocked, start, end in facts if blocked or start or end),
    )


# MIGRATIONS[n] turns a version-n store into version n + 1 (inside one transaction).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


class StoreError(Exception):
    """The station's database cannot be opened; ``operator_message`` says what to do."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.operator_message = later(QT_TRANSLATE_NOOP("Messages", "The station cannot open its offline store "
                                                                    "({path}). Check the data folder's free space "
                                                                    "and permissions."), path=str(path))


def source_of(base_url: str) -> str:
    """What the copy and the queue belong to: the event's API path, e.g. ``/pretixdroid/api/org/event/``.

    Not the host's address: a host that comes back on another address or port (a new setup
    code for the same event) still gets the check-ins queued for it.
    """
    return urlsplit(base_url).path.rstrip("/") + "/"


def station_db_path(data_dir: str | Path) -> Path:
    """Where a data directory keeps the station's offline store."""
    return Path(data_dir).expanduser() / STATION_DB_FILENAME


def open_store(data_dir: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the station store in ``data_dir`` with crash-safe settings."""
    path = station_db_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        _create_or_migrate(conn)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(path, str(exc)) from exc
    return conn


def _create_or_migrate(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        fresh = conn.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone() is None
        for statement in _SCHEMA.split(";"):  # not executescript(): it would commit
            if statement.strip():
                conn.execute(statement)
        version = STORE_VERSION if fresh else int(get_meta(conn, "store_version") or 1)
        while version < STORE_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        set_meta(conn, "store_version", str(version))
        refold_names(conn)


def refold_names(conn: sqlite3.Connection) -> int:
    """Recompute each ticket's ``name_folded`` if the folding changed (``FOLD_VERSION``); how many changed.

    Not a store version: meta's ``search_fold`` names the folding the stored names have (none:
    the plain casefolding before version 2). Runs in the caller's transaction.
    """
    if get_meta(conn, "search_fold") == str(FOLD_VERSION):
        return 0
    changed = []
    for secret, stored, text in conn.execute("SELECT secret, name_folded, data FROM tickets"):
        folded = fold_names(json.loads(text).get("attendee_name"))
        if folded != stored:
            changed.append((folded, secret))
    conn.executemany("UPDATE tickets SET name_folded = ? WHERE secret = ?", changed)
    set_meta(conn, "search_fold", str(FOLD_VERSION))
    return len(changed)


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """A value from the store's ``meta`` table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (caller decides the transaction; autocommit otherwise)."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed (to disk, ``synchronous=FULL``) on success, else rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
