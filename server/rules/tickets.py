"""The ticket ``data`` object of the pretixdroid API, shared by redeem, search and download.

One select (``ticket_select``) fetches everything a ``data`` object needs in a single
joined query; add-on names come from one extra query (``addon_names``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, and_, bindparam, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from server.rules.prepared import Prepared
from server.schema import checkin_list_products, checkins, orders, positions, products, variations

PAID = "p"
PENDING = "n"
# Longest ticket secret the store can hold; anything longer is an unknown ticket.
MAX_SECRET_LENGTH = 255

parent = positions.alias("parent")
positions_addon = positions.alias("addon")

# The list's first (admitting) check-in of the row's position; NULL = not redeemed on the list.
_first_checkin = (
    select(checkins.c.id)
    .where(
        checkins.c.position_id == positions.c.id,
        checkins.c.list_id == bindparam("list_id"),
        checkins.c.is_first,
    )
    .limit(1)
    .scalar_subquery()
)


# Where a ticket's columns come from, after its position: order and product, variation, add-on parent.
TICKET_JOINS = (
    (orders, orders.c.id == positions.c.order_id, False),
    (products, products.c.id == positions.c.product_id, False),
    (variations, variations.c.id == positions.c.variation_id, True),
    (parent, and_(parent.c.event_id == positions.c.event_id, parent.c.pretix_id == positions.c.addon_to), True),
)


def ticket_from(base, on=None):
    """``positions`` and its ``TICKET_JOINS`` (``base`` None), or all of them LEFT JOINed to ``base`` ``on``."""
    joined = positions if base is None else base.outerjoin(positions, on)
    for table, clause, optional in TICKET_JOINS:
        # Joined to a base, every join is LEFT: flat, so the planner can look the position up by index first.
        joined = joined.outerjoin(table, clause) if optional or base is not None else joined.join(table, clause)
    return joined


def ticket_select(*extra: ColumnElement) -> Select:
    """SELECT of every column ``ticket_data`` reads (plus ``extra``), from positions and its joins.

    Bind parameter ``list_id`` must be given on execution.
    """
    return select(
        positions.c.id,
        positions.c.pretix_id,
        positions.c.secret,
        positions.c.attendee_name,
        orders.c.code.label("order_code"),
        orders.c.status,
        orders.c.invoice_name,
        orders.c.attention.label("order_attention"),
        products.c.pretix_id.label("item_id"),
        products.c.name.label("item"),
        # The product's flag, or its variation's (pretix flags either: e.g. a "VIP" variation).
        or_(products.c.attention, func.coalesce(variations.c.attention, false())).label("product_attention"),
        variations.c.pretix_id.label("variation_id"),
        variations.c.name.label("variation"),
        parent.c.attendee_name.label("parent_name"),
        _first_checkin.label("first_checkin"),
        *extra,
    ).select_from(ticket_from(None))


def on_list_clause(all_products: bool) -> ColumnElement[bool] | None:
    """WHERE term limiting positions to the list's products (bind ``list_id``); None for an all-products list."""
    if all_products:
        return None
    return positions.c.product_id.in_(
        select(checkin_list_products.c.product_id).where(checkin_list_products.c.list_id == bindparam("list_id"))
    )


def admissible_clause(include_pending: bool) -> ColumnElement[bool]:
    """WHERE term for order statuses a station may admit offline: paid, plus pending with include_pending."""
    if include_pending:
        return or_(orders.c.status == PAID, orders.c.status == PENDING)
    return orders.c.status == PAID


ADDONS = select(positions.c.addon_to, positions.c.pretix_id, products.c.name).join(
    products, products.c.id == positions.c.product_id
)
# No ORDER BY: it would tempt SQLite into walking the whole event; sorted in Python instead.
_ADDONS_OF_EVENT = Prepared(
    ADDONS.where(positions.c.event_id == bindparam("event_id"), positions.c.active, positions.c.addon_to.is_not(None))
)
_ADDONS_OF_PARENTS = ADDONS.where(
    positions.c.event_id == bindparam("event_id"),
    positions.c.active,
    positions.c.addon_to.in_(bindparam("parents", expanding=True)),
)
# Number of active add-ons of the row's position: lets a redeem skip the add-on query.
addon_count = (
    select(func.count())
    .where(
        positions_addon.c.event_id == positions.c.event_id,
        positions_addon.c.addon_to == positions.c.pretix_id,
        positions_addon.c.active,
    )
    .scalar_subquery()
)


def addon_names(conn, event_id: int, parent_ids: Iterable[int] | None = None) -> dict[int, str]:
    """``addons_text`` per parent pretix position id: active add-ons' product names, ``", "``-joined.

    ``parent_ids`` None means every parent of the event (download).
    """
    if parent_ids is None:
        rows = _ADDONS_OF_EVENT.tuples(conn, {"event_id": event_id})
    else:
        wanted = list(parent_ids)
        if not wanted:
            return {}
        rows = conn.execute(_ADDONS_OF_PARENTS, {"event_id": event_id, "parents": wanted}).all()
    names: dict[int, list[tuple[int, str]]] = {}
    for addon_to, pretix_id, name in rows:
        names.setdefault(addon_to, []).append((pretix_id, name))
    return {
        key: value[0][1] if len(value) == 1 else ", ".join(name for _, name in sorted(value))
        for key, value in names.items()
    }


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


def bulk_ticket_data(rows: list[tuple], include_pending: bool, texts: dict[int, str]) -> list[dict[str, Any]]:
    """``ticket_data`` for many plain tuples in ``ticket_select`` column order (download: 100,000 rows)."""
    result = []
    append = result.append
    for (
        _id, pretix_id, secret, attendee_name, order_code, status, invoice_name, order_attention,
        item_id, item, product_attention, variation_id, variation, parent_name, first_checkin, *_extra,
    ) in rows:  # fmt: skip
        paid = status == PAID
        append(
            {
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
        )
    return result


def rows_to_data(conn, event_id: int, include_pending: bool, rows: list) -> list[dict]:
    """``data`` objects for ``ticket_select`` rows (with ``addon_count``): add-on names in one query, if any."""
    with_addons = [row.pretix_id for row in rows if row.addon_count]
    texts = addon_names(conn, event_id, with_addons) if with_addons else {}
    return [
        ticket_data(row, include_pending, texts.get(row.pretix_id, ""), row.first_checkin is not None)
        for row in rows
    ]
