"""A scan's result in one strip at the top of a staff panel: its colour, icon, word and who.

Shown while staff work in a panel or a dialog, so a guest at the camera still sees
their result and staff keep their text, selection and focus. It never takes the
focus; a click sends it away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.i18n import translate
from kiosk.station.presenting import ResultInfo, compact_details, compact_line
from kiosk.ui.result_view import SHAPES, OutcomeIcon

STRIP_HEIGHT = 64
FRAME = 4


class CompactResult(QFrame):
    """One line: [icon] Camera  ALREADY USED  Jürgen Müller · Weekend Pass, in the outcome's colours."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CompactResult")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedHeight(STRIP_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the window
        self.info: ResultInfo | None = None
        self._background = QColor("#000000")
        self._frame = QColor("#ffffff")
        self._details = ""
        self.icon = OutcomeIcon()
        self.icon.setFixedSize(STRIP_HEIGHT - 14, STRIP_HEIGHT - 14)
        self.source = QLabel()
        self.word = QLabel()
        self.details = QLabel()
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for label, size, bold in ((self.source, 16, False), (self.word, 24, True), (self.details, 18, True)):
            f = QFont()
            f.setPixelSize(size)
            f.setBold(bold)
            label.setFont(f)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(14)
        layout.addWidget(self.icon)
        layout.addWidget(self.source)
        layout.addWidget(self.word)
        layout.addWidget(self.details, 1)
        self.setToolTip(translate("Compact", "A scan while staff work here (click to hide it)"))
        self.setVisible(False)

    @property
    def background(self) -> QColor:
        """The strip's colour now (the outcome's)."""
        return self._background

    def show_result(self, info: ResultInfo, source: str) -> None:
        """Show this outcome (scanned by ``source``: camera, keyboard...) in the strip."""
        self.info = info
        look = info.look
        self._background = QColor(look.background)
        self._frame = QColor(look.foreground)
        self.setStyleSheet(f"QLabel {{ color: {look.foreground}; background: transparent; }}")
        self.icon.set_shape(SHAPES.get(look.icon, "plug"), look.foreground, look.background)
        scanner, word = compact_line(info, source)
        self.source.setText(scanner)
        self.word.setText(word)
        self._details = compact_details(info)
        self._elide()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.details.width(), 40)
        self.details.setText(self.details.fontMetrics().elidedText(self._details, Qt.TextElideMode.ElideRight, width))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.clicked.emit()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), self._background)
        # A frame in the text colour: a card of its own, also over a full result of the same colour.
        pen = QPen(self._frame, FRAME)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        p.drawRect(self.rect().adjusted(FRAME // 2, FRAME // 2, -(FRAME + 1) // 2, -(FRAME + 1) // 2))
