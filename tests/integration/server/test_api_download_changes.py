"""download/?full=1&since=TOKEN (our stations' incremental download) and the download's ETag / 304.

Between two downloads, tickets are added, changed, deactivated and checked in elsewhere; the
second download lists exactly those. Every change goes through the database as the importer,
a redeem or a list edit makes it (the triggers of server/change_tracking.py see them all).
"""

from __future__ import annotations

from sqlalchemy import update

from server.schema import checkin_list_products, positions, products
from tests.support.factories import CLIENT_KEY


def full(api, since=None, key=CLIENT_KEY, headers=None):
    params = {"full": "1"}
    if since is not None:
        params["since"] = since
    response = api.download(key=key, params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


def by_secret(body):
    return {entry["secret"]: entry for entry in body["results"]}


def test_a_full_download_carries_a_token_and_nothing_changed_gives_an_empty_incremental_answer(api, seed):
    seed.ticket("A")
    first = full(api)
    assert first["incremental"] is False and isinstance(first["next"], str)
    again = full(api, first["next"])
    assert again["incremental"] is True
    assert again["results"] == [] and again["removed"] == []
    assert list(again) == ["version", "include_pending", "next", "incremental", "removed", "results", "questions"]


def test_tickets_added_between_two_downloads_are_sent_and_nothing_else(api, seed):
    seed.ticket("OLD")
    token = full(api)["next"]
    seed.ticket("NEW", attendee_name="Grace Hopper")
    body = full(api, token)
    assert body["incremental"] is True
    assert list(by_secret(body)) == ["NEW"]
    new = by_secret(body)["NEW"]
    assert new["attendee_name"] == "Grace Hopper" and new["order_status"] == "p" and new["on_list"] is True


def test_a_changed_name_order_status_or_product_sends_the_ticket_again(api, seed, engine):
    shirt = seed.product("Shirt")
    named = seed.ticket("NAMED", attendee_name="Before")
    canceled = seed.ticket("CANCELED")
    seed.ticket("SHIRT", product=shirt)
    seed.ticket("UNTOUCHED")
    token = full(api)["next"]
    with engine.begin() as conn:
        conn.execute(update(positions).where(positions.c.id == named.id).values(attendee_name="After"))
        conn.execute(update(products).where(products.c.id == shirt.id).values(name="T-Shirt"))
    seed.set_order_status(canceled.order, "c")
    changed = by_secret(full(api, token))
    assert set(changed) == {"NAMED", "CANCELED", "SHIRT"}
    assert changed["NAMED"]["attendee_name"] == "After"
    assert changed["CANCELED"]["order_status"] == "c" and changed["CANCELED"]["paid"] is False
    assert changed["SHIRT"]["item"] == "T-Shirt"


def test_a_deactivated_ticket_is_listed_as_removed(api, seed):
    gone = seed.ticket("GONE")
    seed.ticket("KEEP")
    token = full(api)["next"]
    seed.deactivate(gone)
    body = full(api, token)
    assert body["results"] == [] and body["removed"] == ["GONE"]


def test_a_ticket_checked_in_elsewhere_comes_back_redeemed_with_where(api, seed):
    seed.ticket("T1")
    seed.ticket("T2")
    token = full(api)["next"]
    other = seed.key(name="Door 2")
    assert api.redeem("T1", key=other).json()["status"] == "ok"
    body = full(api, token)
    entry = by_secret(body)["T1"]
    assert list(by_secret(body)) == ["T1"]
    assert entry["redeemed"] is True and entry["first_checkin"]["station"] == "Door 2"


def test_the_next_token_follows_on_so_each_change_is_sent_once(api, seed):
    seed.ticket("T1")
    token = full(api)["next"]
    seed.ticket("T2")
    second = full(api, token)
    assert list(by_secret(second)) == ["T2"]
    seed.ticket("T3")
    third = full(api, second["next"])
    assert list(by_secret(third)) == ["T3"]
    assert full(api, third["next"])["results"] == []


def test_an_addon_added_to_a_ticket_sends_its_parent_with_the_new_addons_text(api, seed):
    hat = seed.product("Hat")
    parent = seed.ticket("PARENT", attendee_name="Ada")
    token = full(api)["next"]
    seed.addon(parent, hat, "HAT")
    changed = by_secret(full(api, token))
    assert set(changed) == {"PARENT", "HAT"}
    assert changed["PARENT"]["addons_text"] == "Hat" and changed["HAT"]["attendee_name"] == "Ada"


def test_a_product_added_to_the_list_sends_its_tickets_with_on_list(api, seed, engine):
    ticket_product = seed.product("Ticket")
    shirt = seed.product("Shirt")
    seed.ticket("TICKET", product=ticket_product)
    seed.ticket("SHIRT", product=shirt)
    main = seed.checkin_list("Main", products=[ticket_product])
    key = seed.key(main)
    body = full(api, key=key)
    assert by_secret(body)["SHIRT"]["on_list"] is False
    with engine.begin() as conn:
        conn.execute(checkin_list_products.insert().values(list_id=main, product_id=shirt.id))
    changed = by_secret(full(api, body["next"], key=key))
    assert changed["SHIRT"]["on_list"] is True


def test_a_token_the_host_cannot_honour_gets_the_whole_list(api, seed):
    seed.ticket("A")
    seed.ticket("B")
    token = full(api)["next"]
    epoch, list_id, seq = token.split(".")
    other_list_key = seed.key(seed.checkin_list("Other"))
    for bad in ("", "garbage", f"other.{list_id}.{seq}", f"{epoch}.{list_id}.x", f"{epoch}.{list_id}.{'9' * 40}"):
        body = full(api, bad)
        assert body["incremental"] is False and sorted(by_secret(body)) == ["A", "B"], bad
    body = full(api, token, key=other_list_key)  # a token of another list's key
    assert body["incremental"] is False and sorted(by_secret(body)) == ["A", "B"]


def test_since_without_full_is_ignored_and_the_plain_download_stays_as_it_was(api, seed):
    seed.ticket("A")
    token = full(api)["next"]
    plain = api.download()
    assert api.download(params={"since": token}).content == plain.content
    assert list(plain.json()) == ["version", "results", "questions"]


def test_download_answers_if_none_match_with_304_until_something_changes(api, seed):
    seed.ticket("A")
    for params in ({}, {"full": "1"}):
        first = api.download(params=params)
        tag = first.headers["ETag"]
        assert tag.startswith('W/"')
        again = api.download(params=params, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == tag
    plain_tag, full_tag = api.download().headers["ETag"], api.download(params={"full": "1"}).headers["ETag"]
    assert plain_tag != full_tag  # two representations of the list
    seed.ticket("B")
    changed = api.download(params={"full": "1"}, headers={"If-None-Match": full_tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != full_tag
    assert sorted(by_secret(changed.json())) == ["A", "B"]


def test_an_incremental_download_with_nothing_new_is_a_304_with_the_last_tag(api, seed):
    seed.ticket("A")
    first = api.download(params={"full": "1"})
    body = api.download(params={"full": "1", "since": first.json()["next"]},
                        headers={"If-None-Match": first.headers["ETag"]})
    assert body.status_code == 304


def test_a_304_still_needs_a_valid_key(api, seed):
    seed.ticket("A")
    tag = api.download().headers["ETag"]
    assert api.download(key="wrong-key", headers={"If-None-Match": tag}).status_code == 403


def test_a_token_stays_good_when_the_host_restarts_or_a_command_opens_the_database(api, seed, database_url):
    from server.db import open_database

    seed.ticket("A")
    token = full(api)["next"]
    open_database(database_url).dispose()  # `checkin-server key create` (or a restart) runs the schema setup
    body = full(api, token)
    assert body["incremental"] is True and body["results"] == []


def test_older_change_tracking_is_replaced_and_old_tokens_get_the_whole_list(api, seed, engine, database_url):
    from server.change_tracking import VERSION_KEY
    from server.db import open_database
    from server.schema import meta

    seed.ticket("A")
    token = full(api)["next"]
    with engine.begin() as conn:
        conn.execute(update(meta).where(meta.c.key == VERSION_KEY).values(value="0"))
    open_database(database_url).dispose()
    assert full(api, token)["incremental"] is False
    fresh = full(api)["next"]
    seed.ticket("B")  # and the new triggers track changes
    assert [t["secret"] for t in full(api, fresh)["results"]] == ["B"]


def test_a_re_import_that_touches_many_tickets_sends_them_all_and_what_it_removed(api, seed, engine):
    keep = seed.ticket("KEEP")
    gone = seed.ticket("GONE")
    token = full(api)["next"]
    added = seed.bulk_tickets(600)
    seed.deactivate(gone)
    with engine.begin() as conn:  # the re-import also renamed the first ticket
        conn.execute(update(positions).where(positions.c.id == keep.id).values(attendee_name="Renamed"))
    body = full(api, token)
    assert body["incremental"] is True and body["removed"] == ["GONE"]
    changed = by_secret(body)
    assert set(changed) == {*added, "KEEP"} and changed["KEEP"]["attendee_name"] == "Renamed"


def test_an_incremental_entry_is_exactly_the_full_downloads_entry(api, seed):
    # Whatever a full=1 entry carries (now or after a later extension), the incremental answer must too.
    shirt = seed.product("T-Shirt", variations=["Red"], checkin_text="Sizes at desk B")
    token = full(api)["next"]
    parent = seed.ticket("MAIN", attendee_name="Ada", order=seed.order(attention=True))
    seed.addon(parent, shirt, "SHIRT", variation="Red")
    seed.checkin(parent)
    seed.ticket("PENDING", status="n")
    assert by_secret(full(api, token)) == by_secret(full(api))
