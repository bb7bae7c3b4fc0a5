"""Overview keys: read-only credentials for the overview page, kept apart from station keys.

They live in their own table, so the pretixdroid endpoints never find them (403) and a
station key is never found by the overview (403). Like station keys, only a hash is stored.
Names are unique per event across both kinds, so ``key revoke NAME`` means one key.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from server.admin import AdminError, _clean_name, require_event
from server.db import utcnow
from server.keys import generate_key, hash_key, hashes_match
from server.rules.access import MAX_KEY_LENGTH, EventNotFound, KeyRejected, access_params
from server.schema import events, keys, organizers, overview_keys


def overview_url(root_url: str, org: str, event: str, key: str) -> str:
    """The overview page's address with its key, on the server's ``root_url`` (scheme://host:port)."""
    return f"{root_url.rstrip('/')}/overview/{org}/{event}/?key={key}"


def _name_taken(conn: Connection, event_id: int, name: str) -> bool:
    station = conn.execute(select(keys.c.id).where(keys.c.event_id == event_id, keys.c.name == name)).first()
    overview = conn.execute(
        select(overview_keys.c.id).where(overview_keys.c.event_id == event_id, overview_keys.c.name == name)
    ).first()
    return station is not None or overview is not None


def overview_name_taken(conn: Connection, event_id: int, name: str) -> bool:
    """Whether an overview key of the event has this name (station keys must not take it)."""
    return conn.execute(
        select(overview_keys.c.id).where(overview_keys.c.event_id == event_id, overview_keys.c.name == name)
    ).first() is not None


def create_overview_key(engine: Engine, org: str, event: str, name: str | None = None) -> str:
    """Create an overview key and return it in plain text (the only time it exists)."""
    plain = generate_key()
    try:
        with engine.begin() as conn:
            ref = require_event(conn, org, event)
            if name is None:
                n = 1
                while _name_taken(conn, ref.event_id, f"overview-{n}"):  # bounded by the number of keys
                    n += 1
                name = f"overview-{n}"
            name = _clean_name(name, "key")
            if _name_taken(conn, ref.event_id, name):
                raise AdminError(f"A key named {name!r} already exists for {org}/{event}. Choose another --name.")
            conn.execute(overview_keys.insert().values(event_id=ref.event_id, name=name, key_hash=hash_key(plain),
                                                       revoked=False, created_at=utcnow()))
    except IntegrityError as exc:
        raise AdminError(f"A key named {name!r} already exists for {org}/{event}. Choose another --name.") from exc
    return plain


def list_overview_keys(engine: Engine, org: str, event: str) -> list[dict]:
    """The event's overview keys (name, revoked, created), oldest first; never key or hash."""
    with engine.connect() as conn:
        ref = require_event(conn, org, event)
        rows = conn.execute(
            select(overview_keys.c.name, overview_keys.c.revoked, overview_keys.c.created_at)
            .where(overview_keys.c.event_id == ref.event_id)
            .order_by(overview_keys.c.created_at, overview_keys.c.id)
        ).all()
    return [{"name": r[0], "revoked": bool(r[1]), "created": r[2].strftime("%Y-%m-%dT%H:%M:%SZ")} for r in rows]


def revoke_overview_key(engine: Engine, org: str, event: str, name: str) -> bool | None:
    """Revoke the named overview key: True done, False already revoked, None no such overview key."""
    with engine.begin() as conn:
        ref = require_event(conn, org, event)
        row = conn.execute(
            select(overview_keys.c.id, overview_keys.c.revoked)
            .where(overview_keys.c.event_id == ref.event_id, overview_keys.c.name == name)
        ).first()
        if row is None:
            return None
        if row[1]:
            return False
        conn.execute(overview_keys.update().where(overview_keys.c.id == row[0]).values(revoked=True))
    return True


def resolve_overview(conn: Connection, org: str, event: str, key: str | None) -> int:
    """The event id an overview key opens; ``EventNotFound`` (404) first, then ``KeyRejected`` (403)."""
    params = access_params(org, event, key)
    row = conn.execute(
        select(events.c.id, overview_keys.c.key_hash, overview_keys.c.revoked)
        .select_from(events.join(organizers, organizers.c.id == events.c.organizer_id)
                     .outerjoin(overview_keys, (overview_keys.c.event_id == events.c.id)
                                & (overview_keys.c.key_hash == params["key_hash"])))
        .where(organizers.c.slug == org, events.c.slug == event)
    ).first()
    if row is None:
        raise EventNotFound()
    usable = bool(key) and len(key) <= MAX_KEY_LENGTH and "\x00" not in key
    if not usable or row.key_hash is None or row.revoked or not hashes_match(row.key_hash, key):
        raise KeyRejected()
    return row.id
