"""Which tickets changed since a station's last download: database triggers over ``ticket_changes``.

The incremental download (``download/?full=1&since=TOKEN``, docs/api.md) lists only the
positions whose ``data`` may have changed since TOKEN. Rather than trusting every writer
(importer, redeem, list edits, the pretix sync) to remember it, triggers in the database
note each change: a check-in, a new or changed position (and its add-on parent and
children, whose ``addons_text`` and fallback name depend on it), a changed order, product
or variation, a list's products or flags. Each gives the affected positions a new ``seq``
in ``ticket_changes``:

* SQLite serialises writers, so ``seq`` is a counter (``change_counter``) raised by each
  change, and a download's token is the counter it saw plus one: everything committed
  later has a larger ``seq``.
* PostgreSQL commits concurrent writers in any order, so ``seq`` is the writing
  transaction's id (at least it, ``GREATEST``), and a download's token is its snapshot's
  ``xmin``: every transaction the snapshot did not see has an id at least that. Rows of
  transactions it did see may come again: re-sending a ticket is harmless.

``epoch`` (meta ``change_epoch``) names one unbroken run of tracking: it changes whenever the
triggers had to be installed, so a token from before (or from another database) gets the
whole list. Installed by ``server.db.init_schema``; no new columns, so no schema version.
Pure SQL: no Flask.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, select

from server.schema import meta

EPOCH_KEY = "change_epoch"
VERSION_KEY = "change_tracking"
# Raise when the triggers change: a database with older ones gets them replaced (and a new epoch).
TRACKING_VERSION = 1

# table, trigger suffix, operation, row (NEW or OLD), and which positions that row R touches: one
# condition per statement, each answered by an index (an OR would make SQLite scan every position).
_POSITION = [
    "SELF",  # the row itself: its values, no lookup
    # its add-on parent (addons_text) and its add-ons (their fallback name is the parent's)
    "R.addon_to IS NOT NULL AND p.event_id = R.event_id AND p.pretix_id = R.addon_to",
    "p.event_id = R.event_id AND p.addon_to = R.pretix_id",
]
_SOURCES = [
    ("checkins", "checkin", "INSERT", "NEW", ["p.id = R.position_id"]),
    ("positions", "position_ins", "INSERT", "NEW", _POSITION),
    ("positions", "position_upd", "UPDATE", "NEW", _POSITION),
    ("orders", "order_upd", "UPDATE", "NEW", ["p.order_id = R.id"]),
    ("products", "product_upd", "UPDATE", "NEW", ["p.product_id = R.id"]),
    ("variations", "variation_upd", "UPDATE", "NEW", ["p.variation_id = R.id"]),
    ("checkin_list_products", "list_product_ins", "INSERT", "NEW", ["p.product_id = R.product_id"]),
    ("checkin_list_products", "list_product_del", "DELETE", "OLD", ["p.product_id = R.product_id"]),
    ("checkin_lists", "list_upd", "UPDATE", "NEW", ["p.event_id = R.event_id"]),
]


def _trigger_names() -> list[str]:
    return [f"ticket_changes_{suffix}" for _, suffix, _, _, _ in _SOURCES]


def _rows(condition: str, row: str, seq: str) -> str:
    """The SELECT (or VALUES) of the positions a trigger's ``row`` touches, with ``seq``."""
    if condition == "SELF":
        return f"SELECT {row}.id, {row}.event_id, {seq}, 1 WHERE true"  # WHERE: SQLite's upsert-after-SELECT rule
    return f"SELECT p.id, p.event_id, {seq}, 1 FROM positions AS p WHERE {condition.replace('R.', f'{row}.')}"


def _sqlite_ddl() -> list[str]:
    ddl = ["INSERT OR IGNORE INTO change_counter (id, value) VALUES (1, 0)"]
    for table, suffix, op, row, conditions in _SOURCES:
        inserts = "".join(
            "INSERT INTO ticket_changes (position_id, event_id, seq, n) "
            + _rows(condition, row, "(SELECT value FROM change_counter WHERE id = 1)")
            + " ON CONFLICT (position_id) DO UPDATE SET seq = excluded.seq, n = n + 1; "
            for condition in conditions
        )
        ddl.append(
            f"CREATE TRIGGER IF NOT EXISTS ticket_changes_{suffix} AFTER {op} ON {table} BEGIN "
            f"UPDATE change_counter SET value = value + 1 WHERE id = 1; {inserts}END"
        )
    return ddl


def _postgres_ddl() -> list[str]:
    ddl = []
    for table, suffix, op, row, conditions in _SOURCES:
        name = f"ticket_changes_{suffix}"
        inserts = "".join(
            "INSERT INTO ticket_changes AS t (position_id, event_id, seq, n) "
            + _rows(condition, row, "txid_current()")
            + " ON CONFLICT (position_id) DO UPDATE SET seq = GREATEST(t.seq, EXCLUDED.seq), n = t.n + 1; "
            for condition in conditions
        )
        ddl.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{inserts}RETURN NULL; END $$"
        )
        ddl.append(f"CREATE OR REPLACE TRIGGER {name} AFTER {op} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return ddl


def _installed(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    else:
        rows = conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    return {name for (name,) in rows}


def install(conn: Connection) -> None:
    """Create the triggers (idempotent; in the caller's transaction); a new epoch if any was missing."""
    stored = conn.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar()
    outdated = stored != str(TRACKING_VERSION)
    if outdated and conn.dialect.name == "sqlite":  # PostgreSQL's CREATE OR REPLACE below replaces them
        for name in _trigger_names():
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    missing = outdated or set(_trigger_names()) - _installed(conn)
    for statement in _sqlite_ddl() if conn.dialect.name == "sqlite" else _postgres_ddl():
        conn.exec_driver_sql(statement)
    if outdated:
        conn.execute(meta.delete().where(meta.c.key == VERSION_KEY))
        conn.execute(meta.insert().values(key=VERSION_KEY, value=str(TRACKING_VERSION)))
    if missing or epoch(conn) is None:
        # Changes made while (some) triggers were missing went unnoticed: older tokens must not be trusted.
        conn.execute(meta.delete().where(meta.c.key == EPOCH_KEY))
        conn.execute(meta.insert().values(key=EPOCH_KEY, value=secrets.token_hex(6)))


def epoch(conn: Connection) -> str | None:
    """The current tracking epoch (see module doc), or None before ``install``."""
    return conn.execute(select(meta.c.value).where(meta.c.key == EPOCH_KEY)).scalar()
