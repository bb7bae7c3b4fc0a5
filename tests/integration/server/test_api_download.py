"""GET download/: every admissible ticket of the list, as data objects, ordered, gzip-compressed on request."""

from __future__ import annotations

import gzip
from datetime import datetime

import requests

from tests.support.factories import CLIENT_KEY


def download(api, key=CLIENT_KEY):
    response = api.download(key=key)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == 2 and body["questions"] == []
    return body["results"]


def secrets_of(results):
    return [result["secret"] for result in results]


def test_download_has_paid_tickets_but_not_pending_or_canceled_ones(api, seed):
    seed.ticket("PAID", status="p")
    seed.ticket("PENDING", status="n")
    for status in "cer":
        seed.ticket(f"DEAD-{status}", status=status)
    assert secrets_of(download(api)) == ["PAID"]


def test_download_includes_pending_tickets_on_an_include_pending_list(api, seed):
    seed.ticket("PAID", status="p")
    seed.ticket("PENDING", status="n")
    seed.ticket("CANCELED", status="c")
    key = seed.key(seed.checkin_list("Door", include_pending=True))
    results = download(api, key)
    assert secrets_of(results) == ["PAID", "PENDING"]
    assert results[1]["paid"] is False and results[1]["checkin_allowed"] is True


def test_download_is_restricted_to_the_lists_products_and_includes_non_admission_ones(api, seed):
    shirt = seed.product("T-Shirt", admission=False)
    parent = seed.ticket("PARENT")
    seed.addon(parent, shirt, "SHIRT-ADDON")
    key = seed.key(seed.checkin_list("Merch", products=[shirt]))
    assert secrets_of(download(api, key)) == ["SHIRT-ADDON"]
    assert secrets_of(download(api)) == ["PARENT", "SHIRT-ADDON"]


def test_download_leaves_out_inactive_positions(api, seed):
    seed.ticket("KEEP")
    seed.deactivate(seed.ticket("GONE"))
    assert secrets_of(download(api)) == ["KEEP"]


def test_download_is_ordered_by_pretix_position_id(api, seed):
    seed.ticket("C", pretix_id=3)
    seed.ticket("A", pretix_id=1)
    seed.ticket("B", pretix_id=2)
    assert secrets_of(download(api)) == ["A", "B", "C"]


def test_download_entries_have_exactly_the_data_shape(api, seed):
    shirt = seed.product("T-Shirt", pretix_id=7, variations=["Red", "Blue"], admission=False)
    workshop = seed.product("Workshop", pretix_id=8)
    ticket = seed.ticket("MAIN", attendee_name="Ada Lovelace")
    seed.addon(ticket, shirt, "SHIRT", variation="Blue")
    seed.addon(ticket, workshop, "WORKSHOP")
    seed.checkin(ticket)
    results = {entry["secret"]: entry for entry in download(api)}
    assert results["MAIN"] == {
        "secret": "MAIN",
        "order": ticket.order.code,
        "item": "Ticket",
        "item_id": ticket.product.pretix_id,
        "variation": None,
        "variation_id": None,
        "attendee_name": "Ada Lovelace",
        "redeemed": True,
        "paid": True,
        "checkin_allowed": True,
        "attention": False,
        "addons_text": "T-Shirt, Workshop",
    }
    shirt_entry = results["SHIRT"]
    assert (shirt_entry["item"], shirt_entry["item_id"]) == ("T-Shirt", 7)
    assert (shirt_entry["variation"], shirt_entry["variation_id"]) == ("Blue", shirt.variations["Blue"].pretix_id)
    assert shirt_entry["attendee_name"] == "Ada Lovelace"  # an add-on without a name shows its parent's
    assert shirt_entry["redeemed"] is False and shirt_entry["addons_text"] == ""


def test_attendee_name_falls_back_to_the_invoice_name_then_null(api, seed):
    seed.ticket("OWN", attendee_name="Own Name", invoice_name="Invoice Co")
    seed.ticket("INVOICE", invoice_name="Invoice Co")
    seed.ticket("NOBODY")
    names = {entry["secret"]: entry["attendee_name"] for entry in download(api)}
    assert names == {"OWN": "Own Name", "INVOICE": "Invoice Co", "NOBODY": None}


