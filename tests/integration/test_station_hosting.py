"""Hosting from the GUI: import an event file, choose where the server listens, keep the station's settings."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from PySide6.QtCore import Qt

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.clients import pinned_session
from tests.support.ui_support import WAIT_MS, GuiRecorder

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pretix-samples" / "pretix-2026.8.0-order-data.json"


def test_host_mode_imports_an_event_file_and_the_station_sets_itself_up_on_it(qtbot, make_station):
    station = make_station("host", None, host=True)
    assert station.flow.screen is Screen.HOST  # nothing to serve yet: staff land on the host panel
    view = station.window.host_view
    qtbot.waitUntil(lambda: "No event yet" in view.event_label.text(), timeout=WAIT_MS)
    progress = []
    station.host.thread.worker.import_progressed.connect(lambda done, total: progress.append((done, total)))
    # What the panel shows when it says the import is done, read on the GUI thread in signal order.
    shown_when_done = GuiRecorder(lambda ok, text: view.event_label.text())
    station.host.thread.worker.import_finished.connect(shown_when_done.record)
    view.import_requested.emit(str(SAMPLE))
    qtbot.waitUntil(lambda: view.import_button.isEnabled() and view.message.text()
                    and "Import" not in view.message.text()[:9], timeout=WAIT_MS)
    assert "(" in view.event_label.text() and "No event" not in view.event_label.text()
    assert len(shown_when_done.calls) == 1 and "No event" not in shown_when_done.calls[0]  # never the summary beside "No event"
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    assert station.flow.screen is Screen.HOST  # staff stay where they work
    qtbot.keyClick(view, "\x1b")  # Esc: back to scanning, now that there is an event
    assert station.flow.screen is Screen.SCANNING
    assert progress and progress[-1][0] == progress[-1][1]
    assert station.settings.server_url.startswith("https://127.0.0.1:")
    saved = Settings.load(station.options.data_dir)
    assert (saved.server_url, saved.key) == (station.settings.server_url, station.settings.key)
    assert saved.event and saved.server_url.endswith(f"/pretixdroid/api/{saved.event}/")


def test_demo_says_it_is_starting_instead_of_offering_setup_choices_until_it_scans(qtbot, make_station):
    station = make_station("host", None, host=True, demo=True)
    view = station.window.setup_view
    assert not station.flow.configured and station.window.stack.currentWidget() is view
    assert view.title.text().startswith("Starting") and "demo event" in view.message.text()
    assert not view.tabs.isVisible() and not view.scan_hint.isVisible()  # no "paste a setup code" flash
    assert "starting (hosting)" in station.window.station_label.text()
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    assert not view.starting and view.tabs.isVisibleTo(view)  # the choices are back for a later re-setup
    assert "starting" not in station.window.station_label.text()


def test_hosting_station_keeps_its_own_key_and_event_in_its_settings_when_staff_change_another(qtbot,
                                                                                             make_station):
    station = make_station("host", None, host=True, demo=True)
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    station.window.privacy_action.trigger()  # any staff change saves the station's settings
    saved = Settings.load(station.options.data_dir)
    assert saved.privacy
    assert (saved.server_url, saved.key, saved.event) == (station.settings.server_url, station.settings.key,
                                                          "demo/democon")
    assert saved.server_url.startswith("https://") and saved.cert_sha256  # the host station pins its own host
    with pinned_session(saved.cert_sha256) as session:
        assert session.get(saved.server_url + "status/", params={"key": saved.key}, timeout=5).status_code == 200


def test_staff_move_the_host_to_another_address_and_the_station_follows(qtbot, make_station):
    station = make_station("host", None, host=True, demo=True, bind="127.0.0.2")  # loopback, as with --bind
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    station.staff.open_panel(Screen.HOST)
    view = station.window.host_view
    port = urlsplit(station.host.url).port
    assert view.server.text().startswith(f"https://127.0.0.2:{port} ") and view.chosen_bind() == "127.0.0.2"
    view.bind_button("127.0.0.1").click()
    qtbot.mouseClick(view.listen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.server.text().startswith(f"https://127.0.0.1:{port} "), timeout=WAIT_MS)
    assert "only this computer can connect" in view.server.text()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"https://127.0.0.2:{port}/", timeout=2, verify=False)
    assert Settings.load(station.options.data_dir).host_bind == "127.0.0.1"  # kept for the next start
    # The station's own setup moved along, and new stations get the new address.
    qtbot.waitUntil(lambda: station.settings.server_url.startswith(f"https://127.0.0.1:{port}/"), timeout=WAIT_MS)
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID", station.flow.result.outcome
    assert station.flow.result.outcome.mode == "online"  # checked by the host at its new address
    view.station_name.setText("Entrance 2")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=WAIT_MS)
    assert view.station_url.text().replace("\u200b", "") == f"https://127.0.0.1:{port}/pretixdroid/api/demo/democon/"
