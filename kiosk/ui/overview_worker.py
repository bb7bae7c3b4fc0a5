"""The host panel's overview, read off the GUI thread: a worker on its own thread, asked every few seconds.

The GUI asks only while the overview is on screen and never queues a second request while one
is running (a slow read skips a beat rather than piling up), and gets the figures back as a signal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal, Slot
from sqlalchemy.exc import SQLAlchemyError

from kiosk.hosting.service import HostError, HostService
from kiosk.i18n import shown, translate
from kiosk.ui.threads import Worker, WorkerThread

log = logging.getLogger(__name__)

REFRESH_MS = 5000


class OverviewWorker(Worker):
    """Reads the served event's overview and makes overview links, on its own thread."""

    figures_read = Signal(object)  # the figures dict, or None without an event
    link_made = Signal(str)  # the overview page's address with a new key
    failed = Signal(str)

    def __init__(self, service: HostService) -> None:
        super().__init__()
        self.service = service

    @Slot()
    def read(self) -> None:
        """Read the figures now."""
        from kiosk.hosting.overview import host_overview  # server code: only in host mode

        try:
            self.figures_read.emit(host_overview(self.service))
        except (HostError, SQLAlchemyError) as exc:
            log.warning("overview not read: %s", exc)
            self.failed.emit(translate("Overview", "The overview could not be read: {problem}").format(
                problem=shown(str(exc))))
            self.figures_read.emit(None)

    @Slot()
    def make_link(self) -> None:
        """Create an overview key and report the page's address."""
        from kiosk.hosting.overview import create_overview_link

        try:
            self.link_made.emit(create_overview_link(self.service))
        except (HostError, SQLAlchemyError) as exc:
            self.failed.emit(shown(str(exc)))


class OverviewThread(WorkerThread):
    """GUI-side handle: ``active`` (the overview on screen) starts and stops the periodic reads."""

    read_requested = Signal()
    link_requested = Signal()

    def __init__(self, worker: OverviewWorker) -> None:
        super().__init__(worker, "overview")
        self.read_requested.connect(worker.read)
        self.link_requested.connect(worker.make_link)
        worker.figures_read.connect(self._read_done)
        self._waiting = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.start()

    def set_active(self, active: bool) -> None:
        """Read now and every few seconds while ``active``; not at all otherwise."""
        if active:
            self.refresh()
            self.timer.start()
        else:
            self.timer.stop()

    def refresh(self) -> None:
        """Ask for the figures, unless a read is still running."""
        if not self._waiting:
            self._waiting = True
            self.read_requested.emit()

    def _read_done(self, _figures: object) -> None:
        self._waiting = False

    def stop(self, timeout_ms: int = 15000) -> bool:
        """Stop the reads, then the thread."""
        self.timer.stop()
        return super().stop(timeout_ms)
