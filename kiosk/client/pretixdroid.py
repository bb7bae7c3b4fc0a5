"""PretixdroidClient: the station's side of the pretixdroid HTTP API (see the API doc).

One ``requests.Session`` per client, owned by the one thread that uses it (the network worker;
the offline copy's refresh has its own, ``clone()``). An https host with a pinned certificate
(``cert_sha256``) is reached only if it presents exactly that certificate, checked before
the request with its key goes out (``kiosk.client.pinning``); without a pin, https is
verified against the system's trust store (or ``REQUESTS_CA_BUNDLE``).
Every call has (connect, read) timeouts. Failures become the typed errors of
``kiosk.client.errors`` here and nowhere else; the key is scrubbed from their text and from
urllib3's debug log lines. Pure: no Qt, no Flask.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypedDict

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from kiosk.client.errors import (
    CertificateMismatch,
    CertificateUntrusted,
    EventNotFound,
    HostBusy,
    HostError,
    HostNowEncrypted,
    HostProblem,
    HostTimeout,
    HostUnreachable,
    KeyRejected,
    redact,
)
from kiosk.client.pinning import PinnedAdapter, speaks_tls
from kiosk.settings import OPTIONS_BY_NAME

log = logging.getLogger(__name__)

USER_AGENT = "checkin-kiosk/0.1 (pretixdroid API)"


class TicketData(TypedDict, total=False):
    """A ticket as the API describes it (redeem ``data``, search and download results)."""

    secret: str
    order: str
    item: str
    item_id: int
    variation: str | None
    variation_id: int | None
    attendee_name: str | None
    redeemed: bool
    paid: bool
    checkin_allowed: bool
    attention: bool
    addons_text: str
    # Only in our host's ``download/?full=1``: the order's status letter and list membership.
    order_status: str
    on_list: bool
    # Our host's extensions (redeem, search, download full=1): the list's first check-in
    # ({"datetime": ISO UTC, "station": key name}; a station's copy adds "here": true for its
    # own) or None, and pretix's check-in texts of product, variation and order (one per line).
    first_checkin: dict | None
    checkin_text: str | None


@dataclass(frozen=True)
class Download:
    """A download answer: its JSON text (None: 304, the copy's version is current) and its ETag."""

    body: bytes | None
    etag: str | None


@dataclass(frozen=True)
class RedeemResult:
    """The host's answer to a redeem: ``status`` "ok"/"error", ``reason`` for errors, ticket ``data``."""

    status: str
    reason: str | None
    data: TicketData | None


class _RedactKeyFilter(logging.Filter):
    """Rewrites log records of libraries that print request URLs so ``key=`` is never logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "key=" in message.lower():
            record.msg, record.args = redact(message), None
        return True


_LIBRARY_LOGGERS = ("urllib3.connectionpool", "urllib3.connection", "urllib3.util.retry", "requests")


def install_log_redaction() -> None:
    """Attach the key-redacting filter to the HTTP libraries' loggers (idempotent)."""
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactKeyFilter) for f in logger.filters):
            logger.addFilter(_RedactKeyFilter())


install_log_redaction()


def new_nonce() -> str:
    """A fresh nonce for one check-in attempt (its retries reuse it)."""
    return uuid.uuid4().hex


