"""server.admin: keys, check-in lists and event details as the CLI and kiosk host mode manage them."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import select

from server.admin import (
    AdminError,
    create_key,
    create_list,
    list_events,
    list_keys,
    revoke_key,
    set_event,
    setup_json,
)
from server.schema import checkin_list_products, checkin_lists, events, keys, products
from tests.support.factories import EventSeed


def stored_keys(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(keys).order_by(keys.c.id)).mappings()]


def stored_event(engine, seed) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(events).where(events.c.id == seed.event_id)).mappings().one())


def test_a_new_key_is_returned_once_and_only_its_sha256_is_stored(engine, seed):
    key = create_key(engine, "acme", "conf")

    (row,) = stored_keys(engine)
    assert len(key) == 32 and key.isalnum()
    assert row["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in row.values()}
    assert create_key(engine, "acme", "conf") != key


def test_default_key_names_count_up_per_event(engine, seed):
    other = EventSeed(engine, "acme", "workshop")
    create_key(engine, "acme", "conf")
    create_key(engine, "acme", "conf", name="door")
    create_key(engine, "acme", "workshop")
    create_key(engine, "acme", "conf")

    assert [k["name"] for k in list_keys(engine, "acme", "conf")] == ["station-1", "door", "station-3"]
    assert [k["name"] for k in list_keys(engine, other.organizer, other.event)] == ["station-1"]


def test_a_key_name_is_unique_per_event(engine, seed):
    create_key(engine, "acme", "conf", name="door")

    with pytest.raises(AdminError, match="A key named 'door' already exists for acme/conf"):
        create_key(engine, "acme", "conf", name=" door ")
    assert len(stored_keys(engine)) == 1


def test_a_key_on_a_named_list_with_its_flags_is_listed_without_secrets(engine, seed):
    seed.checkin_list("Workshop")
    key = create_key(engine, "acme", "conf", name="ws", list_name="Workshop", allow_search=False, show_info=False)

    (listed,) = list_keys(engine, "acme", "conf")
    assert listed == {"name": "ws", "list": "Workshop", "allow_search": False, "show_info": False,
                      "revoked": False, "created": listed["created"]}
    datetime.strptime(listed["created"], "%Y-%m-%dT%H:%M:%SZ")
    assert key not in str(listed) and stored_keys(engine)[0]["key_hash"] not in str(listed)


def test_a_key_on_an_unknown_list_names_the_lists_there_are(engine, seed):
    seed.checkin_list("Workshop")

    with pytest.raises(AdminError, match=r"No check-in list 'VIP' in acme/conf \(lists: Entrance, Workshop\)"):
        create_key(engine, "acme", "conf", list_name="VIP")
    assert stored_keys(engine) == []


def test_an_unknown_event_says_to_import_one_first(engine):
    with pytest.raises(AdminError) as error:
        create_key(engine, "demo", "fest")
    assert str(error.value) == "No event demo/fest. Import one first with: checkin-server import FILE"


def test_an_unknown_event_lists_the_known_ones(engine, seed):
    with pytest.raises(AdminError, match=r"\(known events: acme/conf\)$"):
        list_keys(engine, "acme", "cnf")


def test_setup_json_is_the_pretixdroid_configuration():
    assert setup_json("https://host.example:8443/", "demo", "fest", "K" * 32, False, True) == {
        "version": 3, "url": "https://host.example:8443/pretixdroid/api/demo/fest/", "key": "K" * 32,
        "allow_search": False, "show_info": True}


def test_revoking_marks_the_key_and_a_second_revoke_reports_no_change(engine, seed):
    create_key(engine, "acme", "conf", name="door")

    assert revoke_key(engine, "acme", "conf", "door") is True
    assert revoke_key(engine, "acme", "conf", "door") is False
    assert list_keys(engine, "acme", "conf")[0]["revoked"] is True
    with pytest.raises(AdminError, match="No key named 'gate' for acme/conf"):
        revoke_key(engine, "acme", "conf", "gate")


def test_a_list_covers_the_given_products_or_all_and_names_are_unique(engine, seed):
    seed.product("T-Shirt", pretix_id=7)

    create_list(engine, "acme", "conf", "Merch", [7, 7], include_pending=True)
    create_list(engine, "acme", "conf", "Everything", [])
    with pytest.raises(AdminError, match="A check-in list named 'Merch' already exists"):
        create_list(engine, "acme", "conf", "Merch", [])

    with engine.connect() as conn:
        rows = conn.execute(select(checkin_lists.c.name, checkin_lists.c.all_products,
                                   checkin_lists.c.include_pending).order_by(checkin_lists.c.id)).all()
        covered = conn.execute(select(checkin_lists.c.name, products.c.pretix_id).select_from(
            checkin_lists.join(checkin_list_products).join(products))).all()
    assert rows == [("Entrance", True, False), ("Merch", False, True), ("Everything", True, False)]
    assert covered == [("Merch", 7)]


def test_a_list_with_an_unknown_product_is_refused_naming_the_products(engine, seed):
    seed.product("T-Shirt", pretix_id=7)

    with pytest.raises(AdminError, match=r"acme/conf has no product with id 8 \(products: 7 T-Shirt\)"):
        create_list(engine, "acme", "conf", "Merch", [7, 8])
    with engine.connect() as conn:
        assert conn.execute(select(checkin_lists.c.name)).scalars().all() == ["Entrance"]


def test_event_dates_with_an_offset_are_stored_as_utc(engine, seed):
    shown = set_event(engine, "acme", "conf", name="Conf 2026", date_from="2026-12-27T18:00:00+01:00",
                      date_to="2026-12-30T18:00Z", url="https://conf.example/")

    stored = stored_event(engine, seed)
    assert (stored["date_from"], stored["date_to"]) == (datetime(2026, 12, 27, 17), datetime(2026, 12, 30, 18))
    assert shown == {"organizer": "acme", "event": "conf", "name": "Conf 2026", "date_from": "2026-12-27T17:00:00Z",
                     "date_to": "2026-12-30T18:00:00Z", "timezone": "UTC", "url": "https://conf.example/"}
    assert list_events(engine) == [shown]


def test_event_dates_without_an_offset_are_in_the_event_time_zone(engine, seed):
    set_event(engine, "acme", "conf", timezone="America/New_York")
    set_event(engine, "acme", "conf", date_from="2026-07-04T09:00", date_to="2026-07-05")

    stored = stored_event(engine, seed)
    assert stored["timezone"] == "America/New_York"
    assert stored["date_from"] == datetime(2026, 7, 4, 13)
    assert stored["date_to"] == datetime(2026, 7, 5, 4)  # a date alone is midnight there


@pytest.mark.parametrize("fields, message", [
    ({"timezone": "Europe/Atlantis"}, "Unknown time zone 'Europe/Atlantis'"),
    ({"timezone": "../../etc/passwd"}, "Unknown time zone"),
    ({"date_from": "27.12.2026"}, "Cannot read date-from '27.12.2026'"),
    ({"date_from": "2026-12-28T00:00Z", "date_to": "2026-12-27T00:00Z"}, "end before it starts"),
    ({"url": "javascript:alert(1)"}, "must start with http:// or https://"),
    ({"name": "   "}, "The event name must not be empty"),
])
def test_bad_event_details_are_refused_and_change_nothing(engine, seed, fields, message):
    before = stored_event(engine, seed)

    with pytest.raises(AdminError, match=message):
        set_event(engine, "acme", "conf", **{"name": "Renamed", **fields})

    assert stored_event(engine, seed) == before


def test_an_empty_url_clears_the_event_url(engine, seed):
    set_event(engine, "acme", "conf", url="https://conf.example/")
    set_event(engine, "acme", "conf", url="")

    assert stored_event(engine, seed)["url"] is None
