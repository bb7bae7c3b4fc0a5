"""Only one process syncs an event at a time: the lease in the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from server.db import utcnow
from server.pretix import store
from server.schema import pretix_connections


def connected(engine, seed) -> int:
    with engine.begin() as conn:
        return conn.execute(pretix_connections.insert().values(
            event_id=seed.event_id, pretix_url="https://pretix.example", pretix_organizer="acme",
            pretix_event="conf", auth="token", credential_id="x", connected_at=utcnow())).inserted_primary_key[0]


def test_a_second_process_does_not_get_the_lease_until_the_first_releases_it(engine, seed):
    row = connected(engine, seed)
    assert store.take_lease(engine, row, "process-a")
    assert not store.take_lease(engine, row, "process-b")
    assert store.take_lease(engine, row, "process-a")  # renewing
    store.release_lease(engine, row, "process-a")
    assert store.take_lease(engine, row, "process-b")


def test_the_lease_of_a_process_that_died_expires(engine, seed):
    row = connected(engine, seed)
    assert store.take_lease(engine, row, "crashed")
    with engine.begin() as conn:
        conn.execute(update(pretix_connections).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert store.take_lease(engine, row, "survivor")
