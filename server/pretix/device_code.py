"""pretix's device setup QR code: ``{"handshake_version": 1, "url": "...", "token": "..."}`` (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class DeviceSetup:
    """A device's pretix URL and its one-time initialisation token (never log the token)."""

    url: str
    token: str

    def __repr__(self) -> str:  # the token stays out of logs and tracebacks
        return f"DeviceSetup(url={self.url!r}, token='***')"


def parse_device_setup(text: str) -> DeviceSetup | None:
    """The device setup in ``text``, or None if it is not a pretix device code we can use.

    Accepts handshake version 1 only (pretix's documented format), an http(s) URL and a
    non-empty token; surrounding whitespace is ignored.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text.startswith("{") or "handshake_version" not in text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("handshake_version") != 1:
        return None
    url, token = data.get("url"), data.get("token")
    if not isinstance(url, str) or not isinstance(token, str) or not token.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return DeviceSetup(url=url.strip().rstrip("/"), token=token.strip())


def looks_like_device_setup(text: str) -> bool:
    """Whether ``text`` is meant as a pretix device code (even one we cannot use, e.g. a newer handshake)."""
    return isinstance(text, str) and text.lstrip().startswith("{") and '"handshake_version"' in text
