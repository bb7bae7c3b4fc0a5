"""The strip above every screen: OFFLINE (copy age, queued check-ins) or a host problem to fix."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.i18n import plural, shown
from kiosk.station.presenting import offline_banner, outage_hint

OFFLINE_CSS = "background: #ff6f00; color: #000000; font-weight: bold; font-size: 20pt; padding: 8px;"
HINT_CSS = "font-size: 14pt; font-weight: normal;"
PROBLEM_CSS = "background: #b71c1c; color: #ffffff; font-weight: bold; font-size: 18pt; padding: 8px;"


class HostBanner(QLabel):
    """Hidden while all is well; orange OFFLINE banner, or red when the host refuses this station."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.kind = ""
        self.hint = ""  # the long-outage line, if shown
        self.setVisible(False)

    def show_state(self, state: Any) -> None:
        """Show a GateState snapshot (mode, is_offline, copy_age, queued_count, rejected_count, last_error).

        After a long outage (``unreachable_for``) a second, smaller line says why the host may
        be away and what to do.
        """
        unreachable_for = getattr(state, "unreachable_for", None)
        text, _, hint = offline_banner(state.is_offline, state.copy_age, state.queued_count, state.mode,
                                       unreachable_for).partition("\n")
        if text:
            if state.rejected_count:
                refused = plural(state.rejected_count)
                text += " · " + refused.translate("Banner", "%n refused by the host (see Status)", None, 1)
            self.kind = "offline"
            self.setStyleSheet(OFFLINE_CSS)
        elif state.last_error:
            text = shown(state.last_error)  # marked where it is made (kiosk.client.errors)
            if unreachable_for is not None and state.mode != "offline":
                hint = outage_hint(unreachable_for)
            if state.rejected_count:
                refused = plural(state.rejected_count)
                text += " · " + refused.translate("Banner", "%n offline check-in(s) refused (see Status)", None, 1)
            self.kind = "problem"
            self.setStyleSheet(PROBLEM_CSS)
        elif state.rejected_count:
            refused = plural(state.rejected_count)
            text = refused.translate("Banner", "%n offline check-in(s) refused by the host: see Status", None, 1)
            self.kind = "problem"
            self.setStyleSheet(PROBLEM_CSS)
        else:
            self.kind = ""
        self.hint = hint if text else ""
        if self.hint:
            self.setTextFormat(Qt.TextFormat.RichText)
            self.setText(f"{html.escape(text, quote=False)}<br><span style='{HINT_CSS}'>"
                         f"{html.escape(self.hint, quote=False)}</span>")
        else:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(text)
        self.setVisible(bool(text))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.clicked.emit()
        super().mousePressEvent(event)
