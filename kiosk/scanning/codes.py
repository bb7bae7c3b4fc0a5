"""What a scanned QR code means: a ticket to redeem, a station setup code, or a pretix device code.

A setup code is the pretixdroid configuration JSON that the host shows:
``{"version": 3, "url": ".../pretixdroid/api/<org>/<event>/", "key": "...",
"allow_search": true, "show_info": true}``, plus our extensions ``"name"``: the name the host
gave the new station, and ``"cert_sha256"``: the SHA-256 fingerprint of the host's TLS
certificate, 64 lowercase hex digits, which the station pins (other clients ignore both). A
pretix device code is the QR code pretix shows for a new device (Organizer → Devices):
``{"handshake_version": 1, "url": "https://pretix.eu", "token": "..."}``; it connects the host
to pretix and is never a ticket. Everything else is a ticket secret.

Pure logic: no Qt, no Flask, no I/O.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kiosk.i18n import QT_TRANSLATE_NOOP, later

SUPPORTED_SETUP_VERSIONS = (2, 3)
MAX_NAME = 80  # a station name from a setup code, in characters
_STRIP = " \t\r\n\ufeff"
_HEX_PAIRS = re.compile(r"[0-9a-f]{2}(?::[0-9a-f]{2}){31}")


def normalise_fingerprint(text: str) -> str | None:
    """A SHA-256 certificate fingerprint as 64 lowercase hex digits, or None if ``text`` is not one.

    Accepts what people copy: any case, surrounding spaces, and the ``AB:CD:...`` form that
    browsers and ``openssl x509 -fingerprint`` print.
    """
    value = text.strip().lower()
    if _HEX_PAIRS.fullmatch(value):
        value = value.replace(":", "")
    return value if len(value) == 64 and all(c in "0123456789abcdef" for c in value) else None


def format_fingerprint(fingerprint: str) -> str:
    """64 hex digits grouped for reading aloud and comparing by eye: ``ab12 cd34 ...`` (16 groups of 4)."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


@dataclass(frozen=True)
class TicketCode:
    """A ticket secret, exactly as the server must see it (surrounding whitespace removed)."""

    secret: str


@dataclass(frozen=True)
class StationSetup:
    """A usable station configuration: API base URL (ends with "/"), device key, flags, and its origin.

    The one setup object of the station: a scanned or typed setup code, the command line
    (``--setup``, ``--server``/``--key``), the host's setup for its own station. The key never
    shows in ``repr``/``str``, so log lines and tracebacks never carry it.
    """

    url: str
    key: str = field(repr=False)
    allow_search: bool = True
    show_info: bool = True
    origin: str = "scanned"  # "scanned" (needs confirmation), "typed", "command line", "host"
    event: str = ""  # "ORG/EVENT" this station hosts (origin "host"), saved with the setup
    name: str = ""  # the station's name from the setup code ("" = keep its own)
    # The host's certificate fingerprint (64 lowercase hex, SHA-256 of the DER certificate) the
    # station pins for an https URL; "" = ordinary verification (https) or none (http).
    cert_sha256: str = ""

    def __repr__(self) -> str:
        """Show everything but the key."""
        return (f"StationSetup(url={self.url!r}, key=<hidden>, allow_search={self.allow_search}, "
                f"show_info={self.show_info}, origin={self.origin!r}, event={self.event!r}, name={self.name!r}, "
                f"cert_sha256={self.cert_sha256!r})")

    @property
    def encrypted(self) -> bool:
        """Whether the station talks to its host over TLS (an https URL)."""
        return self.url.lower().startswith("https://")

    __str__ = __repr__


@dataclass(frozen=True)
class InvalidSetupCode:
    """A station setup code that cannot be used; ``reason`` is a sentence for the operator.

    It is neither applied nor sent to the server as a ticket.
    """

    reason: str


SUPPORTED_HANDSHAKE_VERSIONS = (1,)


@dataclass(frozen=True)
class PretixDeviceCode:
    """A pretix device setup code (a JSON object with ``handshake_version``): never redeemed, never journaled.

    ``problem`` is "" for a code the host can connect with, else a sentence saying why it cannot
    (its version, no URL, no token). The token never shows in ``repr``/``str``; ``text`` is the
    code as scanned (what the host's connect takes, token and all), hidden the same way.
    """

    url: str
    token: str = field(repr=False)
    problem: str = ""
    text: str = field(default="", repr=False)

    def __repr__(self) -> str:
        """Everything but the token."""
        return f"PretixDeviceCode(url={self.url!r}, token=<hidden>, problem={self.problem!r})"

    __str__ = __repr__

    @property
    def usable(self) -> bool:
        """The host can try to connect with it."""
        return not self.problem


