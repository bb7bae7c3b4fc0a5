"""The Gate against a real host that stops and starts again: offline decisions, queue, upload, modes."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

import pytest

from kiosk.client import PretixdroidClient, new_nonce
from kiosk.offline import Gate, GateSettings
from kiosk.offline.store import station_db_path
from tests.support.offline_host import REFUSED, Host, seed_refused_tickets
from tests.support.proxy import LoopbackProxy

FAST = dict(
    connect_timeout=0.5,
    read_timeout=0.5,
    probe_timeout=0.3,
    probe_interval=0.1,
    probe_max_interval=0.3,
    busy_retry_delay=0.05,
)


@pytest.fixture
def host(make_database, request):
    """A host over HTTPS (stations pin it); plain HTTP for tests marked ``plain_http``."""
    url, drop = make_database("sqlite")
    host = Host(url, tls=request.node.get_closest_marker("plain_http") is None).start()
    host.seed.ticket("VALID-1", attendee_name="Ada Lovelace")
    host.seed.ticket("VALID-2", attendee_name="Grace Hopper")
    used = host.seed.ticket("USED-1", attendee_name="Alan Turing")
    host.seed.checkin(used)
    yield host
    host.close()
    drop()


@pytest.fixture
def make_gate(host, tmp_path):
    gates = []

    def make(key=None, via=None, data_dir=None, base_url=None, **settings) -> Gate:
        client = PretixdroidClient(base_url or host.base_url(via), key or host.seed.key(), cert_sha256=host.cert_sha256)
        gate = Gate(client, data_dir or tmp_path / "station", GateSettings(**{**FAST, **settings}))
        gates.append(gate)
        gate.start()
        return gate

    yield make
    for gate in gates:
        gate.close()


def tick_until(gate: Gate, done, seconds: float = 5.0) -> None:
    """Call ``gate.tick()`` as the network worker would, until ``done()`` (bounded)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        wait = gate.tick()
        if done():
            return
        time.sleep(min(wait, 0.05))
    raise AssertionError(f"gave up waiting: {gate.state()}")


def settle(gate: Gate, seconds: float = 5.0) -> None:
    """Let the gate reconnect: tick until it is online with an empty queue."""
    tick_until(gate, lambda: not gate.is_offline and gate.queued_count == 0, seconds)


def test_station_starts_online_with_a_fresh_copy(make_gate):
    gate = make_gate()
    assert not gate.is_offline and gate.copy_age < 5 and len(gate.copy) == 3
    outcome = gate.redeem("VALID-1", time.time())
    assert (outcome.status, outcome.mode, outcome.data["attendee_name"]) == ("ok", "online", "Ada Lovelace")


def test_host_down_valid_ticket_is_admitted_offline_and_on_disk_before_the_answer(host, make_gate, tmp_path):
    gate = make_gate()
    host.stop()
    scanned = time.time()
    outcome = gate.redeem("VALID-1", scanned)
    assert (outcome.status, outcome.mode, outcome.reason) == ("ok", "offline", None)
    assert "offline" in outcome.message and outcome.t_answered - outcome.t_sent < 1.5
    assert gate.is_offline and gate.queued_count == 1
    assert "does not answer" in gate.last_error
    disk = sqlite3.connect(station_db_path(tmp_path / "station"))
    assert disk.execute("SELECT secret, nonce FROM queue WHERE state = 'pending'").fetchall() == [
        ("VALID-1", outcome.nonce)
    ]
    again = gate.redeem("VALID-2", time.time())  # already offline: decided at once, no waiting
    assert again.mode == "offline" and again.t_answered - again.t_sent < 0.2


def test_offline_refuses_unknown_used_and_twice_admitted_tickets(host, make_gate):
    gate = make_gate()
    host.stop()
    unknown = gate.redeem("NOT-A-TICKET", time.time())
    assert (unknown.reason, unknown.mode) == ("unknown_ticket", "offline")
    assert "offline copy" in unknown.message
    used = gate.redeem("USED-1", time.time())
    assert (used.reason, used.data["attendee_name"]) == ("already_redeemed", "Alan Turing")
    assert gate.redeem("VALID-1", time.time()).status == "ok"
    assert gate.redeem("VALID-1", time.time()).reason == "already_redeemed"
    assert gate.queued_count == 1


