"""The Gate against a real HTTPS host whose certificate changes, or that moved from http to https.

The host is tests/support/offline_host.Host serving HTTPS with server/tls.py's certificate;
``tls renew`` is what an organiser runs: the old fingerprint no longer matches.
"""

from __future__ import annotations

import time

import pytest

from kiosk.client import PretixdroidClient
from kiosk.offline import Gate, GateSettings
from server.tls import renew
from tests.support.offline_host import Host

FAST = dict(connect_timeout=0.5, read_timeout=1.0, probe_timeout=0.3, probe_interval=0.1, probe_max_interval=0.3)


@pytest.fixture
def host(make_database, tmp_path):
    url, drop = make_database("sqlite")
    host = Host(url)
    host.cert = renew(tmp_path / "host-cert")  # this test's own certificate: it renews it
    host.start()
    host.seed.ticket("VALID-1")
    host.seed.ticket("VALID-2")
    yield host
    host.close()
    drop()


def test_after_tls_renew_the_old_setup_is_refused_and_the_station_decides_offline(host, tmp_path):
    gate = Gate(host.client(host.seed.key(), **{k: FAST[k] for k in ("connect_timeout", "read_timeout")}),
                tmp_path / "station", GateSettings(**FAST))
    gate.start()
    assert not gate.is_offline and len(gate.copy) == 2
    old = host.cert_sha256
    host.stop()
    host.cert = renew(tmp_path / "host-cert")  # `checkin-server tls renew`, then the server restarts
    host.start()
    assert host.cert_sha256 != old
    outcome = gate.redeem("VALID-1", time.time())
    assert (outcome.status, outcome.mode) == ("ok", "offline")  # from the copy, queued
    assert gate.last_error == ("This host's certificate does not match the setup code. Set this station up "
                               "again, or ask who changed the host.")
    assert host.checkins_of("VALID-1") == []  # nothing reached the host
    for _ in range(5):  # and it stays refused: no upload of the queue to a host it cannot trust
        time.sleep(0.1)
        gate.tick()
    assert gate.queued_count == 1 and host.checkins_of("VALID-1") == []
    gate.close()


def test_a_station_set_up_for_http_is_told_that_its_host_now_uses_encryption(host, tmp_path):
    plain_url = host.base_url().replace("https://", "http://")
    client = PretixdroidClient(plain_url, host.seed.key(), 0.5, 1.0)
    gate = Gate(client, tmp_path / "station", GateSettings(**FAST))
    gate.start()
    outcome = gate.redeem("VALID-2", time.time())
    assert outcome.mode == "offline"
    assert gate.last_error == "The host now uses encryption: scan its new setup code."
    gate.close()
