"""Tell a keyboard-wedge barcode scanner from a person typing (pure: imports no Qt).

A USB barcode scanner "types" the code much faster than anyone can, then
presses Enter. A burst of at least ``min_chars`` characters, each following the
previous one within ``max_gap`` seconds, ended by a fast Enter, is a scan;
anything slower is typing and is left alone.
"""

from __future__ import annotations


class KeyBurstDetector:
    """Collects keystrokes and reports a completed fast burst as a scanned code."""

    def __init__(self, min_chars: int = 4, max_gap: float = 0.05) -> None:
        self.min_chars = min_chars
        self.max_gap = max_gap
        self._chars: list[str] = []
        self._last: float | None = None

    def typed(self, text: str, now: float) -> None:
        """A printable character was typed at ``now`` (seconds)."""
        if self._last is None or now - self._last > self.max_gap:
            self._chars = []
        self._chars.append(text)
        self._last = now

    def other_key(self) -> None:
        """A key that is neither a character nor Enter (arrows, Backspace...): no burst."""
        self._chars = []
        self._last = None

    def enter(self, now: float) -> str | None:
        """Enter was pressed: the scanned code if it ends a fast burst, else None."""
        fast = self._last is not None and now - self._last <= self.max_gap
        code = "".join(self._chars) if fast and len(self._chars) >= self.min_chars else None
        self._chars = []
        self._last = None
        return code

    @property
    def pending(self) -> str:
        """The characters of the burst so far (possibly a person typing)."""
        return "".join(self._chars)
