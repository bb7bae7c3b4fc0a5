"""Refreshing a large offline copy in steps, against a real host with the demo event (5,000 tickets).

Batches are small (500 tickets), so a refresh takes a dozen ticks and a test can act between
two of them, as a scan does at the door. Everything is checked by order of events, not time.
"""

from __future__ import annotations

import time

import pytest

from kiosk.client import PretixdroidClient
from kiosk.offline import Gate, GateSettings
from tests.support.proxy import LoopbackProxy
from tests.support.refresh_support import STEPPED, TICKETS, admissible


@pytest.fixture
def make_gate(demo_event, tmp_path):
    gates = []

    def make(via: str | None = None, clock=time.time, **settings) -> Gate:
        client = PretixdroidClient(demo_event.base_url(via), demo_event.keys[0], cert_sha256=demo_event.cert_sha256)
        gate = Gate(client, tmp_path / "station", GateSettings(**{**STEPPED, **settings}), clock=clock)
        gates.append(gate)
        gate.start()
        return gate

    yield make
    for gate in gates:
        gate.close()


def whole_list_next(gate: Gate) -> Gate:
    """Make the next refresh fetch the whole list, as for a copy made before incremental downloads
    (or from another host): the stepped compare of 5,000 tickets is what these tests look at."""
    gate._conn.execute("DELETE FROM meta WHERE key IN ('download_token', 'download_etag')")
    gate.copy.digest = None
    return gate


def refresh_until(gate: Gate, phase: str) -> None:
    """Tick (as the network worker does) until the refresh in progress has reached ``phase`` (bounded)."""
    for _ in range(100):
        wait = gate.tick()
        if gate._refresh is not None and gate._refresh.phase == phase:
            return
        time.sleep(min(wait, 0.05))
    raise AssertionError(f"the refresh never reached {phase}: {gate.state()}")


def finish_refresh(gate: Gate) -> int:
    """Tick until no refresh is in progress; returns the number of ticks that did a step (not those
    that only found the host's answer still on its way)."""
    ticks = 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        waiting = gate._refresh is not None and gate._refresh.waiting
        wait = gate.tick()
        ticks += not waiting
        if not gate.refreshing:
            return ticks
        time.sleep(min(wait, 0.05))
    raise AssertionError("the refresh did not finish")


def test_scan_during_a_refresh_is_answered_before_the_refresh_completes(demo_event, make_gate):
    gate = whole_list_next(make_gate())
    elsewhere, mine = admissible(demo_event)[:2]
    assert demo_event.other.redeem(elsewhere, "n-1").status == "ok"  # the download changes
    before = gate.copy.downloaded_at
    refresh_until(gate, "compare")
    gate.tick()  # one batch compared, many to go
    outcome = gate.redeem(mine, time.time())
    assert (outcome.status, outcome.mode) == ("ok", "online")
    assert gate.refreshing and gate.copy.downloaded_at == before  # answered first; the refresh goes on
    assert finish_refresh(gate) > 3  # it really was cut into steps
    assert gate.copy.downloaded_at > before and gate.copy.get(elsewhere)["redeemed"] is True


def test_offline_decisions_during_a_refresh_use_the_complete_previous_copy(demo_event, make_gate):
    gate = whole_list_next(make_gate())
    tickets = admissible(demo_event)
    elsewhere, last = tickets[0], tickets[-1]
    demo_event.host.stop()
    assert gate.redeem("DEMO-UNKNOWN-0000", time.time()).mode == "offline"  # the station is offline
    demo_event.host.start()
    assert demo_event.other.redeem(elsewhere, "n-1").status == "ok"  # checked in at another station meanwhile
    refresh_until(gate, "compare")  # the host answers again: the station refreshes before going online
    gate.tick()
    assert gate.is_offline and gate.refreshing
    # The previous copy, whole: the last ticket is still known, the other station's check-in not yet.
    outcomes = [gate.redeem(s, time.time()) for s in (last, elsewhere, "DEMO-USED-0001")]
    assert [(o.mode, o.status, o.reason) for o in outcomes] == [
        ("offline", "ok", None), ("offline", "ok", None), ("offline", "error", "already_redeemed")
    ]
    finish_refresh(gate)
    assert not gate.is_offline and gate.queued_count == 2  # sent with the next refresh
    assert gate.redeem(last, time.time()).reason == "already_redeemed"


