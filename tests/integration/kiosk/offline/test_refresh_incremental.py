"""The refresh asks only for what changed since the station's copy, on a connection and thread of its own.

A real host (tests/support/offline_host.py) changes between two refreshes the way an event
does: tickets added by an import, a name and an order's status changed, a ticket canceled on
its own, another station checking tickets in. The second refresh fetches just those; the copy
then decides offline as the host would.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import update

from kiosk.offline import Gate, GateSettings
from server.schema import positions
from tests.support.offline_host import Host
from tests.support.proxy import LoopbackProxy

SETTINGS = dict(connect_timeout=1.0, read_timeout=2.0, probe_timeout=0.5, probe_interval=0.05,
                probe_max_interval=0.2, refresh_interval=0.0, refresh_idle=0.0)


@pytest.fixture
def host(make_database):
    url, drop = make_database("sqlite")
    host = Host(url).start()  # HTTPS: stations pin its certificate
    host.tickets = {f"T{n}": host.seed.ticket(f"T{n}", attendee_name=f"Guest {n}") for n in range(1, 6)}
    yield host
    host.close()
    drop()


@pytest.fixture
def make_gate(host, tmp_path):
    gates = []

    def make(via: str | None = None, **settings) -> Gate:
        client = host.client(host.seed.key(name="Door 1"), via)
        gate = Gate(client, tmp_path / "station", GateSettings(**{**SETTINGS, **settings}))
        gates.append(gate)
        gate.start()
        return gate

    yield make
    for gate in gates:
        gate.close()


def refresh(gate: Gate):
    """Tick as the network worker does until one whole refresh has run (bounded); returns that refresh."""
    deadline = time.monotonic() + 10
    started = None
    while time.monotonic() < deadline:
        wait = gate.tick()
        started = started or gate._refresh
        if started is not None and not gate.refreshing:
            return started
        time.sleep(min(wait, 0.02))
    raise AssertionError(f"no refresh finished: {gate.state()}")


def test_a_refresh_with_nothing_new_is_answered_304_and_writes_only_its_time(make_gate):
    gate = make_gate()
    assert gate.copy.download_token and gate.copy.download_etag  # the first download was a whole list
    writes = gate._conn.total_changes
    done = refresh(gate)
    assert done.incremental and done.written == 0
    assert gate._conn.total_changes - writes == 1  # the copy's time, nothing else
    assert len(gate.copy) == 5


def test_tickets_added_changed_deactivated_and_checked_in_elsewhere_reach_the_copy(host, make_gate):
    gate = make_gate()
    token = gate.copy.download_token
    host.seed.ticket("NEW", attendee_name="Grace Hopper")  # a re-import added it
    with host.engine.begin() as conn:
        conn.execute(update(positions).where(positions.c.secret == "T1").values(attendee_name="Renamed"))
    host.seed.set_order_status(host.tickets["T2"].order, "c")  # the organiser canceled the order
    host.seed.deactivate(host.tickets["T3"])  # canceled on its own: no longer a ticket
    other = host.client(host.seed.key(name="Door 2"))
    assert other.redeem("T4", "n-1").status == "ok"  # checked in at another station
    other.close()
    done = refresh(gate)
    assert done.incremental and done.written == 5  # 4 tickets written, 1 deleted: not the whole list
    assert gate.copy.download_token != token
    assert gate.copy.get("NEW")["attendee_name"] == "Grace Hopper"
    assert gate.copy.get("T1")["attendee_name"] == "Renamed"
    assert gate.copy.get("T3") is None
    assert gate.copy.get("T4")["first_checkin"]["station"] == "Door 2"
    host.stop()  # now the copy decides, as the host would have
    outcomes = {s: gate.redeem(s, time.time()) for s in ("NEW", "T2", "T3", "T4", "T5")}
    assert {s: (o.mode, o.status, o.reason) for s, o in outcomes.items()} == {
        "NEW": ("offline", "ok", None),
        "T2": ("offline", "error", "unpaid"),
        "T3": ("offline", "error", "unknown_ticket"),
        "T4": ("offline", "error", "already_redeemed"),
        "T5": ("offline", "ok", None),
    }


def test_a_copy_from_another_host_database_is_replaced_whole(host, make_gate):
    gate = make_gate()
    gate._conn.execute("UPDATE meta SET value = 'elsewhere.1.1' WHERE key = 'download_token'")
    gate._conn.execute("DELETE FROM meta WHERE key = 'download_etag'")
    gate.copy.digest = None  # as after a restart
    gate._conn.execute(
        "INSERT INTO tickets (secret, position, secret_folded, order_folded, name_folded, redeemed, data) "
        "VALUES ('STRAY', 99, 'stray', '', '', 0, '{\"secret\": \"STRAY\"}')"
    )
    assert not refresh(gate).incremental
    assert gate.copy.get("STRAY") is None and len(gate.copy) == 5  # the whole list, pruned
    assert gate.copy.download_token.split(".")[0] != "elsewhere"


def test_a_scan_is_answered_while_the_refresh_waits_for_a_slow_host(host, make_gate):
    with LoopbackProxy(host.port, delay=3.0) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.plan("delay")  # the next request, the refresh's download, is held (longer than the read timeout)
        gate.tick()
        deadline = time.monotonic() + 5
        while not proxy.applied["delay"] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proxy.applied["delay"] == 1 and gate._refresh.waiting
        outcome = gate.redeem("T1", time.time())  # its own connection: not behind the download
        assert (outcome.mode, outcome.status) == ("online", "ok")
        assert gate.refreshing and gate._refresh.waiting  # the download is still on its way
