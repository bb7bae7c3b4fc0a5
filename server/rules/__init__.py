"""The server's rules, free of Flask: who may ask (access), whether a ticket is admitted
(``admission.decide``), redeeming, search, download, status. The SQL behind them is in ``server.store``.

Import from here: ``from server.rules import perform_checkin, CheckinError, ...``.
"""

from server.rules.access import AccessContext, AccessError, EventNotFound, KeyRejected, resolve_access
from server.rules.admission import Decision, TicketFacts, decide
from server.rules.checkin import (
    CheckinError,
    Found,
    InvalidRequest,
    parse_datetime,
    parse_flag,
    parse_nonce,
    perform_checkin,
    plausible_secret,
    plausible_time,
    redeem_lookup,
)
from server.rules.incremental import DownloadAnswer, etag, full_download
from server.rules.overview import download, iso_utc, status
from server.rules.search import fold_names, search

__all__ = [
    "AccessContext",
    "AccessError",
    "CheckinError",
    "Decision",
    "DownloadAnswer",
    "EventNotFound",
    "Found",
    "InvalidRequest",
    "KeyRejected",
    "TicketFacts",
    "decide",
    "download",
    "etag",
    "fold_names",
    "full_download",
    "iso_utc",
    "parse_datetime",
    "plausible_time",
    "parse_flag",
    "parse_nonce",
    "perform_checkin",
    "plausible_secret",
    "redeem_lookup",
    "resolve_access",
    "search",
    "status",
]
