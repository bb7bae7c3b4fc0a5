"""The sync's SQL: catalogue, lists, orders and check-ins from pretix; the outbox; the per-event lease.

Pulled data is written page by page, each page in one transaction, so a long first pull never
holds up a check-in for long. Positions are matched by pretix position id, on the first pull of
an event imported from a file by secret. Check-ins pulled from pretix are rows with ``upload``
"r"; our own uploaded check-ins are recognised when pulled back (same ticket and list, time
within 2 s) and get pretix's id instead of a second row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, true, update

from server.db import utcnow
from server.pretix.mapping import ListPlan, invoice_name, order_status, text, utc
from server.rules import fold_names
from server.schema import (
    checkin_list_products,
    checkin_lists,
    checkins,
    events,
    orders,
    organizers,
    positions,
    pretix_connections,
    products,
    variations,
)

LEASE_SECONDS = 90
MATCH_WINDOW = timedelta(seconds=2)


# -- connections and the lease ---------------------------------------------------------------------------

def connection_rows(conn: Connection) -> list[Any]:
    return conn.execute(
        select(pretix_connections, organizers.c.slug.label("org_slug"), events.c.slug.label("event_slug"))
        .join(events, events.c.id == pretix_connections.c.event_id)
        .join(organizers, organizers.c.id == events.c.organizer_id)
        .order_by(organizers.c.slug, events.c.slug)
    ).all()


def connection_row(conn: Connection, organizer: str, event: str) -> Any | None:
    return next((row for row in connection_rows(conn) if (row.org_slug, row.event_slug) == (organizer, event)), None)


def connection_of_event(conn: Connection, event_id: int) -> Any | None:
    return conn.execute(select(pretix_connections).where(pretix_connections.c.event_id == event_id)).first()


def take_lease(engine, connection_id: int, owner: str) -> bool:
    """Take (or renew) the event's sync lease for ``owner``; False if another live process holds it."""
    now = utcnow()
    with engine.begin() as conn:
        result = conn.execute(
            update(pretix_connections)
            .where(
                pretix_connections.c.id == connection_id,
                or_(
                    pretix_connections.c.lease_owner.is_(None),
                    pretix_connections.c.lease_owner == owner,
                    pretix_connections.c.lease_until < now,
                ),
            )
            .values(lease_owner=owner, lease_until=now + timedelta(seconds=LEASE_SECONDS))
        )
        return result.rowcount == 1


def release_lease(engine, connection_id: int, owner: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(pretix_connections)
            .where(pretix_connections.c.id == connection_id, pretix_connections.c.lease_owner == owner)
            .values(lease_owner=None, lease_until=None)
        )


def set_state(engine, connection_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(pretix_connections).where(pretix_connections.c.id == connection_id).values(**values))


# -- catalogue --------------------------------------------------------------------------------------------

def apply_items(conn: Connection, event_id: int, items: list[dict[str, Any]], locale: str | None) -> None:
    """Insert or update the event's products and variations from pretix's ``items/``."""
    stored = {row.pretix_id: row for row in conn.execute(
        select(products.c.id, products.c.pretix_id, products.c.name, products.c.admission, products.c.attention,
               products.c.checkin_text).where(products.c.event_id == event_id))}
    for item in items:
        values = {"name": text(item.get("name"), locale), "admission": bool(item.get("admission", True)),
                  "attention": bool(item.get("checkin_attention")), "checkin_text": item.get("checkin_text") or None}
        row = stored.get(item["id"])
        if row is None:
            product_id = conn.execute(products.insert().values(event_id=event_id, pretix_id=item["id"], **values)
                                      ).inserted_primary_key[0]
        else:
            product_id = row.id
            if any(getattr(row, key) != value for key, value in values.items()):
                conn.execute(products.update().where(products.c.id == row.id).values(**values))
        known = {v.pretix_id: v for v in conn.execute(
            select(variations.c.id, variations.c.pretix_id, variations.c.name, variations.c.attention,
                   variations.c.checkin_text).where(variations.c.product_id == product_id))}
        for variation in item.get("variations") or []:
            vvalues = {"name": text(variation.get("value"), locale),
                       "attention": bool(variation.get("checkin_attention")),
                       "checkin_text": variation.get("checkin_text") or None}
            vrow = known.get(variation["id"])
            if vrow is None:
                conn.execute(variations.insert().values(product_id=product_id, pretix_id=variation["id"], **vvalues))
            elif any(getattr(vrow, key) != value for key, value in vvalues.items()):
                conn.execute(variations.update().where(variations.c.id == vrow.id).values(**vvalues))


