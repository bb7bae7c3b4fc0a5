"""The flaky-network proxy of the offline tests (tests/support/proxy.py) applies its plan only to live requests."""

from __future__ import annotations

import socket

import pytest
import requests

from tests.support.proxy import LoopbackProxy

pytestmark = pytest.mark.plain_http  # the proxy's own behaviour, with plain HTTP requests through it


def test_a_request_whose_sender_gave_up_before_the_proxy_read_it_uses_no_mode_of_the_plan(host):
    proxy = LoopbackProxy(host.port)  # not started yet: connections wait, as behind a starved thread
    try:
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as stale:
            stale.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")  # then the station times out and hangs up
        proxy.mode = "pass"
        proxy.plan("cut")
        proxy.start()
        assert proxy.stale.acquire(timeout=5)  # read, seen to be abandoned, dropped...
        assert proxy.applied["cut"] == 0  # ...without using the plan's "cut", which the next live request gets
        try:
            requests.get(proxy.url + "/healthz", timeout=5)
            raise AssertionError("the live request should have been cut")
        except requests.ConnectionError:
            pass
        assert proxy.applied["cut"] == 1
        assert requests.get(proxy.url + "/healthz", timeout=5).text.strip() == "ok"
    finally:
        proxy.stop()
