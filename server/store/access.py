"""The key check's SQL: the event by its slugs, with the key (by hash) and its check-in list, in one row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, bindparam, select

from server.schema import checkin_lists, events, keys, organizers
from server.store.prepared import Prepared, reading

ACCESS_COLUMNS = (
    events.c.id.label("event_id"),
    keys.c.id.label("key_id"),
    keys.c.key_hash,
    keys.c.revoked,
    keys.c.allow_search,
    keys.c.show_info,
    checkin_lists.c.id.label("list_id"),
    checkin_lists.c.name.label("list_name"),
    checkin_lists.c.all_products,
    checkin_lists.c.include_pending,
)
# The event by its slugs, with the key (by hash) and its list if the key belongs to the event.
ACCESS_FROM = (
    events.join(organizers, organizers.c.id == events.c.organizer_id)
    .outerjoin(keys, and_(keys.c.event_id == events.c.id, keys.c.key_hash == bindparam("key_hash")))
    .outerjoin(checkin_lists, checkin_lists.c.id == keys.c.list_id)
)
ACCESS_WHERE = (organizers.c.slug == bindparam("organizer"), events.c.slug == bindparam("event"))
_LOOKUP = Prepared(select(*ACCESS_COLUMNS).select_from(ACCESS_FROM).where(*ACCESS_WHERE))


def read_access(conn: Connection, params: dict[str, str]) -> Any | None:
    """The access row for ``params`` (organizer, event, key_hash): None = no such event; key columns None = no such key.

    One indexed query.
    """
    with reading(conn):
        return _LOOKUP.first(conn, params)
