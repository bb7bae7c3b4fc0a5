"""The station window on screens from 800x600 up: no staff button is ever cut off, the menu takes what does not fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest

from kiosk.ui.main_window import MainWindow
from tests.support.ui_support import WAIT_MS, styled

SIZES = [(800, 600), (1024, 768), (1280, 720), (1920, 1080)]
LABEL = "Entrance 1 · 192.168.100.200:8000 (hosting)"


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


@pytest.mark.parametrize("size", [(800, 600), (1024, 600)], ids=["800x600", "1024x600"])
def test_the_staff_bar_keeps_the_station_name_readable_on_a_small_screen(qtbot, window, size):
    show_at(qtbot, window, size)
    shown = window.station_label.shown_text
    assert shown.startswith("Entrance 1"), shown  # elided after the name, never into it
    bar = window.staff_bar
    lefts = [b.geometry().left() for b in (*bar.buttons.values(), bar.menu_button) if b.isVisible()]
    assert window.station_label.geometry().right() < min(lefts)
