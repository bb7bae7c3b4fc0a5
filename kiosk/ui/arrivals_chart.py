"""The arrivals chart of the host panel's overview, drawn with QPainter: admissions per 5 minutes as bars,
admitted so far as a line, and the expected total as a dashed line (the web page draws the same on a canvas)."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.i18n import translate
from kiosk.ui.style import ACCENT, MUTED, SURFACE

BAR = QColor(ACCENT)
BAR.setAlpha(150)
LINE = QColor("#ffffff")
EXPECTED = QColor("#81c784")
GRID = QColor("#3a4654")


def _zone(name: str) -> zoneinfo.ZoneInfo | type[UTC]:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC



def scale_top(value: int) -> int:
    """The top of a scale with four grid steps: the next multiple of 4 (at least 4), so every step is a whole count."""
    return max(4, -(-int(value) // 4) * 4)

class ArrivalsChart(QWidget):
    """One list's arrivals over the chart's span (``set_arrivals``); paints nothing without data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arrivals: dict | None = None
        self.list_index = 0
        self.timezone = "UTC"
        self.bars_drawn = 0  # for tests: the bars of the last paint
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 170)

    def set_arrivals(self, arrivals: dict | None, timezone: str = "UTC", list_index: int | None = None) -> None:
        """Show ``arrivals`` (the figures' ``arrivals``) for list ``list_index`` (kept if None), times in ``timezone``."""
        self.arrivals = arrivals
        self.timezone = timezone
        if list_index is not None:
            self.list_index = list_index
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(SURFACE))
        self.bars_drawn = 0
        lists = (self.arrivals or {}).get("lists") or []
        if not lists:
            painter.setPen(QColor(MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, translate("Overview", "No arrivals yet"))
            return
        data = lists[min(self.list_index, len(lists) - 1)]
        a = self.arrivals
        left, right, top, bottom = 48.0, 56.0, 12.0, 28.0
        plot = QRectF(left, top, max(10.0, self.width() - left - right), max(10.0, self.height() - top - bottom))
        n = max(1, a["buckets"])
        max_bar = scale_top(max(0, *data["per_bucket"]))
        max_cum = scale_top(max(0, data["expected"], *(data["cumulative"] or [0])))

        def x(i: float) -> float:
            return plot.left() + i / n * plot.width()

        def y(value: float, top_value: float) -> float:
            return plot.bottom() - value / top_value * plot.height()

        metrics = painter.fontMetrics()
        for k in range(5):  # grid, bars' scale on the left, admitted-so-far scale on the right
            yy = plot.bottom() - k / 4 * plot.height()
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
            painter.setPen(QColor(MUTED))
            bar_label, cum_label = str(round(max_bar * k / 4)), str(round(max_cum * k / 4))
            painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(bar_label), yy + 5), bar_label)
            painter.drawText(QPointF(plot.right() + 6, yy + 5), cum_label)
        start = datetime.fromisoformat(a["start"].replace("Z", "+00:00"))
        step = timedelta(minutes=a["bucket_minutes"])
        zone = _zone(self.timezone)
        every = max(1, -(-n // max(2, int(plot.width() // 80))))
        for i in range(0, n + 1, every):
            label = (start + i * step).astimezone(zone).strftime("%H:%M")
            painter.drawText(QPointF(x(i) - metrics.horizontalAdvance(label) / 2, self.height() - 8), label)
        width = max(1.0, plot.width() / n - (1 if plot.width() / n > 4 else 0))
        for i, value in enumerate(data["per_bucket"]):
            if value:
                self.bars_drawn += 1
                painter.fillRect(QRectF(x(i), y(value, max_bar), width, plot.bottom() - y(value, max_bar)), BAR)
        pen = QPen(EXPECTED, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), y(data["expected"], max_cum)),
                         QPointF(plot.right(), y(data["expected"], max_cum)))
        painter.setPen(QPen(LINE, 2.5))
        previous = None
        for i, value in enumerate(data["cumulative"]):
            here = y(value, max_cum)
            if previous is not None:
                painter.drawLine(QPointF(x(i), previous), QPointF(x(i), here))
            painter.drawLine(QPointF(x(i), here), QPointF(x(i + 1), here))
            previous = here
