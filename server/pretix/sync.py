"""The sync cycle (push the outbox, then pull what changed) and the runner thread of ``serve``/host mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class CycleResult:
    """One cycle of one event: ``reached`` pretix (both passes ran), what moved, and the error if any."""

    organizer: str
    event: str
    reached: bool
    uploaded: int = 0
    rejected: int = 0
    pulled_orders: int = 0
    requests: int = 0
    error: str | None = None
    skipped: bool = False  # another process holds the event's sync lease


def run_cycle(engine, data_dir, organizer: str, event: str) -> CycleResult:
    """One cycle for one connected event, blocking: push every waiting check-in, then pull."""
    raise NotImplementedError


class SyncRunner:
    """A daemon thread syncing every connected event: uploads within about a second, a pull every ``interval``."""

    def __init__(self, engine, data_dir, interval: float = 10.0, on_change: Callable[[], None] | None = None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.interval = interval
        self.on_change = on_change

    def start(self) -> None:
        raise NotImplementedError

    def stop(self, timeout: float = 10.0) -> None:
        raise NotImplementedError

    def sync_now(self, organizer: str | None = None, event: str | None = None) -> None:
        """Ask for a full cycle soon (all events, or one); returns at once."""
        raise NotImplementedError
