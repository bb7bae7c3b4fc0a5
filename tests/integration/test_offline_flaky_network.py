"""A station behind a loopback proxy that drops connections, delays answers past the read timeout
and cuts connections after the request was sent: nonce retries never produce a false "already
used", and no check-in is duplicated or lost on the host.
"""

from __future__ import annotations

import collections
import random
import time

import pytest

from kiosk.offline import Gate, GateSettings
from tests.support.proxy import LoopbackProxy

pytestmark = pytest.mark.slow

SETTINGS = GateSettings(
    connect_timeout=0.5, read_timeout=0.3, probe_timeout=0.3, probe_interval=0.05, probe_max_interval=0.15
)


def test_flaky_network_never_shows_false_already_used_and_keeps_every_checkin_once(host, tmp_path):
    secrets = [host.seed.ticket(f"FLAKY-{i:03d}").secret for i in range(60)]
    faults = random.Random(7)
    with LoopbackProxy(host.port, delay=0.45) as proxy:
        gate = Gate.connect(host.base_url(proxy.url), host.seed.key(), tmp_path / "station", SETTINGS,
                            cert_sha256=host.cert_sha256)  # over TLS, through the lossy proxy
        gate.start()
        assert len(gate.copy) == 60
        proxy.plan(*faults.choices(["pass", "drop", "delay", "cut"], weights=[55, 15, 10, 20], k=100))
        outcomes = []
        t0 = time.monotonic()
        for secret in secrets:
            gate.tick()
            outcomes.append(gate.redeem(secret, time.time()))
        t1 = time.monotonic()
        # What is left of the plan still applies; after it the network is good again.
        deadline = time.monotonic() + 20
        while (gate.is_offline or gate.queued_count) and time.monotonic() < deadline:
            time.sleep(min(gate.tick(), 0.05))
        state = gate.state()
        print(f"stream {t1 - t0:.2f} s, settle {time.monotonic() - t1:.2f} s")
        gate.close()

    modes = collections.Counter(o.mode for o in outcomes)
    print(f"\nfaults applied {dict(proxy.applied)}, answers {dict(modes)}")
    assert all(proxy.applied[fault] >= 5 for fault in ("drop", "delay", "cut"))
    assert [o.secret for o in outcomes if o.status != "ok"] == []  # no false "already used"
    assert not state.is_offline and state.queued_count == 0 and state.rejected_count == 0
    slowest = max(o.t_answered - o.t_sent for o in outcomes)
    assert slowest < SETTINGS.connect_timeout + 2 * SETTINGS.read_timeout + 0.5
    for secret in secrets:  # every admission on the host exactly once: none lost, none doubled
        rows = host.checkins_of(secret)
        assert [r["is_first"] for r in rows] == [True], (secret, rows)
