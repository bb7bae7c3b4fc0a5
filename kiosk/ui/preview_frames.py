"""Preview pictures made off the GUI thread (no Qt: numpy and OpenCV only).

Scaling a 1920x1080 camera frame to the preview's size, mirroring it and giving it
32-bit pixels took 13 ms (median) to 37 ms (p95) per frame on a busy 2-core
machine. On the GUI thread, at 30 frames a second, that kept a scan or a host
answer waiting in the event queue behind a frame's work. ``PreviewScaler`` does it
on its own thread for whichever preview is showing and keeps only its newest
picture, so the GUI only wraps those pixels in a QImage and paints them.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

FRAME_INTERVAL_S = 1 / 30
IDLE_AFTER_S = 0.5  # no preview asked for this long (all hidden): stop working


@dataclass(frozen=True)
class PreviewFrame:
    """A camera frame ready to paint: ``pixels`` HxWx4 (B, G, R, 255) or HxWx3 BGR on big-endian machines."""

    pixels: np.ndarray
    source_size: tuple[int, int]  # (width, height) of the camera frame, for mapping code outlines
    mirrored: bool

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the picture."""
        return self.pixels.shape[1], self.pixels.shape[0]


def make_preview(image: np.ndarray, size: tuple[int, int], mirrored: bool) -> PreviewFrame:
    """``image`` (BGR) scaled to fit ``size`` (aspect kept), mirrored if asked, with 32-bit pixels."""
    h, w = image.shape[:2]
    scale = min(size[0] / w, size[1] / h)
    tw, th = max(1, int(w * scale)), max(1, int(h * scale))
    # INTER_LINEAR: a preview needs no area averaging, and at 1080p it costs a fifth as much.
    small = cv2.resize(image, (tw, th), interpolation=cv2.INTER_LINEAR) if (tw, th) != (w, h) else image
    if mirrored:
        small = cv2.flip(small, 1)
    if sys.byteorder == "little":  # B, G, R, 255 is Qt's RGB32: painted without a conversion
        small = cv2.cvtColor(small, cv2.COLOR_BGR2BGRA)
    return PreviewFrame(np.ascontiguousarray(small), (w, h), mirrored)


class PreviewScaler(threading.Thread):
    """Keeps the newest camera frame scaled for the preview that asked last; stops cooperatively."""

    def __init__(self, latest_frame: Callable[[], Any], interval: float = FRAME_INTERVAL_S) -> None:
        super().__init__(name="preview", daemon=True)
        self._latest_frame = latest_frame
        self._interval = interval
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop_requested = False
        self._wanted: tuple[tuple[int, int], bool] | None = None
        self._asked_at = 0.0
        self._made: PreviewFrame | None = None
        self._made_from: tuple[Any, tuple[tuple[int, int], bool]] | None = None  # frame, what was wanted
        self.frames_made = 0

    def take(self, size: tuple[int, int], mirrored: bool) -> PreviewFrame | None:
        """Ask for pictures of ``size`` from now on; the newest one made (maybe of an older size), or None."""
        with self._lock:
            idle = self._wanted is None or time.monotonic() - self._asked_at > IDLE_AFTER_S
            self._wanted = (size, mirrored)
            self._asked_at = time.monotonic()
            made = self._made
        if idle:
            self._wake.set()  # a preview was just shown: start at once
        return made

    def stop(self) -> None:
        """Ask the thread to end (then ``join()``)."""
        self._stop_requested = True
        self._wake.set()

    def run(self) -> None:
        """Every frame interval: scale the capture's newest frame if a preview is showing."""
        wanted: tuple[tuple[int, int], bool] | None = None
        while not self._stop_requested:
            self._wake.wait(self._interval if wanted is not None else None)  # hidden: sleep until asked
            self._wake.clear()
            with self._lock:
                wanted = self._wanted if time.monotonic() - self._asked_at <= IDLE_AFTER_S else None
            frame = self._latest_frame() if wanted is not None else None
            if frame is None:
                continue
            if self._made_from is not None and self._made_from[0] is frame and self._made_from[1] == wanted:
                continue
            made = make_preview(frame.image, *wanted)
            with self._lock:
                self._made, self._made_from = made, (frame, wanted)
            self.frames_made += 1
