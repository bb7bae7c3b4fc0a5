"""GET search/: what matches, for whom, in which order, and how many."""

from __future__ import annotations

import pytest

from tests.support.factories import CLIENT_KEY


def search(api, query, key=CLIENT_KEY):
    response = api.search(query, key=key)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == 2 and set(body) == {"version", "results"}
    return body["results"]


def secrets_of(results):
    return [result["secret"] for result in results]


def test_query_shorter_than_four_characters_finds_nothing(api, seed):
    seed.ticket("ABC123")
    assert search(api, "ABC") == []
    assert secrets_of(search(api, "ABC1")) == ["ABC123"]


def test_query_is_not_trimmed(api, seed):
    seed.ticket("ABCDEF", attendee_name="Jo Ann")
    assert search(api, " ABC") == []
    assert secrets_of(search(api, "o An")) == ["ABCDEF"]


def test_secret_prefix_matches_case_insensitively(api, seed):
    seed.ticket("PAID1-XYZ")
    seed.ticket("XPAID1")
    assert secrets_of(search(api, "paid1")) == ["PAID1-XYZ"]


def test_secret_matches_only_as_prefix(api, seed):
    seed.ticket("XXPAID1")
    assert search(api, "PAID1") == []


def test_order_code_prefix_matches_case_insensitively(api, seed):
    order = seed.order(code="PAID1")
    seed.ticket("S1", order=order)
    seed.ticket("S2", order=order)
    seed.ticket("S3")
    assert secrets_of(search(api, "paid")) == ["S1", "S2"]
    assert search(api, "AID1") == []


def test_attendee_name_substring_matches_with_unicode_casefold(api, seed):
    seed.ticket("S1", attendee_name="Hans Müller")
    seed.ticket("S2", attendee_name="Straße Weg")
    seed.ticket("S3", attendee_name="Somebody Else")
    assert secrets_of(search(api, "MÜLLER")) == ["S1"]
    assert secrets_of(search(api, "ns mü")) == ["S1"]
    assert secrets_of(search(api, "STRASSE")) == ["S2"]


def test_addon_matches_its_parents_attendee_name(api, seed):
    shirt = seed.product("T-Shirt")
    parent = seed.ticket("PARENT", attendee_name="Grace Hopper")
    seed.addon(parent, shirt, "ADDON")
    results = search(api, "hopper")
    assert secrets_of(results) == ["PARENT", "ADDON"]
    assert results[1]["attendee_name"] == "Grace Hopper"


def test_invoice_name_substring_matches(api, seed):
    seed.ticket("S1", invoice_name="Initech GmbH")
    assert secrets_of(search(api, "tech g")) == ["S1"]


def test_email_addresses_are_never_searched(api, seed):
    order = seed.order(email="someone@example.org")
    seed.ticket("S1", order=order)
    assert search(api, "someone") == []


@pytest.mark.parametrize("query", ["10%_off", "%%%%", "____", "a_b%"])
def test_percent_and_underscore_are_literal(api, seed, query):
    seed.ticket("10%_OFF", attendee_name="a_b%c")
    seed.ticket("10XXOFF", attendee_name="aXbYc")
    expected = ["10%_OFF"] if query in ("10%_off", "a_b%") else []
    assert secrets_of(search(api, query)) == expected


def test_quotes_and_fts_syntax_are_literal(api, seed):
    seed.ticket("S1", attendee_name='Anna "Nan" OR Bea*')
    assert secrets_of(search(api, '"Nan" OR')) == ["S1"]
    assert secrets_of(search(api, "Bea*")) == ["S1"]
    assert search(api, "NEAR(") == []


def test_without_allow_search_only_the_secret_prefix_matches(api, seed):
    order = seed.order(code="ORDX1")
    seed.ticket("NAMEDS", order=order, attendee_name="Secret Person")
    seed.ticket("ORDX1-TICKET")
    key = seed.key(allow_search=False)
    assert search(api, "secret", key) == []
    assert secrets_of(search(api, "ORDX1", key)) == ["ORDX1-TICKET"]
    assert secrets_of(search(api, "named", key)) == ["NAMEDS"]


def test_results_are_limited_to_25(api, seed):
    for number in range(30):
        seed.ticket(f"MANY{number:03d}")
    results = search(api, "many")
    assert len(results) == 25
    assert secrets_of(results) == [f"MANY{number:03d}" for number in range(25)]


def test_results_are_ordered_by_pretix_position_id(api, seed):
    seed.ticket("ZED-3", pretix_id=30)
    seed.ticket("ZED-1", pretix_id=10)
    seed.ticket("ZED-2", pretix_id=20)
    assert secrets_of(search(api, "zed-")) == ["ZED-1", "ZED-2", "ZED-3"]


def test_unpaid_and_canceled_tickets_are_found_as_not_paid(api, seed):
    seed.ticket("FIND-P", status="p")
    seed.ticket("FIND-N", status="n")
    seed.ticket("FIND-C", status="c")
    results = search(api, "find")
    assert [(r["secret"], r["paid"]) for r in results] == [("FIND-P", True), ("FIND-N", False), ("FIND-C", False)]


