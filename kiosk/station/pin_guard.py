"""The staff PIN's guard against guessing: after 5 wrong PINs in a row, a minute's lockout (pure, no Qt).

One guard per station, shared by every PIN prompt, so closing a prompt and opening another does
not reset the count. The lockout is logged (how many tries, until when), never the PIN itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_WRONG = 5
LOCKOUT_SECONDS = 60.0


class PinGuard:
    """Checks PINs with ``check``; ``MAX_WRONG`` wrong ones in a row lock PIN entry for ``lockout`` seconds."""

    def __init__(self, check: Callable[[str], bool], max_wrong: int = MAX_WRONG,
                 lockout: float = LOCKOUT_SECONDS, clock: Callable[[], float] = time.time) -> None:
        self._check = check
        self.max_wrong = max_wrong
        self.lockout = lockout
        self.clock = clock
        self.wrong = 0  # wrong PINs in a row
        self._locked_until = 0.0

    def locked_until(self) -> float | None:
        """When PIN entry opens again (a time.time() value), or None if it is open now."""
        return self._locked_until if self.clock() < self._locked_until else None

    def try_pin(self, pin: str) -> bool:
        """Whether ``pin`` is right; while locked every PIN is refused unchecked."""
        if self.locked_until() is not None:
            return False
        if self._check(pin):
            self.wrong = 0
            return True
        self.wrong += 1
        if self.wrong >= self.max_wrong:
            self._locked_until = self.clock() + self.lockout
            log.warning("%d wrong staff PINs in a row: PIN entry locked until %s", self.wrong,
                        time.strftime("%H:%M:%S", time.localtime(self._locked_until)))
            self.wrong = 0
        return False
