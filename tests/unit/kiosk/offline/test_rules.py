"""The station's offline decision and the words it shows for it (pure)."""

from __future__ import annotations

from kiosk.offline.rules import decide_offline, describe_age, offline_text, ticket_facts
from tests.support.offline_copy import ticket

# -- decide_offline: one test per rule of the host's decision order (API doc: redeem) -------------


def full(secret="A", status="p", on_list=True, **fields):
    """A copy entry from our host's full download: the ticket with its order status and list membership."""
    paid = status == "p"
    return {**ticket(secret, paid=paid, allowed=paid, **fields), "order_status": status, "on_list": on_list}


def test_a_ticket_the_copy_does_not_hold_is_unknown():
    assert decide_offline(None, False) == "unknown_ticket"
    assert decide_offline(None, False, ignore_unpaid=True, include_pending=True, force=True) == "unknown_ticket"


def test_a_paid_ticket_on_the_list_not_yet_redeemed_is_admitted():
    assert decide_offline(full(), False) is None


def test_a_ticket_whose_product_is_not_on_the_list_is_wrong_product_even_paid_or_forced():
    assert decide_offline(full(on_list=False), False) == "product"
    assert decide_offline(full(on_list=False), False, force=True) == "product"


def test_wrong_product_is_said_before_unpaid_and_already_redeemed():
    assert decide_offline(full(status="c", on_list=False, redeemed=True), True) == "product"


def test_a_canceled_expired_or_refunded_order_is_unpaid_even_with_force():
    for status in ("c", "e", "r"):
        assert decide_offline(full(status=status), False) == "unpaid"
        assert decide_offline(full(status=status), False, True, True, force=True) == "unpaid"


def test_unpaid_is_said_before_already_redeemed():
    assert decide_offline(full(status="c", redeemed=True), True) == "unpaid"


def test_a_pending_order_is_unpaid_without_ignore_unpaid():
    assert decide_offline(full(status="n"), False, include_pending=True) == "unpaid"


def test_a_pending_order_is_unpaid_with_ignore_unpaid_on_a_list_without_include_pending():
    assert decide_offline(full(status="n"), False, ignore_unpaid=True, include_pending=False) == "unpaid"


def test_a_pending_order_is_admitted_with_ignore_unpaid_on_a_list_with_include_pending():
    assert decide_offline(full(status="n"), False, ignore_unpaid=True, include_pending=True) is None


def test_a_pending_order_is_admitted_with_force():
    assert decide_offline(full(status="n"), False, force=True) is None


def test_a_ticket_redeemed_in_the_copy_is_already_redeemed():
    assert decide_offline(full(redeemed=True), False) == "already_redeemed"


def test_a_ticket_this_station_admitted_before_is_already_redeemed():
    assert decide_offline(full(), already_queued=True) == "already_redeemed"


def test_a_redeemed_ticket_is_admitted_again_with_force():
    assert decide_offline(full(redeemed=True), True, force=True) is None


def test_an_entry_from_a_host_without_full_download_is_decided_as_a_plain_download_implies():
    # Such a host lists paid tickets, and pending ones only on a list that includes them.
    assert ticket_facts(ticket("A")) == ("p", True)
    assert ticket_facts(ticket("A", paid=False)) == ("n", True)
    assert decide_offline(ticket("A"), False) is None
    assert decide_offline(ticket("A", paid=False), False, include_pending=True) == "unpaid"
    assert decide_offline(ticket("A", paid=False), False, ignore_unpaid=True, include_pending=True) is None
    assert decide_offline(ticket("A", paid=False, allowed=False), False, True, True) == "unpaid"


def test_offline_refusals_tell_the_steward_what_to_do_not_to_suspect_a_forgery():
    unpaid = offline_text("unpaid", 60, has_copy=True)
    assert "not paid" in unpaid and "box office" in unpaid and "offline" in unpaid
    product = offline_text("product", 60, has_copy=True)
    assert "not valid at this entrance" in product and "right entrance" in product
    for text in (unpaid, product):
        assert "genuine" not in text and "Not found" not in text


def test_offline_unknown_ticket_message_says_it_was_checked_against_the_offline_copy():
    text = offline_text("unknown_ticket", 300, has_copy=True)
    assert "offline copy" in text and "5 min ago" in text
    assert "no offline copy" in offline_text(None, None, has_copy=False)
    assert describe_age(30) == "just now" and describe_age(3 * 3600 + 120) == "3 h 2 min ago"
