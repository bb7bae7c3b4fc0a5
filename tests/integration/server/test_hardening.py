"""The host against an attacker on the venue network (issue 10, item 3), tried with real sockets on loopback.

The attacker connects from 127.0.0.1, the station from 127.0.0.2 (every 127.x address is this
machine, so the server sees two addresses). Log files are read back from disk.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from server.db import open_database
from server.schema import checkins
from server.security import flush_access_logs
from server.serving import BackgroundServer
from server.tls import ensure_certificate

ATTACKER, STATION = "127.0.0.1", "127.0.0.2"
API = "/pretixdroid/api/acme/conf"


def station_request(server: BackgroundServer, method: str, path: str, body: str | None = None,
                    timeout: float = 10) -> tuple[int, bytes, float]:  # fmt: skip
    """One request from the station's address on a new connection: (status, body, seconds taken)."""
    started = time.monotonic()
    if server.tls is not None:
        context = ssl.create_default_context(cafile=str(server.tls.cert_path))
        context.check_hostname = False
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", server.port, timeout=timeout, source_address=(STATION, 0), context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout, source_address=(STATION, 0))
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        conn.close()


def raw_exchange(port: int, data: bytes, wait: float = 5.0, source: str = STATION) -> bytes:
    """Send ``data`` on a plain connection and read until the server closes it (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait, source_address=(source, 0)) as sock:
        sock.sendall(data)
        chunks = []
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_and_json(answer: bytes) -> tuple[int, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"content-type: application/json" in head.lower(), head
    return int(head.split(b" ", 2)[1]), json.loads(body)


class Attacker:
    """Connections from one address that send a request slowly, a byte now and then, and never finish it."""

    def __init__(self, port: int, count: int, first_bytes: bytes) -> None:
        self.port, self.count, self.first_bytes = port, count, first_bytes
        self.sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drip, daemon=True)

    def start(self) -> Attacker:
        for _ in range(self.count):
            sock = socket.socket()
            sock.setblocking(True)
            sock.settimeout(5)
            sock.bind((ATTACKER, 0))
            try:
                sock.connect(("127.0.0.1", self.port))
                sock.sendall(self.first_bytes)
            except OSError:
                pass  # refused at once (over the address's cap): it still tried
            self.sockets.append(sock)
        self._thread.start()
        return self

    def _drip(self) -> None:
        while not self._stop.wait(0.3):
            for sock in self.sockets:
                try:
                    sock.send(b"X", socket.MSG_DONTWAIT)
                except OSError:
                    pass

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for sock in self.sockets:
            sock.close()


@pytest.fixture(params=["http", "https"])
def exposed_server(request, database_url, seed, tmp_path) -> Iterator[tuple[BackgroundServer, str]]:
    """A server on every loopback address (HTTP and HTTPS), with acme/conf, a ticket T1 and a station key."""
    seed.ticket("T1")
    key = seed.key()
    tls = ensure_certificate(tmp_path) if request.param == "https" else None
    server = BackgroundServer(database_url, host="127.0.0.1", tls=tls,
                              options={"request_timeout": 5.0}).start()  # fmt: skip
    yield server, key
    server.stop()


def test_400_slow_connections_from_one_address_never_stop_a_station_at_another(exposed_server):
    server, key = exposed_server
    first = b"\x16\x03\x01\x02\x00\x01" if server.tls is not None else b"POST " + API.encode() + b"/redeem/ HTTP/1.1\r\n"
    attacker = Attacker(server.port, 400, first).start()
    try:
        time.sleep(0.5)  # the attack is in full swing: every worker the attacker may have is held
        for _ in range(3):
            assert station_request(server, "GET", "/healthz")[::2][0] == 200
            status, body, took = station_request(server, "GET", f"{API}/status/?key={key}")
            assert status == 200 and took < 1.0, (status, took)
            status, body, took = station_request(server, "POST", f"{API}/redeem/?key={key}",
                                                 body="secret=T1&nonce=n1")  # fmt: skip
            assert status == 200 and json.loads(body)["status"] == "ok" and took < 1.0, (body, took)
            _, _, took = station_request(server, "GET", "/healthz")
            assert took < 1.0
        assert server.http_server.refused > 0  # beyond its cap the attacker's connections were closed at once
        assert server.http_server.open_connections(ATTACKER) <= server.http_server.per_address_connections
    finally:
        attacker.stop()


def test_a_request_dripping_in_gets_a_json_408_after_the_request_timeout(database_url, seed):
    server = BackgroundServer(database_url, options={"request_timeout": 1.0}).start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            answer = b""
            while not answer and time.monotonic() - started < 5:
                try:
                    sock.sendall(b"X-Slow: y\r\n")  # a header line now and then never extends the deadline
                except OSError:
                    pass
                sock.settimeout(0.3)
                try:
                    answer = sock.recv(65536)
                except TimeoutError:
                    continue
            took = time.monotonic() - started
        status, body = status_and_json(answer)
        assert status == 408 and body["error"] == "request_timeout" and body["version"] == 2
        assert took < 3.0
    finally:
        server.stop()


@pytest.mark.parametrize("request_bytes, expected", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 20000 + b"\r\n\r\n", 413),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"POST " + API.encode() + b"/redeem/?key=k HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", 413),
    (b"POST " + API.encode() + b"/redeem/?key=k HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
    (b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505),
    (b"GET /healthz HTTP/1.1\r\nBroken header line\r\n\r\n", 400),
])
def test_malformed_requests_get_a_json_error_never_a_hang(live_server, request_bytes, expected):
    started = time.monotonic()
    answer = raw_exchange(live_server.port, request_bytes, wait=5.0)
    status, body = status_and_json(answer)
    assert status == expected and body["version"] == 2 and body["error"] and body["message"]
    assert time.monotonic() - started < 4.0  # answered and closed, not left waiting


def test_a_body_over_the_apps_limit_gets_the_apps_json_413(live_server, seed):
    key = seed.key()
    body = b"secret=" + b"a" * 200_000
    answer = raw_exchange(live_server.port, b"POST " + API.encode() + b"/redeem/?key=" + key.encode()
                          + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded"
                          + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    status, payload = status_and_json(answer)
    assert status == 413 and payload["error"] == "request_entity_too_large"


def test_plain_http_on_the_https_port_is_told_to_use_https(database_url, tmp_path):
    server = BackgroundServer(database_url, tls=ensure_certificate(tmp_path)).start()
    try:
        answer = raw_exchange(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        server.stop()
    status, body = status_and_json(answer)
    assert status == 400 and body["error"] == "https_required" and "https://" in body["message"]


@pytest.fixture
def log_file(tmp_path) -> Iterator[Path]:
    """Every server log record (access log included) written to a file, as an operator's log would be."""
    path = tmp_path / "server.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    flush_access_logs()
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def read_log(path: Path) -> str:
    flush_access_logs()
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_control_characters_in_a_request_never_forge_a_log_line_or_reach_the_terminal(live_server, log_file):
    forged = "/x%0A2026-12-05%2012:00:00,000%20INFO%20server.access:%2010.0.0.9%20%22GET%20/ok%22%20200%1B[2J%0D/"
    raw_exchange(live_server.port, f"GET {forged} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    raw_exchange(live_server.port, b"GET /\x1b[31mred HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    text = read_log(log_file)
    assert "\x1b" not in text and "\r" not in text
    assert not any(line.startswith("2026-12-05 12:00:00") for line in text.splitlines())
    access = [line for line in text.splitlines() if "server.access" in line]
    assert any("\\x0a2026-12-05" in line and "\\x1b[2J" in line for line in access), access


def test_search_queries_and_keys_never_reach_the_access_log(live_server, seed, log_file):
    seed.ticket("SECRET-TICKET-123", attendee_name="Anna Example")
    key = seed.key()
    station_request(live_server, "GET", f"{API}/search/?key={key}&query=Anna+Example")
    station_request(live_server, "GET", f"{API}/search/?key={key}&q%75ery=SECRET-TICKET")
    text = read_log(log_file)
    assert "search" in text
    assert "Anna" not in text and "SECRET-TICKET" not in text and key not in text
    assert "query=[redacted]" in text


@pytest.mark.parametrize("sent", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2999-01-01T00:00:00Z",
                                  "1970-01-01T00:00:00Z"])
def test_a_broken_station_clock_never_loses_the_admission_and_never_stores_its_time(live_server, seed, engine,
                                                                                     sent):  # fmt: skip
    seed.ticket("T1")
    key = seed.key()
    before = time.time()
    status, body, _ = station_request(live_server, "POST", f"{API}/redeem/?key={key}",
                                      body=f"secret=T1&nonce=n1&datetime={sent}")  # fmt: skip
    answer = json.loads(body)
    assert status == 200 and answer["status"] == "ok" and answer["datetime_replaced"] is True
    with engine.connect() as conn:
        stored = conn.execute(select(checkins.c.datetime)).scalars().all()
    assert len(stored) == 1
    assert abs(stored[0].timestamp() - before) < 3600 * 24  # the host's time (naive UTC), not the station's
    status, body, _ = station_request(live_server, "POST", f"{API}/redeem/?key={key}",
                                      body=f"secret=T1&nonce=n2&datetime={sent}")  # fmt: skip
    assert json.loads(body)["status"] == "error" and json.loads(body)["reason"] == "already_redeemed"


def test_a_plausible_station_time_is_stored_as_sent(live_server, seed, engine):
    seed.ticket("T1")
    key = seed.key()
    sent = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3 * 3600))  # three hours ago, offline
    status, body, _ = station_request(live_server, "POST", f"{API}/redeem/?key={key}",
                                      body=f"secret=T1&datetime={sent}")  # fmt: skip
    assert json.loads(body)["status"] == "ok" and "datetime_replaced" not in json.loads(body)
    with engine.connect() as conn:
        stored = conn.execute(select(checkins.c.datetime)).scalar_one()
    assert stored.strftime("%Y-%m-%dT%H:%M:%SZ") == sent


@pytest.fixture
def counted(database_url):
    """A server on an engine whose statements are counted, blocking an address after 3 unknown keys."""
    engine = open_database(database_url)
    statements: list[str] = []
    sa_event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    server = BackgroundServer(database_url, config={"ENGINE": engine, "BAD_KEY_LIMIT": 3}).start()
    yield server, statements
    server.stop()
    engine.dispose()


def test_a_blocked_address_flooding_wrong_keys_costs_no_key_lookup(counted, seed):
    server, statements = counted
    seed.ticket("T1")
    key = seed.key()
    for attempt in range(3):
        assert station_request(server, "GET", f"{API}/status/?key=wrong-{attempt}")[0] == 403
    assert station_request(server, "GET", f"{API}/status/?key=wrong")[0] == 429  # blocked: reads the keys once
    statements.clear()
    answers = [station_request(server, "GET", f"{API}/status/?key=flood-{n}")[0] for n in range(50)]
    assert answers == [429] * 50
    assert len(statements) <= 2  # at most a re-read of the usable keys (once a second), never one per request
    status, body, _ = station_request(server, "POST", f"{API}/redeem/?key={key}", body="secret=T1")
    assert status == 200 and json.loads(body)["status"] == "ok"  # a valid key keeps working from there
