"""Disconnecting an event, and the guard that keeps file imports and list edits off connected events."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from server.events import find_event
from server.pretix import credentials as creds
from server.pretix import store
from server.pretix.errors import PretixError
from server.schema import checkin_lists, checkins, orders, positions, pretix_connections


def connected_to(conn: Connection, event_id: int) -> str | None:
    """The pretix URL the event is connected to, or None."""
    return conn.execute(select(pretix_connections.c.pretix_url)
                        .where(pretix_connections.c.event_id == event_id)).scalar()


def refuse_if_connected(conn: Connection, event_id: int, what: str, org: str, event: str) -> None:
    """Raise ``PretixError`` when the event is connected: pretix is the source of its tickets and lists."""
    url = connected_to(conn, event_id)
    if url is not None:
        raise PretixError(f"{org}/{event} is connected to pretix ({url}): {what} is refused while pretix is the "
                          f"source; change it in pretix, or first run: checkin-server pretix disconnect {org} {event}")


def disconnect(engine, data_dir, org: str, event: str, *, forget: bool = False, force: bool = False) -> str:
    """Stop syncing ``org/event``; returns a summary line. Refused while check-ins wait, unless ``force``.

    ``forget`` also deletes the synced orders, tickets and their check-ins (the personal data);
    the event, its products and lists stay.
    """
    with engine.begin() as conn:
        ref = find_event(conn, org, event)
        row = None if ref is None else store.connection_of_event(conn, ref.event_id)
        if row is None:
            raise PretixError(f"{org}/{event} is not connected to pretix")
        waiting, _ = store.outbox_counts(conn, ref.event_id)
        if waiting and not force:
            raise PretixError(f"{waiting} check-ins still wait for upload to pretix: run checkin-server pretix sync "
                              f"{org} {event} until none wait, or disconnect with --force (they are never uploaded)")
        conn.execute(delete(pretix_connections).where(pretix_connections.c.id == row.id))
        conn.execute(checkin_lists.update().where(checkin_lists.c.event_id == ref.event_id).values(pretix_id=None))
        if forget:
            position_ids = select(positions.c.id).where(positions.c.event_id == ref.event_id)
            conn.execute(delete(checkins).where(checkins.c.position_id.in_(position_ids)))
            conn.execute(delete(positions).where(positions.c.event_id == ref.event_id))
            conn.execute(delete(orders).where(orders.c.event_id == ref.event_id))
    if not any(entry_id == row.credential_id for entry_id in _other_credentials(engine)):
        creds.delete(data_dir, row.credential_id)
    if forget:
        return f"Disconnected {org}/{event} from pretix and deleted its orders, tickets and check-ins."
    return f"Disconnected {org}/{event} from pretix; its tickets and check-ins stay (no longer synced)."


def _other_credentials(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(pretix_connections.c.credential_id)).scalars())
