"""Reading the overview's input from the database (aggregates only: a few hundred rows at most, whatever the size).

``read_overview`` gives the figures (``figures.summarize``) for one event. An admission's
attempt is its check-in row; refused attempts and station contacts come from the tables
``server.recording`` fills. Flask-free and Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from server.admin import require_event
from server.db import read_only, utcnow
from server.overview.figures import (
    OverviewInput,
    ProblemRow,
    StationRow,
    chart_window,
    iso,
    summarize,
)
from server.overview.tally import updated_tally
from server.schema import attempts, keys, station_contacts
from server.store.overview import event_details

# Extra problems (pretix sync trouble): callables returning ProblemRow lists, newest first.
ProblemSource = Callable[[], list[ProblemRow]]


def _stations(conn: Connection, event_id: int) -> list[StationRow]:
    rows = conn.execute(
        select(keys.c.id, keys.c.name, keys.c.revoked, station_contacts.c.last_seen, station_contacts.c.address)
        .select_from(keys.outerjoin(station_contacts, station_contacts.c.key_id == keys.c.id))
        .where(keys.c.event_id == event_id)
        .order_by(keys.c.name)
    )
    return [StationRow(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows]


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
    tally = updated_tally(conn, event_id, now)
    with tally.lock:
        counts = tally.counts(now)
        buckets, before = tally.arrivals(window)
        lists = list(tally.lists.values())
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
    return OverviewInput(now=now, event=event, window=window, stations=stations, counts=counts, lists=lists,
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

