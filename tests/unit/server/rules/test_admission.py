"""The admission rule on its own (``server.rules.admission.decide``): one test per business rule, no HTTP, no database.

The same rules through a real server: tests/integration/server/test_api_redeem.py.
"""

from __future__ import annotations

import ast
import inspect

import pytest

from server.rules import admission
from server.rules.admission import Decision, TicketFacts, decide


def ticket(status: str = "p", *, on_list: bool = True, redeemed: bool = False, nonce_seen: bool = False) -> TicketFacts:
    return TicketFacts(on_list=on_list, order_status=status, redeemed=redeemed, nonce_seen=nonce_seen)


def test_no_such_ticket_is_unknown_ticket():
    assert decide(None, include_pending=True, force=True, ignore_unpaid=True) == Decision("unknown_ticket", None)


def test_a_product_not_on_the_list_is_product_before_anything_about_the_order():
    for status in "pnc":
        decision = decide(ticket(status, on_list=False), include_pending=True, force=True)
        assert decision == Decision("product", None)


@pytest.mark.parametrize("status", ["c", "e", "r"])
@pytest.mark.parametrize("force", [False, True])
def test_canceled_expired_or_refunded_order_is_unpaid_even_with_force(status, force):
    decision = decide(ticket(status), include_pending=True, force=force, ignore_unpaid=True)
    assert decision == Decision("unpaid", None)


def test_pending_order_without_force_is_unpaid():
    assert decide(ticket("n"), include_pending=False) == Decision("unpaid", None)
    assert decide(ticket("n"), include_pending=True) == Decision("unpaid", None)


def test_pending_order_with_force_is_admitted():
    assert decide(ticket("n"), include_pending=False, force=True) == Decision(None, "first")


def test_pending_order_with_ignore_unpaid_is_unpaid_without_include_pending():
    assert decide(ticket("n"), include_pending=False, ignore_unpaid=True) == Decision("unpaid", None)


def test_pending_order_with_ignore_unpaid_is_admitted_on_an_include_pending_list():
    assert decide(ticket("n"), include_pending=True, ignore_unpaid=True) == Decision(None, "first")


def test_retry_with_a_known_nonce_is_admitted_and_stores_nothing():
    for force in (False, True):
        decision = decide(ticket(redeemed=True, nonce_seen=True), include_pending=False, force=force)
        assert decision == Decision(None, None) and decision.admitted


def test_retry_with_a_known_nonce_is_still_refused_when_the_order_was_canceled_since():
    assert decide(ticket("c", redeemed=True, nonce_seen=True), include_pending=False) == Decision("unpaid", None)


def test_first_checkin_is_admitted_and_stored_as_the_admitting_one():
    assert decide(ticket(), include_pending=False) == Decision(None, "first")
    assert decide(ticket(), include_pending=False, force=True) == Decision(None, "first")


def test_forced_redeem_of_a_redeemed_ticket_is_admitted_as_an_extra_forced_row():
    assert decide(ticket(redeemed=True), include_pending=False, force=True) == Decision(None, "forced")


def test_redeemed_ticket_is_already_redeemed():
    decision = decide(ticket(redeemed=True), include_pending=True, ignore_unpaid=True)
    assert decision == Decision("already_redeemed", None) and not decision.admitted


def test_an_order_status_the_rule_does_not_know_is_unpaid():
    assert decide(ticket("x"), include_pending=True, force=True) == Decision("unpaid", None)


def test_the_rule_imports_nothing_but_dataclasses_and_datetime():
    tree = ast.parse(inspect.getsource(admission))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert imported == {"__future__", "dataclasses", "datetime"}
