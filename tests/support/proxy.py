"""A loopback TCP proxy that misbehaves on purpose, for tests of what a flaky network does.

Put it between a station and a host (``LoopbackProxy(host_port).start()``, then point the
station at ``proxy.url``). Each request that reaches it (the first bytes on a connection,
or the next request on a kept-alive one) is handled with the next mode of ``plan(...)``,
or with ``mode`` once the plan is used up:

* ``pass``  -- forward both ways, like a good network;
* ``drop``  -- close the connection without forwarding anything (a new connection is
  dropped right on accept);
* ``delay`` -- forward the request, hold the host's answer for ``delay`` seconds (longer
  than the station's read timeout), then close: the host acted, the station timed out;
* ``cut``   -- forward the request, wait for the host's answer, throw it away and close:
  the host acted, the station saw the connection drop;
* ``busy`` / ``error`` / ``garbage`` -- answer by itself, without forwarding, with HTTP 429,
  HTTP 502 (like a reverse proxy whose backend died) or a 200 HTML page (a captive portal);
* ``ratelimit`` -- answer by itself with pretix.eu's 429 and ``Retry-After: 3``.

A request whose sender has already hung up by the time the proxy reads it (a station that
timed out while a loaded machine had not yet run the proxy's thread) is dropped without
using a mode: the plan is for the requests the station is still waiting on.

``applied`` counts the modes really applied, so a test can check its faults happened;
``answers`` keeps the start of the last few answers from the host (headers included).
Everything is on 127.0.0.1; every wait is bounded; ``stop()`` joins all threads.
"""

from __future__ import annotations

import collections
import contextlib
import select
import socket
import threading

MODES = ("pass", "drop", "delay", "cut", "busy", "error", "garbage", "ratelimit")
_CHUNK = 65536
_CANNED = {
    "busy": (429, "Too Many Requests", "application/json", b'{"version": 2, "error": "busy"}'),
    "error": (502, "Bad Gateway", "text/html", b"<html><body>502 Bad Gateway</body></html>"),
    "garbage": (200, "OK", "text/html", b"<html><body>Please log in to the Wi-Fi</body></html>"),
    # pretix.eu's rate limit: 429 with Retry-After (seconds, ``RETRY_AFTER``)
    "ratelimit": (429, "Too Many Requests", "application/json", b'{"detail": "Request was throttled."}'),
}
RETRY_AFTER = 3


def _canned_answer(mode: str) -> bytes:
    code, phrase, kind, body = _CANNED[mode]
    head = f"HTTP/1.1 {code} {phrase}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
    if mode == "ratelimit":
        head += f"Retry-After: {RETRY_AFTER}\r\n"
    return (head + "Connection: close\r\n\r\n").encode() + body


class LoopbackProxy:
    """A TCP proxy on a free loopback port in front of ``127.0.0.1:upstream_port``."""

    def __init__(self, upstream_port: int, delay: float = 1.0, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.mode = "pass"
        self.delay = delay
        self.applied: collections.Counter[str] = collections.Counter()
        self.stale = threading.Semaphore(0)  # released once per request dropped because its sender hung up
        self.answers: collections.deque[bytes] = collections.deque(maxlen=20)
        self._plan: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``: use it instead of the host's URL."""
        return f"http://127.0.0.1:{self.port}"

    def plan(self, *modes: str) -> None:
        """Apply these modes, in order, to the next requests; then fall back to ``mode``."""
        for mode in modes:
            if mode not in MODES:
                raise ValueError(f"unknown proxy mode {mode!r}")
        with self._lock:
            self._plan.extend(modes)

    def start(self) -> LoopbackProxy:
        """Start accepting connections (returns self)."""
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        """Close every socket and wait for every thread."""
        self._stopping.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in [self._listener, *sockets]:
            _close(sock)
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> LoopbackProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="loopback-proxy")
        self._threads.append(thread)
        thread.start()

    def _next_mode(self, only_if: str | None = None) -> str | None:
        with self._lock:
            upcoming = self._plan[0] if self._plan else self.mode
            if only_if is not None and upcoming != only_if:
                return None
            if self._plan:
                self._plan.popleft()
            self.applied[upcoming] += 1
            return upcoming

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([self._listener], [], [], 0.2)
                if not ready:
                    continue
                conn, _ = self._listener.accept()
            except OSError:
                return
            if self._next_mode(only_if="drop"):
                _close(conn)
                continue
            self._track(conn)
            self._spawn(self._serve, conn)

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _close(client)  # host down: the station sees its connection dropped
            return
        self._track(upstream)
        try:
            with contextlib.suppress(OSError):  # either side went away: that is the point of this proxy
                self._pump(client, upstream)
        finally:
            _close(client)
            _close(upstream)

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        while not self._stopping.is_set():
            ready, _, _ = select.select([client, upstream], [], [], 0.2)
            if client in ready:
                request = client.recv(_CHUNK)
                if not request:
                    return
                rest, gone = _drain(client, idle=0.005)  # the rest of this request, if it came in pieces
                request += rest
                if gone:
                    # The station gave up on this request before the proxy got to it (a late thread on a
                    # loaded machine): it is no request of the current plan, so it uses none of its modes.
                    self.stale.release()
                    return
                mode = self._next_mode()
                if mode == "drop":
                    return
                if mode in _CANNED:
                    client.sendall(_canned_answer(mode))
                    return
                upstream.sendall(request)
                if mode in ("delay", "cut"):
                    answer = _read_answer(upstream, self._stopping)
                    if mode == "delay":
                        self._stopping.wait(self.delay)
                        client.sendall(answer)  # too late: the station gave up already
                    return
            if upstream in ready:
                answer = upstream.recv(_CHUNK)
                if not answer:
                    return
                self.answers.append(answer[:2048])
                client.sendall(answer)


def _drain(sock: socket.socket, idle: float) -> tuple[bytes, bool]:
    """Whatever else arrives on ``sock`` until it has been quiet for ``idle`` seconds, and whether the
    sender has closed its side (it gave up waiting for an answer)."""
    data = b""
    for _ in range(1000):  # bounded: at most ~64 MB
        ready, _, _ = select.select([sock], [], [], idle)
        if not ready:
            return data, False
        try:
            chunk = sock.recv(_CHUNK)
        except OSError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def _read_answer(upstream: socket.socket, stopping: threading.Event, wait: float = 10.0) -> bytes:
    """The host's answer: wait (bounded) for its first bytes, then take the rest."""
    for _ in range(int(wait / 0.1)):
        if stopping.is_set():
            return b""
        ready, _, _ = select.select([upstream], [], [], 0.1)
        if ready:
            first = upstream.recv(_CHUNK)
            return first + (_drain(upstream, idle=0.05)[0] if first else b"")
    return b""


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.close()
