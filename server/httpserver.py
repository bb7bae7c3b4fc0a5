"""The HTTP(S) server under the API: cheroot, hardened against one address holding the host.

cheroot serves the WSGI app from a pool of worker threads; a selector thread accepts connections and
watches idle keep-alive ones. What this module changes, and why:

- **Per-address connection cap** (``per_address_connections``): a connection beyond it is closed as soon
  as it is accepted, which costs the server almost nothing.
- **Per-address worker cap** (``per_address_workers``): at most that many of an address's connections are
  being read or answered at once; the others wait, without a thread, until one of them finishes. So one
  address can never take every worker: the rest stay free for the stations.
- **Nothing waits on a thread before it sends**: a new connection waits in the selector until its first
  bytes arrive (plain cheroot hands it to a worker at once), and the TLS handshake runs on the worker,
  not on the thread that accepts every connection (where cheroot does it).
- **Bounded request time** (``request_timeout``): the request line, headers and body must all arrive within
  that many seconds of the first byte; a byte now and then does not extend it. Then the answer is 408.
- **JSON errors**: what the server answers itself (malformed request line, headers too large, body too
  large, timeout) is the API's error envelope ``{"version": 2, "error", "message"}``, not plain text.
- Its own messages go to the ``server.http`` logger with control characters escaped.
"""

from __future__ import annotations

import _pyio
import errno
import json
import logging
import socket
import ssl
import sys
import threading
import time
from collections import defaultdict, deque
from typing import Any

from cheroot import connections, errors, wsgi
from cheroot import server as cheroot_server
from cheroot.makefile import StreamReader, StreamWriter
from cheroot.ssl.builtin import BuiltinSSLAdapter
from cheroot.workers import threadpool

from server.security import escape_controls

log = logging.getLogger("server.http")

API_VERSION = 2
_MESSAGES = {
    400: ("bad_request", "The request is malformed."),
    404: ("not_found", "No such organizer, event or endpoint."),
    408: ("request_timeout", "The request did not arrive in time."),
    411: ("length_required", "The request needs a Content-Length."),
    413: ("request_entity_too_large", "The request body is too large."),
    414: ("request_uri_too_long", "The request line is too long."),
    417: ("expectation_failed", "The Expect header is not supported."),
    431: ("request_header_fields_too_large", "The request headers are too large."),
    500: ("internal_error", "The server hit an unexpected error; it has been logged."),
    501: ("not_implemented", "This method is not implemented."),
    503: ("service_unavailable", "The server is busy; try again."),
    505: ("http_version_not_supported", "This HTTP version is not supported."),
}


def error_body(status: int) -> bytes:
    """The error envelope for ``status`` as compact JSON bytes."""
    code, message = _MESSAGES.get(status, ("error", "The request cannot be answered."))
    return json.dumps({"version": API_VERSION, "error": code, "message": message},
                      separators=(",", ":")).encode("ascii")


class _DeadlineIO(_pyio.RawIOBase):
    """The reading side of a connection's socket: no read may end after the request's deadline."""

    def __init__(self, sock, conn: _Connection) -> None:
        self._sock = sock
        self._conn = conn

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self._conn.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("timed out")
        sock = self._sock
        normal = self._conn.server.timeout
        if remaining >= normal:
            return sock.recv_into(buffer)
        sock.settimeout(remaining)
        try:
            return sock.recv_into(buffer)
        except ssl.SSLWantReadError:  # pragma: no cover - a non-blocking edge of the ssl module
            raise TimeoutError("timed out") from None
        finally:
            sock.settimeout(normal)


class _Reader(StreamReader):
    """cheroot's buffered reader over ``_DeadlineIO``."""

    def __init__(self, sock, conn: _Connection, bufsize: int) -> None:  # noqa: D107
        _pyio.BufferedReader.__init__(self, _DeadlineIO(sock, conn), bufsize)
        self.bytes_read = 0


