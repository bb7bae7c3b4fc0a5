"""Kiosk mode: F11 asks for a PIN first; wrong PINs lock for a minute; the lock mark; no address to guests."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from kiosk.ui.pin_dialog import PinDialog, SetPinDialog
from tests.support.ui_support import WAIT_MS


def keyboard_on(window) -> bool:
    """Whether the keyboard focus is on a widget of ``window`` (not on a dialog, not nowhere)."""
    focus = QApplication.focusWidget()
    return focus is not None and focus.window() is window


def enter_pin(qtbot, dialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)


def test_f11_without_a_pin_asks_to_set_one_first(qtbot, demo_host, make_station):
    station = make_station("kiosk", demo_host.add_station("kiosk"))
    window = station.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)  # F11 is a shortcut: it goes to the active window
    qtbot.keyClick(window, Qt.Key.Key_F11)
    dialog = station.staff.dialog
    assert isinstance(dialog, SetPinDialog) and dialog.isVisible() and not window.isFullScreen()
    dialog.reject()  # staff change their mind: the station stays a window, still without a PIN
    assert not window.isFullScreen() and not station.settings.staff_pin
    qtbot.waitUntil(lambda: keyboard_on(window), timeout=WAIT_MS)  # the keyboard is back on the station
    window.fullscreen_action.trigger()  # F11 (real keys after dialogs: test_station_focus_without_wm.py)
    dialog = station.staff.dialog
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.keyClicks(dialog.repeat, "12")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "4 to 12 digits" in dialog.message.text() and dialog.isVisible()
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "4711")
    qtbot.keyClicks(dialog.repeat, "4712")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "differ" in dialog.message.text() and not window.isFullScreen()
    qtbot.keyClicks(dialog.repeat, "4711")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    assert Settings.load(station.options.data_dir).check_staff_pin("4711")
    station.staff.open_panel(Screen.SEARCH)  # the kiosk is locked now
    assert isinstance(station.staff.dialog, PinDialog) and station.flow.screen is Screen.SCANNING


def test_five_wrong_pins_lock_pin_entry_for_a_minute_and_log_it_never_the_pin(qtbot, caplog, demo_host,
                                                                               make_station):
    station = make_station("kiosk", demo_host.add_station("kiosk"), pin="4711")
    window = station.window
    window.show_full_screen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    dialog = station.staff.dialog
    with caplog.at_level(logging.INFO):
        for attempt in range(4):
            enter_pin(qtbot, dialog, "1234")
            assert "Wrong PIN" in dialog.message.text(), attempt
        enter_pin(qtbot, dialog, "1234")
    until = time.strftime("%H:%M:%S", time.localtime(station.staff.pin_guard.locked_until()))
    assert dialog.message.text() == f"Too many wrong PINs. Try again at {until}."
    assert not dialog.pin.isEnabled() and window.isFullScreen()
    assert "5 wrong staff PINs in a row: PIN entry locked until" in caplog.text and "1234" not in caplog.text
    dialog.reject()  # a new prompt does not start afresh
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    dialog = station.staff.dialog
    assert dialog.locked and "Try again at" in dialog.message.text() and not dialog.pin.isEnabled()
    assert not station.staff.pin_guard.try_pin("4711")  # the right PIN waits too
    dialog.reject()
    later = time.time() + 61
    station.staff.pin_guard.clock = lambda: later  # a minute later
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    dialog = station.staff.dialog
    assert dialog.pin.isEnabled()
    enter_pin(qtbot, dialog, "4711")
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=WAIT_MS)


def test_lock_mark_shows_the_kiosk_is_locked_and_guests_see_no_host_address(qtbot, demo_host, make_station):
    setup = demo_host.add_station("kiosk")
    address = urlsplit(setup["url"]).netloc
    station = make_station("Door 5", setup, pin="4711")
    window, label = station.window, station.window.station_label
    assert label.mark == "" and address in label.text()  # a window is staff-operated
    window.show_full_screen()
    qtbot.waitUntil(lambda: label.mark == "locked", timeout=WAIT_MS)
    assert label.text() == "Door 5" and not label.toolTip()
    assert str(urlsplit(setup["url"]).port) not in label.shown_text
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    enter_pin(qtbot, station.staff.dialog, "4711")
    qtbot.waitUntil(lambda: label.mark == "", timeout=WAIT_MS)
    assert address in label.text()


def test_full_screen_without_a_pin_shows_the_kiosk_is_not_locked(qtbot, demo_host, make_station):
    station = make_station("kiosk", demo_host.add_station("kiosk"), fullscreen=True)  # --fullscreen, no PIN
    label = station.window.station_label
    station.window.show_full_screen()
    qtbot.waitUntil(lambda: label.mark == "unlocked", timeout=WAIT_MS)
