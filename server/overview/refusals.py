"""Parsing our stations' ``refusals/`` report: what a station refused while offline (an extension, docs/api.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from server.rules.checkin import InvalidRequest, parse_datetime, parse_nonce, plausible_time

MAX_ITEMS = 200
_REASON = re.compile(r"^[a-z_]{1,32}$")


def _invalid(message: str) -> InvalidRequest:
    return InvalidRequest("invalid_refusals", message)


def parse(text: str | None) -> list[dict[str, Any]]:
    """The form field ``refusals`` (a JSON array) as ``AttemptRecorder.refused`` arguments; ``InvalidRequest`` else.

    Each item: ``secret`` (string), ``reason`` (a reason code), ``datetime`` (ISO 8601, the scan),
    ``nonce`` (the attempt's, so a report sent twice is stored once), optional ``order``.
    Nothing is stored unless every item is valid.
    """
    try:
        items = json.loads(text or "")
    except ValueError:
        raise _invalid("refusals must be a JSON array") from None
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise _invalid(f"refusals must be a JSON array of at most {MAX_ITEMS} items")
    parsed = []
    for item in items:
        if not isinstance(item, dict):
            raise _invalid("every refusal must be a JSON object")
        secret, reason, order = item.get("secret"), item.get("reason"), item.get("order")
        if not isinstance(secret, str) or not isinstance(reason, str) or not _REASON.match(reason):
            raise _invalid("every refusal needs a secret and a reason code")
        if order is not None and (not isinstance(order, str) or len(order) > 64):
            raise _invalid("order must be an order code")
        when = item.get("datetime")
        nonce = item.get("nonce")
        if not isinstance(when, str) or not when or not isinstance(nonce, str) or not nonce:
            raise _invalid("every refusal needs its datetime and nonce")
        scanned_at = parse_datetime(when)
        if not plausible_time(scanned_at):
            scanned_at = None  # a broken station clock: the time it reached the host (docs/api.md)
        parsed.append({"secret": secret, "reason": reason, "scanned_at": scanned_at,
                       "nonce": parse_nonce(nonce), "order_code": order})
    return parsed
