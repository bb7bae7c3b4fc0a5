"""A pretix device code held to a station's camera (or typed by a wedge scanner) is never a ticket.

Real parts: generated camera videos of the QR code through the real decoder, real stations
against a real host. At a station that is not the host it says where to scan it; at the host
it opens the host panel (after the staff PIN in full-screen mode) offering to connect. Never
redeemed, never journaled, never queued offline. Connecting to a real pretix:
tests/integration/test_station_pretix_connect.py.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.offline.queue import CheckinQueue
from kiosk.offline.store import open_store, source_of
from kiosk.settings import Settings
from kiosk.station.screens import Screen
from kiosk.ui.pin_dialog import PinDialog
from tests.integration.test_station_keyboard import type_into_window
from tests.support.clients import pinned_session
from tests.support.ui_support import WAIT_MS, journal_lines, video

TOKEN = "kpp4jn8g2ynzonp6"
# As pretix shows it under the QR code (pretix/control/views/organizer.py: json.dumps, with spaces).
DEVICE_CODE = json.dumps({"handshake_version": 1, "url": "https://pretix.example.org", "token": TOKEN})


def checkins_on_host(setup: dict) -> int:
    with pinned_session(setup.get("cert_sha256")) as session:
        answer = session.get(setup["url"] + "status/", params={"key": setup["key"]}, timeout=5)
    answer.raise_for_status()
    return answer.json()["checkins"]


def nothing_recorded(station, setup: dict | None = None) -> None:
    """The code left no trace: no journal line, nothing queued, no token in the station's files."""
    station.shutdown()
    assert journal_lines(station) == []
    data_dir = station.options.data_dir
    if setup is not None:
        conn = open_store(data_dir)
        assert CheckinQueue(conn, source_of(setup["url"])).pending_count() == 0
        conn.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_device_code_at_a_station_says_scan_it_at_the_host_and_is_never_redeemed(qtbot, tmp_path, demo_host,
                                                                                   make_station):
    setup = demo_host.add_station("door-1")
    camera = video(tmp_path, "device", [(None, 0.3), (DEVICE_CODE, 1.0), (None, 0.3)])
    before = checkins_on_host(setup)
    station = make_station("door-1", setup, camera=camera, result_seconds=5)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    view = station.window.result_view
    assert view.word.text() == "PRETIX DEVICE CODE"
    assert "This is a pretix device code: scan it at the host" in view.note.text()
    assert TOKEN not in view.note.text()
    assert checkins_on_host(setup) == before
    nothing_recorded(station, setup)


def test_a_device_code_typed_by_a_wedge_scanner_while_offline_is_not_queued(qtbot, demo_host, make_station):
    setup = demo_host.add_station("door-2")
    station = make_station("door-2", setup, mode="offline", result_seconds=5)
    qtbot.waitUntil(lambda: station.gate_state is not None and station.gate_state.is_offline, timeout=WAIT_MS)
    type_into_window(station, DEVICE_CODE, gap_ms=5)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "PRETIX DEVICE CODE"
    nothing_recorded(station, setup)


def test_a_device_code_at_a_station_not_set_up_says_so_on_the_setup_screen(qtbot, tmp_path, make_station):
    camera = video(tmp_path, "device-setup", [(None, 0.3), (DEVICE_CODE, 1.0), (None, 0.3)])
    station = make_station("new", None, camera=camera)
    message = station.window.setup_view.message
    qtbot.waitUntil(lambda: "pretix device code" in message.text(), timeout=WAIT_MS)
    assert "scan it at the host" in message.text() and station.flow.screen is Screen.SETUP
    assert Settings.load(station.options.data_dir).server_url == ""
    nothing_recorded(station)


def test_at_the_host_in_full_screen_a_device_code_asks_the_pin_then_offers_to_connect(qtbot, tmp_path,
                                                                                      make_station):
    camera = video(tmp_path, "device-host", [(None, 1.5), (DEVICE_CODE, 1.0), (None, 0.5)])
    host = make_station("host", None, host=True, demo=True, pin="4711", camera=camera)
    host.window.show_full_screen()
    qtbot.waitUntil(lambda: isinstance(host.staff.dialog, PinDialog) and host.staff.dialog.isVisible(),
                    timeout=WAIT_MS)
    assert "Staff PIN to connect this host to pretix:" in [w.text() for w in host.staff.dialog.findChildren(QLabel)]
    section = host.window.host_view.pretix
    assert not section.offer.isVisible() and host.flow.screen is not Screen.HOST  # nothing before the PIN
    qtbot.keyClicks(host.staff.dialog.pin, "4711")
    qtbot.keyClick(host.staff.dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: host.flow.screen is Screen.HOST and section.offer.isVisible(), timeout=WAIT_MS)
    assert "https://pretix.example.org" in section.offer_text.text() and TOKEN not in section.offer_text.text()
    qtbot.mouseClick(section.offer_cancel, Qt.MouseButton.LeftButton)
    assert not section.offer.isVisible()
    nothing_recorded(host)


def test_at_the_host_in_a_window_a_device_code_opens_the_host_panel_offering_to_connect(qtbot, tmp_path,
                                                                                       make_station):
    camera = video(tmp_path, "device-window", [(None, 1.5), (DEVICE_CODE, 1.0), (None, 0.5)])
    host = make_station("host", None, host=True, demo=True, camera=camera)
    section = host.window.host_view.pretix
    qtbot.waitUntil(lambda: host.flow.screen is Screen.HOST and section.offer.isVisible(), timeout=WAIT_MS)
    assert section.offer_connect.hasFocus() or section.offer_connect.isVisible()
    nothing_recorded(host)
