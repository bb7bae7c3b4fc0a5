"""Fixtures for the station tests: a real host, a real demo host, real stations, generated camera videos.

Qt runs offscreen; nothing is mocked: stations talk HTTP to a HostService on a free
loopback port, cameras are short generated video files. ``tests/integration/conftest.py``
makes these fixtures available; plain helpers (``video``, ``wait_online``...) are in
``tests/support/ui_support.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.ui_support import FAST_GATE, video


@pytest.fixture
def host(make_database, request) -> Iterator:
    """An empty pretixdroid host (tests/support/offline_host.Host) on a fresh SQLite database; seed it.

    HTTPS with a certificate stations pin (``host.setup(key)``, ``host.client(key)``); plain HTTP
    for tests marked ``plain_http``.
    """
    from tests.support.offline_host import Host

    url, drop = make_database("sqlite")
    served = Host(url, tls=request.node.get_closest_marker("plain_http") is None).start()
    yield served
    served.close()
    drop()


@pytest.fixture
def demo_host(tmp_path: Path) -> Iterator:
    """A HostService with the demo event (10 generated tickets + the fixed DEMO-* ones), serving."""
    from kiosk.hosting.service import HostService

    # HTTPS with the host's own certificate; its setup codes carry the fingerprint stations pin.
    service = HostService(tmp_path / "host", bind="127.0.0.1", port=0, station_name="host-pc")
    service.load_demo(tickets=10)
    service.start()
    yield service
    service.stop()


@pytest.fixture
def make_station(qtbot, tmp_path: Path):
    """Factory: a started Station (shut down after the test); ``setup`` = a setup dict, ``size`` = window size.

    ``gate``: GateSettings tunables over FAST_GATE (e.g. a short ``outage_hint_after``).
    """
    from kiosk.app import build_station
    from kiosk.offline import GateSettings
    from kiosk.options import StationOptions
    from kiosk.settings import Settings

    made = []

    def make(name: str = "door", setup: dict | None = None, camera: str | None = None, host: bool = False,
             result_seconds: float = 0.6, mode: str = "automatic", pin: str = "", sound: bool = False,
             size: tuple[int, int] | None = (1280, 720), gate: dict | None = None, **options):
        data_dir = tmp_path / name
        settings = Settings(data_dir)
        settings["station_name"] = name
        settings["result_seconds"] = result_seconds
        settings["sound"] = sound
        settings["offline_mode"] = mode
        if pin:
            settings.set_staff_pin(pin)
        if setup:
            settings["server_url"] = setup["url"]
            settings["cert_sha256"] = setup.get("cert_sha256", "")
            settings.set_key(setup["key"])
        settings.save()
        options.setdefault("language", "en")  # the tests read English unless they ask for another language
        opts = StationOptions(server_url=setup["url"] if setup else None, key=setup["key"] if setup else None,
                              cert_sha256=setup.get("cert_sha256", "") if setup else "",
                              host=host, port=0, data_dir=data_dir, camera=camera, decoder="zxing", **options)
        station = build_station(opts, settings, gate_settings=GateSettings(mode=mode, **{**FAST_GATE, **(gate or {})}),
                                camera=camera or video(tmp_path, f"{name}-empty", [(None, 0.3)]))
        made.append(station)
        station.start()
        if size is not None:  # None: as the station opened itself (maximized on the offscreen screen)
            station.window.showNormal()  # a maximized window keeps the screen's size
            station.window.resize(*size)
        qtbot.addWidget(station.window)
        return station

    yield make
    for station in made:
        station.shutdown()
