"""Running totals behind the overview, so that a refresh costs milliseconds, not a pass over every row.

Check-ins and attempts are only ever added, so a ``Tally`` folds in the rows with ids above
the last it saw, grouped by what the overview shows: per station and outcome, per minute
(for "scans in the last 15 minutes", to the minute), admissions per list and 5-minute step.
The people expected per list (a count over every ticket) are counted afresh at each rebuild
and raised by the new admissions in between. Everything is rebuilt from scratch every
``REBUILD_EVERY`` seconds, on a thread of its own while the old totals keep serving: that also
catches what folding cannot see (an order canceled after its check-in, a PostgreSQL row
committed after a higher id was read). One tally per engine and event, shared by the threads of
a process under a lock.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, func, select

from server.db import read_only
from server.overview.figures import BUCKET, CountRow, ListRow
from server.rules.tickets import admissible_statuses
from server.schema import attempts, checkin_lists, checkins, orders, positions, products
from server.store.overview import status_counts

log = logging.getLogger(__name__)

REBUILD_EVERY = 60.0  # seconds
KEEP_MINUTES = 60  # per-minute counts older than this are dropped (only the last 15 minutes are shown)
_EPOCH = datetime(1970, 1, 1)

Group = tuple[int, str | None, bool, bool]  # key_id, reason (None = admitted), forced, offline


def minute_of(when: datetime) -> int:
    """Whole minutes since the epoch (naive UTC)."""
    return int((when - _EPOCH).total_seconds() // 60)


def bucket_of(when: datetime) -> int:
    """Whole 5-minute steps since the epoch (naive UTC)."""
    return int((when - _EPOCH) // BUCKET)


def bucket_start(number: int) -> datetime:
    """The start of 5-minute step ``number``."""
    return _EPOCH + number * BUCKET


@dataclass
class Tally:
    """Running totals of one event (see module doc)."""

    event_id: int
    built_at: float = 0.0
    checkin_id: int = 0
    attempt_id: int = 0
    groups: dict[Group, list] = field(default_factory=dict)  # group -> [count, last received]
    minutes: dict[tuple[Group, int], int] = field(default_factory=dict)
    buckets: dict[tuple[int, int], int] = field(default_factory=dict)  # (list id, 5-minute step) -> admissions
    lists: dict[int, ListRow] = field(default_factory=dict)
    admissible: dict[int, tuple[str, ...]] = field(default_factory=dict)  # list id -> order statuses it admits
    lists_upto: int = 0  # the highest check-in id the list counts include
    rebuilding: bool = False  # a rebuild runs behind (``updated_tally``)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _count(self, group: Group, scanned: datetime, received: datetime) -> None:
        entry = self.groups.setdefault(group, [0, None])
        entry[0] += 1
        if entry[1] is None or received > entry[1]:
            entry[1] = received
        key = (group, minute_of(scanned))
        self.minutes[key] = self.minutes.get(key, 0) + 1

    def fold_checkins(self, conn: Connection) -> None:
        """Fold in the event's check-ins added since the last call."""
        rows = conn.execute(
            select(checkins.c.id, checkins.c.key_id, checkins.c.list_id, checkins.c.datetime, checkins.c.received_at,
                   checkins.c.forced, checkins.c.is_first, products.c.admission, orders.c.status, positions.c.active)
            .select_from(checkins.join(positions, positions.c.id == checkins.c.position_id)
                         .join(products, products.c.id == positions.c.product_id)
                         .join(orders, orders.c.id == positions.c.order_id))
            .where(checkins.c.id > self.checkin_id, positions.c.event_id == self.event_id)
            .order_by(checkins.c.id)
        ).all()
        for cid, key_id, list_id, when, received, forced, first, admission, status, active in rows:
            self.checkin_id = max(self.checkin_id, cid)
            if key_id is not None:
                self._count((key_id, None, bool(forced), False), when, received)
            if first and admission:
                bucket = (list_id, bucket_of(when))
                self.buckets[bucket] = self.buckets.get(bucket, 0) + 1
                listed = self.lists.get(list_id)
                counted = cid <= self.lists_upto
                if listed is not None and not counted and active and status in self.admissible.get(list_id, ()):
                    self.lists[list_id] = ListRow(listed.list_id, listed.name, listed.expected, listed.admitted + 1)

    def fold_attempts(self, conn: Connection) -> None:
        """Fold in the event's refused attempts added since the last call."""
        rows = conn.execute(
            select(attempts.c.id, attempts.c.key_id, attempts.c.reason, attempts.c.forced, attempts.c.offline,
                   attempts.c.scanned_at, attempts.c.received_at)
            .where(attempts.c.id > self.attempt_id, attempts.c.event_id == self.event_id)
            .order_by(attempts.c.id)
        ).all()
        for aid, key_id, reason, forced, offline, scanned, received in rows:
            self.attempt_id = max(self.attempt_id, aid)
            self._count((key_id, reason, bool(forced), bool(offline)), scanned, received)

    def count_lists(self, conn: Connection) -> None:
        """Count every list's expected people (admission products, admissible orders) and those admitted."""
        admission = {pid for pid, adm in conn.execute(
            select(products.c.id, products.c.admission).where(products.c.event_id == self.event_id)) if adm}
        self.lists, self.admissible = {}, {}
        for list_id, name, all_products, include_pending in conn.execute(
            select(checkin_lists.c.id, checkin_lists.c.name, checkin_lists.c.all_products,
                   checkin_lists.c.include_pending)
            .where(checkin_lists.c.event_id == self.event_id).order_by(checkin_lists.c.id)
        ):
            statuses = admissible_statuses(bool(include_pending))
            counts = status_counts(conn, self.event_id, list_id, bool(all_products), statuses)
            people = [value for (product_id, _), value in counts.items() if product_id in admission]
            self.lists[list_id] = ListRow(list_id, name, sum(t for _, t in people), sum(c for c, _ in people))
            self.admissible[list_id] = statuses

    def counts(self, now: datetime) -> list[CountRow]:
        """Per station and outcome: attempts, those scanned in the last 15 minutes (to the minute), last received."""
        since = minute_of(now - timedelta(minutes=15))
        recent: dict[Group, int] = {}
        for (group, minute), count in self.minutes.items():
            if minute >= since:
                recent[group] = recent.get(group, 0) + count
        return [CountRow(*group, count, recent.get(group, 0), last) for group, (count, last) in self.groups.items()]

    def prune(self, now: datetime) -> None:
        """Drop per-minute counts too old to matter."""
        oldest = minute_of(now) - KEEP_MINUTES
        self.minutes = {key: count for key, count in self.minutes.items() if key[1] >= oldest}

    def arrivals(self, window: tuple[datetime, datetime]) -> tuple[list[tuple[int, int, int]], dict[int, int]]:
        """Admissions per (list id, step index in ``window``), and per list before the window."""
        first, end = bucket_of(window[0]), bucket_of(window[1])
        inside, before = [], {}
        for (list_id, number), count in self.buckets.items():
            if number < first:
                before[list_id] = before.get(list_id, 0) + count
            elif number < end:
                inside.append((list_id, number - first, count))
        return inside, before


