"""Administration of an event's keys, check-in lists and details (no Flask): used by the CLI and kiosk host mode.

Every function takes an Engine, runs in one transaction and raises AdminError with a plain
message for anything the operator got wrong; on error nothing is changed.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from server.db import utcnow
from server.events import DEFAULT_LIST_NAME, EventRef, find_event
from server.keys import generate_key, hash_key
from server.schema import (
    checkin_list_products,
    checkin_lists,
    events,
    keys,
    organizers,
    overview_keys,
    products,
)

NAME_MAX = 200
EVENT_FIELDS = ("name", "date_from", "date_to", "timezone", "url")


class AdminError(Exception):
    """An operator mistake (unknown event, duplicate name...); the message says what to do."""


def require_event(conn: Connection, org: str, event: str) -> EventRef:
    """The event with these slugs; AdminError naming the known events if there is none."""
    ref = find_event(conn, org, event)
    if ref is None:
        known = conn.execute(
            select(organizers.c.slug, events.c.slug)
            .select_from(events.join(organizers, events.c.organizer_id == organizers.c.id))
            .order_by(organizers.c.slug, events.c.slug)
        ).all()
        hint = f" (known events: {', '.join(f'{o}/{e}' for o, e in known)})" if known else ""
        raise AdminError(f"No event {org}/{event}. Import one first with: checkin-server import FILE{hint}")
    return ref


def _clean_name(value: str, what: str) -> str:
    name = value.strip()
    if not name:
        raise AdminError(f"The {what} name must not be empty.")
    if len(name) > NAME_MAX:
        raise AdminError(f"The {what} name is longer than {NAME_MAX} characters.")
    return name


def _list_id(conn: Connection, ref: EventRef, list_name: str) -> int:
    list_id = conn.execute(
        select(checkin_lists.c.id).where(checkin_lists.c.event_id == ref.event_id, checkin_lists.c.name == list_name)
    ).scalar()
    if list_id is None:
        names = conn.execute(
            select(checkin_lists.c.name).where(checkin_lists.c.event_id == ref.event_id).order_by(checkin_lists.c.id)
        ).scalars()
        raise AdminError(
            f"No check-in list {list_name!r} in {ref.organizer_slug}/{ref.event_slug} (lists: {', '.join(names)}). "
            f"Create it with: checkin-server list create {ref.organizer_slug} {ref.event_slug} NAME --product ID"
        )
    return list_id


def _free_station_name(conn: Connection, event_id: int) -> str:
    taken = set(conn.execute(select(keys.c.name).where(keys.c.event_id == event_id)).scalars())
    n = len(taken) + 1
    while f"station-{n}" in taken:  # bounded: at most len(taken) steps
        n += 1
    return f"station-{n}"


def create_key(
    engine: Engine,
    org: str,
    event: str,
    name: str | None = None,
    list_name: str | None = None,
    allow_search: bool = True,
    show_info: bool = True,
) -> str:
    """Create a station key and return it in plain text: the only time it exists; only its hash is stored."""
    list_name = list_name if list_name is not None else DEFAULT_LIST_NAME
    plain = generate_key()
    try:
        with engine.begin() as conn:
            ref = require_event(conn, org, event)
            list_id = _list_id(conn, ref, list_name)
            name = _clean_name(name, "key") if name is not None else _free_station_name(conn, ref.event_id)
            exists = conn.execute(select(keys.c.id).where(keys.c.event_id == ref.event_id, keys.c.name == name)).first()
            exists = exists or conn.execute(  # names are unique across station and overview keys
                select(overview_keys.c.id).where(overview_keys.c.event_id == ref.event_id, overview_keys.c.name == name)
            ).first()
            if exists:
                raise AdminError(f"A key named {name!r} already exists for {org}/{event}. Choose another --name.")
            conn.execute(
                keys.insert().values(
                    event_id=ref.event_id,
                    list_id=list_id,
                    name=name,
                    key_hash=hash_key(plain),
                    allow_search=allow_search,
                    show_info=show_info,
                    revoked=False,
                    created_at=utcnow(),
                )
            )
    except IntegrityError as exc:  # another process took the name at the same moment
        raise AdminError(f"A key named {name!r} already exists for {org}/{event}. Choose another --name.") from exc
    return plain


def setup_json(root_url: str, org: str, event: str, key: str, allow_search: bool, show_info: bool,
               name: str | None = None, cert_sha256: str | None = None) -> dict:
    """The station setup JSON (pretixdroid configuration, version 3) a station scans as a QR code.

    Our extensions, ignored by other clients: ``name``, the name the new station takes, and
    ``cert_sha256``, the host certificate's fingerprint (64 lowercase hex digits) the station pins.
    """
    setup = {
        "version": 3,
        "url": root_url.rstrip("/") + f"/pretixdroid/api/{org}/{event}/",
        "key": key,
        "allow_search": allow_search,
        "show_info": show_info,
    }
    if name:
        setup["name"] = name
    if cert_sha256:
        setup["cert_sha256"] = cert_sha256
    return setup


def list_keys(engine: Engine, org: str, event: str) -> list[dict]:
    """The event's keys (name, list, allow_search, show_info, revoked, created), oldest first; never key or hash."""
    with engine.connect() as conn:
        ref = require_event(conn, org, event)
        rows = conn.execute(
            select(keys.c.name, checkin_lists.c.name, keys.c.allow_search, keys.c.show_info, keys.c.revoked,
                   keys.c.created_at)
            .select_from(keys.join(checkin_lists, keys.c.list_id == checkin_lists.c.id))
            .where(keys.c.event_id == ref.event_id)
            .order_by(keys.c.created_at, keys.c.id)
        ).all()
    return [
        {
            "name": r[0],
            "list": r[1],
            "allow_search": bool(r[2]),
            "show_info": bool(r[3]),
            "revoked": bool(r[4]),
            "created": r[5].strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        for r in rows
    ]


def revoke_key(engine: Engine, org: str, event: str, name: str) -> bool:
    """Revoke the named key: stations using it are refused (403) from their next request.

    Returns False if it was already revoked.
    """
    with engine.begin() as conn:
        ref = require_event(conn, org, event)
        row = conn.execute(
            select(keys.c.id, keys.c.revoked).where(keys.c.event_id == ref.event_id, keys.c.name == name)
        ).first()
        if row is None:
            raise AdminError(
                f"No key named {name!r} for {org}/{event}. See the names with: checkin-server key list {org} {event}"
            )
        if row[1]:
            return False
        conn.execute(keys.update().where(keys.c.id == row[0]).values(revoked=True))
    return True


def _refuse_if_connected(conn: Connection, ref: EventRef, what: str) -> None:
    from server.pretix.admin import connected_to

    url = connected_to(conn, ref.event_id)
    if url is not None:
        org, event = ref.organizer_slug, ref.event_slug
        raise AdminError(f"{org}/{event} is connected to pretix ({url}): {what} is refused while pretix is the "
                         f"source of its lists; create the list in pretix, or first run: "
                         f"checkin-server pretix disconnect {org} {event}")


def create_list(
    engine: Engine, org: str, event: str, name: str, product_ids: list[int], include_pending: bool = False
) -> None:
    """Create a check-in list over the given products (pretix ids; none = all products)."""
    name = _clean_name(name, "list")
    try:
        with engine.begin() as conn:
            ref = require_event(conn, org, event)
            _refuse_if_connected(conn, ref, "list create")
            if conn.execute(
                select(checkin_lists.c.id).where(checkin_lists.c.event_id == ref.event_id, checkin_lists.c.name == name)
            ).first():
                raise AdminError(f"A check-in list named {name!r} already exists for {org}/{event}.")
            known = dict(
                conn.execute(
                    select(products.c.pretix_id, products.c.id).where(products.c.event_id == ref.event_id)
                ).all()
            )
            unknown = [pid for pid in product_ids if pid not in known]
            if unknown:
                names = conn.execute(
                    select(products.c.pretix_id, products.c.name)
                    .where(products.c.event_id == ref.event_id)
                    .order_by(products.c.pretix_id)
                ).all()
                listing = ", ".join(f"{pid} {pname}" for pid, pname in names) or "none"
                raise AdminError(f"{org}/{event} has no product with id {unknown[0]} (products: {listing}).")
            list_id = conn.execute(
                checkin_lists.insert().values(
                    event_id=ref.event_id, name=name, all_products=not product_ids, include_pending=include_pending
                )
            ).inserted_primary_key[0]
            if product_ids:
                conn.execute(
                    checkin_list_products.insert(),
                    [{"list_id": list_id, "product_id": known[pid]} for pid in sorted(set(product_ids))],
                )
    except IntegrityError as exc:
        raise AdminError(f"A check-in list named {name!r} already exists for {org}/{event}.") from exc


def _parse_when(value: str | datetime, tz: str, what: str) -> datetime:
    """ISO 8601 -> naive UTC; a time without offset is in the event's time zone."""
    if isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise AdminError(
                f"Cannot read {what} {value!r}: use ISO 8601 such as 2026-12-27T18:00+01:00 or 2026-12-27T17:00Z."
            ) from exc
    if when.tzinfo is None:
        when = when.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return when.astimezone(UTC).replace(tzinfo=None)


def _check_timezone(tz: str) -> str:
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise AdminError(f"Unknown time zone {tz!r}: use an IANA name such as Europe/Berlin or UTC.") from exc
    return tz


def _check_url(url: str) -> str | None:
    if url == "":
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AdminError(f"The event URL {url!r} must start with http:// or https://.")
    return url


def set_event(engine: Engine, org: str, event: str, **fields: Any) -> dict:
    """Change the event's name, date_from, date_to (ISO; no offset = event time zone), timezone or url.

    Returns the event as stored (see list_events). An empty url clears it.
    """
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise AdminError(f"Unknown event field(s): {', '.join(sorted(unknown))}.")
    fields = {k: v for k, v in fields.items() if v is not None}
    with engine.begin() as conn:
        ref = require_event(conn, org, event)
        current = conn.execute(
            select(events.c.date_from, events.c.date_to, events.c.timezone).where(events.c.id == ref.event_id)
        ).one()
        values: dict[str, Any] = {}
        if "name" in fields:
            values["name"] = _clean_name(fields["name"], "event")
        tz = _check_timezone(fields["timezone"]) if "timezone" in fields else current[2]
        if "timezone" in fields:
            values["timezone"] = tz
        for field in ("date_from", "date_to"):
            if field in fields:
                values[field] = _parse_when(fields[field], tz, field.replace("_", "-"))
        if "url" in fields:
            values["url"] = _check_url(fields["url"])
        start = values.get("date_from", current[0])
        end = values.get("date_to", current[1])
        if start is not None and end is not None and end < start:
            raise AdminError("The event would end before it starts: date-to is earlier than date-from.")
        if values:
            conn.execute(events.update().where(events.c.id == ref.event_id).values(**values))
    return next(e for e in list_events(engine) if e["organizer"] == org and e["event"] == event)


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def list_events(engine: Engine) -> list[dict]:
    """Every event: organizer and event slug, name, dates (UTC ISO or None), timezone, url."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(organizers.c.slug, events.c.slug, events.c.name, events.c.date_from, events.c.date_to,
                   events.c.timezone, events.c.url)
            .select_from(events.join(organizers, events.c.organizer_id == organizers.c.id))
            .order_by(organizers.c.slug, events.c.slug)
        ).all()
    return [
        {"organizer": r[0], "event": r[1], "name": r[2], "date_from": _iso(r[3]), "date_to": _iso(r[4]),
         "timezone": r[5], "url": r[6]}
        for r in rows
    ]
