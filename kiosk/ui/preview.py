"""Mirrored live camera preview, pulled on a timer (Friture style) and only painted on the GUI thread.

The capture thread keeps only its newest frame; ``PreviewScaler`` (its own thread)
scales it to this widget's size, mirrors it and gives it 32-bit pixels. This widget
looks for a new picture ~30 times a second while visible, wraps its pixels in a
QImage and paints it, so the GUI's event queue never fills with frames and never
waits behind a frame's scaling. Found codes are outlined for a moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.i18n import translate
from kiosk.ui.preview_frames import PreviewFrame

OUTLINE_SECONDS = 0.6
FRAME_INTERVAL_MS = 33

PreviewSource = Callable[[tuple[int, int], bool], PreviewFrame | None]


def no_camera(_size: tuple[int, int], _mirrored: bool) -> PreviewFrame | None:
    """A preview source without a camera (nothing to show yet)."""
    return None


class PreviewWidget(QWidget):
    """Shows the newest camera picture mirrored (like a mirror, for self-service) with code outlines."""

    def __init__(self, source: PreviewSource = no_camera, parent: QWidget | None = None,
                 mirrored: bool = True) -> None:
        super().__init__(parent)
        self._source = source
        self.mirrored = mirrored
        self._frame: PreviewFrame | None = None
        self._image: QImage | None = None
        self._outlines: list[list[tuple[float, float]]] = []
        self._outline_time = 0.0
        self.frames_shown = 0
        self.placeholder = translate("Scanning", "Starting camera…")
        self.setMinimumSize(240, 135)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.pull_frame)

    def show_outlines(self, outlines: Sequence[Sequence[tuple[float, float]]]) -> None:
        """Outline these code corner lists (frame coordinates) for a moment."""
        self._outlines = [list(o) for o in outlines if len(o) >= 3]
        self._outline_time = time.monotonic()
        self.update()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        self._timer.start()
        self.pull_frame()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        self._timer.stop()
        super().hideEvent(event)

    def pull_frame(self) -> None:
        """Take the newest prepared picture if it is one not shown yet (and ask for this widget's size)."""
        frame = self._source((self.width(), self.height()), self.mirrored)
        if frame is None or frame is self._frame:
            if self._outlines and time.monotonic() - self._outline_time > OUTLINE_SECONDS:
                self._outlines = []
                self.update()
            return
        pixels = frame.pixels
        fmt = QImage.Format.Format_RGB32 if pixels.shape[2] == 4 else QImage.Format.Format_BGR888
        self._frame = frame  # keeps the pixels the QImage points to alive
        self._image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.strides[0], fmt)
        self.frames_shown += 1
        self.update()

    def _picture_rect(self) -> QRectF:
        """Where the picture goes: the camera's aspect ratio, fitted and centred."""
        sw, sh = self._frame.source_size
        scale = min(self.width() / sw, self.height() / sh)
        w, h = int(sw * scale), int(sh * scale)
        return QRectF((self.width() - w) // 2, (self.height() - h) // 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        if self._image is None or self._frame is None:
            f = QFont()
            f.setPixelSize(max(14, self.height() // 14))
            p.setFont(f)
            p.setPen(QColor("#cfd8dc"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        target = self._picture_rect()
        if (int(target.width()), int(target.height())) == self._frame.size:
            p.drawImage(target.topLeft(), self._image)  # the usual case: a plain copy
        else:
            p.drawImage(target, self._image)  # the widget was just resized: the next picture fits again
        fw, fh = self._frame.source_size
        if self._outlines and time.monotonic() - self._outline_time <= OUTLINE_SECONDS:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(QColor("#00e676"), max(4, self.height() // 90)))
            s = target.width() / fw
            for corners in self._outlines:
                points = []
                for cx, cy in corners:
                    px = (fw - cx) if self._frame.mirrored else cx
                    points.append(QPointF(target.x() + px * s, target.y() + cy * s))
                p.drawPolygon(QPolygonF(points))
        p.setPen(QPen(QColor("#ffffff"), 2))
        p.drawRect(target.adjusted(0, 0, -1, -1))
