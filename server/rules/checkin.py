"""Redeeming a ticket: the decision order of the pretixdroid API, atomic per ticket and list.

Correctness comes from the database: the partial unique index ``uq_checkins_first``
allows one admitting check-in per ticket and list, and ``uq_checkins_nonce`` one row
per nonce. A lost race surfaces as an ``IntegrityError`` and the decision is taken
again on fresh data. On SQLite the INSERTs of concurrent requests of one process are
committed together (``group_commit``): one writer at a time, one fsync for many, and
threads wait on a condition variable instead of SQLite's sleeping busy handler.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, case, exists, literal, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from server.db import read_only, utcnow
from server.rules.access import (
    ACCESS_COLUMNS,
    ACCESS_FROM,
    ACCESS_WHERE,
    AccessContext,
    access_from_row,
    access_params,
)
from server.rules.group_commit import GroupCommitter
from server.rules.prepared import Prepared, reading
from server.rules.tickets import (
    ADDONS,
    MAX_SECRET_LENGTH,
    PAID,
    PENDING,
    addon_count,
    ticket_data,
    ticket_from,
    ticket_select,
)
from server.schema import checkin_list_products, checkin_lists, checkins, events, positions

MAX_NONCE_LENGTH = 190  # the checkins.nonce column
MAX_DATETIME_LENGTH = 64
_ATTEMPTS = 4


class CheckinError(Exception):
    """A business outcome other than ok: ``reason`` is the API's reason code, ``data`` the ticket or None."""

    def __init__(self, reason: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.data = data


class InvalidRequest(Exception):
    """Malformed input (HTTP 400): ``code`` is the envelope's error code, ``message`` says what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_flag(value: str | None) -> bool:
    """A form flag: ``true`` in any case or ``1`` is set, anything else is not."""
    return value is not None and (value == "1" or value.lower() == "true")


def parse_nonce(value: str | None) -> str | None:
    """The nonce, or None for a missing or empty one; raises ``InvalidRequest`` if it cannot be stored."""
    if not value:
        return None
    if len(value) > MAX_NONCE_LENGTH or "\x00" in value:
        raise InvalidRequest("invalid_nonce", f"nonce must be at most {MAX_NONCE_LENGTH} characters without NUL")
    return value


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 time as naive UTC (no offset = UTC), None if missing or empty; else ``InvalidRequest``."""
    if not value:
        return None
    try:
        if len(value) > MAX_DATETIME_LENGTH:
            raise ValueError(value)
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError) as exc:
        raise InvalidRequest(
            "invalid_datetime", "datetime must be ISO 8601, for example 2026-05-01T18:03Z"
        ) from exc
    return parsed


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
_listed = exists().where(
    checkin_list_products.c.list_id == bindparam("list_id"),
    checkin_list_products.c.product_id == positions.c.product_id,
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
            (literal(True) if all_products else _listed).label("on_list"),
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
                case((checkin_lists.c.all_products, true()), else_=_listed).label("on_list"),
                _nonce_checkin.label("nonce_checkin"),
                addon_count.label("addon_count"),
            ).selected_columns
        ),
    )
    .select_from(
        ticket_from(
            ACCESS_FROM,
            and_(positions.c.event_id == events.c.id, positions.c.secret == bindparam("secret"), positions.c.active),
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


def _committer(engine: Engine) -> GroupCommitter:
    # One per database file: every engine of this process on it shares the queue.
    with _committers_guard:
        return _committers.setdefault(str(engine.url), GroupCommitter())


@contextmanager
def _connection(target: Connection | Engine) -> Iterator[Connection]:
    if isinstance(target, Engine):
        with target.connect() as conn:
            yield conn
    else:
        yield target


@contextmanager
def _writing(conn: Connection) -> Iterator[None]:
    if conn.in_transaction():  # the caller's transaction: a savepoint
        with conn.begin_nested():
            yield
        return
    read_only(conn, False)
    with conn.begin():
        yield


def plausible_secret(secret: str | None) -> bool:
    """Whether ``secret`` could be stored at all (anything else is an unknown ticket without a lookup)."""
    return bool(secret) and len(secret) <= MAX_SECRET_LENGTH and "\x00" not in secret


@dataclass(frozen=True)
class Found:
    """A ticket row read together with the access check (``redeem_lookup``); ``row`` None = no such ticket."""

    secret: str
    nonce: str | None
    row: Any


def redeem_lookup(
    conn: Connection, organizer: str, event: str, key: str | None, secret: str, nonce: str | None
) -> tuple[AccessContext, Found]:
    """``resolve_access`` and the redeem's ticket lookup in one statement: same errors, same order.

    ``secret`` must be plausible and ``nonce`` valid (``plausible_secret``, ``parse_nonce``):
    their errors come after the access check, so the caller takes the two-step path for them.
    """
    params = access_params(organizer, event, key)
    with reading(conn):
        row = _ACCESS_AND_TICKET.first(conn, {**params, "secret": secret, "nonce": nonce})
    ctx = access_from_row(row, key)
    return ctx, Found(secret, nonce, row if row.id is not None else None)


def perform_checkin(
    target: Connection | Engine,
    ctx: AccessContext,
    secret: str | None,
    when: datetime | None = None,
    nonce: str | None = None,
    force: bool = False,
    ignore_unpaid: bool = False,
    found: Found | None = None,
) -> dict[str, Any]:
    """Redeem ``secret`` on the key's list; returns the ticket ``data`` on ok, else raises ``CheckinError``.

    ``target``: an Engine, or a Connection (used for its own short transactions, or
    savepoints inside one the caller holds). ``when``: naive UTC time of the entry
    attempt (default now). ``nonce``: retry token, matched only on this ticket and
    list; empty = none. ``force``: record even if already checked in (never for
    canceled orders, and it admits pending ones). ``ignore_unpaid``: admit a pending
    order if the list has ``include_pending``. Raises ``InvalidRequest`` for a nonce
    that cannot be stored. ``found``: the ticket row ``redeem_lookup`` read for this
    ``secret`` and ``nonce``, used instead of a first lookup of its own.

    The decision is read in one query; only an admission writes, in a transaction of
    its own that holds nothing but the INSERT. Check-ins are never deleted, so a
    decision read from a slightly old snapshot can only be too hopeful, and then the
    INSERT hits a unique index and everything is decided again on fresh data.
    """
    if not plausible_secret(secret):
        raise CheckinError("unknown_ticket")
    nonce = parse_nonce(nonce)
    params = {"event_id": ctx.event_id, "secret": secret, "list_id": ctx.list_id, "nonce": nonce}
    if found is not None and (found.secret, found.nonce) != (secret, nonce):
        raise ValueError("found was read for another secret or nonce")
    with _connection(target) as conn:
        for attempt in range(_ATTEMPTS):
            with reading(conn):
                if attempt == 0 and found is not None:
                    row = found.row
                else:
                    row = _TICKET[ctx.all_products].first(conn, params)
                admit_as_first = _decide(conn, ctx, row, nonce, force, ignore_unpaid)
                result = _data(conn, ctx, row, True)
            if admit_as_first is None:
                return result  # a retry of a stored attempt: same answer, nothing new written
            received = utcnow()
            insert = {
                "position_id": row.id,
                "list_id": ctx.list_id,
                "datetime": when or received,
                "nonce": nonce,
                "forced": force,
                "is_first": admit_as_first,
                "key_id": ctx.key_id,
                "received_at": received,
            }
            try:
                _store(conn, insert)
            except (IntegrityError, sqlite3.IntegrityError):
                # Another writer admitted this ticket (or stored this nonce) first: decide again.
                if attempt == _ATTEMPTS - 1:
                    raise
                continue
            return result
    raise AssertionError("unreachable")  # pragma: no cover


def _store(conn: Connection, values: dict[str, Any]) -> None:
    """INSERT one check-in, committed before returning (SQLite: grouped with concurrent ones)."""
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" and not conn.in_transaction() else None
    if isinstance(raw, sqlite3.Connection) and raw.isolation_level is None and not raw.in_transaction:
        sql, processors = _sqlite_insert(conn.dialect)
        params = [process(values[name]) if process else values[name] for name, process in processors]
        _committer(conn.engine).insert(raw, sql, params)
        return
    with _writing(conn):
        conn.execute(_INSERT, values)


@functools.cache
def _sqlite_insert(dialect) -> tuple[str, list[tuple[str, Any]]]:
    # The same SQL and value conversions SQLAlchemy would use, prepared once.
    compiled = _INSERT.compile(dialect=dialect, column_keys=list(_INSERT_COLUMNS))
    processors = [
        (name, checkins.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in compiled.positiontup
    ]
    return str(compiled), processors


def _data(conn: Connection, ctx: AccessContext, row: Any, redeemed: bool) -> dict[str, Any]:
    text = ""
    if row.addon_count:
        names = _ADDONS_OF_ONE.all(conn, {"event_id": ctx.event_id, "parent": row.pretix_id})
        text = ", ".join(name for _, name in sorted((addon.pretix_id, addon.name) for addon in names))
    return ticket_data(row, ctx.include_pending, text, redeemed)


def _decide(
    conn: Connection, ctx: AccessContext, row: Any, nonce: str | None, force: bool, ignore_unpaid: bool
) -> bool | None:
    """Steps 1-8 on the ticket's row: raises ``CheckinError``, or returns whether to store the
    check-in as the admitting one (True) or as an extra forced one (False); None = nothing to store."""

    def data(redeemed: bool) -> dict[str, Any]:
        return _data(conn, ctx, row, redeemed)

    if row is None:
        raise CheckinError("unknown_ticket")
    admitted = row.first_checkin is not None
    if not row.on_list:
        raise CheckinError("product", data(admitted))
    if row.status == PENDING:
        if not (force or (ignore_unpaid and ctx.include_pending)):
            raise CheckinError("unpaid", data(admitted))
    elif row.status != PAID:  # canceled, expired, refunded: even force cannot resurrect them
        raise CheckinError("unpaid", data(admitted))
    if nonce is not None and row.nonce_checkin is not None:
        return None
    if admitted and not force:
        raise CheckinError("already_redeemed", data(True))
    return not admitted
