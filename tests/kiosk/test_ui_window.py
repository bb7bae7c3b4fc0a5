"""The station window on screens from 800x600 up: it fills the screen, and no staff button is ever cut off."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.station.screens import Screen  # noqa: E402
from kiosk.ui.main_window import MainWindow  # noqa: E402
from kiosk.ui.style import STYLE_SHEET, app_font  # noqa: E402
from tests.kiosk.ui_support import WAIT_MS  # noqa: E402

SIZES = [(800, 600), (1024, 768), (1280, 720), (1920, 1080)]
LABEL = "Entrance 1 · 192.168.100.200:8000 (hosting)"


def styled(window: MainWindow) -> MainWindow:
    """The look ``run_station`` gives the application (fonts and paddings decide what fits)."""
    window.setStyleSheet(STYLE_SHEET)
    window.setFont(app_font())
    return window


@pytest.fixture
def window(qtbot):
    """A hosting station's window: every staff action is offered."""
    w = styled(MainWindow())
    w.host_action.setVisible(True)
    w.station_label.setText(LABEL)
    w.allow_close = True  # no station here to ask: qtbot may close it after the test
    qtbot.addWidget(w)
    return w


def show_at(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    with qtbot.waitActive(window):  # staff keys go to the active window
        window.show()
    qtbot.waitUntil(lambda: window.staff_bar.width() == size[0], timeout=WAIT_MS)


def on_window(widget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_staff_action_is_a_whole_button_or_in_the_staff_menu(qtbot, window, size):
    show_at(qtbot, window, size)
    bar = window.staff_bar
    offered = [a for a in bar.actions_in_bar if a.isVisible()]
    assert len(offered) == 6
    for action in offered:
        button = bar.buttons[action]
        if button.isVisible():
            assert window.rect().contains(on_window(button, window)), action.text()
            assert button.width() >= button.sizeHint().width(), action.text()  # its label is not squeezed
            assert action not in bar.menu.actions()
        else:
            assert action in bar.menu.actions(), action.text()
    assert bar.menu_button.isVisible() == bool(bar.menu.actions())
    if bar.menu_button.isVisible():
        assert window.rect().contains(on_window(bar.menu_button, window))
    if size[0] >= 1024:
        assert not bar.menu_button.isVisible()  # room for every button
    assert window.size().toTuple() == size  # the bar did not widen the window past the screen


def test_visible_buttons_never_overlap_the_station_text(qtbot, window):
    show_at(qtbot, window, (800, 600))
    bar = window.staff_bar
    label = window.station_label
    assert label.text() == LABEL and label.shown_text.endswith("…")  # elided on screen, whole for the tooltip
    lefts = [b.geometry().left() for b in (*bar.buttons.values(), bar.menu_button) if b.isVisible()]
    assert label.geometry().right() < min(lefts)


def test_shortcuts_work_for_actions_moved_into_the_staff_menu(qtbot, window):
    show_at(qtbot, window, (800, 600))
    assert window.settings_action in window.staff_bar.menu.actions()
    assert window.fullscreen_action in window.staff_bar.menu.actions()
    with qtbot.waitSignal(window.settings_requested, timeout=WAIT_MS):
        QTest.keyClick(window, Qt.Key.Key_F2)
    with qtbot.waitSignal(window.fullscreen_toggle_requested, timeout=WAIT_MS):
        QTest.keyClick(window, Qt.Key.Key_F11)


def test_a_button_comes_back_from_the_menu_when_the_window_widens(qtbot, window):
    show_at(qtbot, window, (800, 600))
    assert window.settings_action in window.staff_bar.menu.actions()
    show_at(qtbot, window, (1280, 720))
    assert window.staff_bar.buttons[window.settings_action].isVisible()
    assert not window.staff_bar.menu_button.isVisible()


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
