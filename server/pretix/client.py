"""One HTTP client for pretix's REST API: a shared request budget, uploads first, Retry-After, clear errors.

Every request of this process to pretix takes a token from one ``Budget`` (about 4.5 requests
a second by default, ``CHECKIN_PRETIX_RATE``), so ten busy stations stay under pretix.eu's 360
requests a minute per device. Uploads (priority 0) are served before pulls (priority 1). A 429
or 409 with ``Retry-After`` holds back every request to that pretix for that long. Errors
become ``server.pretix.errors`` exceptions with one line that never contains a credential.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from server import __version__
from server.pretix.errors import AuthFailed, ConfigProblem, DeviceRevoked, PretixError, Unreachable

log = logging.getLogger("server.pretix")

SOFTWARE_BRAND = "checkin-kiosk"  # never "pretixscan...": pretix keys compatibility hacks on that
DEFAULT_RATE = float(os.environ.get("CHECKIN_PRETIX_RATE", "4.5"))
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
UPLOAD, PULL = 0, 1  # priorities


class Budget:
    """A token bucket shared by every request to pretix from this process; lower priority numbers go first."""

    def __init__(self, rate: float = DEFAULT_RATE, burst: float = 5.0) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._stamp = time.monotonic()
        self._blocked_until = 0.0
        self._waiting = [0, 0]
        self._cond = threading.Condition()
        self.requests = 0

    def hold(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (a Retry-After)."""
        with self._cond:
            self._blocked_until = max(self._blocked_until, time.monotonic() + seconds)

    def take(self, priority: int = PULL, deadline: float | None = None) -> None:
        """Wait for a token (uploads before pulls); raises ``Unreachable`` if ``deadline`` (monotonic) passes."""
        with self._cond:
            self._waiting[priority] += 1
            try:
                while True:
                    now = time.monotonic()
                    self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
                    self._stamp = now
                    wait = max(self._blocked_until - now, 0.0)
                    if not wait and (priority == UPLOAD or not self._waiting[UPLOAD]) and self._tokens >= 1:
                        self._tokens -= 1
                        self.requests += 1
                        return
                    if not wait:
                        wait = max((1 - self._tokens) / self.rate, 0.01)
                    if deadline is not None and now + wait > deadline:
                        raise Unreachable("pretix asked us to wait (rate limit); trying again later",
                                          retry_after=max(self._blocked_until - now, 1.0))
                    self._cond.wait(min(wait, 0.5))
            finally:
                self._waiting[priority] -= 1
                self._cond.notify_all()


_budgets: dict[str, Budget] = {}
_budgets_guard = threading.Lock()


def budget_for(url: str) -> Budget:
    """The process-wide budget of one pretix server (by scheme and host)."""
    parts = urlsplit(url)
    with _budgets_guard:
        return _budgets.setdefault(f"{parts.scheme}://{parts.netloc}", Budget())


@dataclass
class Response:
    status: int
    data: Any
    headers: Any


def retry_after(headers: Any, default: float) -> float:
    """Seconds from a Retry-After header (numbers only; pretix sends seconds), else ``default``."""
    try:
        return max(float(headers.get("Retry-After")), 0.0)
    except (TypeError, ValueError):
        return default


def short(detail: Any) -> str:
    """pretix's error body in a few words for a message line."""
    if isinstance(detail, dict):
        if "detail" in detail:
            return str(detail["detail"])[:200]
        parts = []
        for key, value in detail.items():
            text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key}: {text}")
        return ", ".join(parts)[:200]
    return str(detail)[:200]


