"""GET status/: people (not rows) checked in, totals, event fields and per-product counts."""

from __future__ import annotations

from datetime import datetime

from tests.support.factories import CLIENT_KEY


def status(api, key=CLIENT_KEY):
    response = api.status(key=key)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == 2
    return body


def test_status_counts_people_not_rows_with_a_forced_duplicate(api, seed):
    first = seed.ticket("T1")
    seed.ticket("T2")
    seed.ticket("T3")
    api.redeem("T1")
    api.redeem("T1", force="true")
    assert len(seed.checkins(first)) == 2
    body = status(api)
    assert (body["checkins"], body["total"]) == (1, 3)


def test_status_totals_are_what_download_would_return(api, seed):
    seed.ticket("PAID")
    seed.ticket("PENDING", status="n")
    seed.ticket("CANCELED", status="c")
    seed.deactivate(seed.ticket("GONE"))
    assert status(api)["total"] == 1
    door = seed.key(seed.checkin_list("Door", include_pending=True))
    assert status(api, door)["total"] == 2


def test_status_counts_only_checkins_on_the_keys_list(api, seed):
    ticket = seed.ticket("T1")
    workshop = seed.checkin_list("Workshop")
    seed.checkin(ticket, workshop)
    assert status(api)["checkins"] == 0
    assert status(api, seed.key(workshop))["checkins"] == 1


def test_status_items_list_every_product_by_id_with_variation_counts(api, seed):
    shirt = seed.product("T-Shirt", pretix_id=5, admission=False, variations=["Red", "Blue"])
    ticket_product = seed.product("Ticket", pretix_id=2)
    unused = seed.product("Parking", pretix_id=9)
    red = seed.ticket("RED1", product=shirt, variation="Red")
    seed.ticket("RED2", product=shirt, variation="Red")
    seed.ticket("BLUE1", product=shirt, variation="Blue")
    entry = seed.ticket("ENTRY", product=ticket_product)
    seed.checkin(red)
    seed.checkin(entry)
    body = status(api)
    assert body["items"] == [
        {"id": 2, "name": "Ticket", "admission": True, "checkins": 1, "total": 1, "variations": []},
        {
            "id": 5,
            "name": "T-Shirt",
            "admission": False,
            "checkins": 1,
            "total": 3,
            "variations": [
                {"id": shirt.variations["Red"].pretix_id, "name": "Red", "checkins": 1, "total": 2},
                {"id": shirt.variations["Blue"].pretix_id, "name": "Blue", "checkins": 0, "total": 1},
            ],
        },
        {"id": unused.pretix_id, "name": "Parking", "admission": True, "checkins": 0, "total": 0, "variations": []},
    ]
    assert (body["checkins"], body["total"]) == (2, 4)


def test_products_outside_the_list_count_zero(api, seed):
    shirt = seed.product("T-Shirt", variations=["M"])
    ticket = seed.ticket("T1")
    seed.ticket("S1", product=shirt, variation="M")
    seed.checkin(ticket, seed.default_list_id)
    key = seed.key(seed.checkin_list("Shirts", products=[shirt]))
    items = {item["name"]: item for item in status(api, key)["items"]}
    assert (items["Ticket"]["checkins"], items["Ticket"]["total"]) == (0, 0)
    assert (items["T-Shirt"]["total"], items["T-Shirt"]["variations"][0]["total"]) == (1, 1)


def test_event_fields_the_import_does_not_carry_are_null_or_utc(api, seed):
    seed.ticket("T1")
    event = status(api)["event"]
    assert event == {
        "name": "conf",
        "slug": "conf",
        "list": "Entrance",
        "date_from": None,
        "date_to": None,
        "timezone": "UTC",
        "url": None,
        "organizer": {"name": "acme", "slug": "acme"},
    }


def test_event_dates_are_iso_utc_with_z(api, seed):
    seed.set_event(
        name="Conference 2026",
        date_from=datetime(2026, 12, 27, 17, 0),
        date_to=datetime(2026, 12, 30, 18, 0),
        timezone="Europe/Berlin",
        url="https://example.org/conf/",
    )
    event = status(api)["event"]
    assert event["name"] == "Conference 2026"
    assert (event["date_from"], event["date_to"]) == ("2026-12-27T17:00:00Z", "2026-12-30T18:00:00Z")
    assert (event["timezone"], event["url"]) == ("Europe/Berlin", "https://example.org/conf/")


def test_status_names_the_keys_list(api, seed):
    key = seed.key(seed.checkin_list("Workshop"))
    assert status(api, key)["event"]["list"] == "Workshop"
