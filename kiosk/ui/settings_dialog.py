"""Staff settings: camera (by name, file or URL), result time, sound, names, station name, staff PIN, server;
on a hosting station also how often it syncs with pretix.

The camera shows what the station really uses ("Demo camera", "Video file: …", "Camera 0 – HD
Webcam C920") and is stored only when staff choose another one. A new PIN is typed twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
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
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import QT_TRANSLATE_NOOP, SYSTEM, available_languages, translate
from kiosk.scanning.cameras import DEMO_LABEL, SYSFS_VIDEO, camera_choices, describe_camera
from kiosk.settings import OPTIONS_BY_NAME, valid_staff_pin

VIDEO_FILTER = QT_TRANSLATE_NOOP("Settings", "Videos and pictures (*.avi *.mp4 *.mkv *.mov *.webm);;"
                                             "All files (*)")


def language_name(code: str) -> str:
    """A language as its speakers write it ("Deutsch"), for the language choice."""
    if code == "en":
        return "English"
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


def language_combo(current: str) -> QComboBox:
    """The ``language`` setting's choices: the system's language, then each language by its own name."""
    combo = QComboBox()
    combo.addItem(translate("Settings", "System language"), SYSTEM)
    for code in available_languages():
        combo.addItem(f"{language_name(code)} ({code})", code)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class CameraChooser(QWidget):
    """The camera: the one in use as it is, the system's webcams by name, the demo, a file (Browse…) or a URL.

    Each listed choice carries its settings value (``value()``); a typed text is used as it is.
    ``changed()`` tells whether staff chose anything other than what the station uses now.
    """

    def __init__(self, current: Any, parent: QWidget | None = None, sysfs_root: Path = SYSFS_VIDEO) -> None:
        super().__init__(parent)
        self.initial = str(current).strip() if isinstance(current, str | int) else ""
        choices = camera_choices(sysfs_root)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        specs = [c.spec for c in choices] + ["demo"]
        if self.initial and self.initial not in specs:  # a file, folder or URL: shown first, as it is
            self.combo.addItem(describe_camera(self.initial, choices), self.initial)
        elif not self.initial and current is not None:  # a source object (tools, tests): shown, not a value
            self.combo.addItem(describe_camera(current), "")
        for choice in choices:
            self.combo.addItem(choice.label, choice.spec)
        self.combo.addItem(translate("Camera", DEMO_LABEL), "demo")
        index = self.combo.findData(self.initial) if self.initial else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.lineEdit().setPlaceholderText(translate("Settings", "a camera, a video file, or rtsp://… / http://…"))
        browse = QPushButton(translate("Settings", "File…"))
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(browse)

    def value(self) -> str:
        """The chosen camera as a settings value ("0", "demo", a path or a URL)."""
        text = self.combo.currentText().strip()
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0 and self.combo.itemData(index) is not None:
            return str(self.combo.itemData(index)) or self.initial
        return text

    def changed(self) -> bool:
        """Staff chose another camera than the one in use."""
        return bool(self.value()) and self.value() != self.initial

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Settings", "Use a video file as the camera"), "",
                                              translate("Settings", VIDEO_FILTER))
        if path:
            self.combo.setCurrentText(path)


class CameraDialog(QDialog):
    """Just the camera choice (from the scanning screen's "Choose another camera…")."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", "Choose a camera"))
        self.chooser = CameraChooser(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(translate("Settings", "A camera, a video file, or a stream address:")))
        form.addRow(self.chooser)
        form.addRow(buttons)
        self.resize(640, 200)


class SettingsDialog(QDialog):
    """Edits a copy of the station's values; ``apply_to()`` after accept writes what staff changed.

    ``camera`` is the source the station uses now (which may differ from settings' ``camera``:
    ``--camera``, ``--demo``); it is shown as it is and stored only when staff choose another.
    "Set up again…" closes the dialog and emits ``set_up_again``.
    """

    set_up_again = Signal()

    def __init__(self, settings: Any, parent: QWidget | None = None, camera: Any = None,
                 sysfs_root: Path = SYSFS_VIDEO, hosting: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", "Station settings"))
        self.camera = CameraChooser(settings.camera if camera is None else camera, sysfs_root=sysfs_root)
        self.result_seconds = QDoubleSpinBox()
        self.result_seconds.setRange(0.5, 60.0)
        self.result_seconds.setSingleStep(0.5)
        self.result_seconds.setSuffix(" s")
        self.result_seconds.setValue(float(settings.result_seconds))
        self.sound = QCheckBox(translate("Settings", "Play a sound for each result"))
        self.sound.setChecked(bool(settings.sound))
        self.privacy = QCheckBox(translate("Settings", "Hide attendee names"))
        self.privacy.setChecked(bool(settings.privacy))
        self.station_name = QLineEdit(settings.station_name)
        self.language = language_combo(getattr(settings, "language", SYSTEM))
        self.language_note = QLabel(translate("Settings", "A new language is used from the station's next start."))
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet("color: #b8c2cc;")
        pin_set = bool(settings.staff_pin)
        self.pin_state = QLabel(translate("Settings", "A staff PIN is set.") if pin_set else
                                translate("Settings", "No staff PIN is set: in full screen anyone can open the staff panels."))
        self.pin_state.setWordWrap(True)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(translate("Settings", "4–12 digits; leave empty to keep") if pin_set else translate("Settings", "4–12 digits"))
        self.confirm_pin = QLineEdit()
        self.confirm_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_pin.setPlaceholderText(translate("Settings", "the new PIN once more"))
        self.remove_pin = QCheckBox(translate("Settings", "Remove the staff PIN"))
        self.remove_pin.setVisible(pin_set)
        url = settings.server_url
        self.server = QLabel(url or translate("Settings", "Not set up"))
        self.server.setWordWrap(True)
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_up_again_button = QPushButton(translate("Settings", "Set up again…"))
        self.set_up_again_button.setToolTip(translate("Settings", "Open the setup screen: scan or paste another setup code, or host here"))
        self.set_up_again_button.clicked.connect(self._set_up_again)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.set_up_again_button, 0, Qt.AlignmentFlag.AlignTop)
        option = OPTIONS_BY_NAME["sync_interval"]
        self.sync_interval = QSpinBox()  # host setting: how often connected events pull from pretix
        self.sync_interval.setRange(int(option.minimum), int(option.maximum))
        self.sync_interval.setSuffix(" s")
        self.sync_interval.setValue(int(settings.sync_interval))
        self.sync_interval.setToolTip(translate("Settings", "How often this host asks pretix for changes "
                                                            "(uploads go at once)"))
        self.hosting = hosting
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #ff8a80; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        form = QFormLayout(fields)
        form.addRow(translate("Settings", "Camera"), self.camera)
        form.addRow(translate("Settings", "Result shown for"), self.result_seconds)
        form.addRow("", self.sound)
        form.addRow("", self.privacy)
        form.addRow(translate("Settings", "Station name"), self.station_name)
        form.addRow(translate("Settings", "Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(translate("Settings", "Staff PIN"), self.pin_state)
        form.addRow(translate("Settings", "New staff PIN"), self.new_pin)
        form.addRow(translate("Settings", "New PIN again"), self.confirm_pin)
        form.addRow("", self.remove_pin)
        form.addRow(translate("Settings", "Server"), server_row)
        if hosting:
            form.addRow(translate("Settings", "Sync with pretix every"), self.sync_interval)
        scroll = QScrollArea()  # a 1024x600 screen: the fields scroll, Save and Cancel stay in view
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 760, 560
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _set_up_again(self) -> None:
        self.reject()
        self.set_up_again.emit()

    def _check(self) -> None:
        pin = self.new_pin.text()
        if pin and not valid_staff_pin(pin):
            self.message.setText(translate("Settings", "The staff PIN must be 4 to 12 digits."))
            return
        if (pin or self.confirm_pin.text()) and pin != self.confirm_pin.text():
            self.message.setText(translate("Settings", "The two PINs differ: type the new PIN twice, the same both times."))
            self.confirm_pin.clear()
            self.confirm_pin.setFocus()
            return
        if not self.camera.value():
            self.message.setText(translate("Settings", "Choose a camera."))
            return
        if not self.station_name.text().strip():
            self.message.setText(translate("Settings", "Give the station a name (it appears in the journal)."))
            return
        self.accept()

    def apply_to(self, settings: Any) -> None:
        """Write the dialog's values into ``settings`` (the caller saves); the camera only if staff changed it."""
        if self.camera.changed():
            settings["camera"] = self.camera.value()
        settings["result_seconds"] = float(self.result_seconds.value())
        settings["sound"] = self.sound.isChecked()
        settings["privacy"] = self.privacy.isChecked()
        settings["station_name"] = self.station_name.text().strip()
        if self.language.currentData() is not None:
            settings["language"] = self.language.currentData()
        if self.hosting:
            settings["sync_interval"] = int(self.sync_interval.value())
        if self.remove_pin.isChecked():
            settings.set_staff_pin("")
        elif self.new_pin.text():
            settings.set_staff_pin(self.new_pin.text())  # format and confirmation checked in _check
