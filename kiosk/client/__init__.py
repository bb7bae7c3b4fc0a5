"""The station's pretixdroid API client (``pretixdroid``) and the typed errors it raises (``errors``).

Import from here: ``from kiosk.client import PretixdroidClient, HostProblem``. No Qt, no Flask.
"""

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
    is_outage,
    operator_message,
    redact,
)
from kiosk.client.pretixdroid import (
    Download,
    PretixdroidClient,
    RedeemResult,
    TicketData,
    format_api_datetime,
    install_log_redaction,
    new_nonce,
)

__all__ = [
    "CertificateMismatch",
    "CertificateUntrusted",
    "Download",
    "EventNotFound",
    "HostBusy",
    "HostError",
    "HostNowEncrypted",
    "HostProblem",
    "HostTimeout",
    "HostUnreachable",
    "KeyRejected",
    "PretixdroidClient",
    "RedeemResult",
    "TicketData",
    "format_api_datetime",
    "install_log_redaction",
    "is_outage",
    "new_nonce",
    "operator_message",
    "redact",
]