class _Request(cheroot_server.HTTPRequest):
    """cheroot's request, answering its own errors with the JSON error envelope."""

    def simple_response(self, status, msg=""):
        """Write an error answer (``status`` like "400 Bad Request") as JSON; cheroot's text is not sent."""
        status = str(status)
        code = int(status[:3])
        if code >= 400:
            self.close_connection = True
        body = error_body(code) if code >= 400 else (msg.encode("latin-1") if isinstance(msg, str) else msg)
        head = (f"{self.server.protocol} {status}\r\nContent-Length: {len(body)}\r\n"
                "Content-Type: application/json\r\nConnection: close\r\n\r\n")
        try:
            self.conn.wfile.write(head.encode("latin-1") + body)
        except OSError as exc:
            if exc.args and exc.args[0] not in errors.socket_errors_to_ignore:
                raise
        self.conn.server.note_error(self.conn, code)


class _Connection(cheroot_server.HTTPConnection):
    """A connection with a per-request deadline, a deferred TLS handshake and per-address accounting."""

    RequestHandlerClass = _Request

    def __init__(self, server, sock, makefile=None) -> None:  # noqa: D107
        self.deadline = float("inf")
        self.fresh = True  # accepted, waiting in the selector for its first bytes
        self.tls_pending = server.ssl_adapter is not None
        self.in_worker = False
        self.counted = False
        super().__init__(server, sock, self._makefile)

    def _makefile(self, sock, mode="r", bufsize=_pyio.DEFAULT_BUFFER_SIZE):
        if "r" in mode:
            return _Reader(sock, self, bufsize)
        return StreamWriter(sock, mode, bufsize)

    def communicate(self) -> bool:
        """Handshake (once, on HTTPS), then read and answer one request within the request timeout."""
        self.deadline = time.monotonic() + self.server.request_timeout
        try:
            if self.tls_pending and not self._handshake():
                return False
            return super().communicate()
        finally:
            self.deadline = float("inf")

    def _handshake(self) -> bool:
        raw = self.socket
        raw.settimeout(max(0.001, self.deadline - time.monotonic()))
        try:
            first = raw.recv(1, socket.MSG_PEEK)
        except OSError:
            return False
        if first and first.isalpha():
            # A request line ("GET ..."), not a TLS record (0x16): once the ssl module has failed on it
            # the socket is closed, so answer before the handshake.
            self._plain_http_on_https(raw)
            return False
        try:
            sock, env = self.server.ssl_adapter.wrap(raw)
        except errors.NoSSLError:
            return False
        except (errors.FatalSSLAlert, OSError, ValueError) as exc:
            self.server.error_log(f"TLS handshake with {self.remote_addr} failed: {exc}", level=logging.DEBUG)
            return False
        sock.settimeout(self.server.timeout)
        self.socket = sock
        self.rfile = self._makefile(sock, "rb", self.rbufsize)
        self.wfile = self._makefile(sock, "wb", self.wbufsize)
        self.ssl_env = env
        self.tls_pending = False
        return True

    def _plain_http_on_https(self, raw) -> None:
        # The client spoke plain HTTP to the HTTPS port (a station set up for http://, or a browser).
        body = json.dumps({
            "version": API_VERSION, "error": "https_required",
            "message": "This server only speaks HTTPS on this port: use an https:// URL (scan its new setup code).",
        }, separators=(",", ":")).encode("ascii")
        head = (f"HTTP/1.1 400 Bad Request\r\nContent-Length: {len(body)}\r\n"
                "Content-Type: application/json\r\nConnection: close\r\n\r\n").encode("ascii")
        try:
            raw.settimeout(1.0)
            raw.sendall(head + body)
            raw.shutdown(socket.SHUT_WR)
            # Read what the client sent (up to a little) so closing does not reset the answer away.
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline and raw.recv(65536):
                pass
        except OSError:
            pass
        self.server.note_error(self, 400)

    def close(self) -> None:
        """Close the socket and give back the address's connection slot (once)."""
        try:
            super().close()
        except OSError:
            pass  # a socket the failed TLS handshake already closed, or the peer already reset
        finally:
            self.server.forget(self)


def _raise_file_limit() -> None:
    # Each connection is a file descriptor; a soft limit of 1024 (common) would run out long before the
    # per-address caps matter with many addresses.
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):  # pragma: no cover - a container that forbids it
            pass


