"""The scan journal: one JSON line per scan, on disk at once, exportable as CSV."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest

from kiosk.station.journal import CSV_COLUMNS, FIELDS, Journal, JournalError, export_csv, read_journal

T0 = 1_780_000_000.25


def scan(secret: str = "DEMO-VALID-0001", **fields):
    entry = {
        "secret": secret, "status": "ok", "reason": None, "mode": "online", "nonce": "n-1", "station": "door-1",
        "t_captured": T0, "t_decoded": T0 + 0.03, "t_sent": T0 + 0.04, "t_answered": T0 + 0.09, "t_shown": T0 + 0.1,
    }  # fmt: skip
    entry.update(fields)
    return entry


def test_each_scan_is_one_json_line_with_every_field(tmp_path):
    path = tmp_path / "journal.jsonl"
    with Journal(path) as journal:
        journal.append(scan())
        journal.append({"secret": "X", "status": "error", "reason": "unknown_ticket", "mode": "offline"})
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == set(FIELDS) == set(second)
    assert first["t_answered"] == T0 + 0.09
    assert second["t_sent"] is None and second["reason"] == "unknown_ticket"


def test_an_appended_scan_is_readable_by_another_handle_at_once(tmp_path):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.append(scan("FIRST"))
    with open(path, encoding="utf-8") as other:
        assert json.loads(other.readline())["secret"] == "FIRST"
    journal.append(scan("SECOND"))
    assert [e["secret"] for e in read_journal(path)] == ["FIRST", "SECOND"]
    journal.close()


@pytest.mark.parametrize(
    "bad",
    [
        {"secret": "X", "status": "maybe"},
        {"secret": "X", "status": "ok", "mode": "sideways"},
        {"secret": "X", "status": "ok", "t_sent": "yesterday"},
        {"secret": "X", "status": "ok", "colour": "red"},
    ],
)
def test_a_malformed_entry_is_refused_and_nothing_is_written(tmp_path, bad):
    path = tmp_path / "journal.jsonl"
    with Journal(path) as journal:
        with pytest.raises(JournalError):
            journal.append(bad)
    assert path.read_text() == ""


def test_a_torn_last_line_is_skipped_when_reading(tmp_path):
    path = tmp_path / "journal.jsonl"
    with Journal(path) as journal:
        journal.append(scan("WHOLE"))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"secret": "TOR')
    assert [e["secret"] for e in read_journal(path)] == ["WHOLE"]


def test_export_writes_a_csv_row_per_scan_with_an_iso_time(tmp_path):
    path = tmp_path / "journal.jsonl"
    with Journal(path) as journal:
        journal.append(scan("DEMO-VALID-0001"))
        journal.append(scan("DEMO-USED-0001", status="error", reason="already_redeemed", t_shown=None))
    out = tmp_path / "scans.csv"
    assert export_csv(path, out) == 2
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["secret"] for r in rows] == ["DEMO-VALID-0001", "DEMO-USED-0001"]
    assert rows[1]["reason"] == "already_redeemed" and rows[1]["t_shown"] == ""
    assert abs(datetime.fromisoformat(rows[0]["time"]).timestamp() - T0) < 0.001


def test_export_keeps_a_scanned_formula_from_running_in_a_spreadsheet(tmp_path):
    path = tmp_path / "journal.jsonl"
    with Journal(path) as journal:
        journal.append(scan('=HYPERLINK("http://evil")', status="error", reason="unknown_ticket"))
    export_csv(path, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["secret"] == "'=HYPERLINK(\"http://evil\")"


def test_export_without_a_journal_says_so_and_writes_no_file(tmp_path):
    with pytest.raises(JournalError, match="No journal"):
        export_csv(tmp_path / "journal.jsonl", tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
