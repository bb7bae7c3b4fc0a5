"""Staff settings: camera (index, file or URL), result time, sound, names, station name, staff PIN."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

CAMERA_CHOICES = ("0", "1", "2", "3")
VIDEO_FILTER = "Videos and pictures (*.avi *.mp4 *.mkv *.mov *.webm);;All files (*)"


class CameraChooser(QWidget):
    """An editable camera value: a webcam number, a video file (Browse…) or a stream URL."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItems(CAMERA_CHOICES)
        self.combo.setCurrentText(current)
        self.combo.lineEdit().setPlaceholderText("0, a video file, or rtsp://… / http://…")
        browse = QPushButton("File…")
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(browse)

    def value(self) -> str:
        """The chosen camera spec."""
        return self.combo.currentText().strip()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Use a video file as the camera", "", VIDEO_FILTER)
        if path:
            self.combo.setCurrentText(path)


class CameraDialog(QDialog):
    """Just the camera choice (from the scanning screen's "Choose another camera…")."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a camera")
        self.chooser = CameraChooser(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Camera number (0 = first webcam), video file, or stream address:"))
        form.addRow(self.chooser)
        form.addRow(buttons)
        self.resize(640, 200)


class SettingsDialog(QDialog):
    """Edits a copy of the station's values; ``values()`` after accept, ``pin()`` if a new PIN was typed."""

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Station settings")
        self.camera = CameraChooser(str(settings.camera))
        self.result_seconds = QDoubleSpinBox()
        self.result_seconds.setRange(0.5, 60.0)
        self.result_seconds.setSingleStep(0.5)
        self.result_seconds.setSuffix(" s")
        self.result_seconds.setValue(float(settings.result_seconds))
        self.sound = QCheckBox("Play a sound for each result")
        self.sound.setChecked(bool(settings.sound))
        self.privacy = QCheckBox("Hide attendee names")
        self.privacy.setChecked(bool(settings.privacy))
        self.station_name = QLineEdit(settings.station_name)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText("4–12 digits; leave empty to keep" + (" (a PIN is set)"
                                                                               if settings.staff_pin else ""))
        self.remove_pin = QCheckBox("Remove the staff PIN")
        self.remove_pin.setVisible(bool(settings.staff_pin))
        self.message = QLabel("")
        self.message.setStyleSheet("color: #ff8a80; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Camera", self.camera)
        form.addRow("Result shown for", self.result_seconds)
        form.addRow("", self.sound)
        form.addRow("", self.privacy)
        form.addRow("Station name", self.station_name)
        form.addRow("New staff PIN", self.new_pin)
        form.addRow("", self.remove_pin)
        form.addRow(self.message)
        form.addRow(buttons)
        self.resize(720, 420)

    def _check(self) -> None:
        pin = self.new_pin.text()
        if pin and not (pin.isdigit() and 4 <= len(pin) <= 12):
            self.message.setText("The staff PIN must be 4 to 12 digits.")
            return
        if not self.camera.value():
            self.message.setText("Choose a camera (0 is the first webcam).")
            return
        if not self.station_name.text().strip():
            self.message.setText("Give the station a name (it appears in the journal).")
            return
        self.accept()

    def apply_to(self, settings: Any) -> None:
        """Write the dialog's values into ``settings`` (the caller saves)."""
        settings["camera"] = self.camera.value()
        settings["result_seconds"] = float(self.result_seconds.value())
        settings["sound"] = self.sound.isChecked()
        settings["privacy"] = self.privacy.isChecked()
        settings["station_name"] = self.station_name.text().strip()
        if self.remove_pin.isChecked():
            settings.set_staff_pin("")
        elif self.new_pin.text():
            settings.set_staff_pin(self.new_pin.text())  # format checked in _check