class _ThreadPool(threadpool.ThreadPool):
    """cheroot's pool with daemon worker threads: a forgotten server never keeps the process alive."""

    def _spawn_worker(self):
        worker = threadpool.WorkerThread(self.server)
        worker.name = f"http-worker-{worker.name}"
        worker.daemon = True
        worker.start()
        return worker


class _Connections(connections.ConnectionManager):
    """cheroot's connection manager: accepts without handshaking, caps connections per address."""

    def _from_server_socket(self, server_socket):
        try:
            sock, addr = server_socket.accept()
        except OSError as exc:
            if exc.errno in (errno.EMFILE, errno.ENFILE):
                # Out of file descriptors: the connection stays queued and the socket readable, so pause
                # instead of spinning; connections closing (expiry, the request deadline) make room.
                self.server.error_log("Out of file descriptors: not accepting connections for a moment",
                                      level=logging.WARNING)
                time.sleep(0.1)
            return None  # a connection that went away before accept, or the socket closing at stop
        server: HardenedServer = self.server
        address = addr[0] if isinstance(addr, tuple) and addr else "-"
        if not server.admit(address):
            try:
                sock.close()
            except OSError:  # pragma: no cover
                pass
            return None
        connections.prevent_socket_inheritance(sock)
        sock.settimeout(server.timeout)
        conn = server.ConnectionClass(server, sock)
        conn.remote_addr, conn.remote_port = address, (addr[1] if isinstance(addr, tuple) and len(addr) > 1 else 0)
        conn.ssl_env = {}
        conn.counted = True
        return conn

    def _expire(self, threshold):
        # Idle keep-alive connections are closed after idle_timeout (cheroot uses the socket timeout).
        super()._expire(time.time() - self.server.idle_timeout)