def local_list_targets(conn: Connection, event_id: int) -> dict[str, int | None]:
    return dict(conn.execute(select(checkin_lists.c.name, checkin_lists.c.pretix_id)
                             .where(checkin_lists.c.event_id == event_id)).all())


def apply_lists(conn: Connection, event_id: int, plan: ListPlan) -> None:
    """Mirror pretix's lists (name, products, include_pending) and point unmatched local lists at theirs."""
    product_ids = dict(conn.execute(select(products.c.pretix_id, products.c.id)
                                    .where(products.c.event_id == event_id)).all())
    local = {row.name: row.id for row in conn.execute(
        select(checkin_lists.c.id, checkin_lists.c.name).where(checkin_lists.c.event_id == event_id))}
    wanted: dict[str, int] = {name: pid for pid, name in plan.display.items()}
    wanted.update(plan.mapped)
    for name, pid in wanted.items():
        pl = plan.lists[pid]
        values = {"pretix_id": pid, "all_products": bool(pl.get("all_products")),
                  "include_pending": bool(pl.get("include_pending"))}
        list_id = local.get(name)
        if list_id is None:
            list_id = conn.execute(checkin_lists.insert().values(event_id=event_id, name=name, **values)
                                   ).inserted_primary_key[0]
        else:
            conn.execute(checkin_lists.update().where(checkin_lists.c.id == list_id).values(**values))
        limited = set() if pl.get("all_products") else {
            product_ids[item] for item in pl.get("limit_products") or [] if item in product_ids}
        stored = set(conn.execute(select(checkin_list_products.c.product_id)
                                  .where(checkin_list_products.c.list_id == list_id)).scalars())
        if stored - limited:
            conn.execute(delete(checkin_list_products).where(checkin_list_products.c.list_id == list_id,
                                                             checkin_list_products.c.product_id.in_(stored - limited)))
        if limited - stored:
            conn.execute(checkin_list_products.insert(),
                         [{"list_id": list_id, "product_id": p} for p in sorted(limited - stored)])


def list_map(conn: Connection, event_id: int) -> dict[int, list[int]]:
    """pretix list id -> our list ids mapped to it."""
    result: dict[int, list[int]] = {}
    for list_id, pid in conn.execute(select(checkin_lists.c.id, checkin_lists.c.pretix_id).where(
            checkin_lists.c.event_id == event_id, checkin_lists.c.pretix_id.is_not(None)).order_by(checkin_lists.c.id)):
        result.setdefault(pid, []).append(list_id)
    return result


# -- orders -----------------------------------------------------------------------------------------------

@dataclass
class PageResult:
    orders: int = 0
    positions: int = 0
    missing_items: bool = False


