"""The pure parts of the pretix sync: the device code, pretix's statuses and names, the list mapping, the budget."""

from __future__ import annotations

import threading
import time

from server.pretix.client import PULL, UPLOAD, Budget
from server.pretix.device_code import parse_device_setup
from server.pretix.mapping import order_status, plan_lists, text


def test_a_pretix_device_code_is_recognised_and_its_token_stays_out_of_its_repr():
    setup = parse_device_setup(' {"handshake_version": 1, "url": "https://pretix.eu/", "token": "kpp4jn8g2ynzonp6"} ')
    assert (setup.url, setup.token) == ("https://pretix.eu", "kpp4jn8g2ynzonp6")
    assert "kpp4" not in repr(setup)


def test_other_codes_are_not_device_codes():
    for text_ in ("ABC123", '{"handshake_version": 2, "url": "https://x", "token": "t"}',
                  '{"handshake_version": 1, "url": "ftp://x", "token": "t"}', '{"handshake_version": 1, "url": '
                  '"https://x", "token": ""}', "{not json", '{"version": 1, "url": "https://x", "key": "k"}'):
        assert parse_device_setup(text_) is None, text_


def test_canceled_expired_and_unapproved_orders_answer_unpaid_and_valid_if_pending_ones_count_as_paid():
    assert order_status({"status": "p"}) == "p"
    assert order_status({"status": "n"}) == "n"
    assert order_status({"status": "n", "valid_if_pending": True}) == "p"
    assert order_status({"status": "n", "require_approval": True, "valid_if_pending": True}) == "u"
    assert order_status({"status": "c"}) == "c" and order_status({"status": "e"}) == "e"


def test_names_come_in_the_events_language_then_english_then_any():
    assert text({"de": "Eintritt", "en": "Admission"}, "de") == "Eintritt"
    assert text({"de": "Eintritt", "en": "Admission"}, "fr") == "Admission"
    assert text({"de-informal": "Eintritt"}, None) == "Eintritt"
    assert text("Plain", "de") == "Plain"


def lists(*specs):
    return [{"id": i, "name": name, "all_products": every, "limit_products": [], "subevent": None, "rules": {},
             "addon_match": False, "allow_multiple_entries": False} for i, name, every in specs]


def test_a_local_list_takes_its_namesake_else_the_first_list_for_all_products():
    plan = plan_lists(lists((3, "VIP", False), (5, "Main", True), (7, "Side", True)), ["Entrance", "VIP"], None)
    assert plan.problem is None and plan.mapped == {"Entrance": 5}
    assert plan.display == {3: "VIP", 5: "Main", 7: "Side"}


def test_two_pretix_lists_of_one_name_are_told_apart_by_their_ids():
    plan = plan_lists(lists((3, "Door", True), (4, "Door", False)), [], None)
    assert plan.display == {3: "Door (#3)", 4: "Door (#4)"}


def test_without_a_list_for_all_products_connect_says_which_list_to_create():
    plan = plan_lists(lists((3, "VIP", False)), ["Entrance"], None)
    assert "create a list 'Entrance'" in plan.problem and "Check-in lists" in plan.problem


def test_list_features_our_stations_cannot_express_are_reported():
    specs = lists((3, "Main", True))
    specs[0].update(rules={"and": [True]}, addon_match=True, allow_multiple_entries=True)
    unsupported = plan_lists(specs, [], None).unsupported
    assert len(unsupported) == 3 and all(line.startswith("list Main:") for line in unsupported)


def test_the_budget_serves_uploads_before_pulls():
    budget = Budget(rate=20.0, burst=1.0)
    budget.take(PULL)  # the burst is used up
    order = []
    pulls = [threading.Thread(target=lambda: (budget.take(PULL), order.append("pull"))) for _ in range(3)]
    for thread in pulls:
        thread.start()
    time.sleep(0.01)
    upload = threading.Thread(target=lambda: (budget.take(UPLOAD), order.append("upload")))
    upload.start()
    for thread in [*pulls, upload]:
        thread.join(5)
    assert order.index("upload") <= 1  # at most one pull got the token that was due before it asked
