"""Staff controls: kiosk mode behind the staff PIN, the privacy switch, forcing offline."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.options import StationOptions
from kiosk.settings import Settings
from kiosk.station.screens import Screen, StationFlow
from kiosk.ui.camera_controller import CameraController
from kiosk.ui.host_wiring import HostWiring
from kiosk.ui.main_window import MainWindow
from kiosk.ui.staff import StaffActions
from tests.support.ui_support import WAIT_MS, wait_online


def test_full_screen_kiosk_needs_the_staff_pin_to_leave_or_open_panels(qtbot, demo_host, make_station):
    setup = demo_host.add_station("kiosk")
    station = make_station("kiosk", setup, pin="4711")
    window = station.window
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    dialog = station.staff.dialog
    assert dialog is not None and dialog.isVisible() and window.isFullScreen()
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert "Wrong PIN" in dialog.message.text() and window.isFullScreen()
    qtbot.keyClicks(dialog.pin, "4711")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=WAIT_MS)
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    station.staff.open_panel(Screen.SEARCH)
    assert station.flow.screen is Screen.SCANNING  # not without the PIN
    station.staff.dialog.reject()
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=WAIT_MS)
    station.staff.open_panel(Screen.SEARCH)  # a windowed station is staff-operated: no PIN
    assert station.flow.screen is Screen.SEARCH


def test_privacy_switch_hides_the_name_on_the_result_being_shown(qtbot, demo_host, make_station):
    setup = demo_host.add_station("private")
    station = make_station("private", setup, result_seconds=5)
    wait_online(qtbot, station)
    station.redeem_by_hand("DEMO-ATTENTION-0001")
    view = station.window.result_view
    qtbot.waitUntil(lambda: view.name.text() == "Łukasz Kowalski", timeout=WAIT_MS)
    station.window.privacy_action.trigger()
    assert view.name.text() == "(name hidden)" and station.settings.privacy


def test_staff_can_force_offline_and_the_banner_says_so(qtbot, demo_host, make_station):
    setup = demo_host.add_station("forced")
    station = make_station("forced", setup)
    wait_online(qtbot, station)
    station.staff.open_panel(Screen.STATUS)
    status = station.window.status_view
    qtbot.waitUntil(lambda: "of" in status.overall.text() and "checked in" in status.overall.text(),
                    timeout=WAIT_MS)
    offline = next(b for b in status.mode_buttons.buttons() if b.property("mode") == "offline")
    offline.click()
    qtbot.waitUntil(lambda: "OFFLINE (forced by staff)" in station.window.banner.text(), timeout=WAIT_MS)
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert "Checked offline" in station.window.result_view.note.text()
    qtbot.waitUntil(lambda: "1 check-in waiting" in station.window.banner.text(), timeout=WAIT_MS)


def test_staff_actions_work_without_a_station_and_hand_what_staff_chose_back_as_signals(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    settings = Settings(tmp_path)
    flow = StationFlow(configured=True, result_seconds=1.0)
    host = HostWiring(window.host_view, window.setup_view, window.host_action, settings,
                      StationOptions(data_dir=tmp_path))
    staff = StaffActions(window, settings, flow, CameraController(), host)
    with qtbot.waitSignal(staff.panel_chosen, timeout=WAIT_MS) as chosen:
        staff.open_panel(Screen.SEARCH)
    assert chosen.args == [Screen.SEARCH] and flow.screen is Screen.SCANNING  # the station opens it, not staff
    with qtbot.assertNotEmitted(staff.panel_chosen):
        staff.open_panel(Screen.HOST)  # this station does not host
    with qtbot.waitSignal(staff.mode_chosen, timeout=WAIT_MS) as mode:
        staff.choose_mode("offline")
    assert mode.args == ["offline"] and Settings.load(tmp_path).offline_mode == "offline"
    with qtbot.waitSignal(staff.privacy_changed, timeout=WAIT_MS) as privacy:
        staff.set_privacy(True)
    assert privacy.args == [True] and Settings.load(tmp_path).privacy
