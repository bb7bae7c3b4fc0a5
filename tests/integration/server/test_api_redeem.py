"""POST redeem/: the decision order, nonces, force, ignore_unpaid, lists, and the ``data`` object."""

from __future__ import annotations

from datetime import datetime

import pytest


def redeem_json(api, secret, **form):
    response = api.redeem(secret, **form)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == 2
    return body


def test_first_redeem_of_a_paid_ticket_is_ok_and_stored(api, seed):
    ticket = seed.ticket("PAID1")
    body = redeem_json(api, "PAID1")
    assert body["status"] == "ok"
    assert body["data"]["secret"] == "PAID1"
    assert body["data"]["redeemed"] is True
    rows = seed.checkins(ticket)
    assert len(rows) == 1 and rows[0]["is_first"] and not rows[0]["forced"]


def test_second_redeem_of_a_ticket_is_already_redeemed(api, seed):
    ticket = seed.ticket("PAID1")
    redeem_json(api, "PAID1")
    body = redeem_json(api, "PAID1")
    assert body == {"version": 2, "status": "error", "reason": "already_redeemed", "data": body["data"]}
    assert body["data"]["redeemed"] is True
    assert len(seed.checkins(ticket)) == 1


def test_unknown_secret_is_unknown_ticket_without_data(api, seed):
    seed.ticket("PAID1")
    assert redeem_json(api, "NOPE") == {"version": 2, "status": "error", "reason": "unknown_ticket"}


@pytest.mark.parametrize("secret", [None, ""])
def test_missing_or_empty_secret_is_unknown_ticket(api, seed, secret):
    seed.ticket("PAID1")
    assert redeem_json(api, secret)["reason"] == "unknown_ticket"


def test_secret_is_matched_exactly_and_case_sensitively(api, seed):
    seed.ticket("PAID1")
    assert redeem_json(api, "paid1")["reason"] == "unknown_ticket"
    assert redeem_json(api, "PAID")["reason"] == "unknown_ticket"


def test_overlong_or_nul_secret_is_unknown_ticket(api, seed):
    seed.ticket("PAID1")
    assert redeem_json(api, "P" * 10_000)["reason"] == "unknown_ticket"
    assert redeem_json(api, "PAID1\x00")["reason"] == "unknown_ticket"


def test_position_canceled_on_its_own_is_unknown_ticket(api, seed):
    ticket = seed.ticket("PAID1")
    seed.deactivate(ticket)
    assert redeem_json(api, "PAID1") == {"version": 2, "status": "error", "reason": "unknown_ticket"}


def test_ticket_of_another_event_is_unknown_ticket(api, seed, engine):
    from tests.support.factories import EventSeed

    EventSeed(engine, "acme", "other").ticket("ELSEWHERE")
    assert redeem_json(api, "ELSEWHERE")["reason"] == "unknown_ticket"


def test_product_not_on_the_keys_list_is_product(api, seed):
    shirt = seed.product("T-Shirt")
    seed.ticket("TICKET1")
    seed.ticket("SHIRT1", product=shirt)
    workshop = seed.checkin_list("Workshop", products=[shirt])
    key = seed.key(workshop)
    body = redeem_json(api, "TICKET1", key=key)
    assert body["reason"] == "product" and body["data"]["secret"] == "TICKET1"
    assert redeem_json(api, "SHIRT1", key=key)["status"] == "ok"


def test_addon_counts_by_its_own_product_on_a_limited_list(api, seed):
    workshop_product = seed.product("Workshop")
    parent = seed.ticket("PARENT1")
    seed.addon(parent, workshop_product, "ADDON1")
    key = seed.key(seed.checkin_list("Workshop", products=[workshop_product]))
    assert redeem_json(api, "ADDON1", key=key)["status"] == "ok"
    assert redeem_json(api, "PARENT1", key=key)["reason"] == "product"


def test_product_check_comes_before_the_paid_check(api, seed):
    shirt = seed.product("T-Shirt")
    seed.ticket("CANCELED1", status="c")
    key = seed.key(seed.checkin_list("Shirts", products=[shirt]))
    assert redeem_json(api, "CANCELED1", key=key)["reason"] == "product"


@pytest.mark.parametrize("status", ["c", "e", "r"])
def test_canceled_expired_or_refunded_order_is_unpaid(api, seed, status):
    seed.ticket("DEAD1", status=status)
    body = redeem_json(api, "DEAD1")
    assert body["reason"] == "unpaid"
    assert body["data"]["paid"] is False and body["data"]["redeemed"] is False


def test_force_cannot_resurrect_a_canceled_order(api, seed):
    ticket = seed.ticket("CANCELED1", status="c")
    assert redeem_json(api, "CANCELED1", force="true")["reason"] == "unpaid"
    assert seed.checkins(ticket) == []