class HardenedServer(wsgi.Server):
    """cheroot's WSGI server with the limits described in the module docstring."""

    ConnectionClass = _Connection

    def __init__(
        self,
        bind_addr: tuple[str, int],
        app: Any,
        *,
        threads: int = 8,
        certificate: tuple[str, str] | None = None,
        request_timeout: float = 10.0,
        idle_timeout: float = 120.0,
        per_address_connections: int = 64,
        per_address_workers: int | None = None,
        max_header_bytes: int = 16 * 1024,
        max_body_bytes: int = 1024 * 1024,
    ) -> None:
        super().__init__(bind_addr, app, numthreads=threads, server_name="checkin-kiosk",
                         request_queue_size=1024, timeout=30, shutdown_timeout=5)  # fmt: skip
        self.requests = _ThreadPool(self, min=threads, max=threads)
        self.request_timeout = request_timeout
        self.idle_timeout = idle_timeout
        self.per_address_connections = per_address_connections
        # All but two: one address (a NAT, a load test) may use most of the pool, and two workers always stay
        # for everyone else (a station's request takes milliseconds).
        self.per_address_workers = per_address_workers or max(1, threads - 2)
        self.max_request_header_size = max_header_bytes
        self.max_request_body_size = max_body_bytes
        self.expiration_interval = 0.25
        self.version = "checkin-kiosk"
        self.software = "checkin-kiosk"
        if certificate is not None:
            adapter = BuiltinSSLAdapter(str(certificate[0]), str(certificate[1]))
            adapter.context.minimum_version = ssl.TLSVersion.TLSv1_2
            self.ssl_adapter = adapter
        self._lock = threading.Lock()
        self._open: defaultdict[str, int] = defaultdict(int)
        self._busy: defaultdict[str, int] = defaultdict(int)
        self._waiting: defaultdict[str, deque] = defaultdict(deque)
        self.refused = 0  # connections closed at once for their address's cap (tests, diagnostics)
        self.bind_error: OSError | None = None

    # -- binding -------------------------------------------------------------------------------

    @classmethod
    def prepare_socket(cls, bind_addr, family, type, proto, nodelay, ssl_adapter, reuse_port=False):
        """cheroot's socket, with SO_REUSEADDR also on port 0 (cheroot leaves it off there).

        Connections accepted on a socket without it keep its port from a new server (a host restarted
        on the port it was given the first time) until they have left TIME_WAIT, a minute later.
        """
        sock = super().prepare_socket(bind_addr, family, type, proto, nodelay, ssl_adapter, reuse_port)
        if sys.platform != "win32":  # Windows' SO_REUSEADDR would let another program take the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        return sock

    def bind(self, family, type, proto=0):
        """Bind as cheroot does, keeping the original error (cheroot reduces it to a message)."""
        try:
            return super().bind(family, type, proto)
        except OSError as exc:
            self.bind_error = exc
            raise

    def prepare(self):
        """Bind and listen (with as many file descriptors as the system allows); then use our connection manager."""
        _raise_file_limit()
        super().prepare()
        self._connections = _Connections(self)

    # -- per-address accounting ------------------------------------------------------------------

    def admit(self, address: str) -> bool:
        """Count a new connection from ``address``; False (refuse it) if the address is at its cap."""
        with self._lock:
            if self._open[address] >= self.per_address_connections:
                self.refused += 1
                return False
            self._open[address] += 1
            return True

    def forget(self, conn: _Connection) -> None:
        """A connection closed: give back its slots, and start a waiting one of the same address."""
        address = conn.remote_addr
        with self._lock:
            if conn.counted:
                conn.counted = False
                left = self._open[address] - 1
                if left > 0:
                    self._open[address] = left
                else:
                    self._open.pop(address, None)
            follow = self._release(conn)
        if follow is not None:
            super().process_conn(follow)

    def _release(self, conn: _Connection) -> _Connection | None:
        # Under self._lock: the connection leaves its worker; returns a waiting one to start instead.
        if not conn.in_worker:
            return None
        conn.in_worker = False
        address = conn.remote_addr
        waiting = self._waiting.get(address)
        if waiting:
            follow = waiting.popleft()
            if not waiting:
                del self._waiting[address]
            follow.in_worker = True
            return follow
        left = self._busy[address] - 1
        if left > 0:
            self._busy[address] = left
        else:
            self._busy.pop(address, None)
        return None

    def process_conn(self, conn: _Connection) -> None:
        """A readable connection: start it on a worker, or let it wait if its address has its share."""
        if conn.fresh:
            conn.fresh = False
            self._connections.put(conn)  # wait (threadless) for its first bytes
            return
        with self._lock:
            address = conn.remote_addr
            if self._busy[address] >= self.per_address_workers:
                self._waiting[address].append(conn)
                return
            self._busy[address] += 1
            conn.in_worker = True
        super().process_conn(conn)

    def put_conn(self, conn: _Connection) -> None:
        """A worker finished a request and keeps the connection: back to the selector, next one of its address."""
        with self._lock:
            follow = self._release(conn)
        super().put_conn(conn)
        if follow is not None:
            super().process_conn(follow)

    def open_connections(self, address: str) -> int:
        """How many connections ``address`` has open now."""
        with self._lock:
            return self._open.get(address, 0)

    # -- logging ---------------------------------------------------------------------------------

    def note_error(self, conn: _Connection, status: int) -> None:
        """A request the server answered itself (the app never saw it): one escaped debug line."""
        log.debug("%s answered %d without the app", escape_controls(str(conn.remote_addr)), status)

    def error_log(self, msg="", level=20, traceback=False):
        """cheroot's messages on ``server.http``, control characters escaped; routine ones at debug level."""
        text = escape_controls(str(msg))
        if level <= logging.INFO:
            log.debug("%s", text)
        else:
            log.log(level, "%s", text, exc_info=traceback)

    # -- stopping --------------------------------------------------------------------------------

    def stop(self):
        """Stop at once: wake the selector (cheroot waits for its next timeout), then stop as cheroot does."""
        connections_ = getattr(self, "_connections", None)
        if connections_ is not None and self.ready:
            connections_._stop_requested = True
            try:
                host, port = self.socket.getsockname()[:2]
                host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
                with socket.create_connection((host, port), timeout=1.0):
                    pass
            except OSError:
                pass
        with self._lock:
            waiting = [conn for queue in self._waiting.values() for conn in queue]
            self._waiting.clear()
        for conn in waiting:
            conn.close()
        super().stop()