def test_ticket_redeemed_online_during_a_refresh_is_still_used_offline_after_it(demo_event, make_gate):
    gate = whole_list_next(make_gate())
    tickets = admissible(demo_event)
    assert demo_event.other.redeem(tickets[0], "n-1").status == "ok"  # the download changes
    refresh_until(gate, "compare")  # the download was taken before the scans below
    scanned = tickets[-1], tickets[1]  # one in a batch still to compare, one in the batch done
    gate.tick()
    assert [gate.redeem(s, time.time()).status for s in scanned] == ["ok", "ok"]
    finish_refresh(gate)
    demo_event.host.stop()
    for secret in scanned:
        outcome = gate.redeem(secret, time.time())
        assert (outcome.mode, outcome.reason) == ("offline", "already_redeemed")


def test_unchanged_download_is_not_written_again(demo_event, make_gate):
    gate = make_gate()
    before = gate.copy.downloaded_at
    writes = gate._conn.total_changes
    assert finish_refresh(gate) <= 2  # download, then the check finds the same answer: done
    assert gate.copy.downloaded_at > before  # the copy is confirmed fresh...
    assert gate._conn.total_changes - writes == 1  # ...by one write: its time


def test_refresh_writes_only_the_tickets_that_changed(demo_event, make_gate):
    gate = make_gate()
    elsewhere = admissible(demo_event)[0]
    assert demo_event.other.redeem(elsewhere, "n-1").status == "ok"
    writes = gate._conn.total_changes
    finish_refresh(gate)
    assert gate.copy.get(elsewhere)["redeemed"] is True and len(gate.copy) > TICKETS * 0.8
    assert gate._conn.total_changes - writes < 10  # one ticket, its time, the status: not 5,000 rows


def test_tickets_canceled_on_the_host_are_refused_offline_as_unpaid_after_the_refresh(demo_event, make_gate):
    gate = whole_list_next(make_gate())
    tickets = [t for t in demo_event.other.download() if t["paid"] and not t["redeemed"]]
    before, during = tickets[-1], tickets[0]
    demo_event.cancel_order(before["order"])  # canceled before the download
    refresh_until(gate, "compare")
    gate.tick()  # the first batch is compared
    demo_event.cancel_order(during["order"])  # ...and one of it while the station compares, scanned online
    assert gate.redeem(during["secret"], time.time()).reason == "unpaid"
    finish_refresh(gate)
    demo_event.host.stop()
    outcomes = [gate.redeem(t["secret"], time.time()) for t in (before, during)]
    assert [(o.mode, o.reason) for o in outcomes] == [("offline", "unpaid")] * 2


@pytest.mark.plain_http  # a captive portal's page cannot be forged into a TLS connection
def test_download_the_station_cannot_read_leaves_the_copy_as_it_was(demo_event, make_gate):
    with LoopbackProxy(demo_event.host.port) as proxy:
        gate = make_gate(via=proxy.url)
        tickets, before = len(gate.copy), gate.copy.downloaded_at
        assert demo_event.other.redeem(admissible(demo_event)[0], "n-1").status == "ok"
        proxy.plan("garbage")  # a captive portal answers the download with a web page
        gate.tick()
        finish_refresh(gate)
        assert (len(gate.copy), gate.copy.downloaded_at) == (tickets, before)
        assert "cannot read" in gate.last_error and not gate.is_offline


def test_periodic_refresh_waits_for_a_pause_in_scanning_but_not_forever(demo_event, make_gate):
    now = [time.time()]
    gate = make_gate(clock=lambda: now[0], refresh_interval=30.0, refresh_idle=3.0, refresh_max_delay=60.0)
    tickets = admissible(demo_event)
    now[0] += 31  # the refresh is due, but a queue of guests is scanning
    gate.redeem(tickets[0], now[0])
    now[0] += 1
    assert 1.5 < gate.tick() <= 2.0 and not gate.refreshing  # waits for a pause of 3 s
    now[0] += 2.5
    gate.tick()
    assert gate.refreshing  # the pause came
    finish_refresh(gate)
    due = now[0] + 30
    for secret in tickets[1:120]:  # now nobody pauses: one scan every second
        now[0] += 1
        gate.redeem(secret, now[0])
        gate.tick()
        if gate.refreshing:
            break
    assert now[0] - due == pytest.approx(60, abs=1)  # refreshed anyway, 60 s late at most
