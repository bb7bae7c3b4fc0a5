"""The real ``checkin-kiosk --demo`` process: shows results within seconds and quits cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM])
def test_demo_station_checks_tickets_and_quits_cleanly_on_a_signal(tmp_path, signum):
    # Output goes to a file, not a pipe nobody reads: a full pipe would block the station mid-shutdown.
    output = tmp_path / "output.txt"
    with output.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--demo", "--data-dir",
                                 str(tmp_path)], cwd=ROOT,
                                stdout=sink, stderr=subprocess.STDOUT)
    journal = tmp_path / "journal.jsonl"

    def what_it_said() -> str:
        log = tmp_path / "logs" / "checkin-kiosk.log"
        return output.read_text(errors="replace")[-3000:] + (log.read_text(errors="replace")[-3000:] if log.exists() else "")

    try:
        deadline = time.monotonic() + 60
        while not (journal.exists() and journal.read_text().count("\n") >= 1):
            assert proc.poll() is None, what_it_said()
            assert time.monotonic() < deadline, "no result journaled within 60 s\n" + what_it_said()
            try:
                proc.wait(timeout=0.2)  # returns early only if the station died
            except subprocess.TimeoutExpired:
                pass
        proc.send_signal(signum)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            code = None
        assert code == 0, f"exit code {code}\n" + what_it_said()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    assert entries[0]["secret"] == "DEMO-VALID-0001" and entries[0]["status"] == "ok"
    assert all(e["t_shown"] >= e["t_captured"] for e in entries)
    log = (tmp_path / "logs" / "checkin-kiosk.log").read_text()
    assert "station stopped" in log and "Traceback" not in log