ScannedCode = TicketCode | StationSetup | InvalidSetupCode | PretixDeviceCode


def classify(text: str) -> ScannedCode:
    """Tell a station setup code and a pretix device code from a ticket secret.

    A JSON object with ``handshake_version`` is a pretix device code (``PretixDeviceCode``,
    usable or saying why not). A JSON object with both ``url`` and ``key`` is a setup code: a
    ``StationSetup`` if it is valid, otherwise an ``InvalidSetupCode`` naming the problem.
    Anything else (including other JSON) is a ``TicketCode`` with surrounding whitespace, CR
    and LF removed.
    """
    stripped = text.strip(_STRIP)
    document = _json_object(stripped)
    if document is not None and "handshake_version" in document:
        return pretix_device_code(document, stripped)
    if document is None or "url" not in document or "key" not in document:
        return TicketCode(stripped)
    return _setup_code(document)


def pretix_device_code(document: dict, text: str = "") -> PretixDeviceCode:
    """A pretix device code from its JSON object (``handshake_version``, ``url``, ``token``)."""
    version = document.get("handshake_version")
    url = document.get("url")
    url = url.strip() if isinstance(url, str) else ""
    token = document.get("token")
    token = token.strip() if isinstance(token, str) else ""
    problem = ""
    if type(version) is not int or version not in SUPPORTED_HANDSHAKE_VERSIONS:
        problem = later(QT_TRANSLATE_NOOP("Pretix", "This pretix device code has handshake version {version}; this "
                                                    "host understands version 1. Update checkin-kiosk, or connect "
                                                    "with the device token instead."), version=repr(version))
    elif not is_http_url(url):
        problem = QT_TRANSLATE_NOOP("Pretix", "This pretix device code has no valid pretix address (it must start "
                                              "with http:// or https://).")
    elif not token:
        problem = QT_TRANSLATE_NOOP("Pretix", "This pretix device code has no device token.")
    return PretixDeviceCode(url=url, token=token, problem=problem, text=text)


def _json_object(text: str) -> dict | None:
    if not text.startswith("{"):
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _setup_code(document: dict) -> StationSetup | InvalidSetupCode:
    version = document.get("version")
    if type(version) is not int or version not in SUPPORTED_SETUP_VERSIONS:
        return InvalidSetupCode(later(QT_TRANSLATE_NOOP("Setup", "This setup code has version {version}; this station "
                                                           "understands versions 2 and 3. Create a new station code "
                                                           "on the host."), version=repr(version)))
    url = document["url"]
    if not isinstance(url, str) or not is_http_url(url.strip()):
        return InvalidSetupCode(QT_TRANSLATE_NOOP("Setup", "This setup code has no valid server address (it must "
                                                           "start with http:// or https://)."))
    key = document["key"]
    if not isinstance(key, str) or not key.strip():
        return InvalidSetupCode(QT_TRANSLATE_NOOP("Setup", "This setup code has no station key."))
    flags = {}
    for name in ("allow_search", "show_info"):
        value = document.get(name, True)
        if not isinstance(value, bool):
            return InvalidSetupCode(later(QT_TRANSLATE_NOOP("Setup", "This setup code has an invalid {name} value."),
                                          name=name))
        flags[name] = value
    url = url.strip()
    name = document.get("name")  # our extension; a name of another type is ignored, not an error
    name = " ".join(name.split())[:MAX_NAME] if isinstance(name, str) else ""
    fingerprint = document.get("cert_sha256")  # our extension: the host's certificate, pinned
    if fingerprint is not None:
        fingerprint = normalise_fingerprint(fingerprint) if isinstance(fingerprint, str) else None
        if fingerprint is None:
            return InvalidSetupCode(QT_TRANSLATE_NOOP("Setup", "This setup code has an invalid certificate "
                                                               "fingerprint (cert_sha256 must be 64 hex digits). "
                                                               "Create a new station code on the host."))
    return StationSetup(url=url if url.endswith("/") else url + "/", key=key.strip(), name=name,
                        cert_sha256=fingerprint or "", **flags)


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an http:// or https:// URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