def test_addon_with_its_own_name_keeps_it(api, seed):
    shirt = seed.product("T-Shirt")
    parent = seed.ticket("PARENT", attendee_name="Parent Name")
    seed.addon(parent, shirt, "ADDON", attendee_name="Addon Name")
    names = {entry["secret"]: entry["attendee_name"] for entry in download(api)}
    assert names["ADDON"] == "Addon Name"


def test_attention_comes_from_the_product_its_variation_or_the_order(api, seed):
    special = seed.product("VIP", attention=True)
    seed.ticket("PRODUCT-FLAG", product=special)
    seed.ticket("ORDER-FLAG", order=seed.order(attention=True))
    pass_ = seed.product("Pass", variations=["Standard", "Backstage"], attention_variations=["Backstage"])
    seed.ticket("VARIATION-FLAG", product=pass_, variation="Backstage")
    seed.ticket("OTHER-VARIATION", product=pass_, variation="Standard")
    seed.ticket("NO-FLAG")
    flags = {entry["secret"]: entry["attention"] for entry in download(api)}
    assert flags == {"PRODUCT-FLAG": True, "ORDER-FLAG": True, "VARIATION-FLAG": True, "OTHER-VARIATION": False,
                     "NO-FLAG": False}


def test_canceled_addons_are_not_in_addons_text(api, seed):
    shirt = seed.product("T-Shirt")
    hat = seed.product("Hat")
    parent = seed.ticket("PARENT")
    seed.addon(parent, shirt, "SHIRT")
    seed.deactivate(seed.addon(parent, hat, "HAT"))
    assert download(api)[0]["addons_text"] == "T-Shirt"


def test_redeemed_in_download_is_per_list(api, seed):
    ticket = seed.ticket("T1")
    workshop = seed.checkin_list("Workshop")
    seed.checkin(ticket, workshop)
    assert download(api)[0]["redeemed"] is False
    assert download(api, seed.key(workshop))[0]["redeemed"] is True


