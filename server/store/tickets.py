"""The tickets' SQL, shared by redeem, search and download.

One select (``ticket_select``) fetches everything a ``data`` object needs in a single
joined query; add-on names come from one extra query (``addon_names``). The shape of
``data`` itself is in ``server.rules.tickets``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, and_, bindparam, case, exists, false, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from server.schema import checkin_list_products, checkins, keys, orders, positions, products, variations
from server.store.prepared import Prepared

# Longest ticket secret the store can hold; anything longer is an unknown ticket.
MAX_SECRET_LENGTH = 255

parent = positions.alias("parent")
positions_addon = positions.alias("addon")

# The list's first (admitting) check-in of the row's position and the key that made it, LEFT JOINed:
# the unique index uq_checkins_first allows at most one, so the join never multiplies rows, and
# its time and station come with the ticket in the same statement.
first_checkin = checkins.alias("first_checkin")
first_key = keys.alias("first_key")


def ticket_joins(list_id: ColumnElement) -> tuple:
    """Where a ticket's columns come from, after its position: order and product, variation, add-on
    parent, and the first check-in on the list ``list_id`` (a bind parameter or a column) with its key."""
    return (
        (orders, orders.c.id == positions.c.order_id, False),
        (products, products.c.id == positions.c.product_id, False),
        (variations, variations.c.id == positions.c.variation_id, True),
        (parent, and_(parent.c.event_id == positions.c.event_id, parent.c.pretix_id == positions.c.addon_to), True),
        (
            first_checkin,
            and_(
                first_checkin.c.position_id == positions.c.id,
                first_checkin.c.list_id == list_id,
                first_checkin.c.is_first,
            ),
            True,
        ),
        (first_key, first_key.c.id == first_checkin.c.key_id, True),
    )


def ticket_from(base, on=None, list_id: ColumnElement | None = None):
    """``positions`` and its ``ticket_joins`` (``base`` None), or all of them LEFT JOINed to ``base`` ``on``.

    ``list_id``: the check-in list's id (default: bind parameter ``list_id``).
    """
    joined = positions if base is None else base.outerjoin(positions, on)
    for table, clause, optional in ticket_joins(bindparam("list_id") if list_id is None else list_id):
        # Joined to a base, every join is LEFT: flat, so the planner can look the position up by index first.
        joined = joined.outerjoin(table, clause) if optional or base is not None else joined.join(table, clause)
    return joined


# A ticket's order status as the rules see it: a position canceled on its own in pretix counts as canceled.
STATUS = case((positions.c.canceled, literal("c")), else_=orders.c.status)


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
        STATUS.label("status"),
        orders.c.invoice_name,
        orders.c.attention.label("order_attention"),
        products.c.pretix_id.label("item_id"),
        products.c.name.label("item"),
        # The product's flag, or its variation's (pretix flags either: e.g. a "VIP" variation).
        or_(products.c.attention, func.coalesce(variations.c.attention, false())).label("product_attention"),
        variations.c.pretix_id.label("variation_id"),
        variations.c.name.label("variation"),
        parent.c.attendee_name.label("parent_name"),
        first_checkin.c.id.label("first_checkin"),
        first_checkin.c.datetime.label("first_checkin_at"),
        first_key.c.name.label("first_checkin_station"),
        products.c.checkin_text.label("item_checkin_text"),
        variations.c.checkin_text.label("variation_checkin_text"),
        orders.c.checkin_text.label("order_checkin_text"),
        positions.c.blocked,
        positions.c.valid_from,
        positions.c.valid_until,
        *extra,
    ).select_from(ticket_from(None))


# Whether the row's product is on the list ``list_id`` (for a list of some products).
listed = exists().where(
    checkin_list_products.c.list_id == bindparam("list_id"),
    checkin_list_products.c.product_id == positions.c.product_id,
)


def on_list_clause(all_products: bool) -> ColumnElement[bool] | None:
    """WHERE term limiting positions to the list's products (bind ``list_id``); None for an all-products list."""
    if all_products:
        return None
    return positions.c.product_id.in_(
        select(checkin_list_products.c.product_id).where(checkin_list_products.c.list_id == bindparam("list_id"))
    )


def status_clause(statuses: tuple[str, ...]) -> ColumnElement[bool]:
    """WHERE term for admissible tickets: orders in one of ``statuses`` (positions canceled on their own count
    as canceled), not blocked in pretix."""
    return and_(or_(*(STATUS == status for status in statuses)), ~positions.c.blocked)


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
