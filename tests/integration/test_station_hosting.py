"""Hosting from the GUI: import an event file (off the GUI thread, with progress) and start checking in."""
# ruff: noqa: F811 - pytest fixtures are imported from tests/kiosk/ui_support.py and used as arguments

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.screens import Screen
from tests.kiosk.ui_support import WAIT_MS, make_station  # noqa: F401 - fixtures

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pretix-samples" / "pretix-2026.8.0-order-data.json"


@pytest.mark.skipif(not SAMPLE.exists(), reason="tests/data/pretix-samples missing")
def test_host_mode_imports_an_event_file_and_the_station_sets_itself_up_on_it(qtbot, make_station):
    station = make_station("host", None, host=True)
    assert station.flow.screen is Screen.HOST  # nothing to serve yet: staff land on the host panel
    view = station.window.host_view
    qtbot.waitUntil(lambda: "No event yet" in view.event_label.text(), timeout=WAIT_MS)
    progress = []
    station.host.thread.worker.import_progressed.connect(lambda done, total: progress.append((done, total)))
    view.import_requested.emit(str(SAMPLE))
    qtbot.waitUntil(lambda: view.import_button.isEnabled() and view.message.text()
                    and "Import" not in view.message.text()[:9], timeout=WAIT_MS)
    assert "(" in view.event_label.text() and "No event" not in view.event_label.text()
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    assert station.flow.screen is Screen.HOST  # staff stay where they work
    qtbot.keyClick(view, "\x1b")  # Esc: back to scanning, now that there is an event
    assert station.flow.screen is Screen.SCANNING
    assert progress and progress[-1][0] == progress[-1][1]
    assert station.settings.server_url.startswith("http://127.0.0.1:")
