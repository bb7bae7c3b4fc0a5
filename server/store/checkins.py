"""The redeem's SQL: the ticket's facts in one statement (with the key check, usually), and the check-in INSERT.

Correctness comes from the database: the partial unique index ``uq_checkins_first``
allows one admitting check-in per ticket and list, and ``uq_checkins_nonce`` one row
per nonce; a lost race surfaces as ``Conflict``. On SQLite the INSERTs of concurrent
requests of one process are committed together (``group_commit``): one writer at a
time, one fsync for many, and threads wait on a condition variable instead of
SQLite's sleeping busy handler. The INSERT goes straight to the driver, prepared once.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, case, literal, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from server.db import read_only, utcnow
from server.schema import checkin_lists, checkins, events, positions
from server.store.access import ACCESS_COLUMNS, ACCESS_FROM, ACCESS_WHERE
from server.store.group_commit import GroupCommitter
from server.store.prepared import Prepared, reading
from server.store.tickets import ADDONS, addon_count, listed, ticket_from, ticket_select


class Conflict(Exception):
    """Another writer admitted this ticket (or stored this nonce) first: decide again on fresh data."""


_nonce_checkin = (
    select(checkins.c.id)
    .where(
        checkins.c.position_id == positions.c.id,
        checkins.c.list_id == bindparam("list_id"),
        checkins.c.nonce == bindparam("nonce"),
    )
    .limit(1)
    .scalar_subquery()
)
_by_secret = (
    positions.c.event_id == bindparam("event_id"),
    positions.c.secret == bindparam("secret"),
    positions.c.active,
)
# One statement per list kind, built and compiled once.
_TICKET = {
    all_products: Prepared(
        ticket_select(
            (literal(True) if all_products else listed).label("on_list"),
            _nonce_checkin.label("nonce_checkin"),
            addon_count.label("addon_count"),
        ).where(*_by_secret)
    )
    for all_products in (True, False)
}


def _bound_to(element: ColumnElement, **columns: ColumnElement) -> ColumnElement:
    """``element`` with the bind parameters named in ``columns`` replaced by those column expressions."""

    def replace(found):
        return columns.get(found.key) if isinstance(found, BindParameter) else None

    return visitors.replacement_traverse(element, {}, replace)


# Access check and ticket lookup of a redeem in one statement (one snapshot, one round trip to
# SQLite instead of two: under load every statement is a GIL hand-over, and that is what limits
# throughput). The ticket's list is the key's list, from the same row.
_ACCESS_AND_TICKET = Prepared(
    select(
        *ACCESS_COLUMNS,
        *(
            _bound_to(column, list_id=checkin_lists.c.id)
            for column in ticket_select(
                case((checkin_lists.c.all_products, true()), else_=listed).label("on_list"),
                _nonce_checkin.label("nonce_checkin"),
                addon_count.label("addon_count"),
            ).selected_columns
        ),
    )
    .select_from(
        ticket_from(
            ACCESS_FROM,
            and_(positions.c.event_id == events.c.id, positions.c.secret == bindparam("secret"), positions.c.active),
            list_id=checkin_lists.c.id,
        )
    )
    .where(*ACCESS_WHERE)
)
_ADDONS_OF_ONE = Prepared(
    ADDONS.where(
        positions.c.event_id == bindparam("event_id"),
        positions.c.active,
        positions.c.addon_to == bindparam("parent"),
    )
)
_INSERT = checkins.insert()
_INSERT_COLUMNS = ("position_id", "list_id", "datetime", "nonce", "forced", "is_first", "key_id", "received_at")

_committers: dict[str, GroupCommitter] = {}
_committers_guard = threading.Lock()


@contextmanager
def connection(target: Connection | Engine) -> Iterator[Connection]:
    """A connection of ``target`` (an Engine's own, closed afterwards), or ``target`` itself."""
    if isinstance(target, Engine):
        with target.connect() as conn:
            yield conn
    else:
        yield target


def read_access_and_ticket(conn: Connection, access: dict[str, str], secret: str, nonce: str | None) -> Any:
    """The access row of ``access`` (see ``store.access.read_access``) with the ticket's columns in it.

    The ticket columns are those of ``read_ticket``, all None when there is no such ticket.
    """
    with reading(conn):
        return _ACCESS_AND_TICKET.first(conn, {**access, "secret": secret, "nonce": nonce})


def read_ticket(
    conn: Connection, event_id: int, list_id: int, all_products: bool, secret: str, nonce: str | None
) -> Any | None:
    """The ticket with ``secret`` as the redeem needs it, or None: every ``ticket_select`` column, plus
    ``on_list``, ``nonce_checkin`` (a check-in on the list carrying ``nonce``) and ``addon_count``.

    Call it inside ``reading(conn)``. Booleans may come back as 0/1.
    """
    params = {"event_id": event_id, "secret": secret, "list_id": list_id, "nonce": nonce}
    return _TICKET[all_products].first(conn, params)


def addons_text(conn: Connection, event_id: int, parent: int) -> str:
    """The ``addons_text`` of the position with pretix id ``parent``: its active add-ons' names, in pretix order."""
    names = _ADDONS_OF_ONE.all(conn, {"event_id": event_id, "parent": parent})
    return ", ".join(name for _, name in sorted((addon.pretix_id, addon.name) for addon in names))


def add_checkin(
    conn: Connection,
    position_id: int,
    list_id: int,
    key_id: int,
    when: datetime | None,
    nonce: str | None,
    forced: bool,
    first: bool,
) -> None:
    """Store one check-in, committed before returning (SQLite: grouped with concurrent ones).

    ``when`` None = now; ``first``: the admitting check-in. Raises ``Conflict`` if a unique index
    refused it. Inside a transaction the caller holds, it is written in a savepoint.
    """
    received = utcnow()
    values = {
        "position_id": position_id,
        "list_id": list_id,
        "datetime": when or received,
        "nonce": nonce,
        "forced": forced,
        "is_first": first,
        "key_id": key_id,
        "received_at": received,
    }
    try:
        _insert(conn, values)
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise Conflict() from exc


def _insert(conn: Connection, values: dict[str, Any]) -> None:
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" and not conn.in_transaction() else None
    if isinstance(raw, sqlite3.Connection) and raw.isolation_level is None and not raw.in_transaction:
        sql, processors = _sqlite_insert(conn.dialect)
        params = [process(values[name]) if process else values[name] for name, process in processors]
        _committer(conn.engine).insert(raw, sql, params)
        return
    with _writing(conn):
        conn.execute(_INSERT, values)


def _committer(engine: Engine) -> GroupCommitter:
    # One per database file: every engine of this process on it shares the queue.
    with _committers_guard:
        return _committers.setdefault(str(engine.url), GroupCommitter())


@contextmanager
def _writing(conn: Connection) -> Iterator[None]:
    if conn.in_transaction():  # the caller's transaction: a savepoint
        with conn.begin_nested():
            yield
        return
    read_only(conn, False)
    with conn.begin():
        yield


@functools.cache
def _sqlite_insert(dialect) -> tuple[str, list[tuple[str, Any]]]:
    # The same SQL and value conversions SQLAlchemy would use, prepared once.
    compiled = _INSERT.compile(dialect=dialect, column_keys=list(_INSERT_COLUMNS))
    processors = [
        (name, checkins.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in compiled.positiontup
    ]
    return str(compiled), processors
