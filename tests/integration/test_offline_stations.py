"""Several stations losing the network (a proxy that drops every connection) while the host runs on."""

from __future__ import annotations

import time

import pytest

from kiosk.offline import Gate, GateSettings
from tests.support.proxy import LoopbackProxy

pytestmark = pytest.mark.slow

FAST = GateSettings(connect_timeout=0.5, read_timeout=0.5, probe_timeout=0.3, probe_interval=0.1)


@pytest.fixture
def station(host, tmp_path):
    """Factory: a started station behind its own proxy (``station.proxy``)."""
    made = []

    def make(name: str) -> Gate:
        proxy = LoopbackProxy(host.port).start()
        gate = Gate.connect(host.base_url(proxy.url), host.seed.key(name=name), tmp_path / name, FAST,
                            cert_sha256=host.cert_sha256)
        gate.proxy = proxy
        gate.start()
        made.append(gate)
        return gate

    yield make
    for gate in made:
        gate.close()
        gate.proxy.stop()


def reconnect(gate: Gate) -> None:
    gate.proxy.mode = "pass"
    deadline = time.monotonic() + 10
    while (gate.is_offline or gate.queued_count) and time.monotonic() < deadline:
        time.sleep(min(gate.tick(), 0.05))
    assert not gate.is_offline and gate.queued_count == 0


def test_tickets_canceled_while_the_station_was_offline_end_in_the_rejected_list(host, station):
    seed = host.seed
    canceled, refunded = seed.ticket("CANCEL-1", attendee_name="Ann"), seed.ticket("REFUND-1")
    seed.ticket("KEEP-1")
    gate = station("door")
    gate.proxy.mode = "drop"
    for secret in ("CANCEL-1", "REFUND-1", "KEEP-1"):
        assert gate.redeem(secret, time.time()).mode == "offline"
    seed.set_order_status(canceled.order, "c")  # canceled on the host during the outage
    seed.deactivate(refunded)  # position removed by a re-import
    reconnect(gate)
    rejected = gate.rejected()
    assert [(r.secret, r.reason) for r in rejected] == [("CANCEL-1", "unpaid"), ("REFUND-1", "unknown_ticket")]
    assert rejected[0].data["attendee_name"] == "Ann"
    assert len(host.checkins_of("KEEP-1")) == 1 and host.checkins_of("CANCEL-1") == []
    gate.tick()  # a rejected check-in is never retried
    assert len(gate.rejected()) == 2 and gate.queued_count == 0
    gate.acknowledge_rejected(rejected[0].id)
    assert [r.secret for r in gate.rejected()] == ["REFUND-1"]


def test_two_offline_stations_admitting_one_ticket_count_the_person_once(host, station):
    host.seed.ticket("TWICE-1")
    host.seed.ticket("OTHER-1")
    north, south = station("north"), station("south")
    north.proxy.mode = south.proxy.mode = "drop"
    first = north.redeem("TWICE-1", time.time() - 5)
    second = south.redeem("TWICE-1", time.time())
    assert (first.status, first.mode, second.status, second.mode) == ("ok", "offline", "ok", "offline")
    reconnect(north)
    reconnect(south)
    rows = host.checkins_of("TWICE-1")
    assert [(r["nonce"], r["is_first"], r["forced"]) for r in rows] == [
        (first.nonce, True, True),
        (second.nonce, False, True),
    ]
    client = host.client(host.seed.key(name="office"))
    status = client.status()
    client.close()
    assert (status["checkins"], status["total"]) == (1, 2)
    assert north.status().value["checkins"] == south.status().value["checkins"] == 1
