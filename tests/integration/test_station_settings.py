"""Staff settings (F2) and the result sounds: saved to settings.toml, used at once, the right sound per result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, wait_online


def test_settings_dialog_saves_result_time_privacy_and_sound_and_the_next_result_uses_them(qtbot, demo_host,
                                                                                          make_station):
    setup = demo_host.add_station("desk")
    station = make_station("desk", setup, result_seconds=0.6, sound=False)
    wait_online(qtbot, station)
    QTest.keyClick(station.window.windowHandle(), Qt.Key.Key_F2)
    dialog = station.staff.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=WAIT_MS)
    dialog.result_seconds.setValue(4.0)
    dialog.privacy.setChecked(True)
    dialog.sound.setChecked(True)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = Settings.load(station.options.data_dir)
    assert (saved.result_seconds, saved.privacy, saved.sound) == (4.0, True, True)
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    view = station.window.result_view
    assert view.name.text() == "(name hidden)" and station.window.privacy_action.isChecked()
    assert "Back to scanning in 4 s" in view.countdown.text()
    assert station.sounds.played == ["valid"]  # sound switched on: the station was started silent


def test_settings_dialog_refuses_a_bad_pin_and_saves_nothing(qtbot, make_station):
    station = make_station("desk", None)
    before = station.options.data_dir.joinpath("settings.toml").read_text()
    station.staff.edit_settings()
    dialog = station.staff.dialog
    dialog.result_seconds.setValue(9.0)
    dialog.new_pin.setText("12a")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "4 to 12 digits" in dialog.message.text()
    dialog.reject()
    assert station.options.data_dir.joinpath("settings.toml").read_text() == before
    assert station.flow.result_seconds == 0.6


def test_each_result_plays_the_sound_it_asks_for(qtbot, demo_host, make_station):
    setup = demo_host.add_station("loud")
    station = make_station("loud", setup, sound=True, result_seconds=5)
    wait_online(qtbot, station)
    heard = []
    station.result_shown.connect(lambda info: heard.append((info.look.word, info.attention,
                                                            station.sounds.played[-1])))
    for n, secret in enumerate(["DEMO-VALID-0001", "DEMO-USED-0001", "DEMO-ATTENTION-0001", "DEMO-UNPAID-0001",
                                "DEMO-UNKNOWN-0000"], start=1):
        station.redeem_by_hand(secret)
        qtbot.waitUntil(lambda n=n: len(heard) == n, timeout=WAIT_MS)
    assert heard == [("VALID", False, "valid"), ("ALREADY USED", False, "error"), ("VALID", True, "attention"),
                     ("UNPAID", False, "error"), ("UNKNOWN TICKET", False, "error")]
    assert station.sounds.played == ["valid", "error", "attention", "error", "error"]


def test_settings_show_demo_camera_while_the_demo_runs_and_saving_keeps_the_camera_setting(qtbot, make_station):
    station = make_station("desk", None, camera="demo")
    before = Settings.load(station.options.data_dir).camera
    station.staff.edit_settings()
    dialog = station.staff.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.camera.combo.currentText() == "Demo camera"  # not "0"
    dialog.sound.setChecked(True)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    saved = Settings.load(station.options.data_dir)
    assert saved.sound and saved.camera == before == "0"  # the next start without --camera is as before
    assert station.camera.spec == "demo"  # and the running camera was left alone


def test_set_up_again_in_the_settings_opens_the_setup_screen_and_esc_goes_back(qtbot, demo_host, make_station):
    setup = demo_host.add_station("desk")
    station = make_station("desk", setup)
    wait_online(qtbot, station)
    station.staff.edit_settings()
    dialog = station.staff.dialog
    assert dialog.server.text() == setup["url"]
    qtbot.mouseClick(dialog.set_up_again_button, Qt.MouseButton.LeftButton)
    assert station.flow.screen is Screen.SETUP and station.window.current_screen is Screen.SETUP
    back = station.window.setup_view.back_button
    assert back.isVisible()
    QTest.keyClick(station.window, Qt.Key.Key_Escape)
    assert station.flow.screen is Screen.SCANNING and station.window.current_screen is Screen.SCANNING
