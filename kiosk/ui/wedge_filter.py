"""Application-wide event filter: a keyboard-wedge barcode scanner's burst is a scan, anywhere in the app.

Keys still reach the focused widget as usual (slow typing stays typing); only the
Enter that completes a fast burst is swallowed, and if the burst landed in a text
field its characters are taken back out, so the search box is not left holding a
ticket code.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.scanning.keywedge import KeyBurstDetector

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeScannerFilter(QObject):
    """Emits ``code_typed(text, t_first_key)`` for each fast keystroke burst ended by Enter."""

    code_typed = Signal(str, float)

    def __init__(self, min_chars: int = 4, max_gap: float = 0.05, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = KeyBurstDetector(min_chars, max_gap)
        self._burst_start = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Every key press reaches its top-level window exactly once before the focused widget
        # (and then its parents) see it, so look at it there.
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        now = self._time(event)
        if event.key() in ENTER_KEYS:
            code = self.detector.enter(now)
            if code is None:
                return False
            self._take_back(code)
            self.code_typed.emit(code, self._burst_start)
            return True
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.detector.typed(text, now)
            if len(self.detector.pending) == 1:
                self._burst_start = time.time()
        else:
            self.detector.other_key()
        return False

    @staticmethod
    def _time(event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return stamp / 1000.0 if stamp else time.monotonic()

    @staticmethod
    def _take_back(code: str) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.text().endswith(code):
            focus.setText(focus.text()[: -len(code)])
