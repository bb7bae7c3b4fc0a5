"""The overview's part of ``bench/server.py``: 50,000 attempts on top of the event, then

* the overview's data (``read_overview``, what the page, the CLI and the host panel show) timed in-process;
* redeem throughput with attempts recorded next to recording switched off (``CHECKIN_RECORD_ATTEMPTS=0``), two
  ``checkin-server serve`` processes on the same database, loaded one at a time in ABBA order with a mix of
  admissions and refusals (one in three scans is an unknown code, so refusals are recorded too).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

ATTEMPTS = 50_000
ADMITTED_SHARE = 0.6  # of the seeded attempts: check-ins; the rest refused attempts
STATIONS = ("Door 1", "Door 2", "Door 3", "Door 4", "host-pc")
REASONS = ("already_redeemed", "already_redeemed", "unknown_ticket", "unpaid", "product")
TARGET_MS = 50.0
TARGET_RATIO = 0.9


def seed_attempts(engine, redeemable: list[str], count: int = ATTEMPTS) -> dict:
    """Store ``count`` attempts of five stations over the last 8 hours: check-ins and refused attempts."""
    from sqlalchemy import select

    from server.admin import create_key
    from server.db import utcnow
    from server.schema import attempts, checkin_lists, events, keys, positions, station_contacts

    rng = random.Random(11)
    for name in STATIONS:
        create_key(engine, "bench", "fest", name=name)
    now = utcnow()
    admitted = int(count * ADMITTED_SHARE)
    with engine.begin() as conn:
        event_id = conn.execute(select(events.c.id).where(events.c.slug == "fest")).scalar_one()
        list_id = conn.execute(select(checkin_lists.c.id).where(checkin_lists.c.event_id == event_id)).scalar_one()
        key_ids = list(conn.execute(select(keys.c.id).where(keys.c.name.in_(STATIONS))).scalars())
        ids = dict(conn.execute(select(positions.c.secret, positions.c.id).where(positions.c.event_id == event_id)).all())
        chosen = redeemable[-admitted:]  # the redeem runs take tickets from the front
        rows = []
        for n, secret in enumerate(chosen):
            when = now - timedelta(seconds=rng.uniform(0, 8 * 3600))
            rows.append({"position_id": ids[secret], "list_id": list_id, "datetime": when, "nonce": f"seed-{n}",
                         "forced": n % 40 == 0, "is_first": True, "key_id": rng.choice(key_ids),
                         "received_at": when})
        from server.schema import checkins

        conn.execute(checkins.insert(), rows)
        refused = []
        for n in range(count - admitted):
            when = now - timedelta(seconds=rng.uniform(0, 8 * 3600))
            refused.append({"event_id": event_id, "key_id": rng.choice(key_ids), "list_id": list_id,
                            "secret": rng.choice(redeemable), "order_code": None, "reason": rng.choice(REASONS),
                            "scanned_at": when, "received_at": when, "forced": n % 50 == 0,
                            "offline": n % 30 == 0, "nonce": f"refused-{n}"})
        conn.execute(attempts.insert(), refused)
        conn.execute(station_contacts.insert(), [
            {"key_id": key_id, "event_id": event_id, "last_seen": now - timedelta(seconds=10 * i), "address": None}
            for i, key_id in enumerate(key_ids)])
    return {"checkins": admitted, "refused": count - admitted}


def time_overview(engine, runs: int = 15) -> dict:
    """``read_overview`` of the seeded event: a refresh after 20 new attempts (the page asks every 5 s), ``runs``
    times, and the full rebuild (first call, then every minute) 3 times; milliseconds."""
    from sqlalchemy import select

    from server.db import utcnow
    from server.overview.data import read_overview
    from server.overview.tally import forget
    from server.schema import attempts

    rebuilds = []
    for _ in range(3):
        forget(engine)
        t0 = time.perf_counter()
        read_overview(engine, "bench", "fest")
        rebuilds.append((time.perf_counter() - t0) * 1000)
    with engine.connect() as conn:
        template = dict(conn.execute(select(attempts).limit(1)).mappings().one())
    times = []
    for run in range(runs):
        with engine.begin() as conn:  # what arrives between two refreshes
            now = utcnow()
            conn.execute(attempts.insert(), [{**template, "id": None, "nonce": f"bench-{run}-{n}", "scanned_at": now,
                                              "received_at": now} for n in range(20)])
        t0 = time.perf_counter()
        figures = read_overview(engine, "bench", "fest")
        times.append((time.perf_counter() - t0) * 1000)
    return {"median_ms": statistics.median(times), "max_ms": max(times), "runs": runs,
            "rebuild_ms": statistics.median(rebuilds), "stations": len(figures["stations"]),
            "admitted": figures["totals"]["admitted"]}


def mixed(secrets: list[str], unknown_every: int = 3) -> list[str]:
    """``secrets`` with every ``unknown_every``-th replaced by an unknown code (refused, so recorded)."""
    return [f"UNKNOWN-{n}" if n % unknown_every == 2 else s for n, s in enumerate(secrets)]
