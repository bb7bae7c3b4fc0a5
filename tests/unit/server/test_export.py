"""The check-in export: one CSV row per check-in, forced re-scans included, in time order."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from server.admin import AdminError
from server.export import HEADER, write_checkins_csv
from tests.support.factories import EventSeed


def exported(engine, org: str = "acme", event: str = "conf") -> list[dict]:
    out = io.StringIO()
    count = write_checkins_csv(engine, org, event, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows)
    return rows


def test_the_header_is_written_even_without_checkins(engine, seed):
    out = io.StringIO()

    assert write_checkins_csv(engine, "acme", "conf", out) == 0
    assert out.getvalue() == "secret,order,attendee_name,product,variation,list,time,station,forced,nonce,source,pretix_upload\n"
    assert HEADER == out.getvalue().strip().split(",")


def test_every_checkin_is_a_row_in_time_order_with_forced_duplicates_marked(engine, seed):
    shirt = seed.product("T-Shirt", variations=["Red"])
    ada = seed.ticket("ADA", attendee_name="Ada Lovelace")
    tee = seed.addon(ada, shirt, "ADA-TEE", variation="Red")
    bob = seed.ticket("BOB", invoice_name="Bob's Company, Ltd.")
    workshop = seed.checkin_list("Workshop")
    seed.checkin(ada, when=datetime(2026, 5, 1, 18, 3), nonce="n1")
    seed.checkin(ada, when=datetime(2026, 5, 1, 19, 0), forced=True)
    seed.checkin(bob, when=datetime(2026, 5, 1, 18, 30))
    seed.checkin(tee, workshop, when=datetime(2026, 5, 1, 17, 59, 30))

    rows = exported(engine)

    assert [(r["secret"], r["list"], r["time"], r["forced"], r["nonce"]) for r in rows] == [
        ("ADA-TEE", "Workshop", "2026-05-01T17:59:30Z", "false", ""),
        ("ADA", "Entrance", "2026-05-01T18:03:00Z", "false", "n1"),
        ("BOB", "Entrance", "2026-05-01T18:30:00Z", "false", ""),
        ("ADA", "Entrance", "2026-05-01T19:00:00Z", "true", ""),
    ]
    assert [(r["attendee_name"], r["product"], r["variation"], r["order"]) for r in rows[:3]] == [
        ("Ada Lovelace", "T-Shirt", "Red", ada.order.code),  # an add-on shows its parent's name
        ("Ada Lovelace", "Ticket", "", ada.order.code),
        ("Bob's Company, Ltd.", "Ticket", "", bob.order.code),  # no attendee name: the invoice name
    ]


def test_only_the_events_own_checkins_are_exported(engine, seed):
    other = EventSeed(engine, "acme", "other")
    seed.checkin(seed.ticket("MINE"))
    other.checkin(other.ticket("THEIRS"))  # same pretix ids and order codes in another event

    assert [r["secret"] for r in exported(engine)] == ["MINE"]
    assert [r["secret"] for r in exported(engine, "acme", "other")] == ["THEIRS"]


def test_an_unknown_event_is_an_admin_error(engine, seed):
    with pytest.raises(AdminError, match="No event acme/nope"):
        write_checkins_csv(engine, "acme", "nope", io.StringIO())