def test_offline_pending_ticket_is_unpaid_on_a_list_that_admits_pending(host, make_gate):
    host.seed.ticket("PEND-1", status="n")
    pending_list = host.seed.checkin_list("Box office", include_pending=True)
    gate = make_gate(key=host.seed.key(pending_list))
    assert gate.copy.get("PEND-1") is not None  # pending tickets are in this list's copy
    host.stop()
    assert gate.redeem("PEND-1", time.time()).reason == "unpaid"
    assert gate.redeem("PEND-1", time.time(), ignore_unpaid=True).status == "ok"


def test_host_down_pending_canceled_and_other_product_tickets_are_refused_as_the_host_refuses_them(host, make_gate):
    key = seed_refused_tickets(host.seed)
    other = host.client(key)  # refusals change nothing on the host
    online = {secret: other.redeem(secret, new_nonce()).reason for secret in REFUSED}
    other.close()
    gate = make_gate(key=key)
    host.stop()
    offline = {secret: gate.redeem(secret, time.time()) for secret in REFUSED}
    assert {secret: o.reason for secret, o in offline.items()} == online == {
        "PEND-1": "unpaid", "GONE-c": "unpaid", "GONE-e": "unpaid", "GONE-r": "unpaid", "SHIRT-1": "product",
        "NOT-A-TICKET": "unknown_ticket",
    }
    assert {o.mode for o in offline.values()} == {"offline"} and gate.queued_count == 0
    assert "box office" in offline["GONE-c"].message and "Not found" not in offline["GONE-c"].message


def test_host_without_the_download_extension_gives_a_copy_of_admissible_tickets_only(make_database, tmp_path):
    url, drop = make_database("sqlite")
    plain = Host(url, plain_download=True).start()  # another pretixdroid server: ``full`` is not heard
    try:
        plain.seed.ticket("VALID-1")
        key = seed_refused_tickets(plain.seed)
        gate = Gate(plain.client(key), tmp_path / "station", GateSettings(**FAST))
        gate.start()
        assert (len(gate.copy), gate.copy.full) == (1, False)
        plain.stop()
        outcomes = [gate.redeem(secret, time.time()) for secret in ("VALID-1", *REFUSED)]
        gate.close()
    finally:
        plain.close()
        drop()
    assert [(o.mode, o.reason) for o in outcomes] == [("offline", None)] + [("offline", "unknown_ticket")] * 6


def test_queue_is_uploaded_with_force_and_original_nonce_and_time_then_copy_refreshed(host, make_gate):
    gate = make_gate()
    host.stop()
    scanned = time.time() - 60
    outcome = gate.redeem("VALID-1", scanned)
    copy_time = gate.copy.downloaded_at
    host.start()
    settle(gate)
    [row] = host.checkins_of("VALID-1")
    assert (row["nonce"], row["forced"]) == (outcome.nonce, True)
    assert abs(row["datetime"] - datetime.fromtimestamp(scanned, UTC)).total_seconds() < 0.001
    assert gate.copy.downloaded_at > copy_time and gate.copy.get("VALID-1")["redeemed"] is True
    online = gate.redeem("VALID-1", time.time())
    assert (online.mode, online.reason) == ("online", "already_redeemed")


def test_lost_answers_to_an_upload_never_duplicate_the_checkin(host, make_gate):
    with LoopbackProxy(host.port, delay=0.8) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.mode = "drop"  # the network is gone
        outcome = gate.redeem("VALID-1", time.time())
        assert outcome.mode == "offline" and gate.is_offline
        # The network comes back, but both answers to the upload of VALID-1 are lost.
        proxy.mode = "pass"
        proxy.plan("pass", "cut", "cut")  # probe passes; upload and its retry reach the host, answers lost
        tick_until(gate, lambda: proxy.applied["cut"] == 2)
        assert gate.is_offline and gate.queued_count == 1
        settle(gate)
    rows = host.checkins_of("VALID-1")
    assert [(r["nonce"], r["is_first"]) for r in rows] == [(outcome.nonce, True)]


