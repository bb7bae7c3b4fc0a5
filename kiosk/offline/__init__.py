"""Offline resilience: local copy, on-disk queue, the online/offline Gate and the upload pass (no Qt)."""

from kiosk.offline.gate import Gate
from kiosk.offline.outcome import Answer, GateState, Outcome
from kiosk.offline.queue import QueuedCheckin, RejectedCheckin
from kiosk.offline.settings import MODES, GateSettings

__all__ = [
    "MODES",
    "Answer",
    "Gate",
    "GateSettings",
    "GateState",
    "Outcome",
    "QueuedCheckin",
    "RejectedCheckin",
]
