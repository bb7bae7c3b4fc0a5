"""Mirrored live camera preview, pulled from the capture's latest frame on a timer (Friture style).

The capture thread keeps only its newest frame; this widget looks at it ~30 times
a second while visible and skips frames it has already shown, so the GUI's event
queue never fills with frames. Found codes are outlined for a moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

OUTLINE_SECONDS = 0.6
FRAME_INTERVAL_MS = 33


class PreviewWidget(QWidget):
    """Shows the newest camera frame mirrored (like a mirror, for self-service) with code outlines."""

    def __init__(self, latest_frame: Callable[[], Any], parent: QWidget | None = None,
                 mirrored: bool = True) -> None:
        super().__init__(parent)
        self._latest_frame = latest_frame
        self.mirrored = mirrored
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None  # keeps the QImage's memory alive
        self._frame_size = (0, 0)
        self._last_index: int | None = None
        self._outlines: list[list[tuple[float, float]]] = []
        self._outline_time = 0.0
        self.frames_shown = 0
        self.placeholder = "Starting camera…"
        self.setMinimumSize(240, 135)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.pull_frame)

    def set_source(self, latest_frame: Callable[[], Any]) -> None:
        """Pull frames from another capture (after the camera was changed)."""
        self._latest_frame = latest_frame
        self._last_index = None
        self._image = None
        self.update()

    def show_outlines(self, outlines: Sequence[Sequence[tuple[float, float]]]) -> None:
        """Outline these code corner lists (frame coordinates) for a moment."""
        self._outlines = [list(o) for o in outlines if len(o) >= 3]
        self._outline_time = time.monotonic()
        self.update()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        self._timer.stop()
        super().hideEvent(event)

    def pull_frame(self) -> None:
        """Take the capture's newest frame if it is one not shown yet, scaled to the widget."""
        frame = self._latest_frame() if self._latest_frame else None
        if frame is None or frame.index == self._last_index:
            if self._outlines and time.monotonic() - self._outline_time > OUTLINE_SECONDS:
                self._outlines = []
                self.update()
            return
        self._last_index = frame.index
        image = frame.image
        h, w = image.shape[:2]
        self._frame_size = (w, h)
        scale = min(self.width() / w, self.height() / h)
        tw, th = max(1, int(w * scale)), max(1, int(h * scale))
        small = cv2.resize(image, (tw, th), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        if self.mirrored:
            small = cv2.flip(small, 1)
        self._pixels = np.ascontiguousarray(small)
        self._image = QImage(self._pixels.data, tw, th, self._pixels.strides[0], QImage.Format.Format_BGR888)
        self.frames_shown += 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        if self._image is None:
            f = QFont()
            f.setPixelSize(max(14, self.height() // 14))
            p.setFont(f)
            p.setPen(QColor("#cfd8dc"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        x = (self.width() - self._image.width()) / 2
        y = (self.height() - self._image.height()) / 2
        p.drawImage(QPointF(x, y), self._image)
        if self._outlines and time.monotonic() - self._outline_time <= OUTLINE_SECONDS and self._frame_size[0]:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(QColor("#00e676"), max(4, self.height() // 90)))
            fw, _fh = self._frame_size
            s = self._image.width() / fw
            for corners in self._outlines:
                points = []
                for cx, cy in corners:
                    px = (fw - cx) if self.mirrored else cx
                    points.append(QPointF(x + px * s, y + cy * s))
                p.drawPolygon(QPolygonF(points))
        p.setPen(QPen(QColor("#ffffff"), 2))
        p.drawRect(QRectF(x, y, self._image.width() - 1, self._image.height() - 1))
