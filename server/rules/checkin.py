"""Redeeming a ticket: read the ticket's facts, ``decide`` (``server/rules/admission.py``), store the check-in.

Atomic per ticket and list through the database (``server.store.checkins``): only an
admission writes, in a transaction of its own that holds nothing but the INSERT. Check-ins
are never deleted, so a decision read from a slightly old snapshot can only be too
hopeful; then the INSERT hits a unique index and everything is decided again on fresh data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from server.db import utcnow
from server.rules.access import AccessContext, access_from_row, access_params
from server.rules.admission import TicketFacts, decide, within_validity
from server.rules.tickets import ticket_data
from server.store import checkins as store
from server.store.prepared import reading
from server.store.tickets import MAX_SECRET_LENGTH

MAX_NONCE_LENGTH = 190  # the checkins.nonce column
MAX_DATETIME_LENGTH = 64
# A station's time outside [host now - PLAUSIBLE_PAST, host now + PLAUSIBLE_FUTURE] comes from a broken clock
# (year 1, 9999, a dead clock battery): the check-in is stored with the host's time instead (docs/api.md).
PLAUSIBLE_PAST = timedelta(days=400)  # an offline journal replayed after the event, even a long one
PLAUSIBLE_FUTURE = timedelta(days=1)  # clocks a few hours off, time zones set wrong
_ATTEMPTS = 4


class CheckinError(Exception):
    """A business outcome other than ok: ``reason`` is the API's reason code, ``data`` the ticket or None."""

    def __init__(self, reason: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.data = data


class InvalidRequest(Exception):
    """Malformed input (HTTP 400): ``code`` is the envelope's error code, ``message`` says what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_flag(value: str | None) -> bool:
    """A form flag: ``true`` in any case or ``1`` is set, anything else is not."""
    return value is not None and (value == "1" or value.lower() == "true")


def parse_nonce(value: str | None) -> str | None:
    """The nonce, or None for a missing or empty one; raises ``InvalidRequest`` if it cannot be stored."""
    if not value:
        return None
    if len(value) > MAX_NONCE_LENGTH or "\x00" in value:
        raise InvalidRequest("invalid_nonce", f"nonce must be at most {MAX_NONCE_LENGTH} characters without NUL")
    return value


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 time as naive UTC (no offset = UTC), None if missing or empty; else ``InvalidRequest``."""
    if not value:
        return None
    try:
        if len(value) > MAX_DATETIME_LENGTH:
            raise ValueError(value)
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError) as exc:
        raise InvalidRequest(
            "invalid_datetime", "datetime must be ISO 8601, for example 2026-05-01T18:03Z"
        ) from exc
    return parsed


def plausible_time(when: datetime | None, now: datetime | None = None) -> bool:
    """Whether a station's check-in time (naive UTC) could be true: not over PLAUSIBLE_PAST before the host's
    clock (``now``, default the current UTC time), not over PLAUSIBLE_FUTURE after it. None (no time) is."""
    if when is None:
        return True
    now = now or utcnow()
    return now - PLAUSIBLE_PAST <= when <= now + PLAUSIBLE_FUTURE


def plausible_secret(secret: str | None) -> bool:
    """Whether ``secret`` could be stored at all (anything else is an unknown ticket without a lookup)."""
    return bool(secret) and len(secret) <= MAX_SECRET_LENGTH and "\x00" not in secret


@dataclass(frozen=True)
class Found:
    """A ticket row read together with the access check (``redeem_lookup``); ``row`` None = no such ticket."""

    secret: str
    nonce: str | None
    row: Any


def redeem_lookup(
    conn: Connection, organizer: str, event: str, key: str | None, secret: str, nonce: str | None
) -> tuple[AccessContext, Found]:
    """``resolve_access`` and the redeem's ticket lookup in one statement: same errors, same order.

    ``secret`` must be plausible and ``nonce`` valid (``plausible_secret``, ``parse_nonce``):
    their errors come after the access check, so the caller takes the two-step path for them.
    """
    row = store.read_access_and_ticket(conn, access_params(organizer, event, key), secret, nonce)
    ctx = access_from_row(row, key)
    return ctx, Found(secret, nonce, row if row.id is not None else None)


def perform_checkin(
    target: Connection | Engine,
    ctx: AccessContext,
    secret: str | None,
    when: datetime | None = None,
    nonce: str | None = None,
    force: bool = False,
    ignore_unpaid: bool = False,
    found: Found | None = None,
) -> dict[str, Any]:
    """Redeem ``secret`` on the key's list; returns the ticket ``data`` on ok, else raises ``CheckinError``.

    ``target``: an Engine, or a Connection (used for its own short transactions, or
    savepoints inside one the caller holds). ``when``: naive UTC time of the entry
    attempt (default now). ``nonce``: retry token, matched only on this ticket and
    list; empty = none. ``force``: record even if already checked in (never for
    canceled orders, and it admits pending ones). ``ignore_unpaid``: admit a pending
    order if the list has ``include_pending``. Raises ``InvalidRequest`` for a nonce
    that cannot be stored. ``found``: the ticket row ``redeem_lookup`` read for this
    ``secret`` and ``nonce``, used instead of a first lookup of its own.
    """
    if not plausible_secret(secret):
        raise CheckinError("unknown_ticket")
    nonce = parse_nonce(nonce)
    if found is not None and (found.secret, found.nonce) != (secret, nonce):
        raise ValueError("found was read for another secret or nonce")
    with store.connection(target) as conn:
        for attempt in range(_ATTEMPTS):
            with reading(conn):
                if attempt == 0 and found is not None:
                    row = found.row
                else:
                    row = store.read_ticket(conn, ctx.event_id, ctx.list_id, ctx.all_products, secret, nonce)
                facts = _facts(row, nonce, when)
                decision = decide(facts, ctx.include_pending, force=force, ignore_unpaid=ignore_unpaid)
                data = None if row is None else _data(conn, ctx, row, decision.admitted or facts.redeemed)
            if not decision.admitted:
                raise CheckinError(decision.reason, data)
            if decision.store is None:
                return data  # a retry of a stored attempt: same answer, nothing new written
            try:
                store.add_checkin(
                    conn, row.id, ctx.list_id, ctx.key_id, when, nonce, forced=force, first=decision.store == "first"
                )
            except store.Conflict:
                if attempt == _ATTEMPTS - 1:
                    raise
                continue
            return data
    raise AssertionError("unreachable")  # pragma: no cover


def _facts(row: Any, nonce: str | None, when: datetime | None = None) -> TicketFacts | None:
    """The admission rule's view of a row of ``store.read_ticket`` (None: no such ticket) for a check-in
    at ``when`` (naive UTC; None = now)."""
    if row is None:
        return None
    valid_now = True
    if row.valid_from is not None or row.valid_until is not None:
        at = when or utcnow()
        valid_now = within_validity(_naive(row.valid_from), _naive(row.valid_until), at)
    return TicketFacts(
        on_list=bool(row.on_list),
        order_status=row.status,
        redeemed=row.first_checkin is not None,
        nonce_seen=nonce is not None and row.nonce_checkin is not None,
        blocked=bool(row.blocked),
        valid_now=valid_now,
    )


def _naive(value: Any) -> datetime | None:
    # The raw SQLite driver may hand a DATETIME back as text.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _data(conn: Connection, ctx: AccessContext, row: Any, redeemed: bool) -> dict[str, Any]:
    text = store.addons_text(conn, ctx.event_id, row.pretix_id) if row.addon_count else ""
    return ticket_data(row, ctx.include_pending, text, redeemed)
