"""Staff PIN: asked before leaving full screen or opening staff panels, when a PIN is set.

Every prompt of a station shares one ``PinGuard``: after 5 wrong PINs in a row, PIN entry is
locked for a minute and the prompt says until when. ``SetPinDialog`` asks for a new PIN (twice)
before F11 makes a station without a PIN a kiosk.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTime, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import plural, translate
from kiosk.settings import valid_staff_pin
from kiosk.station.pin_guard import PinGuard

PIN_CSS = "font-size: 26pt; letter-spacing: 6px;"
MESSAGE_CSS = "color: #ff8a80; font-weight: bold;"


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    field.setStyleSheet(PIN_CSS)
    field.setMaxLength(12)
    return field


class PinDialog(QDialog):
    """Asks for the staff PIN; the shared ``guard`` decides. Wrong PINs keep it open with a message."""

    def __init__(self, prompt: str, guard: PinGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guard = guard
        self.setWindowTitle(translate("Pin", "Staff PIN"))
        self.setModal(True)
        label = QLabel(prompt)  # "Staff PIN to search tickets:", translated by the caller
        label.setStyleSheet("font-size: 18pt;")
        label.setWordWrap(True)
        self.pin = _pin_field()
        self.message = QLabel("")
        self.message.setStyleSheet(MESSAGE_CSS)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._show_lock)
        self._show_lock()

    @property
    def locked(self) -> bool:
        """Whether PIN entry is locked (too many wrong PINs)."""
        return self._guard.locked_until() is not None

    def _show_lock(self) -> None:
        """Locked: say until when and take no PIN; unlocked again when the minute is over."""
        until = self._guard.locked_until()
        self.pin.setEnabled(until is None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(until is None)
        if until is None:
            if self._unlock_timer.isActive() or self.message.property("locked"):
                self.message.setProperty("locked", False)
                self.message.setText(translate("Pin", "You can try again now."))
            self.pin.setFocus()
            return
        self.message.setProperty("locked", True)
        clock = time.localtime(until)
        pattern = QLocale().timeFormat(QLocale.FormatType.LongFormat).replace("t", "").strip()  # no time zone
        at = QLocale().toString(QTime(clock.tm_hour, clock.tm_min, clock.tm_sec), pattern)
        self.message.setText(translate("Pin", "Too many wrong PINs. Try again at {time}.").format(time=at))
        self._unlock_timer.start(max(0, int((until - time.time()) * 1000)) + 50)

    def _try(self) -> None:
        if self._guard.try_pin(self.pin.text()):
            self.accept()
            return
        self.pin.clear()
        if self.locked:
            self._show_lock()
            return
        left = self._guard.max_wrong - self._guard.wrong
        wrong = plural(left).translate("Pin", "Wrong PIN. Try again (%n more before a {seconds} s lockout).", None, 1)
        self.message.setText(wrong.format(seconds=int(self._guard.lockout)))
        self.pin.setFocus()


class SetPinDialog(QDialog):
    """A new staff PIN, typed twice: asked before F11 makes a station without a PIN a kiosk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Pin", "Set a staff PIN"))
        self.setModal(True)
        text = QLabel(translate("Pin", "Full screen is kiosk mode: guests must not reach the staff panels. Set a "
                                       "staff PIN (4 to 12 digits) first; staff need it to leave full screen and for "
                                       "every staff action."))
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 14pt;")
        self.pin = _pin_field()
        self.repeat = _pin_field()
        self.pin.setPlaceholderText(translate("Pin", "PIN"))
        self.repeat.setPlaceholderText(translate("Pin", "PIN again"))
        self.message = QLabel("")
        self.message.setStyleSheet(MESSAGE_CSS)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(translate("Pin", "Set PIN and go full screen"), QDialogButtonBox.ButtonRole.AcceptRole)
        for button in buttons.buttons():  # Enter is handled by the fields: in the first it moves to the second
            button.setAutoDefault(False)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        self.pin.returnPressed.connect(lambda: self._try() if self.repeat.text() else self.repeat.setFocus())
        self.repeat.returnPressed.connect(self._try)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.pin)
        layout.addWidget(self.repeat)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 340)

    @property
    def new_pin(self) -> str:
        """The PIN typed (valid once the dialog is accepted)."""
        return self.pin.text()

    def _try(self) -> None:
        pin = self.pin.text()
        if not valid_staff_pin(pin):
            problem, field = translate("Pin", "The PIN must be 4 to 12 digits."), self.pin
        elif self.repeat.text() != pin:
            problem, field = translate("Pin", "The two PINs differ. Type it again."), self.repeat
        else:
            self.accept()
            return
        self.message.setText(problem)
        self.repeat.clear()
        field.setFocus()


def with_staff_pin(parent: QWidget, needs_pin: bool, guard: PinGuard, purpose: str,
                   then: Callable[[], None]) -> PinDialog | None:
    """Run ``then`` now if no PIN is needed, else after the right PIN (returns the open dialog)."""
    if not needs_pin:
        then()
        return None
    dialog = PinDialog(purpose, guard, parent)
    dialog.accepted.connect(then)
    dialog.open()
    if not dialog.locked:
        dialog.pin.setFocus()
    return dialog
