"""PretixdroidClient against a real host server on loopback (and a misbehaving proxy in front of it)."""

from __future__ import annotations

import json
import logging
import socket
import time
import traceback
from datetime import UTC, datetime

import pytest

from kiosk.client import PretixdroidClient, new_nonce
from kiosk.client.errors import EventNotFound, HostBusy, HostError, HostTimeout, HostUnreachable, KeyRejected
from tests.support.offline_host import seed_refused_tickets
from tests.support.proxy import LoopbackProxy

# The client's HTTP behaviour, also against a proxy that answers 429/502/a web page by itself, which
# TLS rules out: plain HTTP here (tests/integration/kiosk/client/test_pinning.py is about TLS).
pytestmark = pytest.mark.plain_http


@pytest.fixture
def key(host):
    return host.seed.key()


@pytest.fixture
def client(host, key):
    client = PretixdroidClient(host.base_url(), key, connect_timeout=1.0, read_timeout=2.0)
    yield client
    client.close()


@pytest.fixture
def proxy(host):
    with LoopbackProxy(host.port, delay=0.8) as proxy:
        yield proxy


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_redeem_reports_every_reason_with_ticket_data(host, client):
    seed = host.seed
    seed.ticket("PAID-1", attendee_name="Ada Lovelace")
    seed.ticket("PEND-1", status="n")
    shirt = seed.product("T-Shirt")
    seed.ticket("SHIRT-1", product=shirt)
    shirt_only = seed.checkin_list("Shirts", products=[shirt])
    shirt_client = PretixdroidClient(host.base_url(), seed.key(shirt_only))

    first = client.redeem("PAID-1", new_nonce())
    assert (first.status, first.reason, first.data["attendee_name"]) == ("ok", None, "Ada Lovelace")
    again = client.redeem("PAID-1", new_nonce())
    assert (again.status, again.reason, again.data["redeemed"]) == ("error", "already_redeemed", True)
    unknown = client.redeem("NOPE-1", new_nonce())
    assert (unknown.status, unknown.reason, unknown.data) == ("error", "unknown_ticket", None)
    assert client.redeem("PEND-1", new_nonce()).reason == "unpaid"
    assert shirt_client.redeem("PAID-1", new_nonce()).reason == "product"
    assert shirt_client.redeem("SHIRT-1", new_nonce()).status == "ok"
    shirt_client.close()


def test_redeem_sends_the_scan_time_nonce_and_force(host, client):
    host.seed.ticket("PAID-1")
    scanned = datetime(2026, 5, 1, 18, 3, 4, 123456, tzinfo=UTC)
    assert client.redeem("PAID-1", "nonce-a", when=scanned).status == "ok"
    assert client.redeem("PAID-1", "nonce-b", when=scanned, force=True).status == "ok"
    rows = host.checkins_of("PAID-1")
    assert [(r["nonce"], r["forced"], r["is_first"]) for r in rows] == [("nonce-a", False, True), ("nonce-b", True, False)]
    assert rows[0]["datetime"] == scanned


def test_same_nonce_again_answers_ok_not_already_used(host, client):
    host.seed.ticket("PAID-1")
    nonce = new_nonce()
    assert client.redeem("PAID-1", nonce).status == "ok"
    assert client.redeem("PAID-1", nonce).status == "ok"
    assert len(host.checkins_of("PAID-1")) == 1


@pytest.mark.parametrize("fault", ["cut", "delay", "drop"])
def test_redeem_whose_answer_was_lost_is_retried_once_and_admits_once(host, key, proxy, fault):
    host.seed.ticket("PAID-1")
    client = PretixdroidClient(host.base_url(proxy.url), key, connect_timeout=1.0, read_timeout=0.4)
    proxy.plan(fault)
    result = client.redeem("PAID-1", new_nonce())
    client.close()
    assert result.status == "ok"  # never a false "already used"
    assert proxy.applied[fault] == 1 and proxy.applied["pass"] == 1
    assert len(host.checkins_of("PAID-1")) == 1


def test_redeem_is_retried_only_once(host, key, proxy):
    host.seed.ticket("PAID-1")
    client = PretixdroidClient(host.base_url(proxy.url), key, connect_timeout=1.0, read_timeout=0.4)
    proxy.plan("cut", "cut")
    with pytest.raises(HostUnreachable) as caught:
        client.redeem("PAID-1", new_nonce())
    assert proxy.applied["cut"] == 2 and proxy.applied["pass"] == 0
    assert caught.value.operator_message.startswith("The host does not answer")
    proxy.plan("delay", "delay")
    with pytest.raises(HostTimeout):
        client.redeem("PAID-1", new_nonce())
    client.close()
    # Both cut attempts reached the host with one nonce: one check-in; the delayed ones found it used.
    assert len(host.checkins_of("PAID-1")) == 1


