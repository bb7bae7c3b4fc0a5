"""``perform_checkin`` without HTTP: it stores what the rule decides, and decides again when it loses a race.

The decision itself: test_admission.py. Through a real server: tests/integration/server/test_api_redeem.py.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from server.rules import (
    CheckinError,
    InvalidRequest,
    parse_datetime,
    parse_flag,
    parse_nonce,
    perform_checkin,
    redeem_lookup,
    resolve_access,
)


@pytest.fixture
def key(seed) -> str:
    return seed.key()


@pytest.fixture
def ctx(engine, seed, key):
    with engine.connect() as conn:
        return resolve_access(conn, seed.organizer, seed.event, key)


def stored(seed, ticket) -> list[tuple[bool, bool, str | None]]:
    return [(row["is_first"], row["forced"], row["nonce"]) for row in seed.checkins(ticket)]


def test_each_admission_is_stored_as_the_rule_says(engine, seed, ctx):
    ticket = seed.ticket("T1")
    assert perform_checkin(engine, ctx, "T1", nonce="a")["redeemed"] is True  # first
    perform_checkin(engine, ctx, "T1", nonce="a")  # a retry: nothing new
    perform_checkin(engine, ctx, "T1", nonce="b", force=True)  # forced: an extra row
    assert stored(seed, ticket) == [(True, False, "a"), (False, True, "b")]


def test_a_refusal_carries_the_ticket_as_stored(engine, seed, ctx):
    ticket = seed.ticket("T1")
    seed.checkin(ticket)
    with pytest.raises(CheckinError) as refused:
        perform_checkin(engine, ctx, "T1")
    assert refused.value.reason == "already_redeemed" and refused.value.data["redeemed"] is True
    with pytest.raises(CheckinError) as unknown:
        perform_checkin(engine, ctx, "NOPE")
    assert unknown.value.reason == "unknown_ticket" and unknown.value.data is None


def test_a_lost_race_is_decided_again_on_fresh_data(engine, seed, key, ctx):
    ticket = seed.ticket("T1")
    with engine.connect() as conn:
        _, stale = redeem_lookup(conn, seed.organizer, seed.event, key, "T1", None)
    seed.checkin(ticket)  # another station admitted it after our read
    with pytest.raises(CheckinError) as refused:
        perform_checkin(engine, ctx, "T1", found=stale)
    assert refused.value.reason == "already_redeemed"
    assert stored(seed, ticket) == [(True, False, None)]


def test_inside_the_callers_transaction_a_checkin_is_a_savepoint_that_goes_with_it(engine, seed, ctx):
    ticket = seed.ticket("T1")
    with engine.connect() as conn:
        transaction = conn.begin()
        perform_checkin(conn, ctx, "T1", when=datetime(2026, 5, 1, 18, 3))
        transaction.rollback()
    assert stored(seed, ticket) == []


def test_found_read_for_another_secret_or_nonce_is_refused(engine, seed, key, ctx):
    seed.ticket("T1")
    seed.ticket("T2")
    with engine.connect() as conn:
        _, found = redeem_lookup(conn, seed.organizer, seed.event, key, "T1", "n")
    for secret, nonce in (("T2", "n"), ("T1", "other")):
        with pytest.raises(ValueError):
            perform_checkin(engine, ctx, secret, nonce=nonce, found=found)


def test_form_values_are_parsed_as_the_api_says():
    assert [parse_flag(v) for v in ("1", "true", "TRUE", "yes", "0", "", None)] == [True, True, True] + [False] * 4
    assert parse_nonce("") is None and parse_nonce("abc") == "abc"
    assert parse_datetime("2026-05-01T18:03Z") == datetime(2026, 5, 1, 18, 3)
    assert parse_datetime("2026-05-01T20:03+02:00") == datetime(2026, 5, 1, 18, 3)
    for bad in (lambda: parse_nonce("x" * 191), lambda: parse_datetime("yesterday")):
        with pytest.raises(InvalidRequest):
            bad()