def apply_orders(conn: Connection, event_id: int, page: list[dict[str, Any]], subevent: int | None,
                 lists: dict[int, list[int]]) -> PageResult:
    """Write one page of pretix orders (with their positions and check-ins) in the caller's transaction."""
    result = PageResult()
    product_ids = dict(conn.execute(select(products.c.pretix_id, products.c.id)
                                    .where(products.c.event_id == event_id)).all())
    variation_ids = dict(conn.execute(
        select(variations.c.pretix_id, variations.c.id).join(products, products.c.id == variations.c.product_id)
        .where(products.c.event_id == event_id)).all())
    codes = [order["code"] for order in page]
    stored_orders = {row.code: row for row in conn.execute(
        select(orders).where(orders.c.event_id == event_id, orders.c.code.in_(codes)))}
    all_positions = [p for order in page for p in order.get("positions") or []]
    ids = [p["id"] for p in all_positions]
    secrets = [p["secret"] for p in all_positions]
    by_id, by_secret = {}, {}
    for row in conn.execute(select(positions).where(
            positions.c.event_id == event_id,
            or_(positions.c.pretix_id.in_(ids), positions.c.secret.in_(secrets),
                positions.c.order_id.in_([row.id for row in stored_orders.values()])))):
        by_id[row.pretix_id] = row
        by_secret[row.secret] = row
    for order in page:
        result.orders += 1
        if order.get("testmode"):
            continue
        values = {"status": order_status(order), "email": order.get("email") or None,
                  "invoice_name": invoice_name(order), "testmode": False,
                  "attention": bool(order.get("checkin_attention")), "checkin_text": order.get("checkin_text") or None}
        row = stored_orders.get(order["code"])
        if row is None:
            order_id = conn.execute(orders.insert().values(event_id=event_id, code=order["code"], **values)
                                    ).inserted_primary_key[0]
        else:
            order_id = row.id
            if any(getattr(row, key) != value for key, value in values.items()):
                conn.execute(orders.update().where(orders.c.id == order_id).values(**values))
        names = {p["id"]: p.get("attendee_name") for p in order.get("positions") or []}
        seen = set()
        for p in order.get("positions") or []:
            if subevent is not None and p.get("subevent") not in (None, subevent):
                continue
            product_id = product_ids.get(p["item"])
            if product_id is None:
                result.missing_items = True
                continue
            parent = names.get(p.get("addon_to")) if p.get("addon_to") else None
            attendee = p.get("attendee_name") or None
            pvalues = {
                "order_id": order_id, "pretix_id": p["id"], "secret": p["secret"],
                "secret_folded": p["secret"].casefold(), "product_id": product_id,
                "variation_id": variation_ids.get(p.get("variation")) if p.get("variation") else None,
                "attendee_name": attendee, "addon_to": p.get("addon_to"), "active": True,
                "order_code_folded": order["code"].casefold(),
                "names_folded": fold_names(attendee, parent, values["invoice_name"]),
                "blocked": bool(p.get("blocked")), "valid_from": utc(p.get("valid_from")),
                "valid_until": utc(p.get("valid_until")), "canceled": bool(p.get("canceled")),
            }
            existing = by_id.get(p["id"]) or by_secret.get(p["secret"])
            if existing is not None and existing.pretix_id != p["id"]:
                # First pull over a file import: matched by secret. Park any other row holding that pretix id.
                other = by_id.get(p["id"])
                if other is not None and other.id != existing.id:
                    conn.execute(positions.update().where(positions.c.id == other.id).values(pretix_id=-other.id))
            if existing is not None and existing.secret != p["secret"]:
                # Regenerated secret: if a stale row holds the new secret, free it first.
                clash = by_secret.get(p["secret"])
                if clash is not None and clash.id != existing.id:
                    conn.execute(positions.update().where(positions.c.id == clash.id).values(
                        secret=f"{clash.secret}~{clash.id}", active=False))
            if existing is None:
                position_id = conn.execute(positions.insert().values(event_id=event_id, **pvalues)
                                           ).inserted_primary_key[0]
            else:
                position_id = existing.id
                changed = {key: value for key, value in pvalues.items() if getattr(existing, key) != value}
                if changed:
                    conn.execute(positions.update().where(positions.c.id == position_id).values(**changed))
            seen.add(position_id)
            result.positions += 1
            _apply_checkins(conn, position_id, p.get("checkins") or [], lists)
        # Positions pretix no longer lists for this order (deleted) scan as unknown.
        conn.execute(positions.update().where(positions.c.order_id == order_id, positions.c.active,
                                              positions.c.id.not_in(seen) if seen else true()).values(active=False))
    return result


