"""TLS for the station's client: the pinned host certificate, and what a host presents.

A setup code with ``cert_sha256`` pins the host's certificate: the station talks only to a
server presenting exactly that certificate (SHA-256 of its DER form), whatever its name,
issuer or dates. ``PinnedAdapter`` does it with urllib3's ``assert_fingerprint``: the
connection checks the fingerprint right after the TLS handshake, before the request (and
so the key in its query string) is written; a mismatch raises ``SSLError`` and nothing is
sent. Certificate verification is off for such a pool: the pin is the whole check.

``presented_fingerprint`` reads the certificate a host presents without trusting it, for
setting a station up by hand (staff compare it with the host panel's) and for telling a
host that now speaks TLS from one that is down. Pure: no Qt.
"""

from __future__ import annotations

import hashlib
import os
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

DEFAULT_PORTS = {"http": 80, "https": 443}


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter whose https connections accept exactly one certificate (``fingerprint``, 64 hex)."""

    def __init__(self, fingerprint: str, **kwargs: Any) -> None:
        self.fingerprint = fingerprint
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        """The pool of a pinned host: no CA or name check, the fingerprint instead (whatever ``verify`` says)."""
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, False, cert)
        pool_kwargs.update(cert_reqs="CERT_NONE", assert_fingerprint=self.fingerprint, assert_hostname=False)
        return host_params, pool_kwargs

    def cert_verify(self, conn, url, verify, cert) -> None:
        """Never switch CA verification on for a pinned pool (``REQUESTS_CA_BUNDLE`` included)."""
        super().cert_verify(conn, url, False, cert)


def fingerprint_of_der(der: bytes) -> str:
    """SHA-256 of a DER certificate as 64 lowercase hex digits (what ``cert_sha256`` holds)."""
    return hashlib.sha256(der).hexdigest()


def presented_fingerprint(url: str, timeout: float = 3.0) -> str:
    """The fingerprint of the certificate the host of ``url`` presents on a TLS handshake (not verified).

    Raises ``OSError`` (``ssl.SSLError`` included) if there is no TLS server there. Nothing
    but the handshake is sent.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or DEFAULT_PORTS["https"]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname=host or None) as tls:
            der = tls.getpeercert(binary_form=True)
    if not der:
        raise ssl.SSLError("the host presented no certificate")
    return fingerprint_of_der(der)


def trusted_by_this_computer(url: str, timeout: float = 3.0) -> bool:
    """Whether the https host of ``url`` presents a certificate this computer's trust store accepts for
    its name (``REQUESTS_CA_BUNDLE`` if set, as ``requests`` would use). Only a handshake is made.

    Raises ``OSError`` if no TLS server answers there at all.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or DEFAULT_PORTS["https"]
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
    context = ssl.create_default_context(cafile=bundle)
    with socket.create_connection((host, port), timeout=timeout) as raw:
        try:
            with context.wrap_socket(raw, server_hostname=host):
                return True
        except ssl.SSLCertVerificationError:
            return False


def speaks_tls(url: str, timeout: float = 2.0) -> bool:
    """Whether the host:port of an ``http://`` ``url`` completes a TLS handshake (it moved to https)."""
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
    try:
        presented_fingerprint(f"https://{parts.hostname}:{port}/", timeout)
    except (OSError, ValueError):
        return False
    return True
