"""The ``checkin-kiosk`` command line, run as a process: --help, usage errors, export-journal, a new data dir."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
import time

import pytest

from kiosk.settings import Settings
from kiosk.station.journal import Journal

KEY = "Zy4xWv7uTs0rQp3oNm6lKj9iHg2fEd5c"
URL = "http://127.0.0.1:9/pretixdroid/api/demo/democon/"


def kiosk(*args: str, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_help_is_fast_and_does_not_load_qt():
    code = (
        "import sys, time; t = time.perf_counter()\n"
        "from kiosk.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('QT' if 'PySide6' in sys.modules else 'NOQT', time.perf_counter() - t)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "export-journal FILE.csv" in result.stdout and "--self-test" in result.stdout
    verdict, seconds = result.stdout.split()[-2:]
    assert verdict == "NOQT"
    assert float(seconds) < 1.0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--server", URL], "--server needs --key"),
        (["--key", KEY], "--key needs --server"),
        (["--setup", "{not json"], "not valid JSON"),
        (["--setup", "no-such-file.json"], "is neither"),
        (["--setup", '{"version": 9, "url": "http://h/pretixdroid/api/o/e/", "key": "abcdefgh"}'], "version 9"),
        (["--setup", '{"version": 3, "url": "http://h:8000/pretixdroid/api/o/e/"}'], "lacks key"),
        (["--server", "htp//wrong", "--key", KEY], "--server"),
        (["--host", "--server", URL, "--key", KEY], "choose one of"),
        (["--port", "8000"], "only apply with --host"),
        (["--host", "--port", "70000"], "--port must be"),
        (["--decoder", "tesseract"], "invalid choice"),
    ],
)
def test_a_usage_mistake_is_one_clear_line_and_exit_2(tmp_path, args, says):
    result = kiosk("--data-dir", str(tmp_path / "d"), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checkin-kiosk: error:") and says in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "d").exists()  # nothing was written


def test_export_journal_writes_the_scans_as_csv(tmp_path):
    with Journal(tmp_path / "journal.jsonl") as journal:
        journal.append({"secret": "DEMO-VALID-0001", "status": "ok", "mode": "online", "t_captured": time.time()})
    out = tmp_path / "scans.csv"
    result = kiosk("export-journal", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 scan to" in result.stdout
    with open(out, newline="", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["secret"] == "DEMO-VALID-0001"


def test_export_journal_without_a_journal_fails_with_one_line(tmp_path):
    result = kiosk("--data-dir", str(tmp_path), "export-journal", str(tmp_path / "out.csv"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"checkin-kiosk: error: No journal at {tmp_path / 'journal.jsonl'}: this station has not scanned anything yet"
    ]
    assert not (tmp_path / "out.csv").exists()


def test_a_new_data_dir_is_created_and_the_given_server_and_key_are_saved(tmp_path):
    data_dir = tmp_path / "new" / "station"
    result = kiosk("--data-dir", str(data_dir), "--server", URL.rstrip("/"), "--key", KEY, "--camera", "demo",
                   "--self-test")  # fmt: skip
    assert result.returncode == 1  # nothing listens on port 9; the settings are saved all the same
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    saved = Settings.load(data_dir)
    assert (saved.server_url, saved.key) == (URL, KEY)
    assert stat.S_IMODE((data_dir / "key").stat().st_mode) == 0o600
    assert KEY not in (data_dir / "settings.toml").read_text()
    log_text = (data_dir / "logs" / "checkin-kiosk.log").read_text()
    assert f"server: {URL}" in log_text and KEY not in log_text
