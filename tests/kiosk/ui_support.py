"""Fixtures for the station UI tests: a real demo host, real stations, generated camera videos.

Import the fixtures into a test module (``from tests.kiosk.ui_support import demo_host, make_station``);
pytest finds them there. Qt runs offscreen; nothing is mocked: stations talk HTTP to a
HostService on a free loopback port, cameras are short generated video files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import requests  # noqa: E402

from kiosk.host import HostService  # noqa: E402
from kiosk.journal import read_journal  # noqa: E402
from kiosk.offline import GateSettings  # noqa: E402
from kiosk.options import StationOptions  # noqa: E402
from kiosk.paths import JOURNAL_FILENAME  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from tests.kiosk import imagegen  # noqa: E402

FAST_GATE = dict(connect_timeout=0.5, read_timeout=2.0, probe_timeout=0.5, probe_interval=0.2,
                 probe_max_interval=0.5, refresh_interval=30.0, busy_retry_delay=0.1)
WAIT_MS = 15_000


@pytest.fixture
def demo_host(tmp_path: Path) -> Iterator[HostService]:
    """A HostService with the demo event (10 generated tickets + the fixed DEMO-* ones), serving."""
    service = HostService(tmp_path / "host", bind="127.0.0.1", port=0, station_name="host-pc")
    service.load_demo(tickets=10)
    service.start()
    yield service
    service.stop()


def video(tmp_path: Path, name: str, segments: list[tuple[str | None, float]]) -> str:
    """A generated camera video showing each (text, seconds) in turn (None = nobody)."""
    return str(imagegen.write_video(tmp_path / f"{name}.avi", segments, fps=10))


def ticket_state(setup: dict, secret: str) -> dict:
    """What the host says about one ticket right now (search by secret prefix)."""
    answer = requests.get(setup["url"] + "search/", params={"key": setup["key"], "query": secret}, timeout=5)
    answer.raise_for_status()
    return next(t for t in answer.json()["results"] if t["secret"] == secret)


def journal_lines(station) -> list[dict]:
    """The station's journal entries (after its writer flushed)."""
    path = station.options.data_dir / JOURNAL_FILENAME
    return list(read_journal(path)) if path.exists() and path.stat().st_size else []


@pytest.fixture
def make_station(qtbot, tmp_path: Path):
    """Factory: a started Station (shut down after the test). ``setup`` = a setup dict to use."""
    made = []

    def make(name: str = "door", setup: dict | None = None, camera: str | None = None, host: bool = False,
             result_seconds: float = 0.6, mode: str = "automatic", pin: str = "", **options):
        data_dir = tmp_path / name
        settings = Settings(data_dir)
        settings["station_name"] = name
        settings["result_seconds"] = result_seconds
        settings["sound"] = False
        settings["offline_mode"] = mode
        if pin:
            settings.set_staff_pin(pin)
        if setup:
            settings["server_url"] = setup["url"]
            settings.set_key(setup["key"])
        settings.save()
        opts = StationOptions(server_url=setup["url"] if setup else None, key=setup["key"] if setup else None,
                              host=host, port=0, data_dir=data_dir, camera=camera, decoder="zxing", **options)
        from kiosk.app import build_station

        station = build_station(opts, settings, gate_settings=GateSettings(mode=mode, **FAST_GATE),
                                camera=camera or video(tmp_path, f"{name}-empty", [(None, 0.3)]))
        made.append(station)
        station.start()
        station.window.resize(1280, 720)
        qtbot.addWidget(station.window)
        return station

    yield make
    for station in made:
        station.shutdown()


def wait_online(qtbot, station) -> None:
    """Until the station has its offline copy and decides online."""
    qtbot.waitUntil(lambda: getattr(station, "gate_state", None) is not None
                    and not station.gate_state.is_offline and station.gate_state.copy_age is not None,
                    timeout=WAIT_MS)


def setup_json(setup: dict) -> str:
    """The setup dict as the QR code carries it."""
    return json.dumps(setup, separators=(",", ":"))
