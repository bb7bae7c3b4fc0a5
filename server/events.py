"""Organizers and events: lookup and creation, shared by the importer, the admin commands and tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from server.schema import checkin_lists, events, organizers

DEFAULT_LIST_NAME = "Entrance"


@dataclass(frozen=True)
class EventRef:
    """An event's surrogate ids and slugs."""

    organizer_id: int
    event_id: int
    organizer_slug: str
    event_slug: str


def find_event(conn: Connection, organizer_slug: str, event_slug: str) -> EventRef | None:
    """The event with these slugs, or None."""
    row = conn.execute(
        select(organizers.c.id, events.c.id)
        .select_from(events.join(organizers, events.c.organizer_id == organizers.c.id))
        .where(organizers.c.slug == organizer_slug, events.c.slug == event_slug)
    ).first()
    if row is None:
        return None
    return EventRef(row[0], row[1], organizer_slug, event_slug)


def ensure_event(
    conn: Connection,
    organizer_slug: str,
    event_slug: str,
    organizer_name: str | None = None,
    event_name: str | None = None,
) -> EventRef:
    """Return the event, creating organizer, event and the default "Entrance" list as needed.

    Names given for an existing organizer or event replace the stored ones.
    """
    org = conn.execute(select(organizers.c.id, organizers.c.name).where(organizers.c.slug == organizer_slug)).first()
    if org is None:
        org_id = conn.execute(
            organizers.insert().values(slug=organizer_slug, name=organizer_name or organizer_slug)
        ).inserted_primary_key[0]
    else:
        org_id = org[0]
        if organizer_name and organizer_name != org[1]:
            conn.execute(organizers.update().where(organizers.c.id == org_id).values(name=organizer_name))
    ev = conn.execute(
        select(events.c.id, events.c.name).where(events.c.organizer_id == org_id, events.c.slug == event_slug)
    ).first()
    if ev is None:
        event_id = conn.execute(
            events.insert().values(organizer_id=org_id, slug=event_slug, name=event_name or event_slug, timezone="UTC")
        ).inserted_primary_key[0]
        conn.execute(
            checkin_lists.insert().values(
                event_id=event_id, name=DEFAULT_LIST_NAME, all_products=True, include_pending=False
            )
        )
    else:
        event_id = ev[0]
        if event_name and event_name != ev[1]:
            conn.execute(events.update().where(events.c.id == event_id).values(name=event_name))
    return EventRef(org_id, event_id, organizer_slug, event_slug)


def default_list_id(conn: Connection, event_id: int) -> int:
    """The id of the event's default check-in list."""
    return conn.execute(
        select(checkin_lists.c.id).where(
            checkin_lists.c.event_id == event_id, checkin_lists.c.name == DEFAULT_LIST_NAME
        )
    ).scalar_one()
