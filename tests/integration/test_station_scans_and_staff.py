"""Scans never fight the staff: a scan while staff work in a panel or dialog is shown in a strip inside it.

Real stations against a real demo host. A "camera scan" is the station's camera switched to a
generated video showing the ticket (decoded like any frame), except where it must follow a click
"at once": there the camera controller's own ``code_scanned`` signal is emitted, as its decode
thread does.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.station.screens import Screen
from tests.integration.test_station_keyboard import type_into_window
from tests.support.ui_support import WAIT_MS, ticket_state, video, wait_online


def show_to_camera(station, tmp_path, secret: str) -> None:
    """Hold ``secret`` up to the station's camera (a video showing it, then nobody)."""
    station.camera.switch(video(tmp_path, f"show-{secret}", [(None, 0.2), (secret, 0.8), (None, 1.0)]))


def camera_scans_at_once(station, secret: str) -> None:
    """The camera reads ``secret`` now (the camera controller's signal, as its decode thread emits it)."""
    now = time.time()
    station.camera.code_scanned.emit(secret, now, now)


def search_for(qtbot, station, text: str):
    """Open search (F3) and type ``text``; returns the search view once results are listed."""
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F3)
    search = station.window.search_view
    qtbot.waitUntil(search.query.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(search.query, text)
    qtbot.waitUntil(lambda: search.results.count() > 0, timeout=WAIT_MS)
    return search


def test_camera_scan_while_search_has_text_and_a_selection_is_shown_compactly_in_the_panel(
        qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("desk")
    station = make_station("desk", setup, result_seconds=5)
    wait_online(qtbot, station)
    search = search_for(qtbot, station, "Kowalski")
    qtbot.keyClick(search.query, Qt.Key.Key_Down)  # move the selection, the focus stays in the box
    row = search.results.currentRow()
    search.query.setSelection(0, 3)  # "Kow" selected
    show_to_camera(station, tmp_path, "DEMO-USED-0001")
    strip = station.window.compact_result
    qtbot.waitUntil(strip.isVisible, timeout=WAIT_MS)
    assert strip.word.text() == "ALREADY USED" and strip.source.text() == "Camera"
    assert "Zoë Lefèvre" in strip.details.text()
    assert station.flow.screen is Screen.SEARCH and station.window.current_screen is Screen.SEARCH
    assert search.query.text() == "Kowalski" and search.query.selectedText() == "Kow"
    assert search.query.hasFocus() and search.results.currentRow() == row
    assert station.window.stack.geometry().top() >= strip.geometry().bottom()  # above the panel, not over it
    qtbot.keyClick(search.query, Qt.Key.Key_End)
    qtbot.keyClicks(search.query, "i")  # keys typed meanwhile land in the box
    assert search.query.text() == "Kowalskii"
    qtbot.waitUntil(lambda: not strip.isVisible(), timeout=WAIT_MS)  # goes away after the result time
    assert station.flow.screen is Screen.SEARCH


def test_check_in_by_hand_stays_on_screen_when_a_camera_scan_follows_at_once(qtbot, demo_host, make_station):
    setup = demo_host.add_station("gate")
    station = make_station("gate", setup, result_seconds=3)
    wait_online(qtbot, station)
    search = search_for(qtbot, station, "k3qzn")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)  # Jürgen Müller, by hand...
    camera_scans_at_once(station, "DEMO-USED-0001")  # ...and Zoë Lefèvre's used ticket at the camera
    strip, view = station.window.compact_result, station.window.result_view
    qtbot.waitUntil(strip.isVisible, timeout=WAIT_MS)
    assert station.flow.screen is Screen.RESULT
    assert (view.word.text(), view.name.text()) == ("VALID", "Jürgen Müller")  # the result staff caused stays
    assert strip.word.text() == "ALREADY USED" and "Zoë Lefèvre" in strip.details.text()
    assert view.countdown.text().startswith("Back to search in")
    assert ticket_state(setup, "DEMO-VALID-0001")["redeemed"]
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SEARCH, timeout=WAIT_MS)


