"""Decide which camera pictures are worth decoding: those that changed, and those a code is in.

A station looks at an empty, still entrance most of the day; decoding each of its
30 pictures a second finds nothing thirty times. ``ChangeGate`` compares a small
gray copy of each picture (``thumbnail_level``: about 160-240 pixels wide, every
pixel the mean of 64 or so camera pixels, which averages sensor noise away) with
the copy of the last picture that was decoded, and says whether to decode this one:

* ``first``: nothing decoded yet (or the picture size changed);
* ``code``: a code is in view (found in the last decoded picture, or the presence
  debounce still counts one as there), so it keeps being seen and its leaving is seen;
* ``changed``: more than ``min_changed`` of the small picture's pixels differ by more
  than ``threshold`` gray levels, after the change of the whole picture's brightness
  and contrast is taken out (light that brightens or dims is not a change; what is
  left of it, e.g. where the picture saturates, makes a decode now and then, whose
  picture becomes the new reference);
* ``settling``: for ``settle_seconds`` after a change: a ticket that stops moving is
  decoded once it is sharp, even if it barely differs from the blurred picture before;
* ``refresh``: ``refresh_seconds`` since the last decode, a safety net for a code that
  somehow changed nothing in the small picture.

Otherwise the picture is skipped. Pure logic on numpy arrays with explicit times:
no clock, no threads, no Qt.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Reason = Literal["first", "code", "changed", "settling", "refresh"]

THUMBNAIL_MIN_WIDTH = 160  # 1920 -> 240, 1280 -> 160, 640 -> 160 pixels wide


def thumbnail_level(width: int, min_width: int = THUMBNAIL_MIN_WIDTH) -> int:
    """How many halvings take a picture ``width`` wide down to the change check's size (at least ``min_width``)."""
    n = 0
    while width // 2 >= min_width:
        n, width = n + 1, width // 2
    return n


def changed_share(picture: np.ndarray, reference: np.ndarray, threshold: float) -> float:
    """Share of pixels of ``picture`` more than ``threshold`` gray levels off ``reference``, light changes taken out.

    The whole picture getting lighter, darker or more contrasted (the sun, the room
    lights, the camera's automatic exposure) is fitted first: ``reference`` is mapped
    by the straight line ``gain * level + offset`` that best matches ``picture``, so
    only what changed in one part of the picture counts.
    """
    now = picture.astype(np.float32)
    before = reference.astype(np.float32)
    mean_now, mean_before = float(now.mean()), float(before.mean())
    spread = float(before.var())
    gain = float(((now - mean_now) * (before - mean_before)).mean()) / spread if spread >= 1.0 else 1.0
    residual = now - mean_now - gain * (before - mean_before)
    return float(np.count_nonzero(np.abs(residual) > threshold)) / residual.size


class ChangeGate:
    """Says, picture by picture, whether it is worth decoding (see the module docstring for the reasons)."""

    def __init__(self, threshold: float = 12.0, min_changed: float = 0.001, settle_seconds: float = 0.5,
                 refresh_seconds: float = 1.0) -> None:
        """Configure what counts as a change (gray levels, share of pixels) and how long to keep decoding after one."""
        if threshold <= 0 or not 0 <= min_changed < 1 or settle_seconds < 0 or refresh_seconds <= 0:
            raise ValueError("threshold > 0, 0 <= min_changed < 1, settle_seconds >= 0, refresh_seconds > 0")
        self.threshold = threshold
        self.min_changed = min_changed
        self.settle_seconds = settle_seconds
        self.refresh_seconds = refresh_seconds
        self._reference: np.ndarray | None = None  # small picture of the last decoded frame
        self._last_decoded = 0.0
        self._last_change = float("-inf")

    def check(self, thumbnail: np.ndarray, now: float, code_in_view: bool = False) -> Reason | None:
        """Return why the picture taken at ``now`` should be decoded, or None to skip it.

        A picture with a reason is taken to be decoded: it becomes the reference the
        next pictures are compared with.
        """
        reason = self._reason(thumbnail, now, code_in_view)
        if reason is not None:
            self._reference, self._last_decoded = thumbnail, now
        return reason

    def _reason(self, thumbnail: np.ndarray, now: float, code_in_view: bool) -> Reason | None:
        reference = self._reference
        if reference is None or reference.shape != thumbnail.shape:
            return "first"
        if changed_share(thumbnail, reference, self.threshold) > self.min_changed:
            self._last_change = now
            return "changed"
        if code_in_view:
            return "code"
        if now - self._last_change < self.settle_seconds:
            return "settling"
        if now - self._last_decoded >= self.refresh_seconds:
            return "refresh"
        return None

    def reset(self) -> None:
        """Forget the reference (another camera): the next picture is decoded."""
        self._reference = None
        self._last_change = float("-inf")
