"""The operating system can always end a station: SIGTERM/SIGINT end a kiosk with a staff PIN within 5 s.

The staff PIN guards the keyboard (closing the window, leaving full screen), not the
operating system: a shutdown script or systemd must never hang on a PIN prompt.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXIT_WITHIN_S = 5.0


def _start(data_dir: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    output = data_dir / "output.txt"  # a file, not a pipe nobody reads: a full pipe would block the station
    with output.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--fullscreen", "--data-dir", str(data_dir), *args],
                                cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    return proc, output


def _what_it_said(data_dir: Path) -> str:
    log = data_dir / "logs" / "checkin-kiosk.log"
    output = data_dir / "output.txt"
    return (output.read_text(errors="replace")[-3000:] if output.exists() else "") + \
        (log.read_text(errors="replace")[-3000:] if log.exists() else "")


def _wait_for_log(proc: subprocess.Popen, data_dir: Path, text: str, timeout: float = 60) -> None:
    log = data_dir / "logs" / "checkin-kiosk.log"
    deadline = time.monotonic() + timeout
    while not (log.exists() and text in log.read_text(errors="replace")):
        assert proc.poll() is None, _what_it_said(data_dir)
        assert time.monotonic() < deadline, f"no {text!r} in the log within {timeout} s\n" + _what_it_said(data_dir)
        try:
            proc.wait(timeout=0.2)  # returns early only if the station died
        except subprocess.TimeoutExpired:
            pass


def _signal_and_time_the_exit(proc: subprocess.Popen, data_dir: Path, signum: int) -> float:
    started = time.monotonic()
    proc.send_signal(signum)
    try:
        code = proc.wait(timeout=EXIT_WITHIN_S + 15)  # a hang fails below with what the station said
    except subprocess.TimeoutExpired:
        code = None
    took = time.monotonic() - started
    print(f"{signal.Signals(signum).name}: ended in {took:.2f} s")
    assert code == 0, f"exit code {code} after {took:.1f} s\n" + _what_it_said(data_dir)
    assert took < EXIT_WITHIN_S, f"took {took:.1f} s to end\n" + _what_it_said(data_dir)
    log = (data_dir / "logs" / "checkin-kiosk.log").read_text()
    assert f"received {signal.Signals(signum).name}, quitting" in log
    assert "station stopped" in log and "Traceback" not in log and "ERROR" not in log, log[-3000:]
    return took


def _kiosk_data_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "kiosk"
    settings = Settings(data_dir)
    settings.set_staff_pin("4711")
    settings["sound"] = False
    settings.save()
    return data_dir


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_full_screen_demo_kiosk_with_a_staff_pin_ends_on_a_signal_within_5_s(tmp_path, signum):
    data_dir = _kiosk_data_dir(tmp_path)
    proc, _ = _start(data_dir, "--demo")  # HTTPS; the host station pins its own certificate
    try:
        _wait_for_log(proc, data_dir, "host server listening")
        journal = data_dir / "journal.jsonl"
        deadline = time.monotonic() + 60
        while not (journal.exists() and journal.read_text().count("\n") >= 1):  # the event loop runs: a scan shown
            assert proc.poll() is None and time.monotonic() < deadline, _what_it_said(data_dir)
            time.sleep(0.1)
        _signal_and_time_the_exit(proc, data_dir, signum)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_full_screen_kiosk_whose_host_is_gone_ends_on_sigterm_within_5_s(tmp_path):
    data_dir = _kiosk_data_dir(tmp_path)
    with __import__("socket").socket() as free:  # a port nobody listens on: the host is down
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    proc, _ = _start(data_dir, "--server", f"http://127.0.0.1:{port}/pretixdroid/api/acme/conf/", "--key", "k1",
                     "--camera", "demo")
    try:
        _wait_for_log(proc, data_dir, "network worker: station set up")  # then it probes a host that is gone
        _wait_for_log(proc, data_dir, "Scanned a code")  # the event loop runs: the camera's first code came in
        _signal_and_time_the_exit(proc, data_dir, signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_closing_a_kiosk_asks_the_staff_pin_once_and_the_right_pin_closes_it(qtbot, demo_host, make_station):
    from kiosk.ui.pin_dialog import PinDialog
    from tests.support.ui_support import WAIT_MS

    station = make_station("kiosk", demo_host.add_station("kiosk"), pin="4711")
    window, staff = station.window, station.staff
    window.show_full_screen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    assert not window.close()  # Alt+F4, the window manager's close: the PIN first
    prompt = staff.dialog
    assert isinstance(prompt, PinDialog) and prompt.isVisible()
    assert any("close the station" in label.text() for label in prompt.findChildren(QLabel))
    assert not window.close() and staff.dialog is prompt  # a second close click: still the one prompt
    with qtbot.waitSignal(staff.quit_chosen, timeout=WAIT_MS):
        qtbot.keyClicks(prompt.pin, "4711")
        qtbot.keyClick(prompt.pin, Qt.Key.Key_Return)
    assert staff.dialog is prompt and not prompt.isVisible()  # no second PIN prompt
    assert window.close()  # the application's quit closes the window without asking again


def test_closing_a_station_in_a_window_needs_no_pin(qtbot, demo_host, make_station):
    station = make_station("door", demo_host.add_station("door"), pin="4711")
    with qtbot.waitSignal(station.staff.quit_chosen, timeout=1000):
        assert station.window.close()  # a windowed station is staff-operated: it closes at once
    assert station.staff.dialog is None


@pytest.mark.slow
@pytest.mark.plain_http  # the proxy holds "the next request": counted by HTTP requests, not TLS flights
def test_a_kiosk_waiting_on_a_host_that_never_answers_still_ends_on_sigterm_within_5_s(tmp_path, host):
    from tests.support.proxy import LoopbackProxy

    data_dir = _kiosk_data_dir(tmp_path)
    key = host.seed.key()
    host.seed.ticket("VALID-1")
    with LoopbackProxy(host.port, delay=60) as proxy:  # the host's status answers; then nothing comes back
        proxy.plan("pass")
        proxy.mode = "delay"
        proc, _ = _start(data_dir, "--server", host.base_url(proxy.url), "--key", key, "--camera", "demo")
        try:
            _wait_for_log(proc, data_dir, "Scanned a code")  # the event loop runs
            deadline = time.monotonic() + 30
            # The download at start: the network thread waits for it (the Gate syncs before deciding).
            while proxy.applied["delay"] < 1:
                assert proc.poll() is None and time.monotonic() < deadline, _what_it_said(data_dir)
                time.sleep(0.05)
            _signal_and_time_the_exit(proc, data_dir, signal.SIGTERM)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    log = (data_dir / "logs" / "checkin-kiosk.log").read_text()
    assert "still unanswered after 3 s: ending without it" in log
