"""Abuse limits and log hygiene through a running server: bad-key blocking (429), no key or trace leaking out.

The limiter, redaction and the access log on their own: tests/unit/server/test_security.py.
"""

from __future__ import annotations

import logging
import time

import pytest
import requests
from sqlalchemy import text

from server.security import flush_access_logs


def test_thirty_unknown_keys_from_an_address_block_it_with_429(api, seed):
    for attempt in range(30):
        assert api.status(key=f"wrong-{attempt}").status_code == 403
    response = api.status(key="wrong-again")
    assert response.status_code == 429
    body = response.json()
    assert body["version"] == 2 and body["error"] == "too_many_bad_keys" and body["message"]
    assert api.status(key=None).status_code == 429


def test_valid_key_keeps_working_while_its_address_is_blocked(api, seed):
    seed.ticket("T1")
    for attempt in range(31):
        api.status(key=f"wrong-{attempt}")
    assert api.status(key="wrong").status_code == 429
    assert api.redeem("T1").json()["status"] == "ok"
    assert api.status().status_code == 200


def test_unknown_event_does_not_count_as_a_bad_key(api, seed):
    for _ in range(40):
        assert requests.get(api.url("status", event="nope"), params={"key": "x"}, timeout=10).status_code == 404
    assert api.status(key="wrong").status_code == 403


@pytest.fixture
def server_logs(caplog):
    """Every log record of the server (the test's own HTTP client logs are left out)."""
    caplog.set_level(logging.DEBUG)

    def records():
        flush_access_logs()  # the access log is written every 0.1 s: the lines of requests made so far, now
        return [record for record in caplog.records if not record.name.startswith("urllib3")]

    return records


def test_no_key_valid_or_not_appears_in_any_log_line(api, seed, server_logs):
    seed.ticket("T1")
    typo = api.key[:-1] + ("A" if api.key[-1] != "A" else "B")
    api.redeem("T1")
    api.search("T1xx")
    api.status(key=typo)
    api.request("GET", "redeem")
    api.redeem("T1", padding="x" * 70_000)
    requests.get(api.url("status") + f"?k%65y={typo}", timeout=10)
    for _ in range(31):
        api.status(key=typo)
    lines = [record.getMessage() + (record.exc_text or "") for record in server_logs()]
    assert any("[redacted]" in line for line in lines)
    assert not [line for line in lines if api.key in line or typo in line]


def test_access_log_has_method_redacted_path_status_and_duration(api, seed, server_logs):
    api.status()
    access = [record.getMessage() for record in server_logs() if record.name == "server.access"]
    assert len(access) == 1
    assert '"GET /pretixdroid/api/acme/conf/status/?key=[redacted]" 200' in access[0]
    assert access[0].endswith(" ms")


def test_access_log_lines_appear_on_their_own_in_request_order_with_request_times(api, seed, caplog):
    caplog.set_level(logging.INFO, logger="server.access")
    before = time.time()
    for endpoint in ("status", "download", "status"):
        assert api.request("GET", endpoint).status_code == 200
    deadline = time.monotonic() + 5
    while len([r for r in caplog.records if r.name == "server.access"]) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    access = [r for r in caplog.records if r.name == "server.access"]
    assert [r.getMessage().split('"')[1].split("/")[-2] for r in access] == ["status", "download", "status"]
    assert before <= access[0].created <= access[1].created <= access[2].created <= time.time()


def test_database_failure_is_a_json_500_without_trace_or_key(api, seed, engine, server_logs):
    seed.ticket("T1")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE checkins"))
    response = api.redeem("T1")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"version": 2, "error": "internal_error", "message": response.json()["message"]}
    assert "Traceback" not in response.text and "checkins" not in response.text
    errors = [record.getMessage() for record in server_logs() if record.levelno >= logging.ERROR]
    assert errors and "Traceback" in errors[0]
    assert not [line for line in errors if api.key in line]