@pytest.mark.plain_http
def test_busy_host_is_asked_again_and_never_sends_the_station_offline(host, make_gate):
    with LoopbackProxy(host.port) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.plan("busy")
        first = gate.redeem("VALID-1", time.time())
        assert (first.status, first.mode) == ("ok", "online")
        proxy.plan("busy", "busy")
        second = gate.redeem("VALID-2", time.time())
        assert (second.status, second.reason, second.mode) == ("error", "host_busy", "online")
        assert not second.decided and "busy" in second.message
        assert not gate.is_offline and gate.queued_count == 0
        assert proxy.applied["busy"] == 3


@pytest.mark.plain_http
def test_failing_host_5xx_is_decided_offline(host, make_gate):
    with LoopbackProxy(host.port) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.plan("error")
        outcome = gate.redeem("VALID-1", time.time())
        assert (outcome.status, outcome.mode) == ("ok", "offline")
        assert "HTTP 502" in gate.last_error
        settle(gate)
    assert len(host.checkins_of("VALID-1")) == 1


def test_revoked_key_and_unknown_event_are_shown_not_decided_offline(host, make_gate, tmp_path):
    key = host.seed.key()
    gate = make_gate(key=key)
    host.seed.revoke(key)
    outcome = gate.redeem("VALID-1", time.time())
    assert (outcome.status, outcome.reason, outcome.mode) == ("error", "key_rejected", "online")
    assert outcome.message == "This station's key is no longer valid. Set it up again."
    assert not gate.is_offline and gate.queued_count == 0
    lost = make_gate(base_url=host.url + "/pretixdroid/api/acme/gone/", data_dir=tmp_path / "other")
    outcome = lost.redeem("VALID-1", time.time())
    assert (outcome.reason, outcome.mode, lost.is_offline) == ("event_not_found", "online", False)


def test_forced_online_mode_shows_the_error_instead_of_deciding(host, make_gate):
    gate = make_gate(mode="online")
    host.stop()
    outcome = gate.redeem("VALID-1", time.time())
    assert (outcome.status, outcome.reason, outcome.mode) == ("error", "host_unreachable", "online")
    assert outcome.message.startswith("The host does not answer")
    assert not gate.is_offline and gate.queued_count == 0


def test_forced_offline_mode_decides_locally_without_contacting_the_host(host, make_gate):
    with LoopbackProxy(host.port) as proxy:
        gate = make_gate(via=proxy.url)
        before = sum(proxy.applied.values())
        gate.mode = "offline"
        outcome = gate.redeem("VALID-1", time.time())
        gate.tick()
        assert (outcome.mode, outcome.status, gate.queued_count) == ("offline", "ok", 1)
        assert sum(proxy.applied.values()) == before
        gate.mode = "automatic"
        settle(gate)
    assert len(host.checkins_of("VALID-1")) == 1


def test_search_and_status_answer_from_the_copy_while_offline(host, make_gate):
    gate = make_gate()
    online = gate.status()
    assert (online.mode, online.value["checkins"], online.value["total"]) == ("online", 1, 3)
    host.stop()
    gate.redeem("VALID-1", time.time())
    found = gate.search("lovelace")
    assert found.mode == "offline" and [t["secret"] for t in found.value] == ["VALID-1"]
    assert found.value[0]["redeemed"] is True and "offline copy" in found.message
    status = gate.status()
    assert (status.mode, status.value["checkins"], status.value["total"]) == ("offline", 2, 3)
    assert status.value["event"]["list"] == "Entrance"


def test_rescan_of_a_ticket_admitted_online_is_refused_offline(host, make_gate):
    gate = make_gate()
    assert gate.redeem("VALID-1", time.time()).mode == "online"
    host.stop()
    assert gate.redeem("VALID-1", time.time()).reason == "already_redeemed"


def test_station_restarted_with_a_queue_uploads_it(host, make_gate, tmp_path):
    gate = make_gate()
    host.stop()
    outcomes = [gate.redeem(s, time.time()) for s in ("VALID-1", "VALID-2")]
    gate.close()
    host.start()
    again = make_gate()  # same data dir: start() uploads what the last run left
    assert again.queued_count == 0 and not again.is_offline
    assert [host.checkins_of(o.secret)[0]["nonce"] for o in outcomes] == [o.nonce for o in outcomes]


