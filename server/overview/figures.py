"""The overview's figures from what the database holds: one pure function, ``summarize`` (no Flask, no Qt, no SQL).

The web page, ``checkin-server overview`` and the host panel all show its result (a dict
of plain JSON values), so they never disagree. Times in: naive UTC datetimes; out: ISO 8601
with ``Z``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

BUCKET = timedelta(minutes=5)
RECENT = timedelta(minutes=15)  # "scans in the last 15 minutes"
SILENT_AFTER = timedelta(minutes=2)  # a station this quiet while others scan is flagged
DEFAULT_WINDOW = timedelta(hours=12)  # the chart's span for an event without dates
MAX_BUCKETS = 7 * 24 * 12  # a week of 5-minute buckets; a longer event shows its last week
PROBLEMS_SHOWN = 20
SECRET_SHOWN = 6  # a ticket's code is a ticket: problems show its start only

REASON_WORDS = {
    "already_redeemed": "already used",
    "unpaid": "unpaid",
    "unknown_ticket": "unknown ticket",
    "product": "wrong product",
    "blocked": "blocked",
    "invalid_time": "not valid now",
    "invalid": "invalid upload",
    "host_error": "host error",
}


@dataclass(frozen=True)
class StationRow:
    """A station key with its last contact (None: never seen)."""

    key_id: int
    name: str
    revoked: bool
    last_seen: datetime | None
    address: str | None


@dataclass(frozen=True)
class CountRow:
    """Attempts of one station of one kind: ``reason`` None = admitted; ``recent`` = scanned in the last 15 min."""

    key_id: int
    reason: str | None
    forced: bool
    offline: bool
    count: int
    recent: int
    last_received: datetime | None


@dataclass(frozen=True)
class ProblemRow:
    """A refused attempt (or a pretix sync problem: ``key_id`` None, ``text`` set)."""

    scanned_at: datetime
    key_id: int | None
    reason: str
    secret: str = ""
    order_code: str | None = None
    forced: bool = False
    offline: bool = False
    text: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class ListRow:
    """A check-in list: people expected (admission products, admissible orders) and those of them admitted."""

    list_id: int
    name: str
    expected: int
    admitted: int


@dataclass
class OverviewInput:
    """Everything ``summarize`` needs, as read by ``server.overview.data.read_overview``."""

    now: datetime
    event: dict
    window: tuple[datetime, datetime]
    stations: list[StationRow] = field(default_factory=list)
    counts: list[CountRow] = field(default_factory=list)
    lists: list[ListRow] = field(default_factory=list)
    # (list_id, bucket index from window start, admissions) and admissions before the window per list
    buckets: list[tuple[int, int, int]] = field(default_factory=list)
    before_window: dict[int, int] = field(default_factory=dict)
    problems: list[ProblemRow] = field(default_factory=list)  # newest first
    last_problems: dict[int, ProblemRow] = field(default_factory=dict)  # per key_id


def iso(value: datetime | None) -> str | None:
    """A naive UTC datetime as ISO 8601 with ``Z`` (seconds), or None."""
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def chart_window(now: datetime, date_from: datetime | None, date_to: datetime | None) -> tuple[datetime, datetime]:
    """The arrivals chart's span on 5-minute boundaries: the event's dates, else the last 12 hours.

    Also the last 12 hours when ``now`` is more than 12 hours before or after the event's dates
    (a rehearsal, or dates never updated): a chart of the dates would show none of the scans.
    """
    during = (
        date_from is not None and date_to is not None and date_to > date_from
        and date_from - DEFAULT_WINDOW <= now <= date_to + DEFAULT_WINDOW
    )
    if during:
        start, end = date_from, date_to
    else:
        start, end = now - DEFAULT_WINDOW, now
    start = floor_bucket(start)
    end = max(floor_bucket(end) + (BUCKET if end != floor_bucket(end) else timedelta(0)), start + BUCKET)
    if (end - start) / BUCKET > MAX_BUCKETS:
        start = end - MAX_BUCKETS * BUCKET
    return start, end


def floor_bucket(when: datetime) -> datetime:
    """``when`` rounded down to a 5-minute boundary."""
    return when.replace(minute=when.minute - when.minute % 5, second=0, microsecond=0)


def problem_text(station: str, row: ProblemRow) -> str:
    """One line saying what went wrong, e.g. "Door 2: unknown ticket 4fXk2a…"."""
    if row.text is not None:
        return row.text
    words = REASON_WORDS.get(row.reason, row.reason.replace("_", " "))
    code = row.secret[:SECRET_SHOWN] + ("…" if len(row.secret) > SECRET_SHOWN else "")
    what = f"offline upload rejected ({words})" if row.forced else words
    if row.offline:
        what = f"{words} (refused offline)"
    order = f", order {row.order_code}" if row.order_code else ""
    return f"{station}: {what} {code}{order}".replace("  ", " ").strip()


def _kind(row: ProblemRow) -> str:
    if row.kind:
        return row.kind
    if row.forced:
        return "upload_rejected"
    if row.reason == "unknown_ticket":
        return "unknown"
    return "offline_refused" if row.offline else "refused"


def _problem(row: ProblemRow, names: dict[int, str]) -> dict:
    station = names.get(row.key_id, "pretix" if row.key_id is None else "?")
    return {
        "time": iso(row.scanned_at),
        "station": station,
        "kind": _kind(row),
        "reason": row.reason,
        "text": problem_text(station, row),
        # The parts of ``text``, for a screen that says it in another language (the host panel).
        "code": row.secret[:SECRET_SHOWN] + ("…" if len(row.secret) > SECRET_SHOWN else "") if row.text is None else "",
        "order": row.order_code or "",
        "offline": bool(row.offline),
        "forced": bool(row.forced),
    }


def _station(row: StationRow, counts: list[CountRow], inp: OverviewInput, others_scanning: bool) -> dict:
    refused: dict[str, int] = {}
    admitted = uploads = recent = 0
    for c in counts:
        recent += c.recent
        if c.forced:
            uploads += c.count
        if c.reason is None:
            admitted += c.count
        else:
            refused[c.reason] = refused.get(c.reason, 0) + c.count
    ago = None if row.last_seen is None else max(0, int((inp.now - row.last_seen).total_seconds()))
    silent = (
        not row.revoked and row.last_seen is not None and inp.now - row.last_seen >= SILENT_AFTER and others_scanning
    )
    last = inp.last_problems.get(row.key_id)
    return {
        "name": row.name,
        "revoked": row.revoked,
        "last_seen": iso(row.last_seen),
        "seconds_ago": ago,
        "silent": silent,
        "address": row.address or None,
        "scans_15min": recent,
        "admitted": admitted,
        "refused": dict(sorted(refused.items())),
        "refused_total": sum(refused.values()),
        "offline_uploads": uploads,
        "last_problem": None if last is None else _problem(last, {row.key_id: row.name}),
    }


def _arrivals(inp: OverviewInput) -> dict:
    start, end = inp.window
    size = int((end - start) / BUCKET)
    now_index = min(size, max(0, int((inp.now - start) / BUCKET) + 1))  # buckets up to and including now
    lists = []
    for lst in inp.lists:
        per_bucket = [0] * size
        for list_id, index, count in inp.buckets:
            if list_id == lst.list_id and 0 <= index < size:
                per_bucket[index] += count
        running = inp.before_window.get(lst.list_id, 0)
        cumulative = []
        for count in per_bucket[:now_index]:
            running += count
            cumulative.append(running)
        lists.append({
            "name": lst.name,
            "expected": lst.expected,
            "admitted": lst.admitted,
            "to_come": max(0, lst.expected - lst.admitted),
            "per_bucket": per_bucket,
            "cumulative": cumulative,  # up to now; the future is not drawn
        })
    return {"bucket_minutes": int(BUCKET.total_seconds() // 60), "start": iso(start), "end": iso(end),
            "buckets": size, "now_index": now_index, "lists": lists}


def summarize(inp: OverviewInput) -> dict:
    """The overview as plain JSON values: event, totals, stations, arrivals chart and recent problems."""
    by_key: dict[int, list[CountRow]] = {}
    for c in inp.counts:
        by_key.setdefault(c.key_id, []).append(c)
    names = {s.key_id: s.name for s in inp.stations}
    recent_scan = {
        key_id: max((c.last_received for c in rows if c.last_received is not None), default=None)
        for key_id, rows in by_key.items()
    }
    stations = []
    for row in inp.stations:
        if row.revoked and row.key_id not in by_key:
            continue  # a revoked key that never scanned is not a station
        others = any(
            key_id != row.key_id and when is not None and inp.now - when < SILENT_AFTER
            for key_id, when in recent_scan.items()
        )
        stations.append(_station(row, by_key.get(row.key_id, []), inp, others))
    arrivals = _arrivals(inp)
    # People: the event's first list (its default "Entrance"); summing lists would count a guest twice.
    main = arrivals["lists"][0] if arrivals["lists"] else {"expected": 0, "admitted": 0}
    expected, admitted = main["expected"], main["admitted"]
    return {
        "generated_at": iso(inp.now),
        "event": inp.event,
        "totals": {
            "expected": expected,
            "admitted": admitted,
            "to_come": max(0, expected - admitted),
            "scans_15min": sum(s["scans_15min"] for s in stations),
            "refused": sum(s["refused_total"] for s in stations),
            "silent_stations": sum(1 for s in stations if s["silent"]),
        },
        "stations": stations,
        "arrivals": arrivals,
        "problems": [_problem(p, names) for p in inp.problems[:PROBLEMS_SHOWN]],
    }
