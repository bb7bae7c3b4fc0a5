"""Serving the app over HTTPS (or plain HTTP on request): ``serve`` (blocking, the CLI) and ``BackgroundServer``.

The server is cheroot, hardened in ``server.httpserver``; the certificate comes from ``server.tls``.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import signal
import socket
import sys
import threading
from typing import Any

from server.app import create_app
from server.httpserver import HardenedServer
from server.state import server_state
from server.tls import CertInfo

log = logging.getLogger(__name__)

# The server answers bodies above this itself (JSON 413) without reading them;
# bodies between the app's MAX_CONTENT_LENGTH and this get the app's own JSON 413.
MAX_BODY = 1024 * 1024
INSECURE_WARNING = ("Serving plain HTTP on {address}, beyond this computer: anyone on the network can read "
                    "station keys and the guest list. Use it only for clients that cannot pin a certificate.")


class PortInUse(Exception):
    """The address cannot be bound (port taken, privileged, or not an address of this machine).

    The message says so plainly and what to do.
    """


def _one_address(host: str) -> str:
    # A name such as "localhost" resolves to several addresses (::1 and 127.0.0.1);
    # we serve on one, IPv4 first, so there is one port to report.
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise PortInUse(f"{host} is not an address of this machine. Choose another address.") from exc
    infos.sort(key=lambda info: info[0] != socket.AF_INET)
    return infos[0][4][0]


def beyond_this_computer(host: str) -> bool:
    """Whether a server bound to ``host`` can be reached from other machines (not a loopback address)."""
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host != "localhost"


def _create_server(app, host: str, port: int, threads: int, tls: CertInfo | None,
                   options: dict[str, Any]) -> HardenedServer:  # fmt: skip
    address = _one_address(host)
    certificate = (str(tls.cert_path), str(tls.key_path)) if tls is not None else None
    server = HardenedServer((address, port), app, threads=threads, certificate=certificate,
                            max_body_bytes=MAX_BODY, **options)  # fmt: skip
    try:
        server.prepare()
    except OSError as exc:
        cause = server.bind_error or exc
        number = getattr(cause, "errno", None)
        if number == errno.EADDRINUSE:
            raise PortInUse(f"Port {port} on {host} is already in use. Choose another with --port.") from cause
        if number == errno.EACCES:
            raise PortInUse(f"Port {port} on {host} needs special rights. Choose one above 1023 with --port.") \
                from cause
        if number == errno.EADDRNOTAVAIL:
            raise PortInUse(f"{host} is not an address of this machine. Choose another address.") from cause
        raise cause from None
    return server


def _url(host: str, port: int, tls: bool = False) -> str:
    scheme = "https" if tls else "http"
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def _announce(url: str, host: str, tls: CertInfo | None) -> None:
    log.info("Listening on %s", url)
    if tls is not None:
        log.info("Certificate fingerprint (SHA-256): %s", tls.fingerprint)
    elif beyond_this_computer(host):
        log.warning(INSECURE_WARNING.format(address=url))


class _Stop(KeyboardInterrupt):
    """Raised by the SIGTERM handler, like Ctrl-C."""


def serve(
    database_url: str, host: str = "127.0.0.1", port: int = 8000, threads: int = 8, config: dict | None = None,
    tls: CertInfo | None = None, options: dict[str, Any] | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT, then return normally (exit code 0). Raises ``PortInUse``.

    ``tls`` None serves plain HTTP. Logs "Listening on https://host:port" once bound (port 0 picks a
    free port), the certificate's fingerprint, or a warning for plain HTTP beyond this computer.
    ``options`` go to ``HardenedServer`` (limits).
    """
    app = create_app({"DATABASE_URL": database_url, **(config or {})})
    try:
        server = _create_server(app, host, port, threads, tls, dict(options or {}))
    except BaseException:
        server_state(app).close()
        raise
    url = _url(host, int(server.bind_addr[1]), tls is not None)
    _announce(url, host, tls)
    if not logging.getLogger().handlers and not log.handlers:
        print(f"Listening on {url}", file=sys.stderr, flush=True)

    def _terminate(_signum, _frame):
        raise _Stop()

    # SIGINT too, explicitly: a process started in the background by a shell inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt for it.
    previous = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        server.stop()
        server_state(app).close()
        log.info("Server on %s stopped", url)


class BackgroundServer:
    """The API on a daemon thread (host mode and tests): ``start()``, ``url``, ``port``, ``stop()``.

    ``tls`` (a ``server.tls.CertInfo``) serves HTTPS with that certificate; None serves plain HTTP
    (``insecure`` is then True, and a warning is logged if it listens beyond this computer).
    ``config`` entries are passed to ``create_app`` (for example ``BAD_KEY_LIMIT``); ``options`` to
    ``HardenedServer`` (for example ``per_address_connections``, ``request_timeout``).
    """

    def __init__(
        self,
        database_url: str,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
        config: dict[str, Any] | None = None,
        tls: CertInfo | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.database_url = database_url
        self.host = host
        self.requested_port = port
        self.threads = threads
        self.config = dict(config or {})
        self.tls = tls
        self.options = dict(options or {})
        self._app = None
        self._server: HardenedServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        """The bound port (the chosen one when started with port 0)."""
        if self._port is None:
            raise RuntimeError("BackgroundServer is not started")
        return self._port

    @property
    def url(self) -> str:
        """``https://host:port`` (``http://`` when insecure) without a trailing slash."""
        return _url(self.host, self.port, self.tls is not None)

    @property
    def insecure(self) -> bool:
        """Whether it serves plain HTTP."""
        return self.tls is None

    @property
    def fingerprint(self) -> str | None:
        """The served certificate's SHA-256 fingerprint (64 lowercase hex digits), None for plain HTTP."""
        return self.tls.fingerprint if self.tls is not None else None

    @property
    def http_server(self) -> HardenedServer:
        """The running server (tests read its counters)."""
        if self._server is None:
            raise RuntimeError("BackgroundServer is not started")
        return self._server

    def start(self) -> BackgroundServer:
        """Open the database, bind the port and serve on a daemon thread; raises ``PortInUse``."""
        self._app = create_app({"DATABASE_URL": self.database_url, **self.config})
        try:
            self._server = _create_server(self._app, self.host, self.requested_port, self.threads, self.tls,
                                          self.options)
        except BaseException:
            server_state(self._app).close()
            raise
        self._port = int(self._server.bind_addr[1])
        self._thread = threading.Thread(target=self._serve, name=f"http-server:{self.port}", daemon=True)
        self._thread.start()
        _announce(self.url, self.host, self.tls)
        return self

    def _serve(self) -> None:
        server = self._server
        try:
            server.serve()
        except Exception:  # pragma: no cover - logged; the server is then stopped
            log.exception("The server on %s stopped after an unexpected error", self.url)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish in-flight requests, close every socket, and join the serving thread."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown_timeout = timeout
        server.stop()
        thread.join(timeout)
        server_state(self._app).close()
        self._server = None
        self._thread = None
        log.info("Server on %s stopped", self.url)

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
