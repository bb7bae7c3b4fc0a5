"""Database lifecycle: engine creation, schema creation and upgrades, per-dialect search indexes.

SQLite is the default (``<data-dir>/checkin.sqlite3``, WAL, ``synchronous=FULL`` so an
acknowledged check-in is on disk before the answer is sent). PostgreSQL is used when a
``postgresql://`` URL is given.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, select

from server import change_tracking
from server.folding import FOLD_VERSION, fold_names
from server.schema import SCHEMA_VERSION, meta, metadata, orders, positions

SQLITE_FILENAME = "checkin.sqlite3"
# Connection execution option: the next transactions only read (SQLite: deferred BEGIN).
READ_ONLY_OPTION = "checkin_read_only"


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says what to do."""


def utcnow() -> datetime:
    """Naive UTC now, the form every datetime column stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def default_database_url(data_dir: str | os.PathLike) -> str:
    """The SQLite URL for a data directory (created if missing)."""
    path = Path(data_dir).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(path / SQLITE_FILENAME).resolve()}"


def _normalise_url(url: str) -> str:
    # Accept the libpq-style URL people paste and use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def read_only(conn: Connection, enabled: bool = True) -> Connection:
    """Mark ``conn``'s next transactions as read-only (or writing again); returns ``conn``.

    On SQLite a read-only transaction starts with a deferred ``BEGIN`` instead of
    ``BEGIN IMMEDIATE``, so searches and downloads never queue behind check-ins.
    """
    return conn.execution_options(**{READ_ONLY_OPTION: enabled})


def make_engine(url: str) -> Engine:
    """Create an engine with the pragmas and pool settings the server relies on."""
    url = _normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=40,
            max_overflow=20,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            # Let SQLAlchemy's BEGIN (below) decide transactions, not the sqlite3 module.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # pragma: no cover - trivial
            # IMMEDIATE takes the write lock up front: no deadlock upgrading a read lock,
            # and concurrent writers queue on busy_timeout instead of failing.
            # Read-only work (see read_only()) takes a plain deferred BEGIN: a WAL snapshot
            # that never waits for, nor blocks, a writer.
            # Straight to the driver: this runs for every transaction, and a full SQLAlchemy
            # statement execution here would cost more than the BEGIN itself.
            read = conn.get_execution_options().get(READ_ONLY_OPTION)
            conn.connection.driver_connection.execute("BEGIN" if read else "BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql"):
        try:
            return create_engine(url, pool_size=40, max_overflow=20, pool_pre_ping=True)
        except ModuleNotFoundError as exc:  # psycopg missing
            raise DatabaseError(
                "PostgreSQL support needs psycopg: pip install 'checkin-kiosk[postgres]'"
            ) from exc
    raise DatabaseError(f"Unsupported database URL scheme: {url.split(':', 1)[0]!r} (use sqlite or postgresql)")


def _schema_version(conn) -> int | None:
    if not conn.dialect.has_table(conn, "meta"):
        return None
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else None


# Indexes added to tables after schema version 1 first shipped: create_all() only makes
# missing tables, so databases made before get them here (idempotent).
_LATE_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_positions_event_addon_to ON positions (event_id, addon_to)",
    # The pretix outbox: check-ins waiting for upload, found without walking every check-in.
    "CREATE INDEX IF NOT EXISTS ix_checkins_pending ON checkins (list_id, id) WHERE upload = 'p'",
    # A check-in's rows by position come from uq_checkins_nonce (position_id, list_id, nonce), which indexes every
    # check-in: a second index on position_id alone only cost each redeem one more B-tree write. Gone from stores
    # made before this was noticed.
    "DROP INDEX IF EXISTS ix_checkins_position",
]

_SQLITE_SEARCH_DDL = [
    # External-content FTS5 table over the casefolded names; trigram = substring search.
    "CREATE VIRTUAL TABLE IF NOT EXISTS positions_fts USING fts5("
    "names_folded, content='positions', content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER IF NOT EXISTS positions_fts_ai AFTER INSERT ON positions BEGIN "
    "INSERT INTO positions_fts(rowid, names_folded) VALUES (new.id, new.names_folded); END",
    "CREATE TRIGGER IF NOT EXISTS positions_fts_ad AFTER DELETE ON positions BEGIN "
    "INSERT INTO positions_fts(positions_fts, rowid, names_folded) VALUES ('delete', old.id, old.names_folded); END",
    "CREATE TRIGGER IF NOT EXISTS positions_fts_au AFTER UPDATE OF names_folded ON positions BEGIN "
    "INSERT INTO positions_fts(positions_fts, rowid, names_folded) VALUES ('delete', old.id, old.names_folded); "
    "INSERT INTO positions_fts(rowid, names_folded) VALUES (new.id, new.names_folded); END",
]

_POSTGRES_SEARCH_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_positions_names_trgm ON positions USING gin (names_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ix_positions_secret_prefix ON positions (event_id, secret_folded text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS ix_positions_order_prefix ON positions (event_id, order_code_folded text_pattern_ops)",
]

# Explicit upgrades: MIGRATIONS[n] turns version n into n + 1.
MIGRATIONS: dict[int, list[str]] = {
    # 2: pretix's per-variation "check-in attention" flag (e.g. a "VIP" variation).
    1: ["ALTER TABLE variations ADD COLUMN attention BOOLEAN NOT NULL DEFAULT FALSE"],
    # 3: pretix's check-in texts of products, variations and orders (shown with attention tickets).
    2: [f"ALTER TABLE {table} ADD COLUMN checkin_text TEXT" for table in ("products", "variations", "orders")],
    # 4: pretix sync: blocked tickets, validity windows, canceled positions, list mapping, the outbox.
    3: [
        "ALTER TABLE positions ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE positions ADD COLUMN valid_from TIMESTAMP",
        "ALTER TABLE positions ADD COLUMN valid_until TIMESTAMP",
        "ALTER TABLE positions ADD COLUMN canceled BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE checkin_lists ADD COLUMN pretix_id INTEGER",
        "ALTER TABLE checkins ADD COLUMN upload VARCHAR(1) NOT NULL DEFAULT 'p'",
        "ALTER TABLE checkins ADD COLUMN pretix_id INTEGER",
        "ALTER TABLE checkins ADD COLUMN upload_error TEXT",
    ],
}


def init_schema(engine: Engine) -> None:
    """Create the schema, or upgrade it to SCHEMA_VERSION; idempotent and safe to run on every start."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Serialise concurrent starts of several server processes.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(735201)")
        version = _schema_version(conn)
        if version is not None and version > SCHEMA_VERSION:
            raise DatabaseError(
                f"The database has schema version {version}, newer than this program's "
                f"{SCHEMA_VERSION}. Upgrade checkin-kiosk."
            )
        metadata.create_all(conn)
        ddl = _SQLITE_SEARCH_DDL if is_sqlite(engine) else _POSTGRES_SEARCH_DDL
        for statement in ddl:
            conn.exec_driver_sql(statement)
        change_tracking.install(conn)
        if version is None:
            conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        else:
            while version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    conn.exec_driver_sql(statement)
                version += 1
            conn.execute(
                meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION))
            )
        for statement in _LATE_INDEXES:  # after the upgrades: they may index new columns
            conn.exec_driver_sql(statement)
        refold_names(conn)


