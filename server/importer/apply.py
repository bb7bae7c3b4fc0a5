"""Write an ImportData into the store, in the caller's transaction: insert, update in place, deactivate.

Tickets are matched by secret within the event. A ticket missing from the new input is
deactivated (it scans as unknown), one that comes back is reactivated; nothing is ever
deleted, so check-ins always survive a re-import. Rows are written with executemany in
chunks, which keeps 100,000 tickets within seconds even with SQLite's search trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select

from server.events import ensure_event
from server.importer.catalog import sync_catalog
from server.importer.model import ImportData, ImportSummary, OrderIn, PositionIn
from server.rules import fold_names
from server.schema import checkins, events, orders, positions

Progress = Callable[[int, int], None]
CHUNK = 2000
SQLITE_ROWS_PER_INSERT = 500  # x 12 columns, well under SQLite's 32766 parameters

_ORDER_FIELDS = ("status", "email", "invoice_name", "testmode", "attention", "checkin_text")
_POSITION_FIELDS = ("order_id", "product_id", "variation_id", "attendee_name", "addon_to", "active",
                    "names_folded", "order_code_folded")

_update_order = orders.update().where(orders.c.id == bindparam("b_id")).values(
    {name: bindparam(f"b_{name}") for name in _ORDER_FIELDS}
)
# Two forms: SQLite's search trigger re-indexes a row whenever names_folded is SET, changed or not.
_update_position = positions.update().where(positions.c.id == bindparam("b_id")).values(
    {name: bindparam(f"b_{name}") for name in _POSITION_FIELDS if name != "names_folded"}
)
_update_position_names = positions.update().where(positions.c.id == bindparam("b_id")).values(
    {name: bindparam(f"b_{name}") for name in _POSITION_FIELDS}
)
_set_position_pretix_id = positions.update().where(positions.c.id == bindparam("b_id")).values(
    pretix_id=bindparam("b_pretix_id")
)
_deactivate_position = positions.update().where(positions.c.id == bindparam("b_id")).values(active=False)


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _resolve_position_ids(data: ImportData, stored: dict[str, Any]) -> None:
    """Give every position a pretix id (reusing the stored one for a known secret) and resolve addon_to_secret."""
    all_positions = [p for order in data.orders for p in order.positions]
    claimed = {p.pretix_id for p in all_positions if p.pretix_id is not None}
    if len(claimed) < len(all_positions):
        next_id = max({row.pretix_id for row in stored.values()} | claimed | {0}) + 1
        for position in all_positions:
            if position.pretix_id is not None:
                continue
            row = stored.get(position.secret)
            if row is not None and row.pretix_id > 0 and row.pretix_id not in claimed:
                position.pretix_id = row.pretix_id
            else:
                position.pretix_id = next_id
                next_id += 1
            claimed.add(position.pretix_id)
    by_secret = {p.secret: p.pretix_id for p in all_positions}
    for position in all_positions:
        if position.addon_to_secret is not None:
            position.addon_to = by_secret[position.addon_to_secret]


def _sync_orders(conn: Connection, event_id: int, data: ImportData, summary: ImportSummary) -> dict[str, int]:
    stored = {
        row.code: row
        for row in conn.execute(
            select(orders.c.id, orders.c.code, *(orders.c[name] for name in _ORDER_FIELDS)).where(
                orders.c.event_id == event_id
            )
        )
    }
    inserts, updates = [], []
    for order in data.orders:
        values = {name: getattr(order, name) for name in _ORDER_FIELDS}
        row = stored.get(order.code)
        if row is None:
            inserts.append({"event_id": event_id, "code": order.code, **values})
        elif any(getattr(row, name) != value for name, value in values.items()):
            updates.append({"b_id": row.id, **{f"b_{name}": value for name, value in values.items()}})
    for chunk in _chunks(updates):
        conn.execute(_update_order, chunk)
    if inserts:
        bulk_insert(conn, orders, inserts)
    summary.orders_added, summary.orders_updated = len(inserts), len(updates)
    if not inserts:
        return {code: row.id for code, row in stored.items()}
    return dict(conn.execute(select(orders.c.code, orders.c.id).where(orders.c.event_id == event_id)).all())


def _desired_row(order: OrderIn, position: PositionIn, order_id: int, product_id: int,
                 variation_id: int | None, parent_name: str | None) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "product_id": product_id,
        "variation_id": variation_id,
        "attendee_name": position.attendee_name,
        "addon_to": position.addon_to,
        "active": position.active,
        "names_folded": fold_names(position.attendee_name, parent_name, order.invoice_name),
        "order_code_folded": order.code.casefold(),
    }


def apply_import(conn: Connection, data: ImportData, progress: Progress | None = None) -> ImportSummary:
    """Write ``data`` into the store on ``conn`` (one transaction, owned by the caller); return what changed."""
    ref = ensure_event(conn, data.organizer_slug, data.event_slug, data.organizer_name, data.event_name)
    event_id = ref.event_id
    summary = ImportSummary(
        source=data.source,
        organizer_slug=data.organizer_slug,
        event_slug=data.event_slug,
        event_name=conn.execute(select(events.c.name).where(events.c.id == event_id)).scalar_one(),
        tickets_in_file=data.ticket_count(),
        orders_in_file=len(data.orders),
        testmode_skipped=data.testmode_skipped,
        testmode_included=data.testmode_included,
    )
    total = summary.tickets_in_file
    if progress:
        progress(0, total)
    catalog = sync_catalog(conn, event_id, data.products)
    summary.products_added, summary.products_updated = catalog.added, catalog.updated
    order_ids = _sync_orders(conn, event_id, data, summary)

    stored = {
        row.secret: row
        for row in conn.execute(
            select(positions.c.id, positions.c.secret, positions.c.pretix_id,
                   *(positions.c[name] for name in _POSITION_FIELDS)).where(positions.c.event_id == event_id)
        )
    }
    _resolve_position_ids(data, stored)
    wanted_ids = {p.pretix_id for order in data.orders for p in order.positions}
    in_file = {p.secret for order in data.orders for p in order.positions}

    # Pretix ids are unique per event: park every stored row whose id changes (or that vanished
    # and whose id a new ticket takes, e.g. after pretix regenerated a secret) on -row.id first.
    final_id: dict[int, int] = {}
    for order in data.orders:
        for position in order.positions:
            row = stored.get(position.secret)
            if row is not None and row.pretix_id != position.pretix_id:
                final_id[row.id] = position.pretix_id
    for secret, row in stored.items():
        if secret not in in_file and row.pretix_id in wanted_ids:
            final_id[row.id] = -row.id
    for chunk in _chunks([{"b_id": row_id, "b_pretix_id": -row_id} for row_id in final_id]):
        conn.execute(_set_position_pretix_id, chunk)

    names = {p.pretix_id: p.attendee_name for order in data.orders for p in order.positions}
    done = 0
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    name_updates: list[dict[str, Any]] = []
    renumbered: list[dict[str, Any]] = []
    for order in data.orders:
        for position in order.positions:
            product = position.product
            variation_id = None if position.variation is None else catalog.variation_ids[product][position.variation]
            parent_name = names.get(position.addon_to) if position.addon_to is not None else None
            values = _desired_row(order, position, order_ids[order.code], catalog.product_ids[product],
                                  variation_id, parent_name)
            row = stored.get(position.secret)
            if row is None:
                inserts.append({"event_id": event_id, "pretix_id": position.pretix_id, "secret": position.secret,
                                "secret_folded": position.secret.casefold(), **values})
                summary.tickets_added += 1
            else:
                if row.id in final_id and final_id[row.id] > 0:
                    renumbered.append({"b_id": row.id, "b_pretix_id": final_id[row.id]})
                if any(getattr(row, name) != value for name, value in values.items()):
                    update = {"b_id": row.id, **{f"b_{name}": value for name, value in values.items()}}
                    if row.names_folded == values["names_folded"]:
                        del update["b_names_folded"]
                        updates.append(update)
                    else:
                        name_updates.append(update)
                    if values["active"] and not row.active:
                        summary.tickets_reactivated += 1
                    else:
                        summary.tickets_updated += 1
                elif row.id in final_id:
                    summary.tickets_updated += 1
                else:
                    summary.tickets_unchanged += 1
            done += 1
            if len(inserts) + len(updates) + len(name_updates) + len(renumbered) >= CHUNK:
                _flush(conn, inserts, updates, name_updates, renumbered)
            if progress and done % CHUNK == 0:
                progress(done, total)
    _flush(conn, inserts, updates, name_updates, renumbered)

    vanished = [{"b_id": row.id} for secret, row in stored.items() if secret not in in_file and row.active]
    for chunk in _chunks(vanished):
        conn.execute(_deactivate_position, chunk)
    summary.tickets_deactivated = len(vanished)
    summary.checkins_kept = conn.execute(
        select(func.count()).select_from(checkins.join(positions, checkins.c.position_id == positions.c.id))
        .where(positions.c.event_id == event_id)
    ).scalar_one()
    if progress:
        progress(total, total)
    return summary


def _flush(conn: Connection, inserts: list, updates: list, name_updates: list, renumbered: list) -> None:
    """Write the pending rows and empty the lists."""
    if renumbered:
        conn.execute(_set_position_pretix_id, renumbered)
    if updates:
        conn.execute(_update_position, updates)
    if name_updates:
        conn.execute(_update_position_names, name_updates)
    if inserts and conn.dialect.name == "sqlite":
        _insert_sqlite(conn, inserts)
    elif inserts:
        bulk_insert(conn, positions, inserts)
    for pending in (inserts, updates, name_updates, renumbered):
        pending.clear()


def _insert_sqlite(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert positions with multi-row VALUES statements.

    SQLite's FTS5 search index is flushed at the end of every statement, so one statement
    per row (executemany) is about 5x slower. The SQL is built here because SQLAlchemy's
    compiler is slow for statements with thousands of parameters.
    """
    columns = list(rows[0])
    head = f"INSERT INTO positions ({', '.join(columns)}) VALUES "
    one = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), SQLITE_ROWS_PER_INSERT):
        chunk = rows[start : start + SQLITE_ROWS_PER_INSERT]
        params = tuple(row[column] for row in chunk for column in columns)
        conn.exec_driver_sql(head + ", ".join([one] * len(chunk)), params)


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of the same keys: COPY on PostgreSQL (several times faster), else executemany."""
    if conn.dialect.name != "postgresql":
        for chunk in _chunks(rows):
            conn.execute(table.insert(), chunk)
        return
    columns = list(rows[0])
    cursor = conn.connection.dbapi_connection.cursor()  # same transaction as conn
    try:
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row[column] for column in columns))
    finally:
        cursor.close()
