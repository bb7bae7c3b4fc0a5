"""Random input at the real server: never a 500, always the JSON envelope, and it keeps answering correctly."""

from __future__ import annotations

from urllib.parse import quote, quote_from_bytes

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.db import open_database
from server.serving import BackgroundServer
from tests.conftest import DATABASE_KINDS
from tests.support.factories import EventSeed

ALLOWED_STATUSES = {200, 400, 403, 404, 405, 413, 414, 429}  # 414: a request line over 16 KiB (the server)
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "BREW"]
ENDPOINTS = ["redeem", "search", "download", "status", "", "redeem/extra", "..", "%00"]


@pytest.fixture(scope="module", params=DATABASE_KINDS)
def target(request, make_database):
    """One seeded event and a server for the whole module (hypothesis calls the test many times)."""
    url, drop = make_database(request.param)
    engine = open_database(url)
    seed = EventSeed(engine)
    for number in range(5):
        seed.ticket(f"FUZZ{number}", attendee_name="Fuzzy Name")
    seed.ticket("PENDING", status="n")
    key = seed.key()
    server = BackgroundServer(url).start()
    yield server.url, key, seed
    server.stop()
    engine.dispose()
    drop()


def raw(data: bytes) -> str:
    """Percent-encode arbitrary bytes (invalid UTF-8, NUL...) for a URL or form body."""
    return quote_from_bytes(data, safe="")


nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "%", "_", "%%__", "FUZZ%", "FUZ_", "\x00", "FUZZ0\x00", "'; DROP TABLE x;--", '"a" OR b*']),
    st.text(min_size=256, max_size=300),
    st.just("x" * 70_000),
).map(lambda text: quote(text, safe=""))
field = st.one_of(st.none(), nasty_text, st.binary(max_size=40).map(raw), st.sampled_from(["FUZZ1", "FUZZ2"]))
flag = st.one_of(st.none(), st.sampled_from(["true", "TRUE", "1", "0", "yes", ""]), nasty_text)
when = st.one_of(
    st.none(),
    st.sampled_from(["2026-05-01T18:03Z", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00+01:00", "2026-02-30", ""]),
    st.datetimes().map(lambda moment: quote(moment.isoformat(), safe="")),
    nasty_text,
)
content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/json",
        "text/plain; charset=latin-1",
        None,
    ]
)


@st.composite
def requests_(draw):
    keyed = draw(st.sampled_from(["valid", "valid", "valid", "none", "junk"]))
    # Optional fields are mostly absent, so that a bad one (400) does not hide the others.
    fields = {"secret": draw(field)}
    for name, strategy in [("nonce", field), ("force", flag), ("ignore_unpaid", flag), ("datetime", when)]:
        fields[name] = draw(strategy) if draw(st.integers(0, 2)) == 0 else None
    body_kind = draw(st.sampled_from(["form", "form", "form", "multipart", "bytes"]))
    content_type = {"form": "application/x-www-form-urlencoded", "multipart": "multipart/form-data; boundary=xyz"}
    content_type = content_type.get(body_kind) if draw(st.integers(0, 4)) else draw(content_types)
    if body_kind == "form":
        body = "&".join(f"{name}={value}" for name, value in fields.items() if value is not None).encode()
    elif body_kind == "multipart":
        parts = [
            f'--xyz\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
            if value is not None
        ]
        body = ("".join(parts) + draw(st.sampled_from(["--xyz--\r\n", "", "--xy"]))).encode()
    else:
        body = draw(st.binary(max_size=300))
    if draw(st.integers(0, 9)) < 7:  # mostly the right method, so the endpoints' own parsing is reached
        endpoint, method = draw(st.sampled_from([("redeem", "POST")] * 3 + [("search", "GET"), ("status", "GET")]))
    else:
        endpoint, method = draw(st.sampled_from(ENDPOINTS)), draw(st.sampled_from(METHODS))
    return {
        "method": method,
        "endpoint": endpoint,
        "event": draw(st.sampled_from(["acme/conf"] * 4 + ["acme/nope", "%00/conf", raw(b"\xff\xfe") + "/x"])),
        "key": keyed,
        "junk_key": draw(nasty_text),
        "query": draw(field),
        "body": body,
        "content_type": content_type,
    }


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=requests_())
def test_random_requests_never_get_a_500_and_always_the_json_envelope(target, case):
    base, key, _seed = target
    url = f"{base}/pretixdroid/api/{case['event']}/{case['endpoint']}/"
    query = []
    if case["key"] == "valid":
        query.append(f"key={key}")
    elif case["key"] == "junk":
        query.append(f"key={case['junk_key']}")
    if case["query"] is not None:
        query.append(f"query={case['query']}")
    if query:
        url += "?" + "&".join(query)
    headers = {"Content-Type": case["content_type"]} if case["content_type"] else {}
    response = requests.request(case["method"], url, data=case["body"], headers=headers, timeout=30)
    assert response.status_code in ALLOWED_STATUSES, (response.status_code, response.text[:500])
    if case["method"] == "HEAD":
        return
    assert response.headers["Content-Type"] == "application/json", response.text[:200]
    body = response.json()
    assert body["version"] == 2
    if response.status_code >= 400:
        assert set(body) == {"version", "error", "message"}
        assert "Traceback" not in body["message"]


def test_after_the_fuzzing_a_valid_redeem_is_still_answered_correctly(target):
    base, key, seed = target
    ticket = seed.ticket("AFTER-FUZZ")
    url = f"{base}/pretixdroid/api/acme/conf/redeem/?key={key}"
    first = requests.post(url, data={"secret": ticket.secret}, timeout=10).json()
    second = requests.post(url, data={"secret": ticket.secret}, timeout=10).json()
    assert first["status"] == "ok" and first["data"]["secret"] == "AFTER-FUZZ"
    assert second["reason"] == "already_redeemed"
