"""The host's pretix work off the GUI thread: connect (with progress), read the status, run the sync loop.

A ``PretixWorker`` on its own QThread owns the ``PretixHost``: connecting pulls a whole event
from pretix (seconds to minutes) and reading the status is database work, so neither runs
on the GUI thread nor waits behind the host worker's imports. The sync loop has its own
thread inside ``SyncRunner``; after each cycle it says so (``changed``, queued to the GUI).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from kiosk.hosting.pretix import ConnectAnswer, ConnectRequest, PretixHost
from kiosk.i18n import shown, translate
from kiosk.station.pretix_lines import connection_lines
from kiosk.ui.threads import Worker, WorkerThread

log = logging.getLogger(__name__)


class PretixWorker(Worker):
    """Every PretixHost call runs here; answers leave as signals."""

    connect_progressed = Signal(str)  # a progress line of a connect under way
    connect_finished = Signal(object)  # ConnectAnswer
    statuses_read = Signal(list, str)  # [ConnectionLines], "" or why the status could not be read
    changed = Signal()  # a sync cycle ended (emitted on the runner's thread; queued to the GUI)

    def __init__(self, data_dir: Path, interval: float) -> None:
        super().__init__()
        self.host = PretixHost(data_dir, interval, on_change=self.changed.emit)

    @Slot()
    def start(self) -> None:
        """Start the sync loop for the connected events."""
        try:
            self.host.start()
        except Exception as exc:  # e.g. a database that cannot be opened: said, the host keeps serving
            log.exception("pretix sync could not start")
            self.statuses_read.emit([], translate("Pretix", "pretix sync could not start: {problem}").format(
                problem=shown(str(exc))))

    @Slot(object)
    def connect_to(self, request: ConnectRequest) -> None:
        """Connect (blocking here), reporting progress lines, then the answer."""
        answer = self.host.connect(request, progress=self.connect_progressed.emit)
        self.connect_finished.emit(answer)
        if answer.ok:
            self.read_statuses()

    @Slot()
    def read_statuses(self) -> None:
        """Read every connection's status and hand it over as words."""
        try:
            lines = [connection_lines(status) for status in self.host.statuses()]
        except Exception:
            log.exception("the pretix sync status cannot be read")
            self.statuses_read.emit([], translate("Pretix", "The pretix sync status cannot be read; the station's log "
                                                           "has details."))
            return
        self.statuses_read.emit(lines, "")

    @Slot(str, str)
    def sync_now(self, organizer: str, event: str) -> None:
        """A cycle at once for one event ("" "" = all)."""
        try:
            self.host.sync_now(organizer or None, event or None)
        except Exception:
            log.exception("pretix sync could not be started now")

    @Slot(float)
    def set_interval(self, seconds: float) -> None:
        """Sync every ``seconds`` from now on."""
        try:
            self.host.set_interval(seconds)
        except Exception:
            log.exception("pretix sync interval could not be changed")

    def release(self) -> None:
        """Stop the sync loop (bounded) and close the database."""
        self.host.stop()


class PretixThread(WorkerThread):
    """GUI-side handle of the pretix worker."""

    start_requested = Signal()
    connect_requested = Signal(object)
    statuses_requested = Signal()
    sync_now_requested = Signal(str, str)
    interval_changed = Signal(float)

    def __init__(self, worker: PretixWorker) -> None:
        super().__init__(worker, "pretix")
        for signal, slot in ((self.start_requested, worker.start), (self.connect_requested, worker.connect_to),
                             (self.statuses_requested, worker.read_statuses),
                             (self.sync_now_requested, worker.sync_now),
                             (self.interval_changed, worker.set_interval)):
            signal.connect(slot)
        self.start()

    def finish_soon(self) -> None:
        """Start stopping without waiting: a connect under way gives up at its next step, then the worker stops
        the sync loop (bounded) and ends, while the station stops its other threads."""
        self.worker.host.cancelled.set()
        if self._thread.isRunning():
            self._finish_requested.emit()

    def stop(self, timeout_ms: int = 15000) -> bool:
        """Stop (``finish_soon``) and wait for the worker to end, at most ``timeout_ms``."""
        self.worker.host.cancelled.set()
        return super().stop(timeout_ms)


__all__ = ["ConnectAnswer", "PretixThread", "PretixWorker"]
