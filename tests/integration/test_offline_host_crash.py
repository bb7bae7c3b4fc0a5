"""A host server process that hangs, is SIGKILLed in the middle of a stream of scans, and restarts.

Every scan must get an answer within the client's timeouts (no hang), and afterwards the
host must have every admitted ticket checked in exactly once.
"""

from __future__ import annotations

import collections
import json
import threading
import time

import pytest

from kiosk.offline import Gate, GateSettings
from tests.support.offline_host import HostProcess, checkin_server, free_port

pytestmark = pytest.mark.slow

SETTINGS = GateSettings(
    connect_timeout=0.5, read_timeout=1.0, probe_timeout=0.3, probe_interval=0.2, probe_max_interval=0.4
)


@pytest.fixture
def host_process(tmp_path):
    data = tmp_path / "host"
    checkin_server(data, "demo", "--tickets", "300")
    host = HostProcess(data, free_port())
    setup = json.loads(checkin_server(data, "key", "create", "demo", "democon", "--url", host.url))
    host.start()
    yield host, setup
    host.kill()


def test_host_killed_mid_stream_every_scan_answered_in_time_and_admitted_once(host_process, tmp_path):
    host, setup = host_process
    assert setup["url"].startswith("https://") and setup["cert_sha256"]  # served over TLS, pinned
    gate = Gate.connect(setup["url"], setup["key"], tmp_path / "station", SETTINGS, cert_sha256=setup["cert_sha256"])
    gate.start()
    assert not gate.is_offline
    secrets = [t["secret"] for t in gate._client.download() if not t["redeemed"] and t["paid"]]

    # 0.6 s into the stream the host hangs (requests in flight get no answer), 1.2 s later it
    # is SIGKILLed, and 1 s after that it is started again.
    def outage() -> None:
        time.sleep(0.6)
        host.freeze()
        time.sleep(1.2)
        host.kill()
        time.sleep(1.0)
        host.start()

    saboteur = threading.Thread(target=outage)
    saboteur.start()
    outcomes, waits = [], []
    stream_end = time.monotonic() + 4.0
    for secret in secrets:
        if time.monotonic() > stream_end:
            break
        scanned = time.monotonic()
        gate.tick()  # the worker's housekeeping may run just before a scan: count its time too
        outcomes.append(gate.redeem(secret, time.time()))
        waits.append(time.monotonic() - scanned)
        time.sleep(0.02)
    saboteur.join(timeout=30)
    deadline = time.monotonic() + 20
    while (gate.is_offline or gate.queued_count) and time.monotonic() < deadline:
        time.sleep(min(gate.tick(), 0.1))
    state = gate.state()
    gate.close()

    slowest = max(o.t_answered - o.t_sent for o in outcomes)
    modes = collections.Counter(o.mode for o in outcomes)
    print(f"\n{len(outcomes)} scans, {dict(modes)}, slowest answer {slowest:.3f} s, with housekeeping {max(waits):.3f} s")
    assert modes["offline"] >= 3 and modes["online"] >= 3  # the outage really happened mid-stream
    assert all(o.status == "ok" for o in outcomes), [o for o in outcomes if o.status != "ok"]
    assert max(waits) < SETTINGS.connect_timeout + 2 * SETTINGS.read_timeout + 0.5
    assert not state.is_offline and state.queued_count == 0
    admitted = {o.secret for o in outcomes}
    rows = [row for row in host.export() if row["secret"] in admitted]
    per_secret = collections.Counter(row["secret"] for row in rows)
    assert set(per_secret) == admitted and set(per_secret.values()) == {1}
    offline_nonces = {o.secret: o.nonce for o in outcomes if o.mode == "offline"}
    assert all(row["nonce"] == offline_nonces[row["secret"]] for row in rows if row["secret"] in offline_nonces)
