"""Host mode's pretix sync on the GUI side: the pretix worker, the host panel's pretix section, the refreshes.

Started once the host server serves (its database exists), stopped (bounded) when the
station stops. The section's status is read on the worker after each sync cycle and every
``REFRESH_MS`` while it is on screen, and at once when the panel opens.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.scanning.codes import PretixDeviceCode
from kiosk.settings import Settings
from kiosk.ui.pretix_view import PretixSection
from kiosk.ui.pretix_worker import PretixThread, PretixWorker

log = logging.getLogger(__name__)

REFRESH_MS = 15_000
STOP_WAIT_MS = 12_000  # the worker waits up to 3 s for a sync cycle; a connect gives up at its next step


class PretixWiring(QObject):
    """Owns the pretix worker of a hosting station and fills its section of the host panel."""

    connected = Signal(str, str)  # organizer, event: just connected to pretix (the host serves it now)

    def __init__(self, section: PretixSection, settings: Settings, data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.thread: PretixThread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_if_shown)

    @property
    def active(self) -> bool:
        """The sync loop runs (the host server is up)."""
        return self.thread is not None

    def start(self) -> None:
        """Start the worker and the sync loop (once; the host server serves, its database exists)."""
        if self.thread is not None:
            return
        worker = PretixWorker(self.data_dir, float(self.settings.sync_interval))
        self.thread = PretixThread(worker)
        worker.connect_progressed.connect(self.section.show_progress)
        worker.connect_finished.connect(self.section.show_answer)
        worker.connect_finished.connect(self._connect_finished)
        worker.statuses_read.connect(self.section.show_connections)
        worker.changed.connect(self.refresh_if_shown)
        self.section.connect_requested.connect(self.thread.connect_requested)
        self.section.sync_now_requested.connect(self.thread.sync_now_requested)
        self.thread.start_requested.emit()
        self._timer.start()
        self.refresh()

    def begin_stop(self) -> None:
        """The station is closing: the pretix worker starts stopping now, beside the station's other threads."""
        self._timer.stop()
        if self.thread is not None:
            self.thread.finish_soon()

    def stop(self) -> bool:
        """Stop the sync loop and the worker (waited for, bounded); False if the worker was left running."""
        self._timer.stop()
        if self.thread is not None and not self.thread.stop(STOP_WAIT_MS):
            log.warning("the pretix worker did not end within %.0f s: leaving it", STOP_WAIT_MS / 1000)
            return False
        return True

    def refresh(self) -> None:
        """Read the status now."""
        if self.thread is not None:
            self.thread.statuses_requested.emit()

    def refresh_if_shown(self) -> None:
        """A cycle ended, or time passed: read the status if staff can see it."""
        if self.section.isVisible():
            self.refresh()

    def _connect_finished(self, answer) -> None:  # noqa: ANN001 - a ConnectAnswer
        if answer.ok:
            self.connected.emit(answer.result.organizer, answer.result.event)

    def offer_code(self, code: PretixDeviceCode) -> None:
        """A pretix device code was scanned at this host (staff gave the PIN if one was asked): offer it."""
        self.section.offer_code(code)

    def set_interval(self, seconds: float) -> None:
        """Staff changed the sync interval in the settings."""
        if self.thread is not None:
            self.thread.interval_changed.emit(float(seconds))
