"""One table of admission cases: what the host answers, and what a station deciding offline must answer.

Each case is a ticket's facts as seen from a key's check-in list (``TicketFacts``; None = no
such ticket), the list's ``include_pending``, the request's ``force`` and ``ignore_unpaid``,
and the expected outcome: the reason (None = admitted) and, for an admission, what the host
stores (``first``, ``forced``, or None for a retry with a nonce it already has).

The same table runs against the host's rule (``server.rules.admission.decide``), the station's
offline rule (``kiosk.offline.rules.decide_offline``) on entries read back from a real offline
copy, and both through HTTP: a real host answering redeems, and a station's copy fetched from
it deciding with the host stopped (tests/unit/test_admission_table.py,
tests/integration/test_admission_table.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from server.rules.admission import TicketFacts


@dataclass(frozen=True)
class Case:
    name: str
    facts: TicketFacts | None
    include_pending: bool = False
    force: bool = False
    ignore_unpaid: bool = False
    reason: str | None = None
    store: str | None = None

    @property
    def offline(self) -> bool:
        """Whether a station can meet this case offline: there, every scan is a new attempt (no known nonce)."""
        return self.facts is None or not self.facts.nonce_seen


def facts(
    status: str = "p", on_list: bool = True, redeemed: bool = False, nonce_seen: bool = False,
    blocked: bool = False, valid_now: bool = True,
) -> TicketFacts:
    return TicketFacts(on_list=on_list, order_status=status, redeemed=redeemed, nonce_seen=nonce_seen,
                       blocked=blocked, valid_now=valid_now)


CASES = [
    # 1. no such ticket
    Case("unknown", None, reason="unknown_ticket"),
    Case("unknown-forced", None, include_pending=True, force=True, ignore_unpaid=True, reason="unknown_ticket"),
    # 2. a product the list does not admit, before anything else
    Case("other-product", facts(on_list=False), reason="product"),
    Case("other-product-forced", facts(on_list=False), force=True, reason="product"),
    Case("other-product-canceled-redeemed", facts("c", on_list=False, redeemed=True), reason="product"),
    # 3. canceled, expired, refunded: never, not even forced
    Case("canceled", facts("c"), reason="unpaid"),
    Case("expired", facts("e"), reason="unpaid"),
    Case("refunded", facts("r"), reason="unpaid"),
    Case("canceled-forced", facts("c"), force=True, reason="unpaid"),
    Case("expired-ignore-unpaid", facts("e"), include_pending=True, ignore_unpaid=True, reason="unpaid"),
    Case("canceled-redeemed", facts("c", redeemed=True), reason="unpaid"),
    # 3a. blocked in pretix: never, not even forced (canceled wins)
    Case("blocked", facts(blocked=True), reason="blocked"),
    Case("blocked-forced", facts(blocked=True), force=True, reason="blocked"),
    Case("blocked-redeemed", facts(blocked=True, redeemed=True), reason="blocked"),
    Case("blocked-canceled", facts("c", blocked=True), reason="unpaid"),
    Case("blocked-other-product", facts(on_list=False, blocked=True), reason="product"),
    # 3b. outside valid_from/valid_until at the check-in's time: never, not even forced
    Case("not-valid-now", facts(valid_now=False), reason="invalid_time"),
    Case("not-valid-now-forced", facts(valid_now=False), force=True, reason="invalid_time"),
    Case("not-valid-now-pending", facts("n", valid_now=False), include_pending=True, ignore_unpaid=True,
         reason="invalid_time"),
    Case("blocked-and-not-valid-now", facts(blocked=True, valid_now=False), reason="blocked"),
    # 4. pending: only with force, or ignore_unpaid on a list that includes pending orders
    Case("pending", facts("n"), reason="unpaid"),
    Case("pending-on-including-list", facts("n"), include_pending=True, reason="unpaid"),
    Case("pending-ignore-unpaid", facts("n"), ignore_unpaid=True, reason="unpaid"),
    Case("pending-ignore-unpaid-on-including-list", facts("n"), include_pending=True, ignore_unpaid=True,
         store="first"),
    Case("pending-forced", facts("n"), force=True, store="first"),
    Case("pending-redeemed-ignore-unpaid", facts("n", redeemed=True), include_pending=True, ignore_unpaid=True,
         reason="already_redeemed"),
    # 5. a retry with a nonce the host already stored: the same answer, nothing new
    Case("retry", facts(redeemed=True, nonce_seen=True)),
    Case("retry-of-a-canceled-order", facts("c", redeemed=True, nonce_seen=True), reason="unpaid"),
    # 6. - 8.
    Case("paid", facts(), store="first"),
    Case("paid-ignore-unpaid", facts(), ignore_unpaid=True, store="first"),
    Case("redeemed", facts(redeemed=True), reason="already_redeemed"),
    Case("redeemed-forced", facts(redeemed=True), force=True, store="forced"),
]
