"""The scanning screen: a clear prompt, the mirrored preview and the camera's state; nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import QT_TRANSLATE_NOOP, shown, translate
from kiosk.ui.preview import PreviewSource, PreviewWidget, no_camera

PROMPT = QT_TRANSLATE_NOOP("Scanning", "Hold your ticket's QR code up to the camera")

CAMERA_TEXTS = {
    "starting": QT_TRANSLATE_NOOP("Scanning", "Starting the camera…"),
    "running": "",
    "no_signal": QT_TRANSLATE_NOOP("Scanning", "No camera signal: the camera sends no pictures (a video file has "
                                               "ended)."),
    "unavailable": QT_TRANSLATE_NOOP("Scanning", "Camera unavailable: check the cable, or choose another camera."),
}


class ScanView(QWidget):
    """Prompt + preview + camera state line; ``camera_change_requested`` when staff pick another camera."""

    camera_change_requested = Signal()

    def __init__(self, preview_source: PreviewSource = no_camera, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QLabel(translate("Scanning", PROMPT))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("color: #ffffff;")
        self.preview = PreviewWidget(preview_source)
        self.camera_state = QLabel()
        self.camera_state.setWordWrap(True)
        self.camera_state.setStyleSheet("color: #ffcc80; font-weight: bold;")
        self.busy = QLabel(translate("Scanning", "Checking…"))
        self.busy.setStyleSheet("color: #80d8ff; font-weight: bold;")
        self.busy.setVisible(False)
        self.change_camera = QPushButton(translate("Scanning", "Choose another camera…"))
        self.change_camera.clicked.connect(self.camera_change_requested)
        self.change_camera.setVisible(False)
        self.sound_off = QLabel()  # unobtrusive: grey, small, bottom right; only while results are silent
        self.sound_off.setStyleSheet("color: #8a96a3;")
        self.sound_off.setVisible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.camera_state, 1)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.change_camera)
        bottom.addWidget(self.sound_off, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.prompt)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self.set_camera_state("starting")

    def set_camera_state(self, state: str, detail: str = "") -> None:
        """Show the camera's state ("starting", "running", "no_signal", "unavailable")."""
        self.state = state
        words = CAMERA_TEXTS.get(state, state)
        text = translate("Scanning", words) if words else ""
        if detail and state == "unavailable":
            text = f"{text} ({shown(detail)})"
        self.camera_state.setText(text)
        self.camera_state.setVisible(bool(text))
        self.change_camera.setVisible(state in ("unavailable", "no_signal"))
        self.preview.placeholder = {"no_signal": translate("Scanning", "No camera signal"),
                                    "unavailable": translate("Scanning", "Camera unavailable")}.get(
            state, translate("Scanning", "Starting camera…"))
        self.preview.update()

    def set_sound_off(self, reason: str | None) -> None:
        """Show why results are silent ("Sound off: no audio output"), or nothing when they can be heard."""
        # words, not a speaker glyph: kiosk fonts often lack it
        self.sound_off.setText(translate("Scanning", reason) if reason else "")
        self.sound_off.setVisible(bool(reason))

    def set_busy(self, busy: bool) -> None:
        """Show that a ticket is being checked."""
        self.busy.setVisible(busy)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        f = QFont()
        f.setPixelSize(max(22, int(self.height() * 0.065)))
        f.setBold(True)
        self.prompt.setFont(f)
        small = QFont()
        small.setPixelSize(max(16, int(self.height() * 0.032)))
        small.setBold(True)
        self.camera_state.setFont(small)
        self.busy.setFont(small)
