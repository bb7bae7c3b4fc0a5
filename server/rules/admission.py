"""Whether a scanned ticket is admitted: steps 1-8 of the pretixdroid API's decision order, nothing else.

Pure: no SQL, no Flask, no connection. ``perform_checkin`` (``server/rules/checkin.py``) reads
the facts through the store, calls ``decide`` and stores what the decision says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PAID = "p"
PENDING = "n"
# Every other order status ("c" canceled, "e" expired, "r" refunded in older exports) is never admitted.


@dataclass(frozen=True)
class TicketFacts:
    """What the rule needs to know about one ticket, as seen from the key's check-in list."""

    on_list: bool  # the ticket's product is on the key's list
    order_status: str  # "p" paid, "n" pending, "c" canceled, "e" expired, "r" refunded (older exports)
    redeemed: bool  # the ticket has an admitting check-in on this list
    nonce_seen: bool = False  # a check-in of this ticket on this list already carries this request's nonce
    blocked: bool = False  # pretix blocked the ticket (pretix sync)
    valid_now: bool = True  # the check-in's time is inside the ticket's valid_from/valid_until (``within_validity``)


@dataclass(frozen=True)
class Decision:
    """Admitted (``reason`` None) or refused with the API's reason; for an admission, what to store."""

    reason: str | None  # "unknown_ticket" | "product" | "unpaid" | "blocked" | "invalid_time" | "already_redeemed"
    store: str | None  # "first" (the admitting check-in), "forced" (an extra row), None (a retry: nothing)

    @property
    def admitted(self) -> bool:
        """Whether the ticket is admitted."""
        return self.reason is None


def decide(
    ticket: TicketFacts | None, include_pending: bool, *, force: bool = False, ignore_unpaid: bool = False
) -> Decision:
    """The decision for ``ticket`` (None: no such ticket) on a list with ``include_pending``.

    ``force``: an offline station uploads a check-in it already made; ``ignore_unpaid``: the
    station asks to admit a pending order (only a list with ``include_pending`` allows it).
    """
    if ticket is None:
        return Decision("unknown_ticket", None)  # 1. no such ticket (or it was canceled on its own)
    if not ticket.on_list:
        return Decision("product", None)  # 2. a product the key's list does not admit
    if ticket.order_status not in (PAID, PENDING):
        return Decision("unpaid", None)  # 3. canceled, expired or refunded: not even force revives it
    if ticket.blocked:
        return Decision("blocked", None)  # 3a. blocked in pretix: like canceled, not even forced
    if not ticket.valid_now:
        return Decision("invalid_time", None)  # 3b. outside valid_from/valid_until at the check-in's time
    if ticket.order_status == PENDING and not (force or (ignore_unpaid and include_pending)):
        return Decision("unpaid", None)  # 4. pending, and nothing allows it
    if ticket.nonce_seen:
        return Decision(None, None)  # 5. a retry of a stored attempt: same answer, nothing new
    if not ticket.redeemed:
        return Decision(None, "first")  # 6. the admitting check-in
    if force:
        return Decision(None, "forced")  # 7. already in, but uploaded from offline: an audit row
    return Decision("already_redeemed", None)  # 8.


def within_validity(valid_from: datetime | None, valid_until: datetime | None, at: datetime) -> bool:
    """Whether ``at`` lies in a ticket's validity window (bounds inclusive, None = open); all naive UTC."""
    return (valid_from is None or at >= valid_from) and (valid_until is None or at <= valid_until)