def test_pending_order_is_unpaid(api, seed):
    ticket = seed.ticket("PENDING1", status="n")
    body = redeem_json(api, "PENDING1")
    assert body["reason"] == "unpaid"
    assert body["data"]["checkin_allowed"] is False
    assert seed.checkins(ticket) == []


def test_pending_order_with_ignore_unpaid_is_unpaid_without_include_pending(api, seed):
    seed.ticket("PENDING1", status="n")
    assert redeem_json(api, "PENDING1", ignore_unpaid="true")["reason"] == "unpaid"


def test_pending_order_with_ignore_unpaid_is_ok_on_an_include_pending_list(api, seed):
    ticket = seed.ticket("PENDING1", status="n")
    door = seed.checkin_list("Door", include_pending=True)
    key = seed.key(door)
    assert redeem_json(api, "PENDING1", key=key)["reason"] == "unpaid"
    body = redeem_json(api, "PENDING1", key=key, ignore_unpaid="TRUE")
    assert body["status"] == "ok"
    assert body["data"]["paid"] is False and body["data"]["checkin_allowed"] is True
    assert len(seed.checkins(ticket, door)) == 1


def test_pending_order_with_force_is_ok(api, seed):
    ticket = seed.ticket("PENDING1", status="n")
    assert redeem_json(api, "PENDING1", force="1")["status"] == "ok"
    rows = seed.checkins(ticket)
    assert len(rows) == 1 and rows[0]["forced"] and rows[0]["is_first"]


def test_retry_with_the_same_nonce_is_ok_and_writes_nothing(api, seed):
    ticket = seed.ticket("PAID1")
    assert redeem_json(api, "PAID1", nonce="n-1")["status"] == "ok"
    again = redeem_json(api, "PAID1", nonce="n-1")
    assert again["status"] == "ok" and again["data"]["redeemed"] is True
    assert len(seed.checkins(ticket)) == 1


def test_new_nonce_on_a_redeemed_ticket_is_already_redeemed(api, seed):
    seed.ticket("PAID1")
    redeem_json(api, "PAID1", nonce="n-1")
    assert redeem_json(api, "PAID1", nonce="n-2")["reason"] == "already_redeemed"


def test_nonce_is_matched_only_on_the_same_ticket(api, seed):
    seed.ticket("PAID1")
    seed.ticket("PAID2")
    redeem_json(api, "PAID1", nonce="same")
    assert redeem_json(api, "PAID2", nonce="same")["status"] == "ok"
    assert redeem_json(api, "PAID2", nonce="same")["status"] == "ok"


def test_nonce_is_matched_only_on_the_same_list(api, seed):
    ticket = seed.ticket("PAID1")
    workshop = seed.checkin_list("Workshop")
    redeem_json(api, "PAID1", nonce="same")
    assert redeem_json(api, "PAID1", key=seed.key(workshop), nonce="same")["status"] == "ok"
    assert len(seed.checkins(ticket, workshop)) == 1


def test_empty_nonce_is_no_nonce(api, seed):
    seed.ticket("PAID1")
    redeem_json(api, "PAID1", nonce="")
    assert redeem_json(api, "PAID1", nonce="")["reason"] == "already_redeemed"


def test_retry_of_a_forced_checkin_with_its_nonce_writes_nothing(api, seed):
    ticket = seed.ticket("PAID1")
    redeem_json(api, "PAID1")
    assert redeem_json(api, "PAID1", force="true", nonce="offline-7")["status"] == "ok"
    assert redeem_json(api, "PAID1", force="true", nonce="offline-7")["status"] == "ok"
    assert len(seed.checkins(ticket)) == 2


def test_forced_redeem_of_a_redeemed_ticket_is_ok_and_stores_an_audit_row(api, seed):
    ticket = seed.ticket("PAID1")
    redeem_json(api, "PAID1")
    body = redeem_json(api, "PAID1", force="True")
    assert body["status"] == "ok" and body["data"]["redeemed"] is True
    rows = seed.checkins(ticket)
    assert [(r["is_first"], r["forced"]) for r in rows] == [(True, False), (False, True)]


@pytest.mark.parametrize("value", ["yes", "on", "2", "tru", ""])
def test_flags_other_than_true_or_1_are_off(api, seed, value):
    seed.ticket("PAID1")
    redeem_json(api, "PAID1")
    assert redeem_json(api, "PAID1", force=value)["reason"] == "already_redeemed"


def test_checkins_are_per_list(api, seed):
    ticket = seed.ticket("PAID1")
    workshop = seed.checkin_list("Workshop")
    workshop_key = seed.key(workshop)
    assert redeem_json(api, "PAID1")["status"] == "ok"
    body = redeem_json(api, "PAID1", key=workshop_key)
    assert body["status"] == "ok"
    assert redeem_json(api, "PAID1", key=workshop_key)["reason"] == "already_redeemed"
    assert len(seed.checkins(ticket)) == 1 and len(seed.checkins(ticket, workshop)) == 1


