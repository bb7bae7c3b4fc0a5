"""Whole-list answers: ``download/`` (every admissible ticket) and ``status/`` (counts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from server.rules.access import AccessContext
from server.rules.prepared import Prepared
from server.rules.tickets import (
    addon_names,
    admissible_clause,
    bulk_ticket_data,
    on_list_clause,
    ticket_select,
)
from server.schema import checkins, events, orders, organizers, positions, products, variations


def _admissible(stmt, all_products: bool, include_pending: bool):
    stmt = stmt.where(
        positions.c.event_id == bindparam("event_id"), positions.c.active, admissible_clause(include_pending)
    )
    listed = on_list_clause(all_products)
    return stmt if listed is None else stmt.where(listed)


# One statement per list kind (all products?, include pending?), built once.
_DOWNLOAD = {
    (all_products, include_pending): Prepared(
        _admissible(ticket_select(), all_products, include_pending).order_by(positions.c.pretix_id)
    )
    for all_products in (True, False)
    for include_pending in (True, False)
}


def download(conn: Connection, ctx: AccessContext) -> list[dict[str, Any]]:
    """Every ticket a station may admit offline on the key's list, as ``data`` objects, by position id.

    Positions of paid orders (plus pending ones with ``include_pending``) on the list's
    products, admission or not; add-ons are entries of their own. Two queries in all.
    """
    statement = _DOWNLOAD[(ctx.all_products, ctx.include_pending)]
    rows = statement.tuples(conn, {"event_id": ctx.event_id, "list_id": ctx.list_id})
    return bulk_ticket_data(rows, ctx.include_pending, addon_names(conn, ctx.event_id))


def iso_utc(value: datetime | None) -> str | None:
    """A stored naive-UTC datetime as ISO 8601 with ``Z``, or None."""
    return None if value is None else value.isoformat() + "Z"


def status(conn: Connection, ctx: AccessContext) -> dict[str, Any]:
    """The ``status/`` body (without ``version``): people checked in, totals, event and per-product counts."""
    admitted = (
        select(checkins.c.id)
        .where(checkins.c.position_id == positions.c.id, checkins.c.list_id == bindparam("list_id"), checkins.c.is_first)
        .limit(1)
        .scalar_subquery()
    )
    counts_stmt = _admissible(
        select(
            positions.c.product_id,
            positions.c.variation_id,
            func.count(positions.c.id),
            func.count(admitted),
        ).select_from(positions.join(orders, orders.c.id == positions.c.order_id)),
        ctx.all_products,
        ctx.include_pending,
    ).group_by(positions.c.product_id, positions.c.variation_id)
    params = {"event_id": ctx.event_id, "list_id": ctx.list_id}
    counts: dict[tuple[int, int | None], tuple[int, int]] = {
        (product_id, variation_id): (checked, total)
        for product_id, variation_id, total, checked in conn.execute(counts_stmt, params)
    }
    per_product: dict[int, tuple[int, int]] = {}
    for (product_id, _variation), (checked, total) in counts.items():
        before = per_product.get(product_id, (0, 0))
        per_product[product_id] = (before[0] + checked, before[1] + total)

    variations_by_product: dict[int, list] = {}
    for row in conn.execute(
        select(variations.c.id, variations.c.product_id, variations.c.pretix_id, variations.c.name)
        .join(products, products.c.id == variations.c.product_id)
        .where(products.c.event_id == ctx.event_id)
        .order_by(variations.c.pretix_id)
    ):
        variations_by_product.setdefault(row.product_id, []).append(row)

    items = []
    for product in conn.execute(
        select(products.c.id, products.c.pretix_id, products.c.name, products.c.admission)
        .where(products.c.event_id == ctx.event_id)
        .order_by(products.c.pretix_id)
    ):
        item_checked, item_total = per_product.get(product.id, (0, 0))
        item_variations = []
        for variation in variations_by_product.get(product.id, []):
            checked, total = counts.get((product.id, variation.id), (0, 0))
            item_variations.append(
                {"id": variation.pretix_id, "name": variation.name, "checkins": checked, "total": total}
            )
        items.append(
            {
                "id": product.pretix_id,
                "name": product.name,
                "admission": bool(product.admission),
                "checkins": item_checked,
                "total": item_total,
                "variations": item_variations,
            }
        )

    event = conn.execute(
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
        .where(events.c.id == ctx.event_id)
    ).one()
    return {
        "checkins": sum(checked for checked, _ in counts.values()),
        "total": sum(total for _, total in counts.values()),
        "event": {
            "name": event.name,
            "slug": event.slug,
            "list": ctx.list_name,
            "date_from": iso_utc(event.date_from),
            "date_to": iso_utc(event.date_to),
            "timezone": event.timezone or "UTC",
            "url": event.url or None,
            "organizer": {"name": event.organizer_name, "slug": event.organizer_slug},
        },
        "items": items,
    }