def test_download_is_gzip_compressed_when_the_client_accepts_it(api, seed, live_server):
    for number in range(50):
        seed.ticket(f"GZ{number:03d}", attendee_name="Repeated Name")
    url = api.url("download")
    raw = requests.get(url, params={"key": api.key}, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.headers["Content-Type"] == "application/json"
    compressed = raw.raw.read()
    assert len(gzip.decompress(compressed)) > 2 * len(compressed)
    assert raw.headers["Vary"] == "Accept-Encoding"


def test_download_is_plain_when_the_client_does_not_accept_gzip(api, seed):
    seed.ticket("PLAIN")
    for accept in ("identity", "gzip;q=0"):
        response = requests.get(
            api.url("download"), params={"key": api.key}, headers={"Accept-Encoding": accept}, timeout=10
        )
        assert "Content-Encoding" not in response.headers
        assert response.json()["results"][0]["secret"] == "PLAIN"


def full_download(api, key=CLIENT_KEY, flag="1"):
    response = api.download(key=key, params={"full": flag})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Encoding"] == "gzip"  # requests asks for it, as the station does
    return response.json()


def test_download_without_full_has_only_the_standard_keys_and_full_0_changes_nothing(api, seed):
    seed.ticket("PAID")
    seed.ticket("PENDING", status="n")
    plain = api.download()
    assert list(plain.json()) == ["version", "results", "questions"]
    assert set(plain.json()["results"][0]) == {
        "secret", "order", "item", "item_id", "variation", "variation_id", "attendee_name", "redeemed", "paid",
        "checkin_allowed", "attention", "addons_text",
    }
    for flag in ("0", "false", "no", ""):
        assert api.download(params={"full": flag}).content == plain.content


def test_full_download_lists_every_active_ticket_with_its_order_status_and_list_membership(api, seed):
    shirt = seed.product("T-Shirt", admission=False)
    ticket = seed.product("Ticket")
    seed.ticket("PAID", product=ticket)
    seed.ticket("PENDING", status="n", product=ticket)
    seed.ticket("CANCELED", status="c", product=ticket)
    seed.ticket("EXPIRED", status="e", product=ticket)
    seed.ticket("REFUNDED", status="r", product=ticket)
    seed.ticket("SHIRT", product=shirt)
    seed.deactivate(seed.ticket("GONE", product=ticket))
    key = seed.key(seed.checkin_list("Main", products=[ticket]))
    body = full_download(api, key)
    assert list(body) == ["version", "include_pending", "next", "incremental", "results", "questions"]
    assert body["version"] == 2 and body["include_pending"] is False and body["questions"] == []
    facts = {entry["secret"]: (entry["order_status"], entry["on_list"], entry["paid"], entry["checkin_allowed"])
             for entry in body["results"]}
    assert facts == {
        "PAID": ("p", True, True, True),
        "PENDING": ("n", True, False, False),
        "CANCELED": ("c", True, False, False),
        "EXPIRED": ("e", True, False, False),
        "REFUNDED": ("r", True, False, False),
        "SHIRT": ("p", False, True, True),
    }
    assert secrets_of(body["results"]) == ["PAID", "PENDING", "CANCELED", "EXPIRED", "REFUNDED", "SHIRT"]


def test_full_download_entries_are_the_plain_entries_plus_seven_keys(api, seed):
    shirt = seed.product("T-Shirt", variations=["Red"], checkin_text="Sizes at desk B")
    parent = seed.ticket("MAIN", attendee_name="Ada")
    seed.addon(parent, shirt, "SHIRT", variation="Red")
    seed.checkin(parent, when=datetime(2026, 5, 1, 14, 2, 7))
    plain = download(api)
    full = full_download(api, flag="true")["results"]
    extensions = ("order_status", "on_list", "first_checkin", "checkin_text", "blocked", "valid_from", "valid_until")
    assert [{k: v for k, v in entry.items() if k not in extensions} for entry in full] == plain
    assert [tuple(entry[k] for k in extensions) for entry in full] == [
        ("p", True, {"datetime": "2026-05-01T14:02:07Z", "station": None}, None, False, None, None),  # no key
        ("p", True, None, "Sizes at desk B", False, None, None),
    ]


def test_full_download_carries_pretixs_blocked_flag_and_validity_window_and_the_plain_one_omits_blocked(api, seed):
    seed.ticket("BLOCKED", blocked=True)
    seed.ticket("WINDOW", valid_from=datetime(2026, 12, 27, 17, 0), valid_until=datetime(2026, 12, 28, 2, 30))
    full = {entry["secret"]: entry for entry in full_download(api)["results"]}
    assert (full["BLOCKED"]["blocked"], full["WINDOW"]["blocked"]) == (True, False)
    assert (full["WINDOW"]["valid_from"], full["WINDOW"]["valid_until"]) == ("2026-12-27T17:00:00Z",
                                                                            "2026-12-28T02:30:00Z")
    assert secrets_of(download(api)) == ["WINDOW"]


def test_full_download_on_an_include_pending_list_says_so_and_allows_pending(api, seed):
    seed.ticket("PENDING", status="n")
    seed.ticket("CANCELED", status="c")
    body = full_download(api, seed.key(seed.checkin_list("Door", include_pending=True)))
    assert body["include_pending"] is True
    allowed = {entry["secret"]: entry["checkin_allowed"] for entry in body["results"]}
    assert allowed == {"PENDING": True, "CANCELED": False}


def test_full_download_shows_redeemed_per_list(api, seed):
    checked = seed.ticket("IN", status="p")
    seed.ticket("OUT", status="p")
    seed.checkin(checked)
    redeemed = {entry["secret"]: entry["redeemed"] for entry in full_download(api)["results"]}
    assert redeemed == {"IN": True, "OUT": False}
