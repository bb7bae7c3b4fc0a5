"""The network worker (its own QThread, the Gate's only user) answers a scan in the middle of a refresh.

A real host with the demo event (5,000 tickets); the worker refreshes the offline copy
continuously, 100 tickets per step, so a refresh spans dozens of worker ticks.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from kiosk.offline import GateSettings
from kiosk.scanning.codes import StationSetup
from kiosk.station.screens import Scan
from kiosk.ui.network_worker import NetworkThread, NetworkWorker
from tests.support.refresh_support import STEPPED, admissible
from tests.support.ui_support import WAIT_MS


def test_scan_handed_to_the_network_worker_during_a_refresh_is_answered_while_it_goes_on(qtbot, demo_event, tmp_path):
    worker = NetworkWorker(tmp_path / "station", GateSettings(**{**STEPPED, "refresh_batch": 100}))
    network = NetworkThread(worker)
    answered = []  # (outcome, refresh still in progress?) recorded on the worker thread as it answers
    worker.redeem_finished.connect(
        lambda scan, outcome: answered.append((outcome, worker.gate.refreshing)), Qt.ConnectionType.DirectConnection
    )
    try:
        with qtbot.waitSignal(worker.configured, timeout=WAIT_MS):
            network.configure_requested.emit(StationSetup(demo_event.base_url(), demo_event.keys[0], origin="typed",
                                                                 cert_sha256=demo_event.cert_sha256))
        first, secret = admissible(demo_event)[:2]
        assert demo_event.other.redeem(first, "n-1").status == "ok"  # the next download differs: compared in steps

        def early_in_a_refresh() -> bool:  # read across threads: only to pick a moment, never asserted
            refresh = worker.gate._refresh if worker.gate is not None else None
            return refresh is not None and refresh.phase == "compare" and len(refresh._seen) < 1000

        qtbot.waitUntil(early_in_a_refresh, timeout=WAIT_MS)
        with qtbot.waitSignal(worker.redeem_finished, timeout=WAIT_MS):
            network.redeem_requested.emit(Scan(secret, "camera", time.time(), time.time()))
    finally:
        assert network.stop()
    [(outcome, refreshing)] = answered
    assert (outcome.status, outcome.mode, refreshing) == ("ok", "online", True)
