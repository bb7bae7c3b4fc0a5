"""The ticket ``data`` object of the pretixdroid API, shared by redeem, search and download.

The rows come from ``server.store.tickets.ticket_select``; this module only shapes them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server.rules.admission import PAID, PENDING


def admissible_statuses(include_pending: bool) -> tuple[str, ...]:
    """Order statuses a station may admit on a list (``checkin_allowed``): paid, plus pending with include_pending."""
    return (PAID, PENDING) if include_pending else (PAID,)


def checkin_text(item_text: str | None, variation_text: str | None, order_text: str | None) -> str | None:
    """pretix's check-in text of a ticket: its product's, its variation's and its order's, one per line."""
    texts = [text for text in (item_text, variation_text, order_text) if text]
    return "\n".join(dict.fromkeys(texts)) or None


def first_checkin(when: datetime | str | None, station: str | None) -> dict[str, Any] | None:
    """The extension ``first_checkin``: when (ISO UTC with ``Z``) and by which key the list's admitting
    check-in was made; None when there is none. ``when``: naive UTC (as text from the raw SQLite driver)."""
    if when is None:
        return None
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return {"datetime": iso_utc(when), "station": station}


def iso_utc(when: datetime | str | None) -> str | None:
    """A naive UTC time (or the raw SQLite driver's text of one) as ISO 8601 with ``Z`` and a four-digit year;
    None stays None."""
    if when is None:
        return None
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return f"{when.year:04d}-{when:%m-%dT%H:%M:%S}Z"  # strftime("%Y") writes year 1 as "1"


def ticket_data(row: Any, include_pending: bool, addons_text: str, redeemed: bool) -> dict[str, Any]:
    """The API's ``data`` object for a row of ``ticket_select``, with our extensions ``first_checkin``
    and ``checkin_text`` (docs/api.md)."""
    paid = row.status == PAID
    return {
        "secret": row.secret,
        "order": row.order_code,
        "item": row.item,
        "item_id": row.item_id,
        "variation": row.variation,
        "variation_id": row.variation_id,
        # An empty name counts as no name, so the fallbacks apply.
        "attendee_name": row.attendee_name or row.parent_name or row.invoice_name or None,
        "redeemed": redeemed,
        "paid": paid,
        "checkin_allowed": paid or (include_pending and row.status == PENDING),
        "attention": bool(row.product_attention or row.order_attention),
        "addons_text": addons_text,
        "first_checkin": first_checkin(row.first_checkin_at, row.first_checkin_station),
        "checkin_text": checkin_text(row.item_checkin_text, row.variation_checkin_text, row.order_checkin_text),
    }


def bulk_ticket_data(
    rows: list[tuple], include_pending: bool, texts: dict[int, str], full: bool = False
) -> list[dict[str, Any]]:
    """``ticket_data`` for many plain tuples in ``ticket_select`` column order (download: 100,000 rows).

    ``full``: the rows end with an ``on_list`` column, and each entry also gets ``order_status``,
    ``on_list``, ``first_checkin`` and ``checkin_text`` (the download extension our stations use).
    """
    result = []
    append = result.append
    for (
        _id, pretix_id, secret, attendee_name, order_code, status, invoice_name, order_attention,
        item_id, item, product_attention, variation_id, variation, parent_name, first_id, first_at, first_station,
        item_text, variation_text, order_text, blocked, valid_from, valid_until, *extra,
    ) in rows:  # fmt: skip
        paid = status == PAID
        entry = {
            "secret": secret,
            "order": order_code,
            "item": item,
            "item_id": item_id,
            "variation": variation,
            "variation_id": variation_id,
            "attendee_name": attendee_name or parent_name or invoice_name or None,
            "redeemed": first_id is not None,
            "paid": paid,
            "checkin_allowed": paid or (include_pending and status == PENDING),
            "attention": bool(product_attention or order_attention),
            "addons_text": texts.get(pretix_id, ""),
        }
        if full:
            entry["order_status"] = status
            entry["on_list"] = bool(extra[0])
            # Most tickets have neither: no call for them (100,000 rows).
            entry["first_checkin"] = None if first_at is None else first_checkin(first_at, first_station)
            entry["checkin_text"] = (
                checkin_text(item_text, variation_text, order_text) if item_text or variation_text or order_text
                else None
            )
            # pretix sync: a blocked ticket and its validity window (ISO UTC or null), decided as on the host.
            entry["blocked"] = bool(blocked)
            entry["valid_from"] = iso_utc(valid_from)
            entry["valid_until"] = iso_utc(valid_until)
        append(entry)
    return result
