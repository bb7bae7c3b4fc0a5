"""The network worker: a QObject living in its own QThread that owns the Gate (and so the HTTP session).

The GUI never waits on the network: it emits requests (queued into this thread)
and gets answers back as signals. Between requests the worker lets the Gate
do its housekeeping (probe a lost host, upload offline check-ins, refresh the
offline copy) on a single-shot timer, as the Gate asks, one short step at a time
and never while a scan waits in the queue: that scan is answered first. The
refresh's own requests (download, status) go out on the Gate's Fetcher thread and
connection, so the one long wait of a refresh never holds this thread.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot

from kiosk.client import PretixdroidClient
from kiosk.client.errors import CertificateUntrusted, HostProblem, operator_message
from kiosk.client.pinning import presented_fingerprint
from kiosk.i18n import translate
from kiosk.offline import Answer, Gate, GateSettings, Outcome
from kiosk.scanning.codes import StationSetup
from kiosk.station.screens import Scan
from kiosk.ui.threads import Worker, WorkerThread

log = logging.getLogger(__name__)

TEST_TIMEOUT = (3.0, 5.0)
MAX_TICK_S = 2.0
MIN_TICK_S = 0.05


class NetworkWorker(Worker):
    """Owns the Gate; every slot runs on the worker thread, every answer leaves as a signal."""

    redeem_finished = Signal(object, object)  # Scan, Outcome
    search_finished = Signal(str, object)  # query, Answer
    status_finished = Signal(object)  # Answer
    state_changed = Signal(object, object)  # GateState, list[RejectedCheckin]
    connection_tested = Signal(object, bool, str)  # StationSetup, ok, message
    fingerprint_presented = Signal(object, str)  # StationSetup, the certificate an untrusted https host presents
    configured = Signal(str)  # base URL now in use

    def __init__(self, data_dir: Path, gate_settings: GateSettings | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.gate_settings = gate_settings or GateSettings()
        self.gate: Gate | None = None
        self._tick_timer = QTimer(self)
        self._tick_timer.setSingleShot(True)
        self._tick_timer.timeout.connect(self._tick)
        self._waiting_lock = threading.Lock()
        self._redeems_waiting = 0  # requested (on the GUI thread) and not yet answered here

    def note_redeem_requested(self) -> None:
        """A redeem was queued for this worker (runs on the requesting thread, see NetworkThread)."""
        with self._waiting_lock:
            self._redeems_waiting += 1

    # --- configuration ----------------------------------------------------------
    @Slot(object)
    def configure(self, offer: StationSetup) -> None:
        """Use this host and key from now on (closes the previous Gate)."""
        self._close_gate()
        self.gate = Gate.connect(offer.url, offer.key, self.data_dir, dataclasses.replace(self.gate_settings),
                                 cert_sha256=offer.cert_sha256, allow_search=offer.allow_search)
        log.info("network worker: station set up for %s", offer.url)
        try:
            self.gate.start()  # a short probe; if the host answers, upload what is queued and fetch the copy
        except OSError:
            log.exception("could not start the offline store")
        self.configured.emit(offer.url)
        self._tick()

    @Slot(object)
    def test_connection(self, offer: StationSetup) -> None:
        """Ask the host for its status with this setup (nothing is stored)."""
        client = PretixdroidClient(offer.url, offer.key, *TEST_TIMEOUT, cert_sha256=offer.cert_sha256)
        try:
            status = client.status()
        except CertificateUntrusted as exc:
            self.connection_tested.emit(offer, False, self._untrusted(offer, exc))
            return
        except HostProblem as exc:
            self.connection_tested.emit(offer, False, exc.operator_message)
            return
        finally:
            client.close()
        event = (status.get("event") or {}).get("name")
        text = (translate("Messages", "Connected to {event}.").format(event=event) if event else
                translate("Messages", "Connected to the event."))
        self.connection_tested.emit(offer, True, text)

    def _untrusted(self, offer: StationSetup, exc: CertificateUntrusted) -> str:
        """An https host without a pin whose certificate this computer does not trust: offer its fingerprint
        for staff to compare (a typed setup), or say what to do."""
        if offer.origin != "typed":  # a scanned code without a fingerprint: the host should show a new one
            return exc.operator_message
        try:
            fingerprint = presented_fingerprint(offer.url, TEST_TIMEOUT[0])
        except OSError:
            return exc.operator_message
        self.fingerprint_presented.emit(offer, fingerprint)
        return translate("Messages", "This computer does not trust the host's certificate. Compare the "
                                     "fingerprint below with the host's before connecting.")

    @Slot(str)
    def set_mode(self, mode: str) -> None:
        """Staff forced offline/online, or back to automatic."""
        if self.gate is not None:
            self.gate.mode = mode
            self._tick()

    # --- requests ---------------------------------------------------------------
    @Slot(object)
    def redeem(self, scan: Scan) -> None:
        """Check one scan in and report the outcome."""
        with self._waiting_lock:
            self._redeems_waiting = max(0, self._redeems_waiting - 1)
        if self.gate is None:
            outcome = Outcome("error", "not_set_up", None, "online", "", 0.0, 0.0,
                              translate("Messages", "This station is not set up yet. Scan a setup code first."), scan.secret)
        else:
            try:
                outcome = self.gate.redeem(scan.secret, scan.t_captured, ignore_unpaid=False)
            except (HostProblem, OSError) as exc:  # the Gate maps host problems; this is a last guard
                log.exception("redeem failed unexpectedly")
                outcome = Outcome("error", "host_error", None, "online", "", 0.0, 0.0,
                                  operator_message(exc), scan.secret)
        self.redeem_finished.emit(scan, outcome)
        self._publish_state()

    @Slot(str)
    def search(self, query: str) -> None:
        """Search tickets (online, else in the offline copy)."""
        unset = translate("Messages", "This station is not set up.")
        answer = self.gate.search(query) if self.gate else Answer([], "online", unset)
        self.search_finished.emit(query, answer)
        self._publish_state()

    @Slot()
    def status(self) -> None:
        """Fetch the event's check-in counts."""
        unset = translate("Messages", "This station is not set up.")
        answer = self.gate.status() if self.gate else Answer(None, "online", unset)
        self.status_finished.emit(answer)
        self._publish_state()

    @Slot(object)
    def acknowledge(self, rejected_id: Any) -> None:
        """Staff has seen a rejected offline check-in."""
        if self.gate is not None:
            self.gate.acknowledge_rejected(int(rejected_id))
            self._publish_state()

    def release(self) -> None:
        """Stop housekeeping and close the Gate (on this thread, when the station stops)."""
        self._tick_timer.stop()
        self._close_gate()

    # --- housekeeping -----------------------------------------------------------
    def _tick(self) -> None:
        if self.gate is None:
            return
        with self._waiting_lock:
            waiting = self._redeems_waiting > 0
        if waiting:  # a scan is queued for this thread: it goes before any housekeeping step
            self._tick_timer.start(int(MIN_TICK_S * 1000))
            return
        try:
            due = self.gate.tick()
        except OSError:
            log.exception("offline housekeeping failed; retrying later")
            due = 5.0
        self._publish_state()
        # A tick with nothing due is only a clock check, so look again at least every
        # MAX_TICK_S: a redeem that found the host gone is then followed by a prompt probe.
        self._tick_timer.start(int(max(MIN_TICK_S, min(due, MAX_TICK_S)) * 1000))

    def _publish_state(self) -> None:
        if self.gate is not None:
            self.state_changed.emit(self.gate.state(), self.gate.rejected())

    def _close_gate(self) -> None:
        if self.gate is not None:
            try:
                self.gate.close()
            except OSError:
                log.exception("closing the offline store failed")
            self.gate = None


class NetworkThread(WorkerThread):
    """GUI-side handle: starts the worker in its own thread, forwards requests, stops it at exit."""

    configure_requested = Signal(object)
    test_requested = Signal(object)
    mode_requested = Signal(str)
    redeem_requested = Signal(object)
    search_requested = Signal(str)
    status_requested = Signal()
    acknowledge_requested = Signal(object)

    def __init__(self, worker: NetworkWorker) -> None:
        super().__init__(worker, "network")
        # Counted on this (the GUI) thread, before the request is queued: the worker's housekeeping
        # can tell that a scan waits for it even while it has not seen the queued call yet.
        self.redeem_requested.connect(worker.note_redeem_requested, Qt.ConnectionType.DirectConnection)
        for signal, slot in ((self.configure_requested, worker.configure), (self.test_requested, worker.test_connection),
                             (self.mode_requested, worker.set_mode), (self.redeem_requested, worker.redeem),
                             (self.search_requested, worker.search), (self.status_requested, worker.status),
                             (self.acknowledge_requested, worker.acknowledge)):
            signal.connect(slot)
        self.start()
