"""Staff PIN: asked before leaving full screen or opening staff panels, when a PIN is set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PinDialog(QDialog):
    """Asks for the staff PIN; ``check(pin) -> bool`` decides. Wrong PINs keep it open with a message."""

    def __init__(self, purpose: str, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle("Staff PIN")
        self.setModal(True)
        label = QLabel(f"Staff PIN to {purpose}:")
        label.setStyleSheet("font-size: 18pt;")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setStyleSheet("font-size: 26pt; letter-spacing: 6px;")
        self.message = QLabel("")
        self.message.setStyleSheet("color: #ff8a80; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(460, 240)

    def _try(self) -> None:
        if self._check(self.pin.text()):
            self.accept()
            return
        self.message.setText("Wrong PIN. Try again.")
        self.pin.clear()
        self.pin.setFocus()


def with_staff_pin(parent: QWidget, needs_pin: bool, check: Callable[[str], bool], purpose: str,
                   then: Callable[[], None]) -> PinDialog | None:
    """Run ``then`` now if no PIN is needed, else after the right PIN (returns the open dialog)."""
    if not needs_pin:
        then()
        return None
    dialog = PinDialog(purpose, check, parent)
    dialog.accepted.connect(then)
    dialog.open()
    dialog.pin.setFocus()
    return dialog