def test_canceled_meanwhile_and_malformed_items_are_rejected_and_others_uploaded(host, make_gate):
    canceled = host.seed.ticket("CANCEL-1")
    gate = make_gate()
    host.stop()
    assert gate.redeem("CANCEL-1", time.time()).status == "ok"
    gate.queue.add("X" * 70_000, "n-big", datetime.now(UTC), "Entrance")  # the host answers 413
    assert gate.redeem("VALID-1", time.time()).status == "ok"
    host.seed.set_order_status(canceled.order, "c")
    host.start()
    settle(gate)
    rejected = {r.secret[:10]: r.reason for r in gate.rejected()}
    assert rejected == {"CANCEL-1": "unpaid", "X" * 10: "invalid"}
    assert len(host.checkins_of("VALID-1")) == 1 and host.checkins_of("CANCEL-1") == []
    for entry in gate.rejected():
        gate.acknowledge_rejected(entry.id)
    assert gate.rejected() == [] and gate.state().rejected_count == 0


def test_station_without_any_copy_decides_nothing_while_the_host_is_down(host, make_gate):
    host.stop()
    gate = make_gate()
    assert gate.is_offline and gate.copy_age is None
    outcome = gate.redeem("VALID-1", time.time())
    assert (outcome.status, outcome.reason, outcome.decided) == ("error", "host_unreachable", False)
    assert "no offline copy" in outcome.message and gate.queued_count == 0
    host.start()
    settle(gate)
    assert gate.redeem("VALID-1", time.time()).status == "ok"


@pytest.mark.plain_http
def test_item_the_host_keeps_failing_on_is_rejected_without_blocking_the_others(host, make_gate):
    later = [host.seed.ticket(f"LATER-{i}").secret for i in range(3)]
    with LoopbackProxy(host.port) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.mode = "drop"
        assert gate.redeem("VALID-1", time.time()).mode == "offline"
        for done, secret in enumerate(later, start=1):
            assert gate.redeem(secret, time.time()).mode == "offline"
            proxy.plan("pass", "error", "pass")  # probe; VALID-1 gets HTTP 500-ish; the next one passes
            tick_until(gate, lambda secret=secret: host.checkins_of(secret) != [])
            assert proxy.applied["error"] == done
        proxy.mode = "pass"
        settle(gate)
    assert [(r.secret, r.reason) for r in gate.rejected()] == [("VALID-1", "host_error")]
    assert host.checkins_of("VALID-1") == [] and all(len(host.checkins_of(s)) == 1 for s in later)


@pytest.mark.plain_http
def test_host_failing_with_5xx_for_a_while_loses_no_queued_checkin(host, make_gate):
    with LoopbackProxy(host.port) as proxy:
        gate = make_gate(via=proxy.url)
        proxy.mode = "drop"
        assert [gate.redeem(s, time.time()).mode for s in ("VALID-1", "VALID-2")] == ["offline", "offline"]
        # The host answers its status but fails every redeem (say, its disk is full), for a while.
        proxy.plan(*["pass", "error", "error"] * 4)
        proxy.mode = "drop"
        tick_until(gate, lambda: proxy.applied["error"] == 8)
        proxy.mode = "pass"
        settle(gate)
    assert gate.rejected() == []
    assert len(host.checkins_of("VALID-1")) == len(host.checkins_of("VALID-2")) == 1


def test_queue_follows_the_event_to_a_host_that_came_back_on_another_port(host, make_gate, tmp_path):
    key = host.seed.key()
    gate = make_gate(key=key)
    host.stop()
    outcome = gate.redeem("VALID-1", time.time())
    gate.close()
    host.port = 0  # the host machine restarts and gets another port: a new setup code
    host.start()
    moved = make_gate(key=key)
    assert moved.queued_count == 0 and not moved.is_offline
    assert [r["nonce"] for r in host.checkins_of("VALID-1")] == [outcome.nonce]
