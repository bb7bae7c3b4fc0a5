"""server.security on its own: the bad-key limiter, key redaction, the queued access log.

Through a running server (429s, no key in any log line, JSON 500s): tests/integration/server/test_security.py.
"""

from __future__ import annotations

import logging

from server.security import AccessLogMiddleware, BadKeyLimiter, redact, redact_query


def test_limiter_blocks_at_the_limit_and_forgets_after_the_block():
    now = [1000.0]
    limiter = BadKeyLimiter(limit=3, window=60, block_seconds=300, clock=lambda: now[0])
    assert [limiter.record_failure("a") for _ in range(3)] == [False, False, True]
    assert limiter.is_blocked("a") and not limiter.is_blocked("b")
    now[0] += 299
    assert limiter.is_blocked("a")
    now[0] += 2
    assert not limiter.is_blocked("a")


def test_limiter_counts_only_failures_within_the_window():
    now = [0.0]
    limiter = BadKeyLimiter(limit=3, window=60, block_seconds=300, clock=lambda: now[0])
    for _ in range(2):
        limiter.record_failure("a")
    now[0] += 61
    assert limiter.record_failure("a") is False
    assert not limiter.is_blocked("a")


def test_limiter_memory_is_bounded_when_many_addresses_fail():
    limiter = BadKeyLimiter(limit=2, max_addresses=100)
    for number in range(5000):
        limiter.record_failure(f"10.0.{number // 256}.{number % 256}")
        limiter.record_failure(f"10.1.{number // 256}.{number % 256}")
    assert limiter.tracked_addresses() <= 200


def test_redaction_hides_key_and_search_query_values_in_query_strings_and_text():
    assert redact_query("key=Secret123&query=abc&full=1") == "key=[redacted]&query=[redacted]&full=1"
    assert redact_query("q%75ery=Anna&KEY=Secret123&k%65y=Other") == "q%75ery=[redacted]&KEY=[redacted]&k%65y=[redacted]"
    assert redact("GET /api/?key=Secret123 failed") == "GET /api/?key=[redacted] failed"
    assert redact("url=http://h/x/?a=1&key=Secret123") == "url=http://h/x/?a=1&key=[redacted]"


def test_stopping_the_server_writes_the_access_lines_still_waiting(caplog):
    caplog.set_level(logging.INFO, logger="server.access")

    def app(environ, start_response):
        start_response("204 No Content", [])
        return [b""]

    middleware = AccessLogMiddleware(app, interval=3600)  # the periodic writer would not come for an hour
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/x/", "QUERY_STRING": "key=Secret123", "REMOTE_ADDR": "10.0.0.9"}
    middleware(environ, lambda status, headers, exc_info=None: None)
    assert not [r for r in caplog.records if r.name == "server.access"]
    middleware.close()
    assert [r.getMessage() for r in caplog.records if r.name == "server.access"][0].startswith(
        '10.0.0.9 "GET /x/?key=[redacted]" 204 ')
