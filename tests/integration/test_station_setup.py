"""Setting a station up: a scanned setup code (confirmed, tested, saved), typed setups, host mode."""

from __future__ import annotations

import json

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.scanning.decoding import make_decoder
from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.clients import pinned_session
from tests.support.ui_support import WAIT_MS, journal_lines, setup_json, ticket_state, video


def test_scanned_setup_code_is_confirmed_tested_and_saved_never_redeemed(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("door-3")
    camera = video(tmp_path, "setup", [(None, 0.3), (setup_json(setup), 1.0), (None, 0.3)])
    station = make_station("door-3", None, camera=camera)
    assert station.flow.screen is Screen.SETUP
    qtbot.waitUntil(lambda: station.flow.screen is Screen.CONFIRM_SETUP, timeout=WAIT_MS)
    assert setup["url"] in station.window.confirm_view.question.text()
    qtbot.keyClick(station.window.confirm_view, "\r")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    saved = Settings.load(station.options.data_dir)
    assert (saved.server_url, saved.key) == (setup["url"], setup["key"])
    station.redeem_by_hand("DEMO-VALID-0001")  # the new setup is in use
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID", station.flow.result.outcome
    assert ticket_state(setup, "DEMO-VALID-0001")["redeemed"]
    station.shutdown()
    assert [e["secret"] for e in journal_lines(station)] == ["DEMO-VALID-0001"]  # the setup code never was


def test_typed_setup_for_a_host_that_does_not_answer_saves_nothing(qtbot, make_station, demo_host):
    station = make_station("door-4", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText("http://127.0.0.1:9/pretixdroid/api/demo/democon/")
    view.key.setText("A" * 32)
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: "does not answer" in view.message.text(), timeout=WAIT_MS)
    assert "Nothing was saved" in view.message.text()
    assert Settings.load(station.options.data_dir).server_url == ""
    setup = demo_host.add_station("door-4")
    view.url.setText(setup["url"])
    view.key.setText(setup["key"])
    view.fingerprint.setText(setup["cert_sha256"])  # from the host panel (the setup code carries it too)
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    assert Settings.load(station.options.data_dir).key == setup["key"]


def test_host_station_shows_a_readable_setup_code_and_a_second_station_works_against_it(
        qtbot, tmp_path, make_station):
    host = make_station("host", None, host=True, demo=True)
    qtbot.waitUntil(lambda: host.flow.configured and host.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    host.staff.open_panel(Screen.HOST)
    view = host.window.host_view
    qtbot.waitUntil(lambda: "DemoCon" in view.event_label.text(), timeout=WAIT_MS)
    view.station_name.setText("Entrance 2")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=WAIT_MS)
    assert view.qr.code_side() >= 400
    image = view.qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    gray = np.array(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width()]
    codes = make_decoder("zxing").decode(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA))
    assert len(codes) == 1 and '"key"' in codes[0].text  # another webcam can read it
    setup = json.loads(codes[0].text)
    qtbot.waitUntil(lambda: any(view.keys.item(i).text() == "Entrance 2" for i in range(view.keys.count())),
                    timeout=WAIT_MS)
    camera = video(tmp_path, "second", [(None, 0.3), ("DEMO-VALID-0001", 0.6), (None, 0.3)])
    second = make_station("second", setup, camera=camera)
    qtbot.waitUntil(lambda: second.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert second.window.result_view.word.text() == "VALID"
    assert ticket_state(setup, "DEMO-VALID-0001")["redeemed"]


def checkins_on_host(setup: dict) -> int:
    """How many check-ins the host counts for the event."""
    with pinned_session(setup.get("cert_sha256")) as session:
        answer = session.get(setup["url"] + "status/", params={"key": setup["key"]}, timeout=5)
    answer.raise_for_status()
    return answer.json()["checkins"]


def test_unusable_setup_code_is_explained_and_never_sent_as_a_ticket(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("door-9")
    bad = json.dumps({"version": 3, "url": "ftp://nowhere/pretixdroid/api/demo/democon/", "key": setup["key"]})
    camera = video(tmp_path, "bad-setup", [(None, 0.3), (bad, 1.0), (None, 0.3)])
    before = checkins_on_host(setup)
    station = make_station("door-9", setup, camera=camera, result_seconds=5)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    view = station.window.result_view
    assert view.word.text() == "SETUP CODE NOT USABLE"
    assert "Nothing was changed" in view.note.text() and "no valid server address" in view.note.text()
    assert Settings.load(station.options.data_dir).server_url == setup["url"]  # still set up as before
    station.shutdown()
    assert journal_lines(station) == []  # not a check-in attempt, and its key is never written down
    assert checkins_on_host(setup) == before


def test_unusable_setup_code_on_the_setup_screen_says_why_there(qtbot, tmp_path, make_station):
    bad = json.dumps({"version": 3, "url": "http://127.0.0.1:9/pretixdroid/api/demo/democon/", "key": " "})
    camera = video(tmp_path, "keyless", [(None, 0.3), (bad, 1.0), (None, 0.3)])
    station = make_station("door-10", None, camera=camera)
    message = station.window.setup_view.message
    qtbot.waitUntil(lambda: "cannot be used" in message.text(), timeout=WAIT_MS)
    assert "no station key" in message.text() and message.isVisible()
    assert station.flow.screen is Screen.SETUP and station.window.current_screen is Screen.SETUP
    assert Settings.load(station.options.data_dir).server_url == ""
