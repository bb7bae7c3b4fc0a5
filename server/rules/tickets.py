"""The ticket ``data`` object of the pretixdroid API, shared by redeem, search and download.

The rows come from ``server.store.tickets.ticket_select``; this module only shapes them.
"""

from __future__ import annotations

from typing import Any

from server.rules.admission import PAID, PENDING


def admissible_statuses(include_pending: bool) -> tuple[str, ...]:
    """Order statuses a station may admit on a list (``checkin_allowed``): paid, plus pending with include_pending."""
    return (PAID, PENDING) if include_pending else (PAID,)


def ticket_data(row: Any, include_pending: bool, addons_text: str, redeemed: bool) -> dict[str, Any]:
    """The API's ``data`` object for a row of ``ticket_select``."""
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
    }


def bulk_ticket_data(
    rows: list[tuple], include_pending: bool, texts: dict[int, str], full: bool = False
) -> list[dict[str, Any]]:
    """``ticket_data`` for many plain tuples in ``ticket_select`` column order (download: 100,000 rows).

    ``full``: the rows end with an ``on_list`` column, and each entry also gets ``order_status``
    and ``on_list`` (the download extension our stations use).
    """
    result = []
    append = result.append
    for (
        _id, pretix_id, secret, attendee_name, order_code, status, invoice_name, order_attention,
        item_id, item, product_attention, variation_id, variation, parent_name, first_checkin, *extra,
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
            "redeemed": first_checkin is not None,
            "paid": paid,
            "checkin_allowed": paid or (include_pending and status == PENDING),
            "attention": bool(product_attention or order_attention),
            "addons_text": texts.get(pretix_id, ""),
        }
        if full:
            entry["order_status"] = status
            entry["on_list"] = bool(extra[0])
        append(entry)
    return result
