"""Under a bare X server (Xvfb, no window manager) real key events still reach the station after dialogs.

The station runs as a real process (``python -m kiosk --demo``) on its own Xvfb display; keys are
typed with xdotool (XTEST), so they go wherever X's input focus really is, as a keyboard's would.
What the station did is read from its journal (it has no camera, so each line is a check-in made
by hand from search), and where X's input focus is from ``xdotool getwindowfocus``: no
screenshots. scripts/setup.sh installs xvfb and xdotool for the tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Check-in station"
TYPE_DELAY_MS = "120"  # slower than a barcode scanner's burst (50 ms a key): typing, not a scan

pytestmark = pytest.mark.slow


@pytest.fixture
def display():
    """A fresh Xvfb on a free display number (Xvfb picks it: -displayfd), without a window manager."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: scripts/setup.sh test installs it (apt-get install -y xvfb xdotool)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    assert number.strip(), "Xvfb did not start"
    yield f":{int(number)}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


class Station:
    """A ``checkin-kiosk --demo`` process on ``display``, typed at with xdotool."""

    def __init__(self, display: str, data_dir: Path) -> None:
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
        self.data_dir = data_dir
        self.output = data_dir / "output.txt"
        data_dir.mkdir(parents=True, exist_ok=True)
        with self.output.open("wb") as sink:  # a file, not a pipe nobody reads
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "--demo", "--data-dir", str(data_dir),
                 "--camera", str(data_dir / "no-camera.mp4")],  # no camera: only the keyboard acts
                cwd=ROOT, env=self.env, stdout=sink, stderr=subprocess.STDOUT)

    def said(self) -> str:
        log = self.data_dir / "logs" / "checkin-kiosk.log"
        return (self.output.read_text(errors="replace")[-3000:]
                + (log.read_text(errors="replace")[-4000:] if log.exists() else ""))

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20)
        return done.stdout.strip() if done.returncode == 0 else ""

    def focused(self) -> str:
        """The name of the X window that has the keyboard focus ("" for the root window or none)."""
        return self.xdotool("getwindowfocus", "getwindowname")

    def wait(self, what: str, condition, timeout: float = 30) -> None:  # noqa: ANN001 - a callable
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.proc.poll() is None, f"the station died\n{self.said()}"
            assert time.monotonic() < deadline, (f"waited {timeout} s for {what}; keyboard focus on "
                                                 f"{self.focused()!r}\n{self.said()}")
            time.sleep(0.1)  # polling another process's files and X state: nothing to wait on in-process

    def wait_focus(self, name: str) -> None:
        self.wait(f"the keyboard focus on {name!r}", lambda: self.focused() == name)

    def key(self, *keys: str) -> None:
        for key in keys:
            self.xdotool("key", key)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", TYPE_DELAY_MS, text)

    def checked_in_by_hand(self) -> list[str]:
        journal = self.data_dir / "journal.jsonl"
        if not journal.exists():
            return []
        lines = [json.loads(line) for line in journal.read_text().splitlines() if line.strip()]
        return [e["secret"] for e in lines]  # no camera: every line is a check-in by hand

    def check_in_from_search(self, order_code: str, secret: str) -> None:
        """F3 is pressed already: type an order code, Enter, confirm with Enter; wait for the journal line."""
        self.type(order_code)
        self.key("Return")
        self.wait_focus("Check in by hand")  # the confirmation dialog has the keyboard
        self.key("Return")
        self.wait(f"{secret} checked in by hand", lambda: secret in self.checked_in_by_hand())
        self.wait_focus(TITLE)  # the dialog closed: the keyboard is back on the station

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def test_keyboard_reaches_the_station_after_confirmation_settings_and_pin_dialogs_without_a_window_manager(
        display, tmp_path):
    station = Station(display, tmp_path / "station")
    try:
        station.wait("the demo station set up", lambda: "station set up for" in station.said(), timeout=90)
        station.wait_focus(TITLE)
        # 1. Search and the "Check in by hand" confirmation.
        station.key("F3")
        station.check_in_from_search("R8MYE", "DEMO-ATTENTION-0001")
        station.key("Escape", "Escape")  # result -> search -> scanning
        # 2. Settings, cancelled: the next keys still reach the station.
        station.key("F2")
        station.wait_focus("Station settings")
        station.key("Escape")
        station.wait_focus(TITLE)
        station.key("F3")
        station.check_in_from_search("T9LXC", "DEMO-UNPAID-0001")
        station.key("Escape", "Escape")
        # 3. Kiosk mode: F11 asks for a PIN first; then every staff action asks for it.
        station.key("F11")
        station.wait_focus("Set a staff PIN")
        station.type("4711")
        station.key("Tab")
        station.type("4711")
        station.key("Return")
        station.wait_focus(TITLE)
        station.key("F3")
        station.wait_focus("Staff PIN")
        station.type("4711")
        station.key("Return")
        station.wait_focus(TITLE)
        station.check_in_from_search("HW7PA", "DEMO-USED-0001")
        assert station.checked_in_by_hand() == ["DEMO-ATTENTION-0001", "DEMO-UNPAID-0001", "DEMO-USED-0001"]
        assert "4711" not in station.said()  # the PIN is never logged
    finally:
        station.stop()
