"""A real station's window fills the screen (maximized or full screen) and its staff panels fit 800x600."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, styled


def test_station_opens_maximized_on_the_available_screen_area(qtbot, make_station):
    station = make_station("door", size=None)
    window = station.window
    area = window.screen().availableGeometry()
    assert window.isMaximized() and not window.isFullScreen()
    qtbot.waitUntil(lambda: window.frameGeometry() == area, timeout=WAIT_MS)


def test_fullscreen_station_covers_the_whole_screen_and_leaves_it_maximized(qtbot, make_station):
    station = make_station("kiosk", size=None, fullscreen=True)
    window = station.window
    assert window.isFullScreen()
    qtbot.waitUntil(lambda: window.geometry() == window.screen().geometry(), timeout=WAIT_MS)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keyClick(window, Qt.Key.Key_F11)  # no staff PIN set: leaves at once
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=WAIT_MS)
    assert window.isMaximized()
    qtbot.waitUntil(lambda: window.frameGeometry() == window.screen().availableGeometry(), timeout=WAIT_MS)


def test_staff_panels_with_their_data_fit_an_800_by_600_screen(qtbot, make_station):
    station = make_station("host", None, host=True, demo=True, size=(800, 600))
    window = styled(station.window)
    qtbot.waitUntil(lambda: station.flow.configured and station.gate_state is not None
                    and not station.gate_state.is_offline, timeout=WAIT_MS)
    station.staff.open_panel(Screen.SEARCH)
    search = window.search_view
    search.query.setText("Müller")
    search.query.textEdited.emit("Müller")
    qtbot.waitUntil(lambda: search.results.count() > 0, timeout=WAIT_MS)
    assert window.size().toTuple() == (800, 600)
    station.staff.open_panel(Screen.STATUS)
    qtbot.waitUntil(lambda: window.status_view.table.rowCount() > 0, timeout=WAIT_MS)
    assert window.size().toTuple() == (800, 600)
    station.staff.choose_mode("offline")  # the OFFLINE banner takes height too
    qtbot.waitUntil(window.banner.isVisible, timeout=WAIT_MS)
    station.staff.open_panel(Screen.HOST)
    qtbot.waitUntil(lambda: window.host_view.keys.count() > 0, timeout=WAIT_MS)
    assert window.size().toTuple() == (800, 600)
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