def test_one_enter_asks_about_the_only_ticket_and_the_next_checks_it_in(qtbot, demo_host, make_station):
    setup = demo_host.add_station("quick")
    station = make_station("quick", setup, result_seconds=1)
    wait_online(qtbot, station)
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F3)
    search = station.window.search_view
    qtbot.waitUntil(search.query.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(search.query, "DEMO-VALID-0001")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)  # before the answer came: asked as soon as it lists one
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    assert search.results.count() == 1 and "Jürgen Müller" in search.dialog.question.text()
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID"
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SEARCH, timeout=WAIT_MS)
    search.dialog = None
    qtbot.keyClick(search.query, Qt.Key.Key_Return)  # with the answer listed: asked at once
    assert search.dialog is not None and search.dialog.isVisible()
    search.dialog.reject()


def test_search_row_says_checked_in_right_after_a_check_in_by_hand(qtbot, demo_host, make_station):
    setup = demo_host.add_station("rows")
    station = make_station("rows", setup, result_seconds=5)
    wait_online(qtbot, station)
    search = search_for(qtbot, station, "k3qzn")
    assert search.results.item(0).text().startswith("NOT CHECKED IN")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert search.results.item(0).text().startswith("CHECKED IN")  # before anyone searches again
    qtbot.keyClick(station.window, Qt.Key.Key_Escape)
    assert station.flow.screen is Screen.SEARCH and search.results.item(0).text().startswith("CHECKED IN")


def test_typing_while_a_check_in_result_shows_goes_on_in_the_search_box(qtbot, demo_host, make_station):
    setup = demo_host.add_station("typing")
    station = make_station("typing", setup, result_seconds=5)
    wait_online(qtbot, station)
    search = search_for(qtbot, station, "k3qzn")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    type_into_window(station, "ity", gap_ms=150, enter=False)  # a steward typing on
    assert station.flow.screen is Screen.SEARCH
    assert search.query.text() == "k3qznity"  # nothing selected, nothing lost
    assert station.window.focusWidget() is search.query  # (the offscreen platform leaves the closed dialog
    # "active", so the box has the window's focus rather than the application's)


def test_countdown_says_where_it_goes_back_to(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("count")
    station = make_station("count", setup, result_seconds=5)
    wait_online(qtbot, station)
    view = station.window.result_view
    show_to_camera(station, tmp_path, "DEMO-USED-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert view.countdown.text().startswith("Back to scanning in ")
    qtbot.keyClick(station.window, Qt.Key.Key_Space)
    search = search_for(qtbot, station, "k3qzn")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert view.countdown.text().startswith("Back to search in ")


def test_scan_while_check_in_confirmation_is_open_stays_in_the_panel_under_it(qtbot, demo_host, make_station):
    setup = demo_host.add_station("confirm")
    station = make_station("confirm", setup, result_seconds=5)
    wait_online(qtbot, station)
    search = search_for(qtbot, station, "k3qzn")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    camera_scans_at_once(station, "DEMO-UNKNOWN-0000")
    strip = station.window.compact_result
    qtbot.waitUntil(strip.isVisible, timeout=WAIT_MS)
    assert strip.word.text() == "UNKNOWN TICKET"
    assert station.window.current_screen is Screen.SEARCH and search.dialog.isVisible()


def test_scan_while_settings_are_open_is_shown_compactly_behind_them(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("settings")
    station = make_station("settings", setup, result_seconds=5)
    wait_online(qtbot, station)
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F2)
    dialog = station.staff.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=WAIT_MS)
    show_to_camera(station, tmp_path, "DEMO-USED-0001")
    strip = station.window.compact_result
    qtbot.waitUntil(strip.isVisible, timeout=WAIT_MS)
    assert station.flow.screen is Screen.SCANNING and dialog.isVisible()
    dialog.reject()


def test_camera_scan_on_the_status_panel_is_compact_and_the_panel_stays(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("status")
    station = make_station("status", setup, result_seconds=5)
    wait_online(qtbot, station)
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F4)
    assert station.flow.screen is Screen.STATUS
    show_to_camera(station, tmp_path, "DEMO-USED-0001")
    qtbot.waitUntil(station.window.compact_result.isVisible, timeout=WAIT_MS)
    assert station.window.current_screen is Screen.STATUS
