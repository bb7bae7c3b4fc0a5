"""HTTP helpers for tests: a raw pretixdroid client and ``serve`` in a child process.

Both are re-exported by tests/support/factories.py.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter


class _PinnedAdapter(HTTPAdapter):
    """Connections that accept exactly the certificate with this SHA-256 fingerprint (checked before sending)."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["assert_fingerprint"] = self.fingerprint
        super().init_poolmanager(*args, **kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # The fingerprint replaces the CA check, whatever verify says (REQUESTS_CA_BUNDLE in the
        # environment wins over Session.verify in requests).
        super().cert_verify(conn, url, False, cert)


def pinned_session(fingerprint: str | None) -> requests.Session:
    """A requests session pinned to ``fingerprint`` (64 hex digits) for https URLs; a plain one for None."""
    session = requests.Session()
    if fingerprint:
        session.mount("https://", _PinnedAdapter(fingerprint))
    return session


class _ClientKey:
    def __repr__(self) -> str:
        return "CLIENT_KEY"


CLIENT_KEY: Any = _ClientKey()  # default for ``key=``: the client's own key


class Pretixdroid:
    """A deliberately raw HTTP client for tests: returns ``requests.Response`` so tests see everything.

    Every method takes ``key=``: omitted = the client's key, None = no key parameter at all,
    any string = that key (even "").
    """

    def __init__(self, base_url: str, organizer: str, event: str, key: str | None, timeout: float = 15.0,
                 cert_sha256: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.organizer = organizer
        self.event = event
        self.key = key
        self.timeout = timeout
        self.session = pinned_session(cert_sha256)  # an https host: pinned to its certificate

    def url(self, endpoint: str, organizer: str | None = None, event: str | None = None) -> str:
        """The URL of ``endpoint`` (redeem, search, download, status) with its trailing slash."""
        return f"{self.base_url}/pretixdroid/api/{organizer or self.organizer}/{event or self.event}/{endpoint}/"

    def request(self, method: str, endpoint: str, key: str | None = CLIENT_KEY, params: dict | None = None,
                **kwargs: Any) -> requests.Response:
        """Any request to ``endpoint`` of the client's event."""
        params = dict(params or {})
        key = self.key if key is CLIENT_KEY else key
        if key is not None:
            params["key"] = key
        kwargs.setdefault("timeout", self.timeout)
        return self.session.request(method, self.url(endpoint), params=params, **kwargs)

    def redeem(self, secret: str | None, key: str | None = CLIENT_KEY, **form: Any) -> requests.Response:
        """POST redeem/ with ``secret`` and other form fields (nonce, force, datetime, ignore_unpaid)."""
        if secret is not None:
            form["secret"] = secret
        return self.request("POST", "redeem", key, data=form)

    def search(self, query: str, key: str | None = CLIENT_KEY) -> requests.Response:
        """GET search/?query=..."""
        return self.request("GET", "search", key, params={"query": query})

    def download(self, key: str | None = CLIENT_KEY, **kwargs: Any) -> requests.Response:
        """GET download/."""
        return self.request("GET", "download", key, **kwargs)

    def status(self, key: str | None = CLIENT_KEY) -> requests.Response:
        """GET status/."""
        return self.request("GET", "status", key)

    def close(self) -> None:
        """Close the keep-alive connections."""
        self.session.close()


_ROOT = Path(__file__).resolve().parents[2]
_LISTENING = re.compile(r"Listening on (http://\S+)")
_SERVE = (
    "import logging, sys; logging.basicConfig(level=logging.INFO, stream=sys.stderr); "
    "from server.serving import serve; serve(sys.argv[1], port=0, threads=4)"
)


class ServerProcess:
    """``serving.serve`` in a child process (``python -c``), on a port it picks and reports."""

    def __init__(self, database_url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, database_url],
            cwd=_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.url = self._wait_for_url()
        # Keep draining stderr so the child never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _wait_for_url(self) -> str:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            match = _LISTENING.search(line)
            if match:
                return match.group(1)
        raise AssertionError("server process exited before listening:\n" + "".join(self.lines))

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def stop(self) -> int:
        """SIGTERM, then the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
