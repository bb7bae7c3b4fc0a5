"""Fetcher: the offline copy's HTTP requests on a thread and a connection of their own.

A refresh asks the host for its download (and now and then its status). Building and sending
that may take the host a while (100,000 tickets: most of a second for a whole list), and a
scan's redeem must never queue behind it: not on the network worker (which runs the scans),
not on its HTTP connection. So the refresh hands its requests to a Fetcher, which runs them
one at a time on its own daemon thread with its own client (``PretixdroidClient.clone()``:
its own ``requests.Session``), and polls the returned ``Job`` between scans.

Pure: no Qt. The Fetcher's client is used only by its thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from kiosk.client import PretixdroidClient

log = logging.getLogger(__name__)

T = TypeVar("T")


class Job(Generic[T]):
    """One request handed to the Fetcher; ``done()`` without waiting, ``result()`` waits and returns or raises."""

    def __init__(self, call: Callable[[PretixdroidClient], T]) -> None:
        self.call = call
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def done(self) -> bool:
        """Whether the answer (or the error) is there."""
        return self._done.is_set()

    def result(self, timeout: float | None = None) -> T:
        """The call's return value (waiting up to ``timeout``); re-raises the call's exception."""
        if not self._done.wait(timeout):
            raise TimeoutError  # internal: callers wait without a timeout, or look at done() first
        if self._error is not None:
            raise self._error
        return self._value

    def _run(self, client: PretixdroidClient) -> None:
        try:
            self._value = self.call(client)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the job
            self._error = exc
        self._done.set()


class Fetcher:
    """Runs ``submit``ted calls on ``client`` in a daemon thread, in order; ``close()`` ends it."""

    def __init__(self, client: PretixdroidClient, name: str = "copy-refresh") -> None:
        self._client = client
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, call: Callable[[PretixdroidClient], T]) -> Job[T]:
        """Queue ``call(client)``; returns its Job at once."""
        job: Job[T] = Job(call)
        self._jobs.put(job)
        return job

    def close(self, timeout: float = 0.5) -> None:
        """Stop after the request in progress; wait at most ``timeout`` for it (a daemon thread left behind
        ends with the process: a download is never worth holding up a shutdown)."""
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while (job := self._jobs.get()) is not None:
                job._run(self._client)
        finally:
            self._client.close()
