"""The overview's running totals: new rows folded in at once, and a rebuild behind the callers' backs catching
what folding cannot see (an order canceled after its check-in)."""

from __future__ import annotations

import time

from server.db import utcnow
from server.overview.tally import REBUILD_EVERY, forget, updated_tally


def entrance(tally) -> tuple[int, int]:
    (only,) = tally.lists.values()
    return only.expected, only.admitted


def test_new_checkins_count_at_once_and_a_cancellation_after_its_checkin_at_the_next_rebuild(engine, seed):
    first, second = seed.ticket("T-1"), seed.ticket("T-2")
    seed.ticket("T-3")
    seed.checkin(first)
    clock = [1000.0]
    with engine.connect() as conn:
        assert entrance(updated_tally(conn, seed.event_id, utcnow(), clock=lambda: clock[0])) == (3, 1)
    seed.checkin(second)
    seed.set_order_status(first.order, "c")  # canceled after it was checked in: folding cannot see that
    with engine.connect() as conn:
        tally = updated_tally(conn, seed.event_id, utcnow(), clock=lambda: clock[0])
        assert entrance(tally) == (3, 2)
    clock[0] += REBUILD_EVERY + 1
    with engine.connect() as conn:
        tally = updated_tally(conn, seed.event_id, utcnow(), clock=lambda: clock[0])
    deadline = time.monotonic() + 10
    while tally.rebuilding and time.monotonic() < deadline:
        time.sleep(0.02)
    with engine.connect() as conn:
        tally = updated_tally(conn, seed.event_id, utcnow(), clock=lambda: clock[0])
    assert entrance(tally) == (2, 1) and not tally.rebuilding
    forget(engine)
