"""A real station's window fills the screen (maximized or full screen) and its staff panels fit 800x600."""

from __future__ import annotations

from types import SimpleNamespace

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


def test_at_1024_by_600_the_host_panels_back_and_the_setup_codes_done_buttons_are_on_screen(qtbot, make_station):
    from PySide6.QtCore import QPoint, QRect

    station = make_station("Entrance 1", None, host=True, demo=True, size=(1024, 600))
    window = styled(station.window)
    qtbot.waitUntil(lambda: station.flow.configured and station.gate_state is not None
                    and not station.gate_state.is_offline, timeout=WAIT_MS)

    def on_screen(widget) -> bool:
        return widget.isVisible() and window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))

    bar = window.staff_bar
    for action in (a for a in bar.actions_in_bar if a.isVisible()):
        assert on_screen(bar.buttons[action]) or action in bar.menu.actions(), action.text()
    assert window.station_label.shown_text.startswith("Entrance 1")
    station.staff.open_panel(Screen.STATUS)
    status = window.status_view
    qtbot.waitUntil(lambda: status.table.rowCount() > 0, timeout=WAIT_MS)
    # The tallest status panel: a refused offline check-in listed, and the red banner above the page.
    status.set_rejected([SimpleNamespace(id=1, data={"attendee_name": "François Müller"}, secret="DEMO",
                                         reason="canceled", scanned_at="2026-12-05T15:50:00")])
    window.banner.setText("1 offline check-in refused by the host: see Status")
    window.banner.setVisible(True)
    QTest.qWait(50)
    assert window.size().toTuple() == (1024, 600)
    assert window.minimumSizeHint().height() <= 600
    status.set_rejected([])
    window.banner.setVisible(False)
    station.staff.open_panel(Screen.HOST)
    view = window.host_view
    qtbot.waitUntil(lambda: view.keys.count() > 0, timeout=WAIT_MS)
    assert on_screen(view.back_button)
    view.station_name.setText("Entrance 2")
    view.add_button.click()
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=WAIT_MS)
    assert on_screen(view.done_button) and not view.back_button.isVisible()
    qr = QRect(view.qr.mapTo(window, QPoint(0, 0)), view.qr.size())
    footer_top = view.done_button.mapTo(window, QPoint(0, 0)).y()
    assert window.rect().contains(qr) and qr.bottom() < footer_top  # the whole code in view, not scrolled off
    assert view.local_warning.isVisible()  # the tallest side column: the this-computer-only warning shows
    assert window.size().toTuple() == (1024, 600)
    page = view.pages.currentWidget()

    def box(widget) -> QRect:
        return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())

    fields = [box(w) for w in (view.station_url, view.station_key, view.station_json)]
    buttons = [box(view.copy_buttons[w]) for w in ("url", "key", "json")]
    for i, field in enumerate(fields):  # each value whole (no line cut in half), under its Copy button
        label = (view.station_url, view.station_key, view.station_json)[i]
        assert field.height() >= label.heightForWidth(field.width()), i
        assert not any(field.intersects(other) for other in fields[:i] + fields[i + 1:] + buttons), i
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert view.pages.currentIndex() == 0 and on_screen(view.back_button)
    assert window.size().toTuple() == (1024, 600)
