"""Real hosts for station tests.

``Host``: a seeded SQLite database served by an in-process BackgroundServer that can be
stopped (an outage: the port refuses connections) and started again on the same port.
``HostProcess``: ``checkin-server serve`` in its own process, for SIGKILL tests.

Both serve HTTPS with a certificate of their own, as hosts do, and stations pin it
(``cert_sha256``). A TCP proxy in front (tests/support/proxy.py) passes TLS through
untouched: ``base_url(via=proxy.url)`` names it with https. ``Host(tls=False)`` serves plain
HTTP, for the tests whose proxy answers by itself (429, 502, a captive portal's page): those
answers cannot be forged into a TLS connection.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import io
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import select

from kiosk.client import PretixdroidClient
from server.db import open_database
from server.schema import checkins, positions
from server.serving import BackgroundServer
from server.tls import ensure_certificate
from tests.support.factories import EventSeed

# Tickets that ``seed_refused_tickets`` makes, each refused for another reason, and an unknown one.
REFUSED = ("PEND-1", "GONE-c", "GONE-e", "GONE-r", "SHIRT-1", "NOT-A-TICKET")


def seed_refused_tickets(seed: EventSeed) -> str:
    """Tickets a product-limited list refuses (pending, canceled, expired, refunded, another product).

    Returns a key on that list, which admits the default product only, and not pending orders.
    """
    seed.ticket("PEND-1", status="n")
    for status in "cer":
        seed.ticket(f"GONE-{status}", status=status)
    seed.ticket("SHIRT-1", product=seed.product("T-Shirt"))
    return seed.key(seed.checkin_list("Tickets only", products=[seed.default_product]))


def _without_full(wsgi_app: Callable) -> Callable:
    """``wsgi_app`` behind a filter that drops ``full`` from every query string."""

    def app(environ: dict[str, Any], start_response: Callable) -> Any:
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        environ["QUERY_STRING"] = urlencode([(name, value) for name, value in query if name != "full"])
        return wsgi_app(environ, start_response)

    return app


_CERT: list = []


def shared_certificate():
    """The hosts' certificate (``server.tls.CertInfo``): made once per test session, in a throwaway directory."""
    if not _CERT:
        directory = Path(tempfile.mkdtemp(prefix="checkin-test-cert-"))
        atexit.register(shutil.rmtree, directory, True)
        _CERT.append(ensure_certificate(directory))
    return _CERT[0]


class Host:
    """``seed`` (acme/conf, see factories), ``url``, ``base_url`` for a station; ``stop``/``start``.

    ``plain_download``: serve like a pretixdroid server without our stations' extension of
    ``download`` (it never sees ``full``).
    """

    def __init__(self, database_url: str, plain_download: bool = False, tls: bool = True) -> None:
        self.database_url = database_url
        self.plain_download = plain_download
        self.engine = open_database(database_url)
        self.seed = EventSeed(self.engine)
        self.server: BackgroundServer | None = None
        self.port = 0
        self.cert = shared_certificate() if tls else None

    @property
    def cert_sha256(self) -> str:
        """The fingerprint stations pin ("" for a plain-HTTP host)."""
        return self.cert.fingerprint if self.cert is not None else ""

    def start(self) -> Host:
        """Serve (again) on the same port."""
        self.server = BackgroundServer(self.database_url, port=self.port, tls=self.cert).start()
        self.port = self.server.port
        if self.plain_download:  # middleware the Flask way, on the app the server runs
            app = self.server._app
            app.wsgi_app = _without_full(app.wsgi_app)  # type: ignore[union-attr]
        return self

    def stop(self) -> None:
        """Stop serving: connections to the port are refused until ``start``."""
        if self.server is not None:
            self.server.stop()
            self.server = None

    @property
    def url(self) -> str:
        """``https://127.0.0.1:<port>`` (``http://`` for a plain-HTTP host)."""
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}"

    def base_url(self, via: str | None = None) -> str:
        """The station's API base URL (through ``via``, e.g. a TCP proxy's URL, if given: https for a TLS host)."""
        root = self.url if via is None else (via.replace("http://", "https://", 1) if self.cert else via)
        return f"{root}/pretixdroid/api/{self.seed.organizer}/{self.seed.event}/"

    def setup(self, key: str, via: str | None = None) -> dict[str, str]:
        """A station setup (url, key, cert_sha256) for ``key``."""
        return {"url": self.base_url(via), "key": key, "cert_sha256": self.cert_sha256}

    def client(self, key: str, via: str | None = None, **timeouts: float) -> PretixdroidClient:
        """A station's client for ``key``, pinned to this host's certificate."""
        return PretixdroidClient(self.base_url(via), key, cert_sha256=self.cert_sha256, **timeouts)

    def checkins_of(self, secret: str) -> list[dict[str, Any]]:
        """Every stored check-in row of ``secret`` (any list), oldest first, datetimes as aware UTC."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(checkins)
                .join(positions, positions.c.id == checkins.c.position_id)
                .where(positions.c.secret == secret, positions.c.event_id == self.seed.event_id)
                .order_by(checkins.c.id)
            ).mappings()
            out = [dict(row) for row in rows]
        for row in out:
            row["datetime"] = row["datetime"].replace(tzinfo=UTC)
        return out

    def close(self) -> None:
        """Stop and release the database."""
        self.stop()
        self.engine.dispose()


ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def checkin_server(data_dir: Path, *args: str, timeout: float = 60) -> str:
    """Run one ``checkin-server`` command on ``data_dir``; returns its stdout (fails the test on error)."""
    result = subprocess.run(
        [sys.executable, "-m", "server", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class HostProcess:
    """``checkin-server serve`` as a separate process on a fixed port: start, SIGKILL, start again."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """``https://127.0.0.1:<port>`` (it serves HTTPS with the certificate in its data directory)."""
        return f"https://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> HostProcess:
        """Start serving and wait (bounded) until the port accepts connections."""
        log = open(self.data_dir / "serve.log", "ab")  # the child keeps its own copy of the fd
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "--data-dir", str(self.data_dir), "serve", "--port", str(self.port)],
            stdout=log,
            stderr=log,
            cwd=ROOT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.data_dir / "serve.log").read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return self
            time.sleep(0.05)
        raise AssertionError("the host process did not start listening")

    def freeze(self) -> None:
        """SIGSTOP: the host hangs; its port still accepts connections but nothing answers."""
        if self.process is not None:
            self.process.send_signal(signal.SIGSTOP)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, requests in flight are cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def export(self, org: str = "demo", event: str = "democon") -> list[dict[str, str]]:
        """Every check-in on the host, from ``checkin-server export`` (CSV rows as dicts)."""
        return list(csv.DictReader(io.StringIO(checkin_server(self.data_dir, "export", org, event))))
