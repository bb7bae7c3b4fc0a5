"""The result screen: the whole window in the outcome's colour, an icon shape, one big word, details."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.station.presenting import ResultInfo, attention_banner

ATTENTION_ON = "background: #ffeb3b; color: #000000; border: 6px solid #000000;"
ATTENTION_OFF = "background: #000000; color: #ffeb3b; border: 6px solid #ffeb3b;"


class OutcomeIcon(QWidget):
    """Paints one of the outcome shapes (check, warning, cash, question, stop, clock, plug) in two colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shape = "check"
        self.fill = QColor("white")
        self.mark = QColor("black")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_shape(self, shape: str, fill: str, mark: str) -> None:
        """Show ``shape`` filled with ``fill``, its symbol in ``mark``."""
        self.shape, self.fill, self.mark = shape, QColor(fill), QColor(mark)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        side = min(self.width(), self.height()) * 0.92
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.fill)
        c, r = box.center(), side / 2
        if self.shape == "check":
            p.drawEllipse(box)
            pen = QPen(self.mark, side * 0.13, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.drawPolyline(QPolygonF([QPointF(c.x() - r * 0.45, c.y() + r * 0.02),
                                      QPointF(c.x() - r * 0.12, c.y() + r * 0.36),
                                      QPointF(c.x() + r * 0.5, c.y() - r * 0.34)]))
            return
        if self.shape == "warning":
            p.drawPolygon(QPolygonF([QPointF(c.x(), box.top()), QPointF(box.right(), box.bottom() - r * 0.1),
                                     QPointF(box.left(), box.bottom() - r * 0.1)]))
            self._symbol(p, "!", QRectF(box.left(), box.top() + r * 0.5, side, side * 0.62), 0.5)
            return
        if self.shape == "cash":
            note = QRectF(box.left(), c.y() - r * 0.58, side, r * 1.16)
            p.drawRoundedRect(note, r * 0.12, r * 0.12)
            p.setBrush(self.mark)
            p.drawEllipse(QPointF(c.x(), c.y()), r * 0.36, r * 0.36)
            p.drawRect(QRectF(note.left() + r * 0.12, c.y() - r * 0.06, r * 0.22, r * 0.12))
            p.drawRect(QRectF(note.right() - r * 0.34, c.y() - r * 0.06, r * 0.22, r * 0.12))
            # struck through: no money received
            p.setPen(QPen(self.mark, side * 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawLine(QPointF(box.left() + r * 0.1, box.bottom() - r * 0.1),
                       QPointF(box.right() - r * 0.1, box.top() + r * 0.1))
            return
        if self.shape == "question":
            p.drawRoundedRect(box, r * 0.18, r * 0.18)
            self._symbol(p, "?", box, 0.75)
            return
        if self.shape == "stop":
            path = QPainterPath()
            points = [QPointF(c.x() + r * math.cos(math.radians(22.5 + 45 * i)),
                              c.y() + r * math.sin(math.radians(22.5 + 45 * i))) for i in range(8)]
            path.addPolygon(QPolygonF(points))
            p.drawPath(path)
            pen = QPen(self.mark, side * 0.13, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            d = r * 0.38
            p.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
            p.drawLine(QPointF(c.x() + d, c.y() - d), QPointF(c.x() - d, c.y() + d))
            return
        if self.shape == "clock":  # not valid at this time
            p.drawEllipse(box)
            pen = QPen(self.mark, side * 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(c, QPointF(c.x(), c.y() - r * 0.62))
            p.drawLine(c, QPointF(c.x() + r * 0.42, c.y() + r * 0.18))
            return
        p.drawEllipse(box)  # "plug": a problem, not a verdict
        self._symbol(p, "!", box, 0.7)

    def _symbol(self, p: QPainter, text: str, box: QRectF, fraction: float) -> None:
        f = QFont()
        f.setPixelSize(max(8, int(box.height() * fraction)))
        f.setBold(True)
        p.setFont(f)
        p.setPen(self.mark)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


SHAPES = {"check": "check", "repeat": "warning", "coin": "cash", "question": "question", "cross": "stop",
          "plug": "plug", "clock": "clock"}


class ResultView(QWidget):
    """Paints a ResultInfo over the whole page, with a countdown and a blinking attention banner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ResultView")
        self.info: ResultInfo | None = None
        self._background = QColor("#000000")
        self.attention = QLabel()
        self.attention.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.attention.setVisible(False)
        self.icon = OutcomeIcon()
        self.word = QLabel()
        self.word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel()
        self.product = QLabel()
        self.order = QLabel()
        self.addons = QLabel()
        self.note = QLabel()
        self.first_used = QLabel()  # ALREADY USED: when and where
        self.checkin_text = QLabel()  # pretix's check-in text: the notes the attention banner points at
        self.checkin_text.setObjectName("CheckinText")
        self.countdown = QLabel()
        for label in (self.name, self.product, self.order, self.addons, self.note, self.first_used,
                      self.checkin_text, self.countdown):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(6)
        layout.addWidget(self.attention)
        layout.addWidget(self.icon, 5)
        layout.addWidget(self.word)
        layout.addWidget(self.first_used)
        layout.addWidget(self.name)
        layout.addWidget(self.product)
        layout.addWidget(self.order)
        layout.addWidget(self.addons)
        layout.addWidget(self.checkin_text)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.countdown)
        self._blink_on = True
        self._blink = QTimer(self)
        self._blink.setInterval(450)
        self._blink.timeout.connect(self._toggle_attention)

    @property
    def background(self) -> QColor:
        """The colour the whole page is painted in now."""
        return self._background

    def show_result(self, info: ResultInfo) -> None:
        """Show this outcome (replaces whatever was shown)."""
        self.info = info
        look = info.look
        self._background = QColor(look.background)
        css = (f"QLabel {{ color: {look.foreground}; background: transparent; }} "
               f"QLabel#CheckinText {{ border: 3px solid {look.foreground}; border-radius: 8px; padding: 6px; }}")
        if self.styleSheet() != css:  # re-styling every label costs milliseconds: only when the colour changes
            self.setStyleSheet(css)
        self.icon.set_shape(SHAPES.get(look.icon, "plug"), look.foreground, look.background)
        self.word.setText(look.word)
        self.name.setText(info.name)
        self.product.setText(info.product)
        self.order.setText(translate("Result", "Order {code}").format(code=info.order) if info.order else "")
        self.addons.setText(f"+ {info.addons}" if info.addons else "")
        self.note.setText(info.note)
        self.first_used.setText(info.first_used)
        self.checkin_text.setText(info.checkin_text)
        self.attention.setText(attention_banner(info))
        for label in (self.name, self.product, self.order, self.addons, self.note, self.first_used,
                      self.checkin_text):
            label.setVisible(bool(label.text()))
        self.attention.setVisible(info.attention)
        self._blink_on = True
        if self.attention.styleSheet() != ATTENTION_ON:
            self.attention.setStyleSheet(ATTENTION_ON)
        if info.attention:
            self._blink.start()
        else:
            self._blink.stop()
        self._apply_fonts()
        self.update()

    def set_countdown(self, text: str) -> None:
        """Update the countdown line ("Back to search in 3 s"; "" when none)."""
        self.countdown.setText(f"{text}  ·  " + translate("Result", "Space: next") if text else "")

    def _toggle_attention(self) -> None:
        self._blink_on = not self._blink_on
        self.attention.setStyleSheet(ATTENTION_ON if self._blink_on else ATTENTION_OFF)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        self._blink.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        h = max(self.height(), 300)
        for label, share, bold in ((self.word, 0.13, True), (self.name, 0.075, True), (self.product, 0.05, False),
                                   (self.order, 0.04, False), (self.addons, 0.04, False),
                                   (self.note, 0.045, True), (self.countdown, 0.035, False),
                                   (self.first_used, 0.045, True), (self.checkin_text, 0.04, True),
                                   (self.attention, 0.055, True)):
            f = QFont()
            f.setPixelSize(int(h * share))
            f.setBold(bold)
            label.setFont(f)
        word = self.word.text() or "X"
        # The longest word must fit the width too.
        f = self.word.font()
        while f.pixelSize() > 20 and self.word.fontMetrics().horizontalAdvance(word) > self.width() - 48:
            f.setPixelSize(int(f.pixelSize() * 0.9))
            self.word.setFont(f)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), self._background)
