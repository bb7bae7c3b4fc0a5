"""Reading the overview's input from the database (aggregates only: a few hundred rows at most, whatever the size).

``read_overview`` gives the figures (``figures.summarize``) for one event. An admission's
attempt is its check-in row; refused attempts and station contacts come from the tables
``server.recording`` fills. Flask-free and Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, Engine, Integer, and_, case, cast, func, select

from server.admin import require_event
from server.db import read_only, utcnow
from server.overview.figures import (
    BUCKET,
    RECENT,
    CountRow,
    ListRow,
    OverviewInput,
    ProblemRow,
    StationRow,
    chart_window,
    iso,
    summarize,
)
from server.rules.tickets import admissible_statuses
from server.schema import attempts, checkin_lists, checkins, keys, positions, products, station_contacts
from server.store.overview import event_details, status_counts

# Extra problems (pretix sync trouble): callables returning ProblemRow lists, newest first.
ProblemSource = Callable[[], list[ProblemRow]]


def _bucket(conn: Connection, column, start: datetime):
    """SQL: the 5-minute bucket index of ``column`` counted from ``start``."""
    seconds = int(BUCKET.total_seconds())
    if conn.dialect.name == "postgresql":
        return func.floor((func.extract("epoch", column) - func.extract("epoch", start)) / seconds)
    epoch = int((start - datetime(1970, 1, 1)).total_seconds())
    # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff"; integer division floors for times after ``start``.
    offset = cast(func.strftime("%s", column), Integer) - epoch
    return case((offset >= 0, offset / seconds), else_=-1)


def _stations(conn: Connection, event_id: int) -> list[StationRow]:
    rows = conn.execute(
        select(keys.c.id, keys.c.name, keys.c.revoked, station_contacts.c.last_seen, station_contacts.c.address)
        .select_from(keys.outerjoin(station_contacts, station_contacts.c.key_id == keys.c.id))
        .where(keys.c.event_id == event_id)
        .order_by(keys.c.name)
    )
    return [StationRow(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows]


def _counts(conn: Connection, event_id: int, recent: datetime) -> list[CountRow]:
    event_keys = select(keys.c.id).where(keys.c.event_id == event_id).scalar_subquery()
    admitted = conn.execute(
        select(checkins.c.key_id, checkins.c.forced, func.count(),
               func.sum(case((checkins.c.datetime >= recent, 1), else_=0)), func.max(checkins.c.received_at))
        .where(checkins.c.key_id.in_(event_keys))
        .group_by(checkins.c.key_id, checkins.c.forced)
    )
    rows = [CountRow(r[0], None, bool(r[1]), False, r[2], int(r[3] or 0), r[4]) for r in admitted]
    refused = conn.execute(
        select(attempts.c.key_id, attempts.c.reason, attempts.c.forced, attempts.c.offline, func.count(),
               func.sum(case((attempts.c.scanned_at >= recent, 1), else_=0)), func.max(attempts.c.received_at))
        .where(attempts.c.event_id == event_id)
        .group_by(attempts.c.key_id, attempts.c.reason, attempts.c.forced, attempts.c.offline)
    )
    rows += [CountRow(r[0], r[1], bool(r[2]), bool(r[3]), r[4], int(r[5] or 0), r[6]) for r in refused]
    return rows


def _lists(conn: Connection, event_id: int) -> list[ListRow]:
    admission = {pid for pid, adm in conn.execute(
        select(products.c.id, products.c.admission).where(products.c.event_id == event_id)) if adm}
    result = []
    for list_id, name, all_products, include_pending in conn.execute(
        select(checkin_lists.c.id, checkin_lists.c.name, checkin_lists.c.all_products,
               checkin_lists.c.include_pending).where(checkin_lists.c.event_id == event_id).order_by(checkin_lists.c.id)
    ):
        counts = status_counts(conn, event_id, list_id, bool(all_products), admissible_statuses(bool(include_pending)))
        people = [value for (product_id, _), value in counts.items() if product_id in admission]
        result.append(ListRow(list_id, name, sum(t for _, t in people), sum(c for c, _ in people)))
    return result


def _buckets(conn: Connection, event_id: int, window: tuple[datetime, datetime]):
    start, end = window
    admissions = (
        checkins.join(positions, positions.c.id == checkins.c.position_id)
        .join(products, and_(products.c.id == positions.c.product_id, products.c.admission))
    )
    where = (positions.c.event_id == event_id, checkins.c.is_first)
    index = _bucket(conn, checkins.c.datetime, start).label("bucket")
    buckets = [
        (list_id, int(bucket), count)
        for list_id, bucket, count in conn.execute(
            select(checkins.c.list_id, index, func.count()).select_from(admissions)
            .where(*where, checkins.c.datetime >= start, checkins.c.datetime < end)
            .group_by(checkins.c.list_id, index)
        )
    ]
    before = dict(conn.execute(
        select(checkins.c.list_id, func.count()).select_from(admissions)
        .where(*where, checkins.c.datetime < start).group_by(checkins.c.list_id)
    ).all())
    return buckets, before


def _problem_rows(rows) -> list[ProblemRow]:
    return [ProblemRow(r.scanned_at, r.key_id, r.reason, r.secret, r.order_code, bool(r.forced), bool(r.offline))
            for r in rows]


_PROBLEM_COLUMNS = (attempts.c.scanned_at, attempts.c.key_id, attempts.c.reason, attempts.c.secret,
                    attempts.c.order_code, attempts.c.forced, attempts.c.offline)


def read_input(conn: Connection, event_id: int, now: datetime, limit: int = 20) -> OverviewInput:
    """The overview's input for ``event_id`` at ``now`` (naive UTC), in the caller's transaction."""
    details = event_details(conn, event_id)
    window = chart_window(now, details.date_from, details.date_to)
    stations = _stations(conn, event_id)
    buckets, before = _buckets(conn, event_id, window)
    problems = _problem_rows(conn.execute(
        select(*_PROBLEM_COLUMNS).where(attempts.c.event_id == event_id)
        .order_by(attempts.c.scanned_at.desc(), attempts.c.id.desc()).limit(limit)
    ))
    last: dict[int, ProblemRow] = {}
    for station in stations:
        rows = _problem_rows(conn.execute(
            select(*_PROBLEM_COLUMNS).where(attempts.c.key_id == station.key_id)
            .order_by(attempts.c.scanned_at.desc(), attempts.c.id.desc()).limit(1)
        ))
        if rows:
            last[station.key_id] = rows[0]
    event = {
        "name": details.name,
        "organizer": details.organizer_slug,
        "slug": details.slug,
        "timezone": details.timezone or "UTC",
        "date_from": iso(details.date_from),
        "date_to": iso(details.date_to),
    }
    return OverviewInput(now=now, event=event, window=window, stations=stations,
                         counts=_counts(conn, event_id, now - RECENT), lists=_lists(conn, event_id),
                         buckets=buckets, before_window=before, problems=problems, last_problems=last)


def read_overview(
    engine: Engine,
    org: str,
    event: str,
    now: datetime | None = None,
    extra_problems: list[ProblemSource] = (),
) -> dict:
    """The overview of ``org``/``event`` (``figures.summarize``); ``server.admin.AdminError`` for an unknown event.

    ``extra_problems``: more problems to merge in by time (the pretix sync's, see ``sync_problems``).
    """
    now = now or utcnow()
    with engine.connect() as conn:
        with read_only(conn).begin():
            ref = require_event(conn, org, event)
            inp = read_input(conn, ref.event_id, now)
    for source in extra_problems:
        inp.problems = sorted([*inp.problems, *source()], key=lambda p: p.scanned_at, reverse=True)
    return summarize(inp)


def event_overview(engine: Engine, event_id: int, now: datetime | None = None,
                   extra_problems: list[ProblemSource] = ()) -> dict:
    """Like ``read_overview`` for an event already resolved to its id (the web page's key check did that)."""
    now = now or utcnow()
    with engine.connect() as conn:
        with read_only(conn).begin():
            inp = read_input(conn, event_id, now)
    for source in extra_problems:
        inp.problems = sorted([*inp.problems, *source()], key=lambda p: p.scanned_at, reverse=True)
    return summarize(inp)

