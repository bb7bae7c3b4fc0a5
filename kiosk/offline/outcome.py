"""What the Gate answers: Outcome (one scan), Answer (search/status), GateState (the banner)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.client import TicketData
from kiosk.client.errors import HostProblem, HostTimeout, HostUnreachable
from kiosk.offline.rules import BUSINESS_REASONS

# Outcome.reason values when no decision could be taken (status "error", ticket not admitted).
_PROBLEM_REASONS = {
    "KeyRejected": "key_rejected",
    "EventNotFound": "event_not_found",
    "HostBusy": "host_busy",
}


def problem_reason(exc: HostProblem) -> str:
    """The Outcome reason for a host problem: key_rejected, event_not_found, host_busy, ..."""
    if isinstance(exc, HostUnreachable | HostTimeout):
        return "host_unreachable"
    return _PROBLEM_REASONS.get(type(exc).__name__, "host_error")


@dataclass(frozen=True)
class Outcome:
    """The answer to one scan. ``status`` "ok" admits; ``mode`` says who decided ("online"/"offline")."""

    status: str
    reason: str | None
    data: TicketData | None
    mode: str
    nonce: str
    t_sent: float
    t_answered: float
    message: str
    secret: str = ""

    @property
    def decided(self) -> bool:
        """False when the host could not be asked and nothing was decided (show ``message``)."""
        return self.reason is None or self.reason in BUSINESS_REASONS


@dataclass(frozen=True)
class Answer:
    """A search or status answer: ``value`` (results list or status dict), who answered, a note."""

    value: Any
    mode: str
    message: str | None = None


@dataclass(frozen=True)
class GateState:
    """Snapshot for the UI banner."""

    mode: str
    is_offline: bool
    copy_age: float | None
    queued_count: int
    rejected_count: int
    last_error: str | None
    unreachable_for: float | None = None  # host not reached this many seconds (set after outage_hint_after)
