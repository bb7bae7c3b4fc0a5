"""The overview's one pure function (``summarize``): stations, the silent flag, the chart's span, problems."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from server.overview.figures import (
    CountRow,
    ListRow,
    OverviewInput,
    ProblemRow,
    StationRow,
    chart_window,
    summarize,
)
from server.overview.sync_problems import sync_problems

NOW = datetime(2026, 12, 27, 18, 3, 20)
EVENT = {"name": "Conf", "organizer": "acme", "slug": "conf", "timezone": "UTC", "date_from": None, "date_to": None}


def figures(stations, counts=(), problems=(), now=NOW, lists=(), buckets=()) -> dict:
    return summarize(OverviewInput(now=now, event=EVENT, window=chart_window(now, None, None),
                                   stations=list(stations), counts=list(counts), problems=list(problems),
                                   lists=list(lists), buckets=list(buckets)))


def scanned(key_id: int, seconds_ago: float) -> CountRow:
    return CountRow(key_id, None, False, False, 1, 1, NOW - timedelta(seconds=seconds_ago))


def test_a_station_quiet_for_two_minutes_is_flagged_only_while_another_one_scans():
    quiet = StationRow(1, "Door 1", False, NOW - timedelta(seconds=121), "10.0.0.2")
    busy = StationRow(2, "Door 2", False, NOW - timedelta(seconds=1), "10.0.0.3")
    flagged = {s["name"]: s["silent"] for s in figures([quiet, busy], [scanned(2, 30)])["stations"]}
    assert flagged == {"Door 1": True, "Door 2": False}
    # Nobody scanning (the doors are closed): nobody is flagged.
    assert not any(s["silent"] for s in figures([quiet, busy], [scanned(2, 200)])["stations"])
    # 119 s of quiet is not yet silent.
    almost = StationRow(1, "Door 1", False, NOW - timedelta(seconds=119), None)
    assert not figures([almost, busy], [scanned(2, 30)])["stations"][0]["silent"]


def test_a_key_never_used_or_revoked_is_not_flagged_and_a_revoked_one_without_scans_is_not_listed():
    spare = StationRow(1, "Spare", False, None, None)
    gone = StationRow(3, "Old door", True, NOW - timedelta(hours=1), None)
    busy = StationRow(2, "Door 2", False, NOW, None)
    shown = figures([spare, gone, busy], [scanned(2, 5)])["stations"]
    assert [(s["name"], s["silent"], s["last_seen"]) for s in shown] == [
        ("Spare", False, None), ("Door 2", False, "2026-12-27T18:03:20Z")]


def test_chart_spans_the_event_dates_or_the_last_12_hours_in_five_minute_steps():
    start, end = chart_window(NOW, datetime(2026, 12, 27, 17, 2), datetime(2026, 12, 27, 23, 58))
    assert (start, end) == (datetime(2026, 12, 27, 17, 0), datetime(2026, 12, 28, 0, 0))
    assert chart_window(NOW, None, None) == (datetime(2026, 12, 27, 6, 0), datetime(2026, 12, 27, 18, 5))
    # Dates long past (a rehearsal, or dates never updated): the last 12 hours, where the scans are.
    assert chart_window(NOW, datetime(2026, 9, 1), datetime(2026, 9, 3)) == chart_window(NOW, None, None)


def test_cumulative_arrivals_start_from_those_before_the_chart_and_stop_at_now():
    lists = [ListRow(7, "Entrance", expected=10, admitted=4)]
    inp = OverviewInput(now=NOW, event=EVENT, window=(NOW.replace(minute=0, second=0), NOW.replace(minute=30,
                        second=0)), lists=lists, buckets=[(7, 0, 2), (7, 1, 1), (8, 1, 5)], before_window={7: 1})
    arrivals = summarize(inp)["arrivals"]
    (entrance,) = arrivals["lists"]
    assert entrance["per_bucket"] == [2, 1, 0, 0, 0, 0]
    assert arrivals["now_index"] == 1  # 18:03 is in the first step: later ones are not drawn yet
    assert entrance["cumulative"] == [1 + 2]
    assert (entrance["to_come"], summarize(inp)["totals"]["to_come"]) == (6, 6)


def test_problems_name_the_station_and_show_only_the_start_of_a_ticket_code():
    door = StationRow(1, "Door 1", False, NOW, None)
    rows = [
        ProblemRow(NOW, 1, "unpaid", "SECRET-CODE-123", "ABC12", forced=True),
        ProblemRow(NOW - timedelta(minutes=1), 1, "unknown_ticket", "FORGED-XYZ-999"),
        ProblemRow(NOW - timedelta(minutes=2), None, "pretix_sync", text="pretix sync: unreachable", kind="sync"),
    ]
    shown = figures([door], problems=rows)["problems"]
    assert [(p["kind"], p["text"]) for p in shown] == [
        ("upload_rejected", "Door 1: offline upload rejected (unpaid) SECRET…, order ABC12"),
        ("unknown", "Door 1: unknown ticket FORGED…"),
        ("sync", "pretix sync: unreachable"),
    ]
    assert all("CODE-123" not in p["text"] and "XYZ-999" not in p["text"] for p in shown)


def test_pretix_sync_problems_are_none_without_a_sync_data_dir():
    assert sync_problems(None, None, "acme", "conf") == []


def test_the_overview_data_loads_neither_flask_nor_qt():
    code = ("import sys; import server.overview.data, server.overview.figures, server.overview.text, "
            "server.overview.export; print(sorted({'flask', 'PySide6'} & {m.partition('.')[0] for m in sys.modules}))")
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
