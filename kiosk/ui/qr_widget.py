"""A QR code drawn crisp and large (black on white, full quiet zone) for another station's webcam."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4
MIN_SIDE = 420


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of ``text``'s QR code (error correction M), without the quiet zone."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


class QrWidget(QWidget):
    """Paints one QR code at whole-pixel module size, at least ``MIN_SIDE`` pixels square."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self._matrix: list[list[bool]] = []
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_text(self, text: str) -> None:
        """Show the code for ``text`` ("" = nothing)."""
        self.text = text
        self._matrix = qr_matrix(text) if text else []
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(MIN_SIDE + 60, MIN_SIDE + 60)

    def code_side(self) -> int:
        """Pixel side of the drawn code including its quiet zone."""
        if not self._matrix:
            return 0
        modules = len(self._matrix) + 2 * QUIET_ZONE
        return (min(self.width(), self.height()) // modules) * modules

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._matrix:
            return
        p = QPainter(self)
        modules = len(self._matrix) + 2 * QUIET_ZONE
        unit = max(1, min(self.width(), self.height()) // modules)
        side = unit * modules
        x0 = (self.width() - side) // 2
        y0 = (self.height() - side) // 2
        p.fillRect(QRectF(x0, y0, side, side), QColor("#ffffff"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#000000"))
        for r, row in enumerate(self._matrix):
            for c, dark in enumerate(row):
                if dark:
                    p.drawRect(x0 + (c + QUIET_ZONE) * unit, y0 + (r + QUIET_ZONE) * unit, unit, unit)
