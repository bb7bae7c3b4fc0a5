"""The strip above every screen: OFFLINE (copy age, queued check-ins) or a host problem to fix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.station.presenting import offline_banner

OFFLINE_CSS = "background: #ff6f00; color: #000000; font-weight: bold; font-size: 20pt; padding: 8px;"
PROBLEM_CSS = "background: #b71c1c; color: #ffffff; font-weight: bold; font-size: 18pt; padding: 8px;"


class HostBanner(QLabel):
    """Hidden while all is well; orange OFFLINE banner, or red when the host refuses this station."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.kind = ""
        self.setVisible(False)

    def show_state(self, state: Any) -> None:
        """Show a GateState snapshot (mode, is_offline, copy_age, queued_count, rejected_count, last_error)."""
        text = offline_banner(state.is_offline, state.copy_age, state.queued_count, state.mode)
        if text:
            if state.rejected_count:
                text += f" · {state.rejected_count} refused by the host (see Status)"
            self.kind = "offline"
            self.setStyleSheet(OFFLINE_CSS)
        elif state.last_error:
            text = state.last_error
            if state.rejected_count:
                text += f" · {state.rejected_count} offline check-ins refused (see Status)"
            self.kind = "problem"
            self.setStyleSheet(PROBLEM_CSS)
        elif state.rejected_count:
            text = f"{state.rejected_count} offline check-in{'s' if state.rejected_count != 1 else ''} " \
                   "refused by the host: see Status"
            self.kind = "problem"
            self.setStyleSheet(PROBLEM_CSS)
        else:
            self.kind = ""
        self.setText(text)
        self.setVisible(bool(text))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.clicked.emit()
        super().mousePressEvent(event)
