"""Whole-list answers: ``download/`` (every ticket a station may admit offline) and ``status/`` (counts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from server.rules.access import AccessContext
from server.rules.tickets import admissible_statuses, bulk_ticket_data
from server.store import overview as store
from server.store.tickets import addon_names


def download(conn: Connection, ctx: AccessContext, full: bool = False) -> list[dict[str, Any]]:
    """Every ticket a station may admit offline on the key's list, as ``data`` objects, by position id.

    Positions of paid orders (plus pending ones with ``include_pending``) on the list's
    products, admission or not; add-ons are entries of their own. Two queries in all.
    ``full`` (our stations' extension): every active ticket of the event instead, each
    with its ``order_status`` and whether it is ``on_list``.
    """
    statuses = None if full else admissible_statuses(ctx.include_pending)
    rows = store.download_rows(conn, ctx.event_id, ctx.list_id, ctx.all_products, statuses)
    return bulk_ticket_data(rows, ctx.include_pending, addon_names(conn, ctx.event_id), full=full)


def iso_utc(value: datetime | None) -> str | None:
    """A stored naive-UTC datetime as ISO 8601 with ``Z``, or None."""
    return None if value is None else value.isoformat() + "Z"


def status(conn: Connection, ctx: AccessContext) -> dict[str, Any]:
    """The ``status/`` body (without ``version``): people checked in, totals, event and per-product counts.

    Counts the tickets ``download`` lists (without ``full``); checked in = people, not check-in rows.
    """
    statuses = admissible_statuses(ctx.include_pending)
    counts = store.status_counts(conn, ctx.event_id, ctx.list_id, ctx.all_products, statuses)
    per_product: dict[int, tuple[int, int]] = {}
    for (product_id, _variation), (checked, total) in counts.items():
        before = per_product.get(product_id, (0, 0))
        per_product[product_id] = (before[0] + checked, before[1] + total)

    variations_by_product: dict[int, list] = {}
    for row in store.event_variations(conn, ctx.event_id):
        variations_by_product.setdefault(row.product_id, []).append(row)

    items = []
    for product in store.event_products(conn, ctx.event_id):
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

    event = store.event_details(conn, ctx.event_id)
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
