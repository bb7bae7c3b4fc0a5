"""A host keeps its port across restarts, so the stations set up for it come back by themselves.

The host stations here are resolved from a command line and a data directory exactly as
``checkin-kiosk`` does (``resolve_options``), then run in this process.
"""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk.app import build_station
from kiosk.hosting.service import HostService
from kiosk.offline import GateSettings
from kiosk.options import parse_command_line, resolve_options
from kiosk.settings import Settings
from kiosk.station.screens import Screen
from server import admin
from server.db import default_database_url, open_database
from server.tls import ensure_certificate
from tests.support.ui_support import FAST_GATE, WAIT_MS, video, wait_online


def _host_station(qtbot, tmp_path: Path, data_dir: Path, *args: str):
    """A hosting station started like ``checkin-kiosk ARGS --data-dir DATA_DIR`` (its settings from the dir)."""
    parsed = parse_command_line([*args, "--data-dir", str(data_dir)])  # HTTPS: the stations pin its certificate
    settings = Settings.load(data_dir)
    settings["sound"] = False
    options = resolve_options(parsed, settings, data_dir)
    station = build_station(options, settings, gate_settings=GateSettings.from_settings(settings, **FAST_GATE),
                            camera=video(tmp_path, "host-empty", [(None, 0.3)]))
    station.start()
    qtbot.addWidget(station.window)
    qtbot.waitUntil(lambda: station.flow.configured and bool(station.host.url), timeout=WAIT_MS)
    return station


def _port(station) -> int:
    return urlsplit(station.host.url).port


def _prepare(data_dir: Path, mode: str) -> tuple[str, ...]:
    if mode == "--demo":
        return ("--demo",)
    HostService(data_dir).load_demo(tickets=10)  # an event to serve, as after an import
    settings = Settings.load(data_dir)
    settings["host_port"] = 0  # any free port the first time, so the test never fights for 8000
    settings.save()
    return ("--host",)


@pytest.mark.parametrize("mode", ["--demo", "--host"])
def test_a_restarted_host_keeps_its_port_and_its_stations_come_back_online_by_themselves(qtbot, tmp_path,
                                                                                         make_station, mode):
    data_dir = tmp_path / "host"
    args = _prepare(data_dir, mode)
    host = _host_station(qtbot, tmp_path, data_dir, *args)
    port = _port(host)
    assert Settings.load(data_dir).host_last_port == port  # saved in the data directory
    engine = open_database(default_database_url(data_dir))
    key = admin.create_key(engine, "demo", "democon", name="door")
    engine.dispose()
    cert = ensure_certificate(data_dir)  # the host's own, made when it first served
    door = make_station("door", admin.setup_json(f"https://127.0.0.1:{port}", "demo", "democon", key, True, True,
                                                 cert_sha256=cert.fingerprint))
    wait_online(qtbot, door)

    host.shutdown()
    door.redeem_by_hand("DEMO-UNKNOWN-0000")  # a scan during the outage finds the host gone
    qtbot.waitUntil(lambda: door.gate_state.is_offline, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: door.flow.screen is not Screen.RESULT, timeout=WAIT_MS)

    again = _host_station(qtbot, tmp_path, data_dir, *args)
    try:
        assert _port(again) == port
        assert not again.window.host_view.port_notice.isVisibleTo(again.window.host_view)
        wait_online(qtbot, door)  # nobody touched the door station
        door.redeem_by_hand("DEMO-VALID-0001")
        qtbot.waitUntil(lambda: door.flow.screen is Screen.RESULT, timeout=WAIT_MS)
        assert door.flow.result.outcome.mode == "online" and door.flow.result.outcome.status == "ok"
    finally:
        again.shutdown()


def test_a_host_whose_port_was_taken_serves_on_another_and_its_panel_says_what_stations_need(qtbot, tmp_path):
    data_dir = tmp_path / "host"
    first = _host_station(qtbot, tmp_path, data_dir, "--demo")
    port = _port(first)
    first.shutdown()
    blocker = socket.socket()  # another program took the port meanwhile
    blocker.bind(("127.0.0.1", port))
    blocker.listen()
    try:
        host = _host_station(qtbot, tmp_path, data_dir, "--demo")
        try:
            moved = _port(host)
            assert moved != port
            notice = host.window.host_view.port_notice
            qtbot.waitUntil(lambda: notice.isVisibleTo(host.window.host_view), timeout=WAIT_MS)
            text = notice.text()
            assert f"Port {port} is taken" in text and f"port {moved}" in text and "Add a station" in text
            assert f"https://127.0.0.1:{moved}" in text
            assert Settings.load(data_dir).host_last_port == moved  # kept from now on
            # The hosting station itself follows: it redeems online on the new port.
            qtbot.waitUntil(lambda: f":{moved}/" in host.settings.server_url, timeout=WAIT_MS)
            wait_online(qtbot, host)
            host.redeem_by_hand("DEMO-VALID-0001")
            qtbot.waitUntil(lambda: host.flow.screen is Screen.RESULT, timeout=WAIT_MS)
            assert host.flow.result.outcome.mode == "online"
        finally:
            host.shutdown()
    finally:
        blocker.close()


def test_a_port_given_on_the_command_line_is_that_port_or_none(qtbot, tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    try:
        parsed = parse_command_line(["--demo", "--port", str(port), "--data-dir", str(tmp_path / "host")])
        settings = Settings.load(tmp_path / "host")
        station = build_station(resolve_options(parsed, settings, tmp_path / "host"), settings,
                                camera=video(tmp_path, "empty", [(None, 0.3)]))
        station.start()
        qtbot.addWidget(station.window)
        try:
            message = station.window.host_view.message
            qtbot.waitUntil(lambda: "already in use" in message.text(), timeout=WAIT_MS)
            assert f"Port {port}" in message.text() and not station.host.url
        finally:
            station.shutdown()
    finally:
        blocker.close()
