"""Keyboard use: staff search and check-in without a mouse; a keyboard-wedge barcode scanner anywhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, journal_lines, ticket_state, wait_online


def type_into_window(station, text: str, gap_ms: int, enter: bool = True, start_ms: int = 1_000_000) -> None:
    """Key presses as the window system delivers them, ``gap_ms`` apart (their own timestamps)."""
    window = station.window.windowHandle()
    t = start_ms
    keys = [(Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_Minus, ch) for ch in text]
    if enter:
        keys.append((Qt.Key.Key_Return, "\r"))
    for key, ch in keys:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(t)
            QApplication.sendEvent(window, event)
        t += gap_ms


def test_staff_find_a_ticket_and_check_it_in_with_the_keyboard_only(qtbot, demo_host, make_station):
    setup = demo_host.add_station("desk")
    station = make_station("desk", setup)
    wait_online(qtbot, station)
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F3)
    assert station.flow.screen is Screen.SEARCH
    search = station.window.search_view
    assert search.query.hasFocus()
    qtbot.keyClicks(search.query, "k3qzn")  # order code K3QZN (QTest types ASCII only)
    qtbot.waitUntil(lambda: search.results.count() > 0, timeout=WAIT_MS)
    first = search.results.item(0)
    assert "Jürgen Müller" in first.text() and first.text().startswith("NOT CHECKED IN")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)  # asks about the selected ticket at once
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    assert "Jürgen Müller" in search.dialog.question.text()
    qtbot.keyClick(search.dialog, Qt.Key.Key_Return)  # confirm
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID"
    assert ticket_state(setup, "DEMO-VALID-0001")["redeemed"]
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SEARCH, timeout=WAIT_MS)  # back where staff were
    station.shutdown()
    assert [(e["secret"], e["status"]) for e in journal_lines(station)] == [("DEMO-VALID-0001", "ok")]


def test_wedge_scanner_burst_is_a_scan_even_while_the_search_box_has_focus(qtbot, demo_host, make_station):
    setup = demo_host.add_station("wedge")
    station = make_station("wedge", setup)
    wait_online(qtbot, station)
    station.staff.open_panel(Screen.SEARCH)
    search = station.window.search_view
    qtbot.waitUntil(search.query.hasFocus, timeout=WAIT_MS)
    type_into_window(station, "DEMO-UNPAID-0001", gap_ms=8)
    strip = station.window.compact_result
    qtbot.waitUntil(strip.isVisible, timeout=WAIT_MS)  # shown in the panel: staff keep their search
    assert strip.word.text() == "UNPAID" and strip.source.text() == "Scanner"
    assert station.flow.screen is Screen.SEARCH and search.query.hasFocus()
    assert search.query.text() == ""  # the scanned characters were taken back out
    station.shutdown()
    assert [(e["secret"], e["reason"]) for e in journal_lines(station)] == [("DEMO-UNPAID-0001", "unpaid")]


def test_slow_typing_in_the_search_box_stays_typing(qtbot, demo_host, make_station):
    setup = demo_host.add_station("typist")
    station = make_station("typist", setup)
    wait_online(qtbot, station)
    station.staff.open_panel(Screen.SEARCH)
    search = station.window.search_view
    qtbot.waitUntil(search.query.hasFocus, timeout=WAIT_MS)
    type_into_window(station, "DEMO-UNPAID-0001", gap_ms=180)
    assert search.query.text() == "DEMO-UNPAID-0001"
    qtbot.waitUntil(lambda: search.results.count() == 1, timeout=WAIT_MS)
    assert station.flow.screen is Screen.SEARCH and not station.flow.busy
    assert "UNPAID" in search.results.item(0).text()
