"""The ``checkin-kiosk`` command line: usage errors, export-journal, logging, signal handling."""

from __future__ import annotations

import csv
import logging
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.logging_setup import KeyRedactingFilter, setup_logging, shutdown_logging
from kiosk.options import StationOptions, parse_command_line, resolve_options
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


def test_setup_code_fills_the_station_options(tmp_path):
    setup = f'{{"version": 3, "url": "{URL}", "key": "{KEY}", "allow_search": false, "show_info": true}}'
    parsed = parse_command_line(["--setup", setup, "--data-dir", str(tmp_path)])
    options = resolve_options(parsed, Settings.load(tmp_path), tmp_path)
    assert (options.server_url, options.key, options.host) == (URL, KEY, False)
    assert KEY not in repr(options) and KEY not in repr(parsed)


def test_demo_picks_a_free_port_and_the_simulated_camera(tmp_path):
    options = resolve_options(parse_command_line(["--demo"]), Settings.load(tmp_path), tmp_path)
    assert options.demo and options.host and options.port == 0 and options.camera == "demo"
    assert options.server_url is None


def test_the_log_never_shows_a_key(tmp_path):
    log_path = setup_logging(tmp_path)
    try:
        from kiosk.logging_setup import log_banner, redact_secret

        redact_secret(KEY)
        options = StationOptions(server_url=URL, key=KEY, data_dir=tmp_path, camera="0")
        log_banner(options)
        logging.getLogger("kiosk.test").warning("GET /status/?key=%s&x=1 failed; raw %s", "SomeOtherKey123", KEY)
        logging.getLogger("kiosk.test").info('setup {"key": "AnotherKey456", "url": "x"}')
    finally:
        shutdown_logging()
    text = log_path.read_text()
    assert f"server: {URL}" in text and "decoder: zxing" in text
    assert KEY not in text and "SomeOtherKey123" not in text and "AnotherKey456" not in text
    assert text.count("<redacted>") >= 3


def test_redaction_reaches_into_tracebacks():
    redactor = KeyRedactingFilter()
    try:
        raise ValueError("bad url http://h/status/?key=SecretKey99")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    redactor.filter(record)
    assert "SecretKey99" not in record.exc_text and "key=<redacted>" in record.exc_text


def test_qt_messages_land_in_the_log_and_sigterm_quits_the_event_loop(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, QTimer, qWarning
        from kiosk.logging_setup import install_qt_message_handler, quit_on_signals, setup_logging
        setup_logging(Path({str(tmp_path)!r}))
        app = QCoreApplication([])
        install_qt_message_handler()
        stopped = []
        quit_on_signals(app, on_signal=stopped.append)
        qWarning("camera went away")
        QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))
        QTimer.singleShot(10000, lambda: app.exit(3))  # the signal did not quit: fail
        code = app.exec()
        print("exit", code, "stopped", stopped)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert result.stdout.strip() == f"exit 0 stopped [{int(__import__('signal').SIGTERM)}]", result.stderr
    log_text = (Path(tmp_path) / "checkin-kiosk.log").read_text()
    assert "WARNING" in log_text and "qt: camera went away" in log_text
    assert "received SIGTERM, quitting" in log_text


def test_a_new_data_dir_is_created_and_the_given_server_and_key_are_saved(tmp_path):
    data_dir = tmp_path / "new" / "station"
    result = kiosk("--data-dir", str(data_dir), "--server", URL.rstrip("/"), "--key", KEY, "--camera", "demo",
                   "--self-test", env={"QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert result.returncode == 1  # nothing listens on port 9; the settings are saved all the same
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    saved = Settings.load(data_dir)
    assert (saved.server_url, saved.key) == (URL, KEY)
    assert stat.S_IMODE((data_dir / "key").stat().st_mode) == 0o600
    assert KEY not in (data_dir / "settings.toml").read_text()
    log_text = (data_dir / "logs" / "checkin-kiosk.log").read_text()
    assert f"server: {URL}" in log_text and KEY not in log_text
