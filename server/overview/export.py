"""Every redeem attempt of an event as CSV (``checkin-server export ORG EVENT --attempts``).

Admissions come from the check-ins (an admission's attempt is its check-in row, forced
uploads included); refusals from the ``attempts`` table, including those our stations made
offline and reported later. One row per attempt, by scan time; a retry with the same nonce
was never stored twice.
"""

from __future__ import annotations

import csv
import heapq
from typing import TextIO

from sqlalchemy import Engine, select

from server.admin import require_event
from server.schema import attempts, checkin_lists, checkins, keys, orders, positions

HEADER = ["time", "received", "station", "list", "outcome", "reason", "secret", "order", "forced", "offline", "nonce"]


def _time(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_attempts_csv(engine: Engine, org: str, event: str, out: TextIO) -> int:
    """Write the event's attempts as CSV (header, then one row per attempt by scan time); returns the row count.

    Raises ``server.admin.AdminError`` for an unknown event.
    """
    writer = csv.writer(out, lineterminator="\n")
    with engine.connect() as conn:
        ref = require_event(conn, org, event)
        admitted = conn.execution_options(yield_per=2000).execute(
            select(checkins.c.datetime, checkins.c.received_at, keys.c.name, checkin_lists.c.name, positions.c.secret,
                   orders.c.code, checkins.c.forced, checkins.c.nonce, checkins.c.id)
            .select_from(checkins.join(positions, positions.c.id == checkins.c.position_id)
                         .join(orders, orders.c.id == positions.c.order_id)
                         .join(checkin_lists, checkin_lists.c.id == checkins.c.list_id)
                         .outerjoin(keys, keys.c.id == checkins.c.key_id))
            .where(positions.c.event_id == ref.event_id)
            .order_by(checkins.c.datetime, checkins.c.id)
        )
        refused = conn.execution_options(yield_per=2000).execute(
            select(attempts.c.scanned_at, attempts.c.received_at, keys.c.name, checkin_lists.c.name,
                   attempts.c.secret, attempts.c.order_code, attempts.c.forced, attempts.c.nonce, attempts.c.id,
                   attempts.c.reason, attempts.c.offline)
            .select_from(attempts.join(keys, keys.c.id == attempts.c.key_id)
                         .join(checkin_lists, checkin_lists.c.id == attempts.c.list_id))
            .where(attempts.c.event_id == ref.event_id)
            .order_by(attempts.c.scanned_at, attempts.c.id)
        )
        rows_ok = ((r[0], 0, r[8], r, "ok", "", False) for r in admitted)
        rows_refused = ((r[0], 1, r[8], r, "refused", r[9], bool(r[10])) for r in refused)
        writer.writerow(HEADER)
        count = 0
        for _, _, _, r, outcome, reason, offline in heapq.merge(rows_ok, rows_refused, key=lambda t: t[:3]):
            writer.writerow([_time(r[0]), _time(r[1]), r[2] or "", r[3], outcome, reason, r[4], r[5] or "",
                             "true" if r[6] else "false", "true" if offline else "false", r[7] or ""])
            count += 1
    return count
