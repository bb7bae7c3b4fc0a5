"""CaptureWorker: the one thread that owns the camera and keeps only its latest picture.

Consumers pull the newest picture when they are ready: the preview takes
``latest()`` on its timer, the decode thread sleeps in ``wait_for_frame()`` until a
newer picture is published. Nothing queues up, so a slow consumer only ever skips
pictures. A lost camera is reopened with exponential back-off; a video file that
played out leaves the worker idle in state "no_signal" until it is stopped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from kiosk.scanning.frames import CameraError, Frame, FrameSource
from kiosk.scanning.sources import open_source

log = logging.getLogger(__name__)

STARTING, RUNNING, NO_SIGNAL, UNAVAILABLE = "starting", "running", "no_signal", "unavailable"
HANDOVER_TIMEOUT_S = 3.0  # longest a new capture waits for the previous ones to close their cameras
StateCallback = Callable[[str, "str | None"], None]


class LatestFrame:
    """The newest picture and its number (1, 2, ...); readers take it, or wait until a newer one is published.

    Only the newest picture is kept: a reader that was busy gets the latest, never a backlog.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._frame: Frame | None = None
        self._number = 0

    @property
    def number(self) -> int:
        """How many pictures were published (the newest one's number; 0 before the first)."""
        with self._changed:
            return self._number

    def publish(self, frame: Frame) -> None:
        """Make ``frame`` the newest picture and wake every waiting reader."""
        with self._changed:
            self._frame = frame
            self._number += 1
            self._changed.notify_all()

    def latest(self) -> Frame | None:
        """Return the newest picture, or None before the first."""
        with self._changed:
            return self._frame

    def wait_for_frame(self, after: int, timeout: float,
                       interrupted: Callable[[], bool] | None = None) -> tuple[int, Frame | None]:
        """Wait up to ``timeout`` s for a picture newer than number ``after``; return (the newest number, picture).

        Returns early, the number maybe still ``after``, once ``interrupted()`` is true:
        it is checked at once and whenever ``wake_waiters()`` is called, so a reader
        that sets its stop flag and then wakes the waiters never misses the wake-up.
        """
        with self._changed:
            self._changed.wait_for(lambda: self._number > after or (interrupted is not None and interrupted()),
                                   timeout)
            return self._number, self._frame

    def wake_waiters(self) -> None:
        """Make waiting readers check their ``interrupted()`` now (call it after making that true)."""
        with self._changed:
            self._changed.notify_all()