def test_datetime_of_the_entry_attempt_is_stored_as_utc(api, seed):
    ticket = seed.ticket("PAID1")
    seed.ticket("PAID2")
    redeem_json(api, "PAID1", datetime="2026-05-01T18:03+02:00")
    assert seed.checkins(ticket)[0]["datetime"] == datetime(2026, 5, 1, 16, 3)


@pytest.mark.parametrize("value", ["2026-05-01T18:03Z", "2026-05-01T18:03", "2026-05-01T18:03:00.000Z"])
def test_android_style_datetimes_are_accepted_as_utc(api, seed, value):
    ticket = seed.ticket("PAID1")
    assert redeem_json(api, "PAID1", datetime=value)["status"] == "ok"
    assert seed.checkins(ticket)[0]["datetime"] == datetime(2026, 5, 1, 18, 3)


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00Z", "9999-12-31T23:59:59-01:00", "2026-05-01T18:03Z" * 5])
def test_unparsable_datetime_is_400_invalid_datetime_and_changes_nothing(api, seed, value):
    ticket = seed.ticket("PAID1")
    response = api.redeem("PAID1", datetime=value)
    assert response.status_code == 400
    assert response.json() == {"version": 2, "error": "invalid_datetime", "message": response.json()["message"]}
    assert seed.checkins(ticket) == []


def test_overlong_nonce_is_400_invalid_nonce_and_changes_nothing(api, seed):
    ticket = seed.ticket("PAID1")
    response = api.redeem("PAID1", nonce="n" * 191)
    assert response.status_code == 400 and response.json()["error"] == "invalid_nonce"
    assert seed.checkins(ticket) == []
    assert redeem_json(api, "PAID1", nonce="n" * 190)["status"] == "ok"


def test_questions_supported_is_accepted_and_ignored(api, seed):
    seed.ticket("PAID1")
    assert redeem_json(api, "PAID1", questions_supported="true")["status"] == "ok"


def test_multipart_body_is_accepted(api, seed):
    seed.ticket("PAID1")
    response = api.request("POST", "redeem", files={"secret": (None, "PAID1"), "nonce": (None, "m-1")})
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_ticket_of_a_flagged_variation_is_admitted_with_attention(api, seed):
    pass_ = seed.product("Pass", variations=["Standard", "Backstage"], attention_variations=["Backstage"])
    seed.ticket("BACKSTAGE", product=pass_, variation="Backstage")
    seed.ticket("STANDARD", product=pass_, variation="Standard")
    flagged, plain = redeem_json(api, "BACKSTAGE"), redeem_json(api, "STANDARD")
    assert flagged["status"] == "ok" and flagged["data"]["attention"] is True
    assert flagged["data"]["variation"] == "Backstage"
    assert plain["status"] == "ok" and plain["data"]["attention"] is False


def test_already_redeemed_says_when_and_by_which_station_the_ticket_was_first_used(api, seed):
    seed.ticket("PAID1")
    door2 = seed.key(name="Door 2")
    first = redeem_json(api, "PAID1", key=door2, datetime="2026-05-01T16:02:09+02:00")
    assert first["status"] == "ok" and first["data"]["first_checkin"] is None  # no check-in before this one

    again = redeem_json(api, "PAID1")
    assert again["reason"] == "already_redeemed"
    assert again["data"]["first_checkin"] == {"datetime": "2026-05-01T14:02:09Z", "station": "Door 2"}
    forced = redeem_json(api, "PAID1", force="true")  # a forced extra check-in is not the first one
    assert forced["status"] == "ok" and forced["data"]["first_checkin"]["station"] == "Door 2"


def test_first_checkin_is_per_list(api, seed):
    ticket = seed.ticket("PAID1")
    workshop = seed.checkin_list("Workshop")
    seed.checkin(ticket, workshop, when=datetime(2026, 5, 1, 9, 0))
    body = redeem_json(api, "PAID1")
    assert body["status"] == "ok" and body["data"]["first_checkin"] is None


def test_check_in_texts_of_product_variation_and_order_come_in_data_one_per_line(api, seed):
    pass_ = seed.product("Pass", variations=["Standard", "Backstage"], attention_variations=["Backstage"],
                         checkin_text="Wristband")
    with seed.engine.begin() as conn:  # pretix sets a text per variation too
        conn.exec_driver_sql("UPDATE variations SET checkin_text = 'Backstage lanyard' WHERE name = 'Backstage'")
    seed.ticket("VIP", product=pass_, variation="Backstage",
                order=seed.order(attention=True, checkin_text="Wheelchair: side gate"))
    seed.ticket("PLAIN", product=seed.product("Day"))

    vip, plain = redeem_json(api, "VIP"), redeem_json(api, "PLAIN")
    assert vip["data"]["attention"] is True
    assert vip["data"]["checkin_text"] == "Wristband\nBackstage lanyard\nWheelchair: side gate"
    assert plain["data"]["checkin_text"] is None
