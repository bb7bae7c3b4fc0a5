"""Debounce by presence: act on a code once when it comes into view.

A ticket held in front of the camera is decoded in every frame. The station must
redeem it once, not thirty times a second, yet redeem it again when the attendee
takes it away and shows it again. ``ScanDebouncer`` turns the stream of "codes in
this frame" into "codes to act on now".

Pure logic with explicit timestamps: no clock, no threads, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class _Seen:
    last_seen: float
    last_released: float
    absent_frames: int = 0


class ScanDebouncer:
    """Release a code when it appears; again only after it left the view, or every ``repeat_after`` s.

    A code counts as having left when it was missing from at least ``leave_frames``
    consecutive observed frames *and* for at least ``leave_seconds``. Requiring both
    keeps a decode that flickers for a few frames (motion blur, glare) from causing
    a second redeem at 30 fps, and keeps a slow decoder (a few frames per second)
    from needing seconds of absence.
    """

    def __init__(self, repeat_after: float = 10.0, leave_frames: int = 3, leave_seconds: float = 0.5) -> None:
        """Configure the repeat interval for a code that never leaves, and what counts as leaving."""
        if repeat_after <= 0 or leave_frames < 1 or leave_seconds < 0:
            raise ValueError("repeat_after must be > 0, leave_frames >= 1, leave_seconds >= 0")
        self.repeat_after = repeat_after
        self.leave_frames = leave_frames
        self.leave_seconds = leave_seconds
        self._seen: dict[str, _Seen] = {}

    def observe(self, codes: Iterable[str], now: float) -> list[str]:
        """Record the codes decoded in one frame taken at ``now``; return those to act on, in order."""
        present = list(dict.fromkeys(codes))
        present_set = set(present)
        for code in [c for c in self._seen if c not in present_set]:
            entry = self._seen[code]
            entry.absent_frames += 1
            if entry.absent_frames >= self.leave_frames and now - entry.last_seen >= self.leave_seconds:
                del self._seen[code]
        released = []
        for code in present:
            entry = self._seen.get(code)
            if entry is None:
                self._seen[code] = _Seen(last_seen=now, last_released=now)
                released.append(code)
                continue
            entry.last_seen = now
            entry.absent_frames = 0
            if now - entry.last_released >= self.repeat_after:
                entry.last_released = now
                released.append(code)
        return released

    def in_view(self) -> set[str]:
        """Return the codes currently considered in view (seen and not yet left)."""
        return set(self._seen)

    def forget(self, code: str) -> None:
        """Forget ``code``, so it is released again the next time it is observed."""
        self._seen.pop(code, None)

    def reset(self) -> None:
        """Forget every code (e.g. after switching camera or event)."""
        self._seen.clear()