def format_api_datetime(when: datetime) -> str:
    """``when`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC (naive values are taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _not_sent(exc: requests.ConnectionError) -> bool:
    """Whether a connection error happened before the request could reach the host."""
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


class PretixdroidClient:
    """Talks to one event's pretixdroid API at ``base_url`` with ``key``; not thread-safe."""

    def __init__(
        self,
        base_url: str,
        key: str,
        connect_timeout: float = OPTIONS_BY_NAME["connect_timeout"].default,
        read_timeout: float = OPTIONS_BY_NAME["read_timeout"].default,
        cert_sha256: str = "",
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._key = key
        self.timeout = (connect_timeout, read_timeout)
        #: the pinned certificate fingerprint ("" = none: ordinary verification for https)
        self.cert_sha256 = cert_sha256 if self.encrypted else ""
        self._session = requests.Session()
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        if self.cert_sha256:
            # Only this certificate, checked after the handshake and before the request (and its key) goes out.
            self._session.mount("https://", PinnedAdapter(self.cert_sha256))

    def __repr__(self) -> str:
        return f"PretixdroidClient({self.base_url!r}, key=***)"

    @property
    def encrypted(self) -> bool:
        """Whether requests go over TLS (an https URL)."""
        return self.base_url.lower().startswith("https://")

    def close(self) -> None:
        """Close pooled connections; the client must not be used afterwards."""
        self._session.close()

    # -- API calls ---------------------------------------------------------------------------

    def redeem(
        self,
        secret: str,
        nonce: str,
        when: datetime | None = None,
        force: bool = False,
        ignore_unpaid: bool = False,
    ) -> RedeemResult:
        """Redeem ``secret``; one retry with the same nonce after a timeout or a dropped connection."""
        form = {
            "secret": secret,
            "nonce": nonce,
            "datetime": format_api_datetime(when or datetime.now(UTC)),
            "questions_supported": "false",
        }
        if force:
            form["force"] = "true"
        if ignore_unpaid:
            form["ignore_unpaid"] = "true"
        try:
            body = self._call("POST", "redeem", data=form)
        except (HostTimeout, HostUnreachable) as exc:
            if isinstance(exc, HostUnreachable) and not exc.request_sent:
                raise
            # The host may have stored the check-in and lost only the answer: the same
            # nonce makes the retry return that check-in's "ok", never "already_redeemed".
            log.info("redeem retried once with the same nonce after: %s", exc.detail)
            body = self._call("POST", "redeem", data=form)
        status = body.get("status")
        if status not in ("ok", "error"):
            raise HostError("redeem answer without a valid status", status=None)
        data = body.get("data")
        return RedeemResult(
            status=status, reason=body.get("reason"), data=data if isinstance(data, dict) else None
        )

    def search(self, query: str) -> list[TicketData]:
        """Tickets matching ``query`` (the host returns nothing for fewer than 4 characters)."""
        return self._results(self._call("GET", "search", params={"query": query}))

    def download(self, full: bool = True) -> list[TicketData]:
        """The tickets for the offline copy (gzip-compressed on the wire); see ``download_body``."""
        return self._results(self._call("GET", "download", **self._download_request(full)))

    def download_body(self, full: bool = True) -> bytes:
        """The download answer's JSON text, unparsed (gzip-compressed on the wire).

        ``full``: ask our host for every active ticket with its ``order_status`` and ``on_list``,
        and the list's ``include_pending`` (an extension only our stations use; another
        server ignores it and lists what a station may admit). For a station that parses it
        in steps (``kiosk.offline.refresh``): parsing 100,000 tickets at once would hold the
        network worker for a quarter of a second.
        """
        return self._send("GET", "download", **self._download_request(full)).content

    def download_changes(self, since: str | None = None, etag: str | None = None) -> Download:
        """``download/?full=1``, only what changed since the token ``since`` (our host's extension).

        ``etag``: the ETag of the answer the copy was made from; if the host still has that
        version it answers 304 and ``Download.body`` is None. Another server ignores both and
        sends its whole list.
        """
        request = self._download_request(True)
        if since:
            request["params"]["since"] = since
        if etag:
            request["headers"]["If-None-Match"] = etag
        response = self._send("GET", "download", not_modified_ok=True, **request)
        tag = response.headers.get("ETag")
        return Download(None if response.status_code == 304 else response.content, tag or etag)

    @staticmethod
    def _download_request(full: bool) -> dict[str, Any]:
        return {"params": {"full": "1"} if full else None, "headers": {"Accept-Encoding": "gzip"}}

    def clone(self) -> PretixdroidClient:
        """A new client for the same host, key and timeouts, with its own connection (another thread's)."""
        return PretixdroidClient(self.base_url, self._key, *self.timeout, cert_sha256=self.cert_sha256)

    def status(self, timeout: tuple[float, float] | None = None) -> dict[str, Any]:
        """The event's check-in counts and details; ``timeout`` overrides the client's (probes)."""
        return self._call("GET", "status", timeout=timeout)

    def report_refusals(self, items: list[dict[str, Any]]) -> int:
        """Our host's extension ``refusals/``: what this station refused offline, for the host's overview."""
        body = self._call("POST", "refusals", data={"refusals": json.dumps(items, separators=(",", ":"))})
        return int(body.get("stored") or 0)

    # -- transport ---------------------------------------------------------------------------

    @staticmethod
    def _results(body: dict[str, Any]) -> list[TicketData]:
        results = body.get("results")
        if not isinstance(results, list):
            raise HostError("answer without a results list", status=None)
        return results

    def _call(self, method: str, endpoint: str, **request: Any) -> dict[str, Any]:
        """One HTTP request (``_send``); returns the JSON body of a 200 or raises a ``HostProblem``."""
        return self._json(self._send(method, endpoint, **request))

    def _send(
        self,
        method: str,
        endpoint: str,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: tuple[float, float] | None = None,
        not_modified_ok: bool = False,
    ) -> requests.Response:
        """One HTTP request; returns a 200 response (body read and gunzipped) or raises a ``HostProblem``.

        ``not_modified_ok``: a 304 is returned too (a conditional request).
        """
        url = f"{self.base_url}{endpoint}/"
        try:
            response = self._session.request(
                method,
                url,
                params={"key": self._key, **(params or {})},
                data=data,
                headers=headers,
                timeout=timeout or self.timeout,
            )
            if not (not_modified_ok and response.status_code == 304):
                self._check_status(response)
        except HostProblem:
            if self._moved_to_tls(response):
                raise HostNowEncrypted(f"{method} {endpoint}: HTTP 400 from a TLS port") from None
            raise
        except requests.exceptions.SSLError as exc:
            raise self._tls_problem(method, endpoint, exc) from None
        except requests.ConnectTimeout as exc:
            raise HostUnreachable(
                f"{method} {endpoint}: connect timeout: {exc}", request_sent=False
            ) from None
        except requests.ReadTimeout as exc:
            raise HostTimeout(f"{method} {endpoint}: no answer in time: {exc}") from None
        except requests.ConnectionError as exc:
            # ``from None``: the chained library exception would print the URL with the key.
            raise HostUnreachable(f"{method} {endpoint}: {exc}", request_sent=not _not_sent(exc)) from None
        except requests.RequestException as exc:  # ChunkedEncodingError, ContentDecodingError...
            raise HostUnreachable(f"{method} {endpoint}: broken answer: {exc}") from None
        return response

    def _tls_problem(self, method: str, endpoint: str, exc: requests.exceptions.SSLError) -> HostProblem:
        """What a failed TLS connection means for the operator (nothing was sent: the handshake failed)."""
        text = str(exc)
        detail = f"{method} {endpoint}: {text}"
        if self.cert_sha256 and "Fingerprints did not match" in text:
            log.error("the host presented a certificate other than the pinned one; nothing was sent")
            return CertificateMismatch(detail)
        if not self.cert_sha256 and ("CERTIFICATE_VERIFY_FAILED" in text or "match" in text):
            return CertificateUntrusted(detail)
        return HostUnreachable(detail, request_sent=False)

    def _moved_to_tls(self, response: requests.Response) -> bool:
        """Whether an http:// host's 400 says that its port now speaks TLS.

        Our host answers a plain request on its HTTPS port with a JSON 400 ``https_required``;
        other TLS servers with a plain-text 400 (cheroot: "...only speaks HTTPS on this port").
        A TLS handshake with that port (nothing else is sent) confirms it; our host's other
        JSON 400s (a malformed value) are not mistaken for it.
        """
        if self.encrypted or response.status_code != 400:
            return False
        if response.headers.get("Content-Type", "").startswith("application/json"):
            try:
                said = response.json().get("error")
            except (ValueError, AttributeError):
                said = None
            if said != "https_required":
                return False
        return speaks_tls(self.base_url, self.timeout[0])

    @staticmethod
    def _check_status(response: requests.Response) -> None:
        code = response.status_code
        if code == 403:
            raise KeyRejected("HTTP 403")
        if code == 404:
            raise EventNotFound("HTTP 404")
        if code == 429:
            raise HostBusy("HTTP 429")
        if code != 200:
            raise HostError(f"HTTP {code}", status=code)

    @staticmethod
    def _json(response: requests.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise HostError("answer is not JSON", status=None) from None
        if not isinstance(body, dict):
            raise HostError("answer is not a JSON object", status=None)
        return body
