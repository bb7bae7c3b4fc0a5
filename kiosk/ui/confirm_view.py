"""A scanned station setup code: staff confirm before the station is pointed elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import shown, translate
from kiosk.scanning.codes import StationSetup


class ConfirmSetupView(QWidget):
    """"Set this station up for <url>?" with Set up (Enter) / Cancel (Esc) and the test's progress."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(translate("Setup", "Station setup code scanned"))
        self.heading.setStyleSheet("font-size: 26pt; font-weight: bold; color: #80d8ff;")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 24pt;")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setStyleSheet("font-size: 16pt; color: #b8c2cc;")
        self.details.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.confirm = QPushButton(translate("Setup", "Set up (Enter)"))
        self.confirm.setProperty("primary", True)
        self.confirm.clicked.connect(self.confirmed)
        self.cancel = QPushButton(translate("Setup", "Cancel (Esc)"))
        self.cancel.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.question)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_offer(self, offer: StationSetup, phase: str, message: str = "", needs_pin: bool = False) -> None:
        """Show the offered setup and where its test stands ("confirm", "testing", "failed")."""
        self.question.setText(translate("Setup", "Set this station up for\n{url} ?").format(url=offer.url))
        flags = [(translate("Setup", "name search allowed") if offer.allow_search else
                  translate("Setup", "search by code only")),
                 (translate("Setup", "event info shown") if offer.show_info else translate("Setup", "event info hidden"))]
        if needs_pin:
            flags.append(translate("Setup", "staff PIN required"))
        self.details.setText(" · ".join(flags))
        testing = phase == "testing"
        self.confirm.setEnabled(not testing)
        self.confirm.setText(translate("Setup", "Try again (Enter)") if phase == "failed" else
                             translate("Setup", "Set up (Enter)"))
        if testing:
            self.message.setStyleSheet("font-size: 20pt; font-weight: bold; color: #80d8ff;")
            self.message.setText(translate("Setup", "Testing the connection…"))
        elif phase == "failed":
            self.message.setStyleSheet("font-size: 20pt; font-weight: bold; color: #ff8a80;")
            self.message.setText(shown(message) + "\n" +
                                 translate("Setup", "The station keeps its current setup."))
        else:
            self.message.setText("")
        if not testing:
            self.confirm.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.confirm.isEnabled():
            self.confirmed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
