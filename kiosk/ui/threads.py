"""The station's Qt worker threads, one idiom for all: a worker QObject on its own QThread.

As in Qt's Mandelbrot example: the GUI never calls a worker directly. It emits
request signals that Qt queues into the worker's thread, and the worker answers
with signals that Qt queues back. Stopping is cooperative: the worker releases
what it owns on its own thread, ends its thread's event loop, and the GUI waits
for that a bounded time. A thread is never terminated.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot


class Worker(QObject):
    """A QObject that runs on a ``WorkerThread``; subclasses override ``release()``."""

    def release(self) -> None:
        """Free what this worker owns (runs on the worker's thread, as its last task)."""

    @Slot()
    def finish(self) -> None:
        """Release what the worker owns, then end its thread's event loop (queued here by ``WorkerThread.stop``)."""
        try:
            self.release()
        finally:
            QThread.currentThread().quit()


class WorkerThread(QObject):
    """GUI-side handle of one worker: owns its QThread, starts it, stops it and waits a bounded time.

    Subclasses declare their request signals, connect them to the worker's slots
    (queued, since the worker lives on the other thread), then call ``start()``.
    """

    _finish_requested = Signal()

    def __init__(self, worker: Worker, name: str) -> None:
        super().__init__()
        self.worker = worker
        self._thread = QThread()
        self._thread.setObjectName(name)
        worker.moveToThread(self._thread)
        self._finish_requested.connect(worker.finish)

    def start(self) -> None:
        """Start the worker's thread (its event loop then runs the queued requests)."""
        self._thread.start()

    def stop(self, timeout_ms: int = 15000) -> bool:
        """Ask the worker to release what it owns and finish; wait for it. True if it ended in time."""
        if not self._thread.isRunning():
            return True
        self._finish_requested.emit()
        return self._thread.wait(timeout_ms)