def _apply_checkins(conn: Connection, position_id: int, pulled: list[dict[str, Any]],
                    lists: dict[int, list[int]]) -> None:
    rows = conn.execute(select(checkins.c.id, checkins.c.list_id, checkins.c.datetime, checkins.c.upload,
                               checkins.c.pretix_id, checkins.c.is_first)
                        .where(checkins.c.position_id == position_id)).all()
    if not rows and not pulled:
        return
    known = {row.pretix_id for row in rows if row.pretix_id is not None}
    wanted = set()
    claimed: set[int] = set()
    for checkin in pulled:
        if checkin.get("type", "entry") != "entry" or checkin.get("list") not in lists:
            continue
        wanted.add(checkin["id"])
        if checkin["id"] in known:
            continue
        when = utc(checkin["datetime"])
        local_lists = lists[checkin["list"]]
        ours = next((row for row in rows if row.pretix_id is None and row.upload in ("u", "p")
                     and row.id not in claimed and row.list_id in local_lists
                     and abs(row.datetime - when) <= MATCH_WINDOW), None)
        if ours is not None:  # our own upload, pulled back
            claimed.add(ours.id)
            conn.execute(checkins.update().where(checkins.c.id == ours.id).values(pretix_id=checkin["id"]))
            continue
        now = utcnow()
        for list_id in local_lists:
            first = not any(row.list_id == list_id and row.is_first for row in rows) and not conn.execute(
                select(checkins.c.id).where(checkins.c.position_id == position_id, checkins.c.list_id == list_id,
                                            checkins.c.is_first)).first()
            conn.execute(checkins.insert().values(
                position_id=position_id, list_id=list_id, datetime=when, nonce=None, forced=False, is_first=first,
                key_id=None, received_at=now, upload="r", pretix_id=checkin["id"]))
    gone = [row for row in rows if row.upload == "r" and row.pretix_id not in wanted]
    for row in gone:  # annulled or deleted in pretix: the ticket is usable again (our own rows stay)
        conn.execute(delete(checkins).where(checkins.c.id == row.id))
        if row.is_first:
            successor = conn.execute(select(checkins.c.id).where(
                checkins.c.position_id == position_id, checkins.c.list_id == row.list_id)
                .order_by(checkins.c.datetime, checkins.c.id).limit(1)).scalar()
            if successor is not None:
                conn.execute(checkins.update().where(checkins.c.id == successor).values(is_first=True))


# -- the outbox -------------------------------------------------------------------------------------------

def pending_batch(conn: Connection, event_id: int, limit: int = 50) -> list[Any]:
    """The oldest check-ins waiting for upload on the event's mapped lists, in the order they were made."""
    return conn.execute(
        select(checkins.c.id, checkins.c.nonce, checkins.c.datetime, positions.c.secret,
               checkin_lists.c.pretix_id.label("list_pretix_id"))
        .join(checkin_lists, checkin_lists.c.id == checkins.c.list_id)
        .join(positions, positions.c.id == checkins.c.position_id)
        .where(checkin_lists.c.event_id == event_id, checkins.c.upload == "p", checkin_lists.c.pretix_id.is_not(None))
        .order_by(checkins.c.id)
        .limit(limit)
    ).all()


def outbox_counts(conn: Connection, event_id: int) -> tuple[int, int]:
    """(waiting, rejected) check-ins of the event."""
    counts = dict(conn.execute(
        select(checkins.c.upload, func.count())
        .join(checkin_lists, checkin_lists.c.id == checkins.c.list_id)
        .where(checkin_lists.c.event_id == event_id, checkins.c.upload.in_(("p", "x")))
        .group_by(checkins.c.upload)).all())
    return counts.get("p", 0), counts.get("x", 0)


def has_pending(conn: Connection, event_id: int) -> bool:
    return conn.execute(
        select(checkins.c.id).join(checkin_lists, checkin_lists.c.id == checkins.c.list_id)
        .where(checkin_lists.c.event_id == event_id, checkins.c.upload == "p", checkin_lists.c.pretix_id.is_not(None))
        .limit(1)).first() is not None


def rejected_rows(conn: Connection, event_id: int, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(checkins.c.datetime, positions.c.secret, positions.c.attendee_name, checkins.c.upload_error)
        .join(positions, positions.c.id == checkins.c.position_id)
        .where(positions.c.event_id == event_id, checkins.c.upload == "x")
        .order_by(checkins.c.id.desc()).limit(limit)).all()
    return [{"time": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "secret": secret[:6] + "…", "attendee": name or "",
             "reason": reason or ""} for when, secret, name, reason in rows]


def set_nonce(engine, checkin_id: int, nonce: str) -> str:
    """Give a check-in without a station nonce one of the host's own (kept for every retry); returns the nonce."""
    with engine.begin() as conn:
        conn.execute(update(checkins).where(checkins.c.id == checkin_id, checkins.c.nonce.is_(None))
                     .values(nonce=nonce))
        return conn.execute(select(checkins.c.nonce).where(checkins.c.id == checkin_id)).scalar_one()


def mark(engine, checkin_id: int, state: str, error: str | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(update(checkins).where(checkins.c.id == checkin_id).values(upload=state, upload_error=error))


def json_lines(value: str | None) -> list[str]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(line) for line in data] if isinstance(data, list) else []


def checkins_of_event_exist(conn: Connection, event_id: int) -> bool:
    return conn.execute(select(checkins.c.id).join(positions, positions.c.id == checkins.c.position_id)
                        .where(positions.c.event_id == event_id).limit(1)).first() is not None
