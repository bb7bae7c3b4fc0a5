"""Serving the app with waitress: ``serve`` (blocking, for the CLI) and ``BackgroundServer`` (host mode, tests)."""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys
import threading
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from server.app import create_app
from server.state import server_state

log = logging.getLogger(__name__)

# Waitress answers bodies above this itself (plain text 413) without buffering them;
# bodies between the app's MAX_CONTENT_LENGTH and this get the app's JSON 413.
WAITRESS_MAX_BODY = 1024 * 1024


class PortInUse(Exception):
    """The address cannot be bound (port taken, privileged, or not an address of this machine).

    The message says so plainly and what to do.
    """


def _one_address(host: str) -> str:
    # waitress listens on every address a name resolves to ("localhost": ::1 and 127.0.0.1)
    # and then has no single port to report; we serve on one, IPv4 first.
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise PortInUse(f"{host} is not an address of this machine. Choose another address.") from exc
    infos.sort(key=lambda info: info[0] != socket.AF_INET)
    return infos[0][4][0]


def _create_server(app, host: str, port: int, threads: int):
    # waitress warns "Task queue depth is N" for every request that waits for a worker thread: with more
    # stations than threads that is normal operation, and it was one log line per request.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        return create_server(
            app,
            host=_one_address(host),
            port=port,
            threads=threads,
            ident="checkin-kiosk",
            max_request_body_size=WAITRESS_MAX_BODY,
            expose_tracebacks=False,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"Port {port} on {host} is already in use. Choose another with --port.") from exc
        if exc.errno == errno.EACCES:
            raise PortInUse(f"Port {port} on {host} needs special rights. Choose one above 1023 with --port.") from exc
        if exc.errno == errno.EADDRNOTAVAIL:
            raise PortInUse(f"{host} is not an address of this machine. Choose another address.") from exc
        raise


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Stop(KeyboardInterrupt):
    """Raised by the SIGTERM handler; waitress's loop treats it like Ctrl-C."""


def serve(
    database_url: str, host: str = "127.0.0.1", port: int = 8000, threads: int = 8, config: dict | None = None
) -> None:
    """Serve until SIGTERM or SIGINT, then return normally (exit code 0). Raises ``PortInUse``.

    Logs "Listening on http://host:port" once bound (port 0 picks a free port).
    """
    app = create_app({"DATABASE_URL": database_url, **(config or {})})
    try:
        server = _create_server(app, host, port, threads)
    except BaseException:
        server_state(app).close()
        raise
    url = _url(host, int(server.effective_port))
    log.info("Listening on %s", url)
    if not logging.getLogger().handlers and not log.handlers:
        print(f"Listening on {url}", file=sys.stderr, flush=True)

    def _terminate(_signum, _frame):
        raise _Stop()

    # SIGINT too, explicitly: a process started in the background by a shell inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt for it.
    previous = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.run()  # returns after SIGINT/SIGTERM, having stopped the worker threads
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        wasyncore.close_all(server._map)
        server_state(app).close()
        log.info("Server on %s stopped", url)


class BackgroundServer:
    """The API on a daemon thread (host mode and tests): ``start()``, ``url``, ``port``, ``stop()``.

    ``config`` entries are passed to ``create_app`` (for example ``BAD_KEY_LIMIT``).
    """

    def __init__(
        self,
        database_url: str,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
        config: dict[str, Any] | None = None,
    ) -> None:
        self.database_url = database_url
        self.host = host
        self.requested_port = port
        self.threads = threads
        self.config = dict(config or {})
        self._app = None
        self._server = None
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
        """``http://host:port`` without a trailing slash."""
        return _url(self.host, self.port)

    def start(self) -> BackgroundServer:
        """Open the database, bind the port and serve on a daemon thread; raises ``PortInUse``."""
        self._app = create_app({"DATABASE_URL": self.database_url, **self.config})
        try:
            self._server = _create_server(self._app, self.host, self.requested_port, self.threads)
        except BaseException:
            server_state(self._app).close()
            raise
        self._port = int(self._server.effective_port)
        self._thread = threading.Thread(target=self._server.run, name=f"waitress:{self.port}", daemon=True)
        self._thread.start()
        log.info("Listening on %s", self.url)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Finish in-flight requests, close every socket, and join the loop thread."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        # Workers first: once they are gone nobody but us pulls the trigger, so closing
        # it cannot race a worker writing to a closed (or reused) pipe descriptor.
        server.task_dispatcher.shutdown(timeout=timeout)
        socket_map = server._map
        try:
            # The thunk runs on the loop's own thread; with an empty socket map the loop returns.
            server.trigger.pull_trigger(lambda: wasyncore.close_all(socket_map))
        except OSError:
            pass  # the loop ran the thunk (closing the trigger) before our wake-up byte was written
        thread.join(timeout)
        if thread.is_alive():  # pragma: no cover - the loop did not wake up; close from here
            wasyncore.close_all(socket_map, ignore_all=True)
            thread.join(timeout)
        server_state(self._app).close()
        self._server = None
        self._thread = None
        log.info("Server on %s stopped", self.url)

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
