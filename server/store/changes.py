"""The SQL of the incremental download: the change token, the ETag's state, the tickets changed since a token.

The triggers that keep ``ticket_changes`` are in ``server.change_tracking``.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Connection, bindparam, func, literal, select

from server.change_tracking import epoch
from server.schema import change_counter, positions, ticket_changes
from server.store.prepared import Prepared
from server.store.tickets import listed, ticket_select

_COUNTER = Prepared(select(change_counter.c.value).where(change_counter.c.id == 1))
_changed_ids = select(ticket_changes.c.position_id).where(
    ticket_changes.c.event_id == bindparam("event_id"), ticket_changes.c.seq >= bindparam("since")
)


def current_epoch(conn: Connection) -> str:
    """The tracking epoch (``change_tracking``); "" if tracking is not installed."""
    return epoch(conn) or ""


def next_token(conn: Connection) -> int:
    """The ``seq`` from which the next incremental download must look: nothing committed after this
    call (nor, on PostgreSQL, anything this snapshot misses) has a smaller one. Call it before reading rows."""
    if conn.dialect.name == "sqlite":
        return int(_COUNTER.first(conn, {}).value) + 1
    return int(conn.exec_driver_sql("SELECT txid_snapshot_xmin(txid_current_snapshot())").scalar())


def state(conn: Connection, event_id: int) -> str:
    """A value that changes whenever any ticket of the event changes (for the ETag). Read it before the rows."""
    if conn.dialect.name == "sqlite":
        return str(_COUNTER.first(conn, {}).value)
    count, total = conn.execute(
        select(func.count(), func.coalesce(func.sum(ticket_changes.c.n), 0)).where(
            ticket_changes.c.event_id == event_id
        )
    ).one()
    return f"{count}.{total}"


_CHANGED_IDS = Prepared(
    select(ticket_changes.c.position_id).where(
        ticket_changes.c.event_id == bindparam("event_id"), ticket_changes.c.seq >= bindparam("since")
    )
)
_BY_IDS = 500  # ids per ``IN (...)``; more changed positions than this: read the event's and keep those


@functools.cache
def _changed(all_products: bool, by_ids: bool) -> Any:
    on_list = literal(True) if all_products else listed
    stmt = ticket_select(on_list.label("on_list"), positions.c.active.label("active")).where(
        positions.c.event_id == bindparam("event_id")
    )
    if by_ids:
        stmt = stmt.where(positions.c.id.in_(bindparam("ids", expanding=True)))
    return stmt.order_by(positions.c.pretix_id)


def changed_rows(
    conn: Connection, event_id: int, list_id: int, all_products: bool, since: int
) -> tuple[list[tuple], list[str]]:
    """Active positions changed at ``seq`` >= ``since`` (``ticket_select`` tuples with ``on_list`` last,
    by pretix id), and the secrets of those changed into inactive (no longer tickets).

    The changed ids come first, from ``ticket_changes``' index (nothing changed: one index probe);
    then the tickets by id, or, when most of the event changed (an import), the event's tickets.
    """
    params = {"event_id": event_id, "list_id": list_id, "since": since}
    ids = [position_id for (position_id,) in _CHANGED_IDS.tuples(conn, params)]
    if not ids:
        return [], []
    if len(ids) <= _BY_IDS:
        found = conn.execute(_changed(all_products, True), {**params, "ids": ids}).all()
    else:
        wanted = set(ids)
        found = [row for row in conn.execute(_changed(all_products, False), params).all() if row[0] in wanted]
    rows = [tuple(row[:-1]) for row in found if row[-1]]
    removed = [row[2] for row in found if not row[-1]]  # column 2: the secret
    return rows, removed
