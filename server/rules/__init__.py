"""The server's rules, free of Flask: who may ask (access), redeeming, search, download, status.

Import from here: ``from server.rules import perform_checkin, CheckinError, ...``.
"""

from server.rules.access import AccessContext, AccessError, EventNotFound, KeyRejected, resolve_access
from server.rules.checkin import (
    CheckinError,
    InvalidRequest,
    parse_datetime,
    parse_flag,
    parse_nonce,
    perform_checkin,
)
from server.rules.overview import download, iso_utc, status
from server.rules.prepared import reading
from server.rules.search import fold_names, search

__all__ = [
    "AccessContext",
    "AccessError",
    "CheckinError",
    "EventNotFound",
    "InvalidRequest",
    "KeyRejected",
    "download",
    "fold_names",
    "iso_utc",
    "parse_datetime",
    "parse_flag",
    "parse_nonce",
    "perform_checkin",
    "reading",
    "resolve_access",
    "search",
    "status",
]
