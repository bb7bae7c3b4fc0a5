"""The server's rules, free of Flask: who may ask (access), redeeming, search, download, status.

Import from here: ``from server.rules import perform_checkin, CheckinError, ...``.
"""

from server.rules.access import AccessContext, AccessError, EventNotFound, KeyRejected, resolve_access
from server.rules.checkin import (
    CheckinError,
    Found,
    InvalidRequest,
    parse_datetime,
    parse_flag,
    parse_nonce,
    perform_checkin,
    plausible_secret,
    redeem_lookup,
)
from server.rules.overview import download, iso_utc, status
from server.rules.prepared import reading
from server.rules.search import fold_names, search

__all__ = [
    "AccessContext",
    "AccessError",
    "CheckinError",
    "EventNotFound",
    "Found",
    "InvalidRequest",
    "KeyRejected",
    "download",
    "fold_names",
    "iso_utc",
    "parse_datetime",
    "parse_flag",
    "parse_nonce",
    "perform_checkin",
    "plausible_secret",
    "reading",
    "redeem_lookup",
    "resolve_access",
    "search",
    "status",
]