def test_search_finds_names_case_insensitively_and_ignores_short_queries(host, client):
    host.seed.ticket("AAAA-1", attendee_name="Jürgen Müller")
    host.seed.ticket("BBBB-1", attendee_name="Grace Hopper")
    assert [t["secret"] for t in client.search("MÜLLER")] == ["AAAA-1"]
    assert client.search("Mül") == []


def test_download_arrives_gzip_compressed_with_every_admissible_ticket(host, key, proxy):
    for i in range(30):
        host.seed.ticket(f"PAID-{i:02d}", attendee_name=f"Guest {i}")
    host.seed.ticket("PEND-1", status="n")
    client = PretixdroidClient(host.base_url(proxy.url), key)
    results = client.download(full=False)
    client.close()
    assert [t["secret"] for t in results] == [f"PAID-{i:02d}" for i in range(30)]
    assert any(b"content-encoding: gzip" in answer.lower() for answer in proxy.answers)


def test_download_for_the_offline_copy_has_every_ticket_with_its_order_status_and_list_membership(host):
    host.seed.ticket("PAID-1")
    key = seed_refused_tickets(host.seed)
    client = PretixdroidClient(host.base_url(), key)
    body = json.loads(client.download_body())
    client.close()
    facts = {t["secret"]: (t["order_status"], t["on_list"]) for t in body["results"]}
    assert facts == {"PAID-1": ("p", True), "PEND-1": ("n", True), "GONE-c": ("c", True), "GONE-e": ("e", True),
                     "GONE-r": ("r", True), "SHIRT-1": ("p", False)}  # fmt: skip
    assert body["include_pending"] is False


def test_status_counts_checkins(host, client):
    ticket = host.seed.ticket("PAID-1")
    host.seed.ticket("PAID-2")
    host.seed.checkin(ticket)
    status = client.status()
    assert (status["checkins"], status["total"]) == (1, 2)
    assert status["event"]["list"] == "Entrance"


def test_revoked_key_is_reported_as_key_rejected(host, key, client):
    host.seed.ticket("PAID-1")
    assert client.status()["total"] == 1
    host.seed.revoke(key)
    with pytest.raises(KeyRejected) as caught:
        client.redeem("PAID-1", new_nonce())
    assert caught.value.operator_message == "This station's key is no longer valid. Set it up again."
    assert host.checkins_of("PAID-1") == []


def test_wrong_event_is_reported_as_event_not_found(host, key):
    client = PretixdroidClient(f"{host.url}/pretixdroid/api/acme/no-such-event/", key)
    with pytest.raises(EventNotFound) as caught:
        client.status()
    client.close()
    assert caught.value.operator_message == "The host does not know this event. Check the station's setup."


def test_closed_port_is_unreachable_at_once_without_retry(key):
    client = PretixdroidClient(f"http://127.0.0.1:{closed_port()}/pretixdroid/api/acme/conf/", key)
    start = time.monotonic()
    with pytest.raises(HostUnreachable) as caught:
        client.redeem("PAID-1", new_nonce())
    assert time.monotonic() - start < 0.5
    assert caught.value.request_sent is False


@pytest.mark.parametrize(
    ("fault", "error", "message"),
    [
        ("busy", HostBusy, "The host is busy. Trying again..."),
        ("error", HostError, "The host had a problem (HTTP 502). Try again; if it persists, check the host."),
        ("garbage", HostError, "The host sent an answer this station cannot read. Check the station's setup."),
    ],
)
def test_busy_failing_or_foreign_answers_become_typed_errors(host, key, proxy, fault, error, message):
    client = PretixdroidClient(host.base_url(proxy.url), key)
    proxy.plan(fault)
    with pytest.raises(error) as caught:
        client.status()
    client.close()
    assert caught.value.operator_message == message


def test_key_never_appears_in_errors_logs_or_repr(host, key, proxy, caplog):
    caplog.set_level(logging.DEBUG)
    dead = PretixdroidClient(f"http://127.0.0.1:{closed_port()}/pretixdroid/api/acme/conf/", key)
    slow = PretixdroidClient(host.base_url(proxy.url), key, read_timeout=0.3)
    proxy.plan("delay", "delay")
    problems = []
    for call in (lambda: dead.redeem("X", "n"), lambda: slow.redeem("X", "n"), lambda: dead.search("abcd")):
        with pytest.raises((HostUnreachable, HostTimeout)) as caught:
            call()
        problems.append(caught.value)
    slow.status()  # a successful request: urllib3 logs its URL at DEBUG
    texts = [caplog.text, repr(dead), repr(slow)]
    texts += ["".join(traceback.format_exception(p)) for p in problems]
    assert "key=***" in caplog.text  # the URLs were logged, redacted
    for text in texts:
        assert key not in text
    dead.close()
    slow.close()
