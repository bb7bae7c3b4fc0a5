"""Typed problems talking to the host, each with the plain text an operator sees.

This is the one boundary where transport failures (``requests`` exceptions, HTTP status
codes, unreadable answers) become something a person at the door can act on. Pure: no Qt.
Messages never contain the station's key: ``redact`` scrubs ``key=...`` from any text
(URLs inside library exceptions carry it) before it is stored in ``detail``.
"""

from __future__ import annotations

import re

from kiosk.i18n import QT_TRANSLATE_NOOP, later

_KEY_IN_TEXT = re.compile(r"(?i)(\bkey=)[^&\s'\"<>)]*")


def redact(text: str) -> str:
    """``text`` with every ``key=<value>`` replaced by ``key=***`` (URLs, log lines, messages)."""
    return _KEY_IN_TEXT.sub(r"\1***", text)


class HostProblem(Exception):
    """Base class: the host could not give a usable answer. ``operator_message`` is for the screen."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host had a problem. Try again.")

    def __init__(self, detail: str = "") -> None:
        self.detail = redact(detail)
        super().__init__(self.detail or self.operator_message)


class HostUnreachable(HostProblem):
    """No connection to the host: refused, no route, name not found, or the connection dropped."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host does not answer. Check the network and that the host "
                                                     "station is running.")

    def __init__(self, detail: str = "", request_sent: bool = True) -> None:
        super().__init__(detail)
        #: False when the request certainly never reached the host (refused, connect timeout).
        self.request_sent = request_sent


class HostTimeout(HostProblem):
    """The host accepted the request but did not answer within the read timeout."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host does not answer in time. Check the network and that "
                                                     "the host station is running.")


class KeyRejected(HostProblem):
    """HTTP 403: the key is unknown, revoked or for another event."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "This station's key is no longer valid. Set it up again.")


class EventNotFound(HostProblem):
    """HTTP 404: the host does not know the organizer/event in the station's URL."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host does not know this event. Check the station's setup.")


class CertificateMismatch(HostProblem):
    """The host presented a TLS certificate other than the one the setup code pins: nothing was sent."""

    operator_message = QT_TRANSLATE_NOOP(
        "Messages",
        "This host's certificate does not match the setup code. Set this station up again, "
        "or ask who changed the host.",
    )


class CertificateUntrusted(HostProblem):
    """An https host without a pinned fingerprint whose certificate this computer does not trust."""

    operator_message = QT_TRANSLATE_NOOP(
        "Messages",
        "This computer does not trust the host's certificate. Scan the host's setup code (it carries "
        "the certificate's fingerprint), or set the station up by hand with the fingerprint.",
    )


class HostNowEncrypted(HostProblem):
    """The station was set up for http://, but the host now answers only with TLS (https)."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host now uses encryption: scan its new setup code.")


class HostBusy(HostProblem):
    """HTTP 429: the host asks us to slow down; retry shortly, it is not an outage."""

    operator_message = QT_TRANSLATE_NOOP("Messages", "The host is busy. Trying again...")


class HostError(HostProblem):
    """Any other failure: HTTP 5xx, an unexpected status, or an answer that is not the API's JSON."""

    def __init__(self, detail: str = "", status: int | None = None) -> None:
        #: HTTP status code, or None when the answer itself was unreadable.
        self.status = status
        super().__init__(detail)

    @property
    def operator_message(self) -> str:  # type: ignore[override]
        """Plain text naming the HTTP status, or saying the answer was unreadable."""
        if self.status is None:
            return QT_TRANSLATE_NOOP("Messages", "The host sent an answer this station cannot read. Check the "
                                                 "station's setup.")
        return later(QT_TRANSLATE_NOOP("Messages", "The host had a problem (HTTP {status}). Try again; if it persists, "
                                                   "check the host."), status=self.status)

    @property
    def is_server_failure(self) -> bool:
        """True for HTTP 5xx: the host itself is failing (a reason to decide offline)."""
        return self.status is not None and self.status >= 500


def is_outage(exc: HostProblem) -> bool:
    """Whether ``exc`` means the host cannot be asked (timeout, refused, 5xx, a certificate it must not
    trust, or TLS where plain HTTP was set up): decide offline."""
    if isinstance(exc, HostUnreachable | HostTimeout | CertificateMismatch | CertificateUntrusted | HostNowEncrypted):
        return True
    return isinstance(exc, HostError) and exc.is_server_failure


def operator_message(exc: BaseException) -> str:
    """The operator text for any host problem (a generic text for anything unexpected)."""
    if isinstance(exc, HostProblem):
        return exc.operator_message
    return HostProblem.operator_message