def test_inactive_positions_are_not_found(api, seed):
    ticket = seed.ticket("GONE-1", attendee_name="Gone Person")
    seed.deactivate(ticket)
    assert search(api, "gone") == []


def test_search_is_restricted_to_the_lists_products(api, seed):
    shirt = seed.product("T-Shirt")
    seed.ticket("LIST-TICKET")
    seed.ticket("LIST-SHIRT", product=shirt)
    key = seed.key(seed.checkin_list("Shirts", products=[shirt]))
    assert secrets_of(search(api, "list", key)) == ["LIST-SHIRT"]
    assert secrets_of(search(api, "list")) == ["LIST-TICKET", "LIST-SHIRT"]


def test_search_is_restricted_to_the_event(api, seed, engine):
    from tests.support.factories import EventSeed

    EventSeed(engine, "acme", "other").ticket("EVENT-OTHER", attendee_name="Event Person")
    seed.ticket("EVENT-HERE", attendee_name="Event Person")
    assert secrets_of(search(api, "event")) == ["EVENT-HERE"]


def test_redeemed_in_results_is_per_list(api, seed):
    ticket = seed.ticket("REDEEM-1")
    workshop = seed.checkin_list("Workshop")
    seed.checkin(ticket, workshop)
    assert search(api, "redeem")[0]["redeemed"] is False
    assert search(api, "redeem", seed.key(workshop))[0]["redeemed"] is True


def test_a_ticket_matching_several_ways_appears_once(api, seed):
    order = seed.order(code="DUPE1", invoice_name="Dupe Inc")
    seed.ticket("DUPE1-S", order=order, attendee_name="Dupe Person")
    assert secrets_of(search(api, "dupe")) == ["DUPE1-S"]


def test_nul_or_overlong_query_finds_nothing(api, seed):
    seed.ticket("NULL-1")
    assert search(api, "NULL\x00") == []
    assert search(api, "N" * 5000) == []


def test_search_with_over_a_thousand_matches_still_returns_the_first_25_by_position_id(api, seed):
    # Many matches take another query plan on SQLite (walking the event in pretix order).
    seed.ticket("ZZ-NAME", attendee_name="Commonname Late", pretix_id=5000)
    secrets = seed.bulk_tickets(1100, "MASS", attendee_name="Commonname Person")
    seed.ticket("ZZ-NAME-EARLY", attendee_name="Someone Commonname", pretix_id=0)
    assert secrets_of(search(api, "commonname")) == ["ZZ-NAME-EARLY", *secrets[:24]]
    assert secrets_of(search(api, "mass")) == secrets[:25]
    assert secrets_of(search(api, "MASS001099")) == ["MASS001099"]


def test_each_result_says_why_it_matched(api, seed):
    order = seed.order(code="MULL1", invoice_name="Müller Catering GmbH")
    seed.ticket("MULLERTICKET", order=order, attendee_name="Ada Lovelace")
    seed.ticket("S2", order=order, attendee_name="Grace Hopper")
    seed.ticket("S3", attendee_name="Jürgen Müller")
    matched = {r["secret"]: r["matched"] for r in search(api, "muller")}
    assert matched == {"MULLERTICKET": "secret", "S2": "invoice_name", "S3": "name"}
    assert {r["secret"]: r["matched"] for r in search(api, "mull1")} == {"MULLERTICKET": "order", "S2": "order"}
    assert {r["secret"]: r["matched"] for r in search(api, "Catering")} == {"MULLERTICKET": "invoice_name",
                                                                            "S2": "invoice_name"}


def test_an_addon_found_by_its_tickets_name_matched_by_name(api, seed):
    shirt = seed.product("T-Shirt")
    parent = seed.ticket("PARENT", attendee_name="François Müller")
    seed.addon(parent, shirt, "ADDON")
    assert [(r["secret"], r["matched"]) for r in search(api, "francois")] == [("PARENT", "name"), ("ADDON", "name")]


def test_results_say_when_and_where_a_ticket_was_first_used_and_its_check_in_text(api, seed):
    product = seed.product("Pass", checkin_text="Wristband")
    ticket = seed.ticket("FIRST-1", product=product)
    seed.ticket("FIRST-2", product=product)
    door = seed.key(name="Door 2")
    assert api.redeem("FIRST-1", key=door, datetime="2026-05-01T14:02:00Z").json()["status"] == "ok"
    results = {r["secret"]: r for r in search(api, "first")}
    assert results["FIRST-1"]["first_checkin"] == {"datetime": "2026-05-01T14:02:00Z", "station": "Door 2"}
    assert results["FIRST-2"]["first_checkin"] is None
    assert {r["checkin_text"] for r in results.values()} == {"Wristband"}
    assert seed.checkins(ticket)[0]["datetime"].hour == 14
