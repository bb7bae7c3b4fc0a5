"""A station process SIGKILLed with check-ins queued: a new station on the same data dir uploads them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.offline import Gate, GateSettings

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).resolve().parents[1] / "support" / "station_runner.py"
FAST = GateSettings(connect_timeout=0.5, read_timeout=0.5, probe_timeout=0.3, probe_interval=0.1)


def test_station_killed_with_queued_checkins_uploads_them_after_restart(host, tmp_path):
    secrets = [host.seed.ticket(f"T-{i:03d}").secret for i in range(60)]
    key = host.seed.key()
    station = tmp_path / "station"
    first = Gate.connect(host.base_url(), key, station, FAST, cert_sha256=host.cert_sha256)
    first.start()  # the station has its offline copy
    assert len(first.copy) == 60
    first.close()
    host.stop()

    runner = subprocess.Popen(
        [sys.executable, str(RUNNER), str(station), host.base_url(), *secrets],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "STATION_KEY": key, "STATION_CERT_SHA256": host.cert_sha256},
    )
    reported = []
    try:
        for _ in range(20):  # the runner is still scanning when it is killed
            line = runner.stdout.readline()
            assert line, "the station runner stopped early"
            reported.append(json.loads(line))
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=10)
        runner.stdout.close()
    assert all((r["status"], r["mode"]) == ("ok", "offline") for r in reported)

    host.start()
    restarted = Gate.connect(host.base_url(), key, station, FAST, cert_sha256=host.cert_sha256)
    restarted.start()
    deadline = time.monotonic() + 10
    while (restarted.is_offline or restarted.queued_count) and time.monotonic() < deadline:
        time.sleep(min(restarted.tick(), 0.05))
    assert not restarted.is_offline and restarted.queued_count == 0
    restarted.close()

    for entry in reported:  # every admission the station showed reached the host, once, as decided
        rows = host.checkins_of(entry["secret"])
        assert [(r["nonce"], r["forced"]) for r in rows] == [(entry["nonce"], True)]
    admitted_on_host = [s for s in secrets if host.checkins_of(s)]
    assert admitted_on_host[: len(reported)] == [r["secret"] for r in reported]
    assert all(len(host.checkins_of(s)) == 1 for s in admitted_on_host)
