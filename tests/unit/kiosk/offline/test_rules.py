"""The station's offline decision and the words it shows for it (pure)."""

from __future__ import annotations

from kiosk.offline.rules import decide_offline, describe_age, offline_text
from tests.support.offline_copy import ticket


def test_offline_decision_refuses_what_the_host_would_refuse():
    assert decide_offline(None, False) == "unknown_ticket"
    assert decide_offline(ticket("A", allowed=False, paid=False), False) == "unpaid"
    assert decide_offline(ticket("A", paid=False), False) == "unpaid"  # pending, no ignore_unpaid
    assert decide_offline(ticket("A", paid=False), False, ignore_unpaid=True) is None
    assert decide_offline(ticket("A", redeemed=True), False) == "already_redeemed"
    assert decide_offline(ticket("A"), True) == "already_redeemed"
    assert decide_offline(ticket("A"), False) is None


def test_offline_unknown_ticket_message_says_it_was_checked_against_the_offline_copy():
    text = offline_text("unknown_ticket", 300, has_copy=True)
    assert "offline copy" in text and "5 min ago" in text
    assert "no offline copy" in offline_text(None, None, has_copy=False)
    assert describe_age(30) == "just now" and describe_age(3 * 3600 + 120) == "3 h 2 min ago"