_tallies: weakref.WeakKeyDictionary[Engine, dict[int, Tally]] = weakref.WeakKeyDictionary()
_guard = threading.Lock()


def _highest(conn: Connection) -> tuple[int, int]:
    return (conn.execute(select(func.max(checkins.c.id))).scalar() or 0,
            conn.execute(select(func.max(attempts.c.id))).scalar() or 0)


def _built(conn: Connection, event_id: int, built_at: float) -> Tally:
    """A tally counted from scratch in ``conn``'s snapshot."""
    highest = _highest(conn)
    fresh = Tally(event_id, built_at=built_at, lists_upto=highest[0])
    fresh.count_lists(conn)
    fresh.fold_checkins(conn)
    fresh.fold_attempts(conn)
    return fresh


def _take(tally: Tally, fresh: Tally) -> None:
    """Put ``fresh``'s totals into ``tally`` (hold ``tally.lock``); rows folded into the old ones after
    ``fresh`` was counted have higher ids and are folded in again by the next update."""
    tally.__dict__.update({k: v for k, v in fresh.__dict__.items() if k not in ("lock", "rebuilding")})


def _rebuild_behind(engine: Engine, tally: Tally, built_at: float) -> None:
    """Count ``tally`` afresh on its own connection, then swap the totals in; meanwhile the old ones serve."""
    try:
        with engine.connect() as conn, read_only(conn).begin():
            fresh = _built(conn, tally.event_id, built_at)
        with tally.lock:
            _take(tally, fresh)
    except Exception as exc:  # noqa: BLE001 - a failed rebuild keeps the running totals; the next one retries
        log.warning("overview totals not rebuilt (%s); trying again later", type(exc).__name__)
    finally:
        tally.rebuilding = False


def updated_tally(conn: Connection, event_id: int, now: datetime, clock=time.monotonic,
                  behind: bool = True) -> Tally:
    """The event's tally, brought up to date in ``conn``'s snapshot; hold ``tally.lock`` to read it.

    The first time (or after the database was emptied) it is counted from scratch here. When a
    rebuild is due, it runs on a thread of its own (``behind``) while this call folds as usual, so
    no caller waits for it.
    """
    with _guard:
        per_engine = _tallies.setdefault(conn.engine, {})
        tally = per_engine.setdefault(event_id, Tally(event_id))
    with tally.lock:
        highest = _highest(conn)
        shrunk = highest[0] < tally.checkin_id or highest[1] < tally.attempt_id  # a database emptied meanwhile
        due = clock() - tally.built_at > REBUILD_EVERY
        if tally.built_at == 0.0 or shrunk or (due and not behind):
            _take(tally, _built(conn, event_id, clock()))
        elif due and not tally.rebuilding:
            tally.rebuilding = True
            threading.Thread(target=_rebuild_behind, args=(conn.engine, tally, clock()), name="overview-rebuild",
                             daemon=True).start()
        tally.fold_checkins(conn)
        tally.fold_attempts(conn)
        tally.prune(now)
    return tally


def forget(engine: Engine) -> None:
    """Drop the tallies of ``engine`` (tests that rewrite history)."""
    with _guard:
        _tallies.pop(engine, None)

