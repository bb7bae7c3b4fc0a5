"""Every check-in of an event as CSV: the audit trail, forced re-scans included."""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy import Engine, and_, func, select

from server.admin import require_event
from server.rules.tickets import iso_utc
from server.schema import checkin_lists, checkins, keys, orders, positions, products, variations

HEADER = ["secret", "order", "attendee_name", "product", "variation", "list", "time", "station", "forced", "nonce"]


def _query(event_id: int):
    parent = positions.alias("parent")
    name = func.coalesce(
        func.nullif(positions.c.attendee_name, ""), func.nullif(parent.c.attendee_name, ""), orders.c.invoice_name
    )
    return (
        select(
            positions.c.secret,
            orders.c.code,
            name,
            products.c.name,
            variations.c.name,
            checkin_lists.c.name,
            checkins.c.datetime,
            keys.c.name,
            checkins.c.forced,
            checkins.c.nonce,
        )
        .select_from(
            checkins.join(positions, checkins.c.position_id == positions.c.id)
            .join(orders, positions.c.order_id == orders.c.id)
            .join(products, positions.c.product_id == products.c.id)
            .join(checkin_lists, checkins.c.list_id == checkin_lists.c.id)
            .outerjoin(variations, positions.c.variation_id == variations.c.id)
            .outerjoin(keys, checkins.c.key_id == keys.c.id)
            .outerjoin(
                parent, and_(parent.c.event_id == positions.c.event_id, parent.c.pretix_id == positions.c.addon_to)
            )
        )
        .where(positions.c.event_id == event_id)
        .order_by(checkins.c.datetime, checkins.c.id)
    )


def write_checkins_csv(engine: Engine, org: str, event: str, out: TextIO) -> int:
    """Write the event's check-ins as CSV (header, then one row per check-in by time); returns the row count.

    Raises server.admin.AdminError for an unknown event.
    """
    writer = csv.writer(out, lineterminator="\n")
    count = 0
    with engine.connect() as conn:
        ref = require_event(conn, org, event)
        writer.writerow(HEADER)
        result = conn.execution_options(yield_per=2000).execute(_query(ref.event_id))
        for secret, order, name, product, variation, list_name, when, station, forced, nonce in result:
            writer.writerow([
                secret,
                order,
                name or "",
                product,
                variation or "",
                list_name,
                iso_utc(when),
                station or "",
                "true" if forced else "false",
                nonce or "",
            ])
            count += 1
    return count
