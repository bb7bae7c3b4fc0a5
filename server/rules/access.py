"""Who is asking: resolve organizer + event (404) and then the key (403), in that order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from server.keys import hash_key, hashes_match
from server.store.access import read_access

# Longer "keys" are not looked up at all (ours are 32 characters).
MAX_KEY_LENGTH = 255
# Slugs are at most 200 characters in the schema.
MAX_SLUG_LENGTH = 200


def _plausible(text: str | None, limit: int) -> bool:
    # NUL is rejected by PostgreSQL, overlong values cannot be stored: neither can match a row.
    return bool(text) and len(text) <= limit and "\x00" not in text


class AccessError(Exception):
    """Base of the errors that end a request before it reaches an endpoint."""


class EventNotFound(AccessError):
    """No such organizer or event (HTTP 404)."""


class KeyRejected(AccessError):
    """The key is missing, unknown, revoked or belongs to another event (HTTP 403)."""


@dataclass(frozen=True)
class AccessContext:
    """A valid key's event, list and permissions: everything an endpoint needs to answer."""

    event_id: int
    key_id: int
    list_id: int
    list_name: str
    all_products: bool
    include_pending: bool
    allow_search: bool
    show_info: bool


def resolve_access(conn: Connection, organizer: str, event: str, key: str | None) -> AccessContext:
    """The context of ``key`` on the event; raises ``EventNotFound`` first, then ``KeyRejected``.

    One indexed query. The key is only ever handled as its hash.
    """
    return access_from_row(read_access(conn, access_params(organizer, event, key)), key)


def access_params(organizer: str, event: str, key: str | None) -> dict[str, str]:
    """The bind parameters of the access lookup (``EventNotFound`` for slugs that cannot exist)."""
    if not (_plausible(organizer, MAX_SLUG_LENGTH) and _plausible(event, MAX_SLUG_LENGTH)):
        raise EventNotFound()
    return {"organizer": organizer, "event": event, "key_hash": hash_key(key) if _plausible(key, MAX_KEY_LENGTH) else ""}


def access_from_row(row: Any, key: str | None) -> AccessContext:
    """The context from a row of the access lookup (None: no such event); raises ``EventNotFound``/``KeyRejected``."""
    usable_key = _plausible(key, MAX_KEY_LENGTH)
    if row is None:
        raise EventNotFound()
    if not usable_key or row.key_id is None or row.revoked or not hashes_match(row.key_hash, key):
        raise KeyRejected()
    return AccessContext(
        event_id=row.event_id,
        key_id=row.key_id,
        list_id=row.list_id,
        list_name=row.list_name,
        all_products=bool(row.all_products),
        include_pending=bool(row.include_pending),
        allow_search=bool(row.allow_search),
        show_info=bool(row.show_info),
    )
