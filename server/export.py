"""Every check-in of an event as CSV: the audit trail, forced re-scans included."""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy import Engine, and_, func, select

from server.admin import require_event
from server.pretix.admin import connected_to
from server.rules.tickets import iso_utc
from server.schema import checkin_lists, checkins, keys, orders, positions, products, variations

HEADER = ["secret", "order", "attendee_name", "product", "variation", "list", "time", "station", "forced", "nonce",
          "source", "pretix_upload"]
# Where a check-in came from: made here (a station, staff, an offline upload) or pulled from pretix
# (pretixSCAN devices, the pretix backend); and for ours, whether pretix has it.
_UPLOAD = {"p": "waiting", "u": "uploaded", "x": "rejected", "r": ""}


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
            checkins.c.upload,
            checkins.c.upload_error,
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
        connected = connected_to(conn, ref.event_id) is not None
        for secret, order, name, product, variation, list_name, when, station, forced, nonce, upload, error in result:
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
                "pretix" if upload == "r" else "here",
                _upload_state(upload, error, connected),
            ])
            count += 1
    return count


def _upload_state(upload: str, error: str | None, connected: bool) -> str:
    if upload == "x":
        return f"rejected: {error}" if error else "rejected"
    if upload == "p" and not connected:
        return ""  # not connected: nothing is uploaded
    return _UPLOAD.get(upload, "")
