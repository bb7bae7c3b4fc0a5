"""The capture thread under test: a recorder of its state changes, a prompt stop, the workers fixture."""

from __future__ import annotations

import threading
import time

import pytest


class States:
    """Records ``on_state_changed`` calls (made on the capture thread) and waits for one."""

    def __init__(self):
        self.seen: list[tuple[str, str | None]] = []
        self._changed = threading.Condition()

    def __call__(self, state, message):
        with self._changed:
            self.seen.append((state, message))
            self._changed.notify_all()

    def wait_for(self, state, timeout=5.0, after=0):
        """Wait until ``state`` is reported (at or after call number ``after``); return its message."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for name, message in self.seen[after:]:
                    if name == state:
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no {state!r} within {timeout} s; states: {self.seen}")
                self._changed.wait(remaining)


def wait_for_frames(worker, count, timeout=5.0):
    """Wait (on the worker's new-picture signal) until it has captured ``count`` pictures in all."""
    deadline = time.monotonic() + timeout
    number = worker.frames_captured
    while number < count and time.monotonic() < deadline:
        number, _ = worker.wait_for_frame(number, deadline - time.monotonic())
    assert number >= count, f"{number} of {count} pictures within {timeout} s"


def stop_and_join(worker):
    started = time.monotonic()
    worker.stop()
    worker.join(timeout=5)
    assert not worker.is_alive()
    return time.monotonic() - started


@pytest.fixture
def workers():
    started = []
    yield started
    for worker in started:
        worker.stop()
        worker.join(timeout=5)
