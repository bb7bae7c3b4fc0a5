"""The settings dialog tells staff the truth: the camera in use by name, whether a PIN is set, the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kiosk.settings import Settings
from kiosk.ui.settings_dialog import SettingsDialog

URL = "http://192.168.1.10:8000/pretixdroid/api/demo/democon/"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(tmp_path / "station")
    s["station_name"] = "Door 2"
    s["server_url"] = URL
    return s


@pytest.fixture
def sysfs(tmp_path: Path) -> Path:
    root = tmp_path / "video4linux"
    for node, name in {"video0": "HD Pro Webcam C920", "video1": "Integrated Camera"}.items():
        (root / node).mkdir(parents=True)
        (root / node / "name").write_text(name)
    return root


def dialog_for(qtbot, settings, camera, sysfs) -> SettingsDialog:
    dialog = SettingsDialog(settings, camera=camera, sysfs_root=sysfs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_settings_show_demo_camera_while_the_demo_runs_and_saving_keeps_the_camera_setting(qtbot, settings, sysfs):
    dialog = dialog_for(qtbot, settings, "demo", sysfs)
    assert dialog.camera.combo.currentText() == "Demo camera"
    dialog.result_seconds.setValue(4.0)
    save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    dialog.apply_to(settings)
    assert settings.camera == "0" and settings.result_seconds == 4.0  # the default, untouched: not "demo"


def test_settings_list_webcams_by_their_device_names_and_store_the_chosen_number(qtbot, settings, sysfs):
    dialog = dialog_for(qtbot, settings, "demo", sysfs)
    labels = [dialog.camera.combo.itemText(i) for i in range(dialog.camera.combo.count())]
    assert "Camera 0 – HD Pro Webcam C920" in labels and "Camera 1 – Integrated Camera" in labels
    dialog.camera.combo.setCurrentText("Camera 1 – Integrated Camera")
    assert dialog.camera.changed()
    save(qtbot, dialog)
    dialog.apply_to(settings)
    assert settings.camera == "1"


def test_settings_show_a_video_file_camera_as_the_file(qtbot, settings, sysfs, tmp_path):
    video = tmp_path / "door.avi"
    video.write_bytes(b"")
    dialog = dialog_for(qtbot, settings, str(video), sysfs)
    assert dialog.camera.combo.currentText() == f"Video file: {video}"
    assert dialog.camera.value() == str(video) and not dialog.camera.changed()


def test_a_new_pin_typed_differently_twice_is_refused(qtbot, settings, sysfs):
    dialog = dialog_for(qtbot, settings, "0", sysfs)
    assert "No staff PIN is set" in dialog.pin_state.text()
    dialog.new_pin.setText("2468")
    dialog.confirm_pin.setText("2469")
    save(qtbot, dialog)
    assert dialog.isVisible() and "differ" in dialog.message.text()
    assert settings.staff_pin == ""
    dialog.confirm_pin.setText("2468")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    dialog.apply_to(settings)
    assert settings.check_staff_pin("2468") and not settings.check_staff_pin("2469")


def test_settings_say_a_pin_is_set(qtbot, settings, sysfs):
    settings.set_staff_pin("1357")
    dialog = dialog_for(qtbot, settings, "0", sysfs)
    assert dialog.pin_state.text() == "A staff PIN is set."
    assert dialog.remove_pin.isVisibleTo(dialog)


def test_settings_show_the_server_address_and_offer_to_set_up_again(qtbot, settings, sysfs):
    dialog = dialog_for(qtbot, settings, "0", sysfs)
    assert dialog.server.text() == URL
    with qtbot.waitSignal(dialog.set_up_again):
        qtbot.mouseClick(dialog.set_up_again_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
