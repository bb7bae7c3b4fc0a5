"""Helpers for the station UI tests (the fixtures ``host``, ``demo_host`` and ``make_station`` are in stations.py)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread

from kiosk.paths import JOURNAL_FILENAME
from kiosk.station.journal import read_journal
from kiosk.ui.main_window import MainWindow
from kiosk.ui.style import STYLE_SHEET, app_font
from tests.support import imagegen
from tests.support.clients import pinned_session

FAST_GATE = dict(connect_timeout=0.5, read_timeout=2.0, probe_timeout=0.5, probe_interval=0.2,
                 probe_max_interval=0.5, refresh_interval=30.0, busy_retry_delay=0.1)
WAIT_MS = 15_000


def video(tmp_path: Path, name: str, segments: list[tuple[str | None, float]]) -> str:
    """A generated camera video showing each (text, seconds) in turn (None = nobody)."""
    return str(imagegen.write_video(tmp_path / f"{name}.avi", segments, fps=10))


def ticket_state(setup: dict, secret: str) -> dict:
    """What the host says about one ticket right now (search by secret prefix)."""
    with pinned_session(setup.get("cert_sha256")) as session:  # an https host: pinned, as stations do
        answer = session.get(setup["url"] + "search/", params={"key": setup["key"], "query": secret}, timeout=5)
    answer.raise_for_status()
    return next(t for t in answer.json()["results"] if t["secret"] == secret)


def journal_lines(station) -> list[dict]:
    """The station's journal entries (after its writer flushed)."""
    path = station.options.data_dir / JOURNAL_FILENAME
    return list(read_journal(path)) if path.exists() and path.stat().st_size else []


def wait_online(qtbot, station) -> None:
    """Until the station has its offline copy and decides online."""
    qtbot.waitUntil(lambda: getattr(station, "gate_state", None) is not None
                    and not station.gate_state.is_offline and station.gate_state.copy_age is not None,
                    timeout=WAIT_MS)


def setup_json(setup: dict) -> str:
    """The setup dict as the QR code carries it."""
    return json.dumps(setup, separators=(",", ":"))


class GuiRecorder(QObject):
    """Records calls on the GUI thread, queued behind the station's own slots for the same signal.

    A plain callable connected to a worker's signal has no receiver object, so Qt runs it
    on the worker's thread at the moment of ``emit``, before the GUI has handled what the
    worker emitted just before. Connect ``recorder.record`` instead: it runs where the
    station's slots run, in the order the signals were sent.
    """

    def __init__(self, what) -> None:
        super().__init__()
        self._what = what
        self.calls: list = []

    def record(self, *args) -> None:
        if QThread.currentThread() is not QCoreApplication.instance().thread():
            raise AssertionError("GuiRecorder.record ran off the GUI thread")
        self.calls.append(self._what(*args))


def styled(window: MainWindow) -> MainWindow:
    """The look ``run_station`` gives the application (fonts and paddings decide what fits)."""
    window.setStyleSheet(STYLE_SHEET)
    window.setFont(app_font())
    return window
