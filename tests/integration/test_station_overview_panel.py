"""The host panel's overview page in a real hosting station: figures read on the overview worker's thread, the
chart drawn, silent stations flagged in the table, and a phone link shown as a QR code that opens the page."""

from __future__ import annotations

from PySide6.QtCore import QThread

from kiosk.station.screens import Screen
from server.state import server_state
from tests.support.clients import pinned_session
from tests.support.factories import Pretixdroid
from tests.support.ui_support import WAIT_MS


def test_overview_page_shows_the_hosts_stations_arrivals_and_problems(qtbot, make_station):
    station = make_station("host", None, host=True, demo=True)
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    service = station.host.thread.worker.service
    org, event = service.event
    door = Pretixdroid(service.url, org, event, service.add_station("Door 2")["key"], cert_sha256=service.cert_sha256)
    assert door.redeem("DEMO-VALID-0001", nonce="a").json()["status"] == "ok"
    assert door.redeem("DEMO-UNKNOWN-0000", nonce="b").json()["reason"] == "unknown_ticket"
    door.close()
    server_state(service._server._app).recorder.flush()
    threads = []
    station.host.overview.worker.figures_read.connect(lambda _f: threads.append(QThread.currentThread()))

    view = station.window.host_view
    station.window.panel_requested.emit(Screen.HOST)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.HOST, timeout=WAIT_MS)
    view.overview_button.click()
    panel = view.overview
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures["totals"]["admitted"] >= 2, timeout=WAIT_MS)
    assert threads and all(thread is not station.window.thread() for thread in threads)  # never the GUI thread
    rows = {panel.stations.item(r, 0).text(): [panel.stations.item(r, c).text() for c in range(1, 6)]
            for r in range(panel.stations.rowCount())}
    assert rows["Door 2"][2:5] == ["1", "1 unknown", "0"]
    assert "Door 2: unknown ticket DEMO-U…" in [panel.problems.item(i).text()[7:] for i in range(panel.problems.count())]
    panel.chart.repaint()
    assert panel.chart.bars_drawn >= 1

    panel.link_button.click()
    qtbot.waitUntil(lambda: panel.link_qr.isVisible(), timeout=WAIT_MS)
    url = panel.link_qr.text
    assert url.startswith(f"{service.lan_url}/overview/{org}/{event}/?key=") and url in panel.link_text.text()
    local = url.replace(service.lan_url, service.local_url)
    with pinned_session(service.cert_sha256) as session:  # the host serves HTTPS: pinned, as stations do
        assert session.get(local.replace("/?key=", "/data.json?key="), timeout=10).json()["totals"]["admitted"] >= 2
    qtbot.keyClick(view, "\x1b")  # Esc: back to the host panel's first page; the reads stop
    assert view.pages.currentIndex() == 0 and not station.host.overview.timer.isActive()
