"""The redeem's SQL: the combined key-and-ticket statement reads what the two steps read; unique indexes decide races."""

from __future__ import annotations

import pytest

from server.rules.access import access_params, resolve_access
from server.store import checkins as store
from server.store.prepared import reading

TICKET_COLUMNS = ("id", "pretix_id", "secret", "status", "item_id", "variation_id", "parent_name", "first_checkin",
                  "on_list", "nonce_checkin", "addon_count")


def test_the_combined_statement_reads_what_the_key_check_and_the_ticket_lookup_read(engine, seed):
    shirt = seed.product("T-Shirt", variations=["Red"])
    main = seed.ticket("MAIN", attendee_name="Ada")
    seed.addon(main, shirt, "SHIRT", variation="Red")
    seed.ticket("PENDING", status="n")
    seed.checkin(main, nonce="n1")
    keys = [seed.key(), seed.key(seed.checkin_list("Merch", products=[shirt], include_pending=True))]
    with engine.connect() as conn:
        for key in keys:
            ctx = resolve_access(conn, seed.organizer, seed.event, key)
            for secret in ("MAIN", "SHIRT", "PENDING", "NOPE"):
                for nonce in (None, "n1", "n2"):
                    combined = store.read_access_and_ticket(conn, access_params("acme", "conf", key), secret, nonce)
                    with reading(conn):
                        alone = store.read_ticket(conn, ctx.event_id, ctx.list_id, ctx.all_products, secret, nonce)
                    assert combined.key_id == ctx.key_id
                    if alone is None:
                        assert combined.id is None
                    else:
                        expected = [getattr(alone, name) for name in TICKET_COLUMNS]
                        assert [getattr(combined, name) for name in TICKET_COLUMNS] == expected, (secret, nonce)


def test_a_second_admitting_checkin_or_a_repeated_nonce_is_a_conflict(engine, seed):
    ticket = seed.ticket("T1")
    with engine.connect() as conn:
        ctx = resolve_access(conn, seed.organizer, seed.event, seed.key())
        store.add_checkin(conn, ticket.id, ctx.list_id, ctx.key_id, None, "a", forced=False, first=True)
        with pytest.raises(store.Conflict):
            store.add_checkin(conn, ticket.id, ctx.list_id, ctx.key_id, None, "b", forced=False, first=True)
        with pytest.raises(store.Conflict):
            store.add_checkin(conn, ticket.id, ctx.list_id, ctx.key_id, None, "a", forced=True, first=False)
        store.add_checkin(conn, ticket.id, ctx.list_id, ctx.key_id, None, "c", forced=True, first=False)
    assert [(row["is_first"], row["nonce"]) for row in seed.checkins(ticket)] == [(True, "a"), (False, "c")]
