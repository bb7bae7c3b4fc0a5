"""The SQL of whole-list answers: the download's rows and the status counts."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Connection, bindparam, func, literal, select

from server.schema import checkins, events, orders, organizers, positions, products, variations
from server.store.prepared import Prepared
from server.store.tickets import listed, on_list_clause, status_clause, ticket_select


def _of_list(stmt, all_products: bool, statuses: tuple[str, ...]):
    stmt = stmt.where(positions.c.event_id == bindparam("event_id"), positions.c.active, status_clause(statuses))
    on_list = on_list_clause(all_products)
    return stmt if on_list is None else stmt.where(on_list)


@functools.cache
def _download(all_products: bool, statuses: tuple[str, ...]) -> Prepared:
    # One statement per list kind, built once.
    return Prepared(_of_list(ticket_select(), all_products, statuses).order_by(positions.c.pretix_id))


@functools.cache
def _download_all(all_products: bool) -> Prepared:
    on_list = literal(True) if all_products else listed
    return Prepared(
        ticket_select(on_list.label("on_list"))
        .where(positions.c.event_id == bindparam("event_id"), positions.c.active)
        .order_by(positions.c.pretix_id)
    )


def download_rows(
    conn: Connection, event_id: int, list_id: int, all_products: bool, statuses: tuple[str, ...] | None
) -> list[tuple]:
    """``ticket_select`` rows as plain tuples, by pretix position id: the event's active positions of
    orders in ``statuses`` on the list's products; ``statuses`` None = every active position of the
    event, with an ``on_list`` column at the end."""
    statement = _download_all(all_products) if statuses is None else _download(all_products, statuses)
    return statement.tuples(conn, {"event_id": event_id, "list_id": list_id})


def status_counts(
    conn: Connection, event_id: int, list_id: int, all_products: bool, statuses: tuple[str, ...]
) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(checked in, total) per (product id, variation id): active positions of orders in ``statuses``
    on the list's products; checked in = has an admitting check-in on the list."""
    admitted = (
        select(checkins.c.id)
        .where(checkins.c.position_id == positions.c.id, checkins.c.list_id == bindparam("list_id"), checkins.c.is_first)
        .limit(1)
        .scalar_subquery()
    )
    counts_stmt = _of_list(
        select(
            positions.c.product_id,
            positions.c.variation_id,
            func.count(positions.c.id),
            func.count(admitted),
        ).select_from(positions.join(orders, orders.c.id == positions.c.order_id)),
        all_products,
        statuses,
    ).group_by(positions.c.product_id, positions.c.variation_id)
    params = {"event_id": event_id, "list_id": list_id}
    return {
        (product_id, variation_id): (checked, total)
        for product_id, variation_id, total, checked in conn.execute(counts_stmt, params)
    }


def event_products(conn: Connection, event_id: int) -> list[Any]:
    """The event's products (id, pretix_id, name, admission), by pretix id."""
    return list(
        conn.execute(
            select(products.c.id, products.c.pretix_id, products.c.name, products.c.admission)
            .where(products.c.event_id == event_id)
            .order_by(products.c.pretix_id)
        )
    )


def event_variations(conn: Connection, event_id: int) -> list[Any]:
    """The event's variations (id, product_id, pretix_id, name), by pretix id."""
    return list(
        conn.execute(
            select(variations.c.id, variations.c.product_id, variations.c.pretix_id, variations.c.name)
            .join(products, products.c.id == variations.c.product_id)
            .where(products.c.event_id == event_id)
            .order_by(variations.c.pretix_id)
        )
    )


def event_details(conn: Connection, event_id: int) -> Any:
    """The event's name, slug, dates, time zone, url and its organizer's name and slug."""
    return conn.execute(
        select(
            events.c.name,
            events.c.slug,
            events.c.date_from,
            events.c.date_to,
            events.c.timezone,
            events.c.url,
            organizers.c.name.label("organizer_name"),
            organizers.c.slug.label("organizer_slug"),
        )
        .join(organizers, organizers.c.id == events.c.organizer_id)
        .where(events.c.id == event_id)
    ).one()