class PretixClient:
    """Requests to one pretix server with one credential (device or team token); thread-safe."""

    def __init__(self, url: str, *, device_token: str | None = None, api_token: str | None = None,
                 budget: Budget | None = None, max_wait: float = 20.0) -> None:
        self.url = url.rstrip("/")
        self._auth = (f"Device {device_token}" if device_token else f"Token {api_token}") if (
            device_token or api_token) else None
        self.budget = budget or budget_for(self.url)
        self.max_wait = max_wait
        self._session = requests.Session()
        self._session.headers["User-Agent"] = f"{SOFTWARE_BRAND}/{__version__}"
        self.requests = 0  # requests this client sent

    def __repr__(self) -> str:  # never the token
        return f"PretixClient({self.url!r})"

    def close(self) -> None:
        self._session.close()

    def absolute(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.url}/api/v1/{path.lstrip('/')}"

    def request(self, method: str, path: str, *, json: Any = None, params: Any = None,
                headers: dict[str, str] | None = None, priority: int = PULL) -> Response:
        """One request; returns 2xx/304/400/404 answers, raises for the rest (see the module docstring)."""
        url = self.absolute(path)
        self.budget.take(priority, deadline=time.monotonic() + self.max_wait)
        sent = dict(headers or {})
        if self._auth:
            sent["Authorization"] = self._auth
        self.requests += 1
        try:
            answer = self._session.request(method, url, json=json, params=params, headers=sent,
                                           timeout=(CONNECT_TIMEOUT, READ_TIMEOUT), allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise PretixError(f"TLS error talking to {self.url}: check the URL and the server's certificate "
                              f"({type(exc.__cause__ or exc).__name__})") from None
        except requests.RequestException as exc:
            raise Unreachable(f"pretix at {self.url} is unreachable ({type(exc).__name__})") from None
        status = answer.status_code
        try:
            data = answer.json() if answer.content else None
        except ValueError:
            data = None
        if status in (429, 409):
            wait = retry_after(answer.headers, 5.0)
            self.budget.hold(wait)
            log.info("pretix answered %s: waiting %.0f s as asked", status, wait)
            raise Unreachable(f"pretix asked us to slow down (HTTP {status}); retrying in {wait:.0f} s",
                              retry_after=wait)
        if status >= 500:
            raise Unreachable(f"pretix at {self.url} answered HTTP {status}; retrying",
                              retry_after=retry_after(answer.headers, 0) or None)
        if status == 401:
            detail = short(data) if data is not None else "not authorised"
            if "revoked" in detail.lower():
                raise DeviceRevoked("pretix has revoked this device: syncing stopped, nothing waiting was "
                                    "deleted; connect again with a new device from Organizer -> Devices")
            raise AuthFailed(f"pretix does not accept our credentials ({detail}): connect again")
        if status == 403:
            raise ConfigProblem(f"pretix refuses access ({short(data) if data else 'forbidden'}): give the device "
                                "or team access to this event (Organizer -> Devices / Teams)")
        if data is None and status not in (304, 204) and status < 300:
            raise PretixError(f"{self.url} did not answer like pretix (HTTP {status}, no JSON): check the URL")
        if status in (301, 302, 303, 307, 308):
            raise PretixError(f"{self.url} redirects (HTTP {status}): use the URL it redirects to")
        if 300 < status < 400 and status != 304:
            raise PretixError(f"{self.url} answered HTTP {status}: check the URL")
        if status == 404 and not isinstance(data, dict):
            raise PretixError(f"{url.split('?')[0]} was not found (HTTP 404): check the pretix URL")
        return Response(status, data, answer.headers)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def get_all(self, path: str, params: Any = None, on_page=None) -> list[dict]:
        """Every result of a paginated list, following ``next``; ``on_page(response)`` per page."""
        results: list[dict] = []
        url: str | None = path
        first = True
        while url:
            answer = self.get(url, params=params if first else None)
            if answer.status != 200:
                raise PretixError(f"pretix refused {path.split('?')[0]} (HTTP {answer.status}: {short(answer.data)})")
            first = False
            if on_page is not None:
                on_page(answer)
            results.extend(answer.data.get("results", []))
            url = answer.data.get("next")
        return results
