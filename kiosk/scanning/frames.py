"""Frames and the frame-source interface every picture source implements.

``Frame`` is one camera picture; ``FrameSource`` is the small interface of webcams,
streams (``sources``), video files and picture folders (``files``) and the demo
camera (``demo_source``). ``FrameSource.read()`` never blocks for long on paced
sources: it returns ``None`` until the next picture is due (see ``Pacer``).
``GrayPyramid`` holds the gray copies of one picture the decode thread works on,
each made at most once.

No Qt here.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

import cv2
import numpy as np


class CameraError(Exception):
    """A camera or picture source failed; ``message`` is a sentence for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Frame:
    """One camera picture: BGR ``uint8`` HxWx3 (treat as read-only), epoch capture time, sequence number."""

    image: np.ndarray
    t_captured: float
    index: int


class FrameSource:
    """Base class of picture sources: ``open()``, ``read()``, ``close()``; reusable after ``close()``."""

    fps: float | None = None
    ended: bool = False

    def __init__(self) -> None:
        self._counter = itertools.count()

    def open(self) -> None:
        """Acquire the device or file; raise ``CameraError`` with an operator message on failure."""

    def read(self) -> Frame | None:
        """Return the next picture, or ``None`` when none is due yet (or the source has ended)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the device or file (safe to call twice)."""

    def describe(self) -> str:
        """Return a short human description (no passwords), for logs and the status bar."""
        return type(self).__name__

    def idle_wait(self) -> float:
        """Seconds a caller may wait after ``read()`` returned ``None`` before trying again."""
        return 0.005

    def _frame(self, image: np.ndarray) -> Frame:
        return Frame(image=image, t_captured=time.time(), index=next(self._counter))

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Pacer:
    """Real-time pacing at ``fps``: says when the next picture is due (monotonic clock)."""

    def __init__(self, fps: float) -> None:
        self.period = 1.0 / fps
        self._next_due: float | None = None

    def due(self) -> bool:
        """Return True (and schedule the following picture) if a picture is due now."""
        now = time.monotonic()
        if self._next_due is None:
            self._next_due = now
        if now < self._next_due:
            return False
        # A reader that fell behind gets the next picture immediately, but no burst
        # of back-logged pictures: playback slows down instead of skipping.
        self._next_due = max(self._next_due + self.period, now)
        return True

    def wait(self) -> float:
        """Return the seconds until the next picture is due (0 if due now), at most 50 ms."""
        if self._next_due is None:
            return 0.0
        return min(max(self._next_due - time.monotonic(), 0.0), 0.05)

    def restart(self) -> None:
        """Make the next picture due immediately."""
        self._next_due = None


def as_bgr(image: np.ndarray) -> np.ndarray:
    """Return ``image`` as 3-channel BGR (some drivers deliver gray or BGRA pictures)."""
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def halve(gray: np.ndarray) -> np.ndarray:
    """Return ``gray`` at half the width and height, each pixel the mean of 2x2 (an odd last row/column is dropped).

    An exact factor of 2 takes OpenCV's fast area-averaging path: about 0.1 ms for a
    1920x1080 picture, and averaging (unlike dropping pixels) also averages away noise.
    """
    height, width = gray.shape[:2]
    even = gray[: height - height % 2, : width - width % 2]
    return cv2.resize(even, (width // 2, height // 2), interpolation=cv2.INTER_AREA)


@dataclass
class GrayPyramid:
    """The gray picture of one BGR frame and its halvings, each made once, when first asked for.

    Level 0 is the full-resolution gray picture, level 1 half its size, level 2 a
    quarter, and so on; each level is made from the one above. The change check
    (``motion``) and the decoder (``decoding``) take their pictures from here, so no
    conversion runs twice for a frame.
    """

    image: np.ndarray | None  # BGR (None when the pyramid was built from a gray picture)
    _levels: list[np.ndarray] = field(default_factory=list)

    @classmethod
    def from_gray(cls, gray: np.ndarray) -> GrayPyramid:
        """A pyramid whose level 0 is ``gray`` (already converted)."""
        return cls(None, [gray])

    @property
    def gray(self) -> np.ndarray:
        """The full-resolution gray picture (level 0)."""
        return self.level(0)

    def level(self, n: int) -> np.ndarray:
        """The gray picture halved ``n`` times."""
        if not self._levels:
            assert self.image is not None
            self._levels.append(cv2.cvtColor(self.image, cv2.COLOR_BGR2GRAY))
        while len(self._levels) <= n:
            self._levels.append(halve(self._levels[-1]))
        return self._levels[n]