class CaptureWorker(threading.Thread):
    """Own a frame source on a thread: open it, read it, keep the latest ``Frame``, reopen when lost.

    ``source`` is a ``--camera`` value (see ``open_source``) or a ready ``FrameSource``
    (not yet opened; the worker opens it on its thread). ``on_state_changed(state,
    message)`` is called from the worker thread whenever ``state`` changes.
    ``stop()`` then ``join()`` returns promptly; only a stalled network stream can
    hold it up, for at most the stream's read timeout (2 s). The thread is a daemon
    so even that never blocks the process from exiting.

    ``previous`` are captures that were stopped for this one (a camera switch) and
    may still be closing their camera: this worker opens its source only once they
    have ended (or after ``HANDOVER_TIMEOUT_S``), so a device is never opened twice,
    and whoever switches cameras does not have to wait for that.
    """

    def __init__(self, source: str | int | FrameSource, loop: bool = False,
                 on_state_changed: StateCallback | None = None,
                 backoff: tuple[float, float] = (0.5, 10.0), previous: Sequence[CaptureWorker] = ()) -> None:
        """Prepare (not start) the worker; call ``start()`` to begin capturing."""
        super().__init__(name="capture", daemon=True)
        self._spec = source
        self._previous = tuple(previous)
        self._loop = loop
        self._on_state_changed = on_state_changed
        self._backoff_min, self._backoff_max = backoff
        self._stopping = threading.Event()
        self._frames = LatestFrame()
        self._state = STARTING
        self._error: str | None = None
        self._description = source.describe() if isinstance(source, FrameSource) else str(source)

    @property
    def state(self) -> str:
        """One of "starting", "running", "no_signal" (file ended), "unavailable" (see ``error``)."""
        return self._state

    @property
    def error(self) -> str | None:
        """The operator message explaining the current state, or None while all is well."""
        return self._error

    @property
    def frames_captured(self) -> int:
        """How many pictures the worker has received since it started."""
        return self._frames.number

    def describe(self) -> str:
        """Return the source description, e.g. "camera 0"."""
        return self._description

    def latest(self) -> Frame | None:
        """Return the most recent picture (also after the source ended or was lost), or None yet."""
        return self._frames.latest()

    def wait_for_frame(self, after: int, timeout: float,
                       interrupted: Callable[[], bool] | None = None) -> tuple[int, Frame | None]:
        """Wait up to ``timeout`` s for a picture newer than number ``after`` (see ``LatestFrame``)."""
        return self._frames.wait_for_frame(after, timeout, interrupted)

    def wake_waiters(self) -> None:
        """Make readers waiting in ``wait_for_frame`` check their ``interrupted()`` now."""
        self._frames.wake_waiters()

    def stop(self) -> None:
        """Ask the thread to finish; follow with ``join()``."""
        self._stopping.set()

    def run(self) -> None:
        """Capture until stopped (thread body)."""
        if not self._wait_for_previous():
            return
        try:
            source = self._spec if isinstance(self._spec, FrameSource) else open_source(self._spec, self._loop)
        except CameraError as error:
            self._set_state(UNAVAILABLE, error.message)
            return
        self._description = source.describe()
        delay = self._backoff_min
        while not self._stopping.is_set():
            if self._capture_until_lost(source):
                delay = self._backoff_min  # it worked for a while: retry quickly next time
            if self._stopping.wait(delay):
                break
            delay = min(delay * 2, self._backoff_max)
        log.info("Capture from %s stopped after %d frames", self._description, self._frames.number)

    def _wait_for_previous(self) -> bool:
        """Wait until the previous captures have closed their cameras; False if stopped meanwhile."""
        deadline = time.monotonic() + HANDOVER_TIMEOUT_S
        for previous in self._previous:
            while previous.is_alive() and time.monotonic() < deadline:
                if self._stopping.is_set():
                    return False
                previous.join(min(0.05, max(0.0, deadline - time.monotonic())))
            if previous.is_alive():
                log.warning("The %s is still closing; opening the %s anyway", previous.describe(), self._description)
                break
        self._previous = ()  # nothing to hold on to any more
        return not self._stopping.is_set()

    def _capture_until_lost(self, source: FrameSource) -> bool:
        """Open and read ``source`` until stopped or lost; return True if it delivered any picture."""
        delivered = False
        try:
            source.open()
            log.info("Opened %s", self._description)
            while not self._stopping.is_set():
                frame = source.read()
                if frame is not None:
                    self._publish(frame)
                    delivered = True
                elif source.ended:
                    self._set_state(NO_SIGNAL, f"The {self._description} has ended.")
                    self._stopping.wait(0.1)
                else:
                    self._stopping.wait(source.idle_wait())
        except CameraError as error:
            log.warning("%s: %s", self._description, error.message)
            self._set_state(UNAVAILABLE, error.message)
        finally:
            source.close()
        return delivered

    def _publish(self, frame: Frame) -> None:
        self._frames.publish(frame)
        if self._state != RUNNING:
            self._set_state(RUNNING, None)

    def _set_state(self, state: str, message: str | None) -> None:
        if state == self._state and message == self._error:
            return
        self._state, self._error = state, message
        if self._on_state_changed is not None:
            try:
                self._on_state_changed(state, message)
            except Exception:
                log.exception("on_state_changed callback failed")