def refold_names(conn: Connection) -> int:
    """Recompute every position's ``names_folded`` when the folding changed (``FOLD_VERSION``); how many changed.

    The folding is not part of the schema version: meta's ``search_fold`` says which folding
    the stored names have (none: the plain casefolding before version 2). Runs in the
    caller's transaction; on SQLite the update trigger re-indexes each changed row.
    """
    row = conn.execute(select(meta.c.value).where(meta.c.key == "search_fold")).first()
    if row is not None and row[0] == str(FOLD_VERSION):
        return 0
    parent = positions.alias("parent")
    rows = conn.execute(
        select(positions.c.id, positions.c.names_folded, positions.c.attendee_name,
               parent.c.attendee_name, orders.c.invoice_name)
        .select_from(positions.join(orders, orders.c.id == positions.c.order_id).outerjoin(
            parent, (parent.c.event_id == positions.c.event_id) & (parent.c.pretix_id == positions.c.addon_to)))
    ).all()
    changed = []
    for position_id, stored, name, parent_name, invoice_name in rows:
        folded = fold_names(name, parent_name, invoice_name)
        if folded != stored:
            changed.append({"b_id": position_id, "b_names": folded})
    if changed:
        conn.execute(
            positions.update().where(positions.c.id == bindparam("b_id")).values(names_folded=bindparam("b_names")),
            changed,
        )
    conn.execute(meta.delete().where(meta.c.key == "search_fold"))
    conn.execute(meta.insert().values(key="search_fold", value=str(FOLD_VERSION)))
    return len(changed)


def open_database(url: str) -> Engine:
    """Create an engine for ``url`` and make sure the schema is current."""
    engine = make_engine(url)
    try:
        init_schema(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:  # noqa: BLE001 - one boundary: any driver error becomes a plain message
        engine.dispose()
        raise DatabaseError(f"Cannot open the database: {type(exc).__name__}: {exc}".split("\n")[0]) from exc
    return engine


