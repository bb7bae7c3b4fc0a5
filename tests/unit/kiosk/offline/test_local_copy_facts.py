"""The offline copy holds what the admission rule needs: each ticket's order status and list membership.

On a real station SQLite file, no host: the copy is filled as a refresh fills it, with the
download entries our host sends (``download/?full=1``) or those of a host without that
extension. Against real hosts: tests/integration/kiosk/offline/test_gate.py.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from kiosk.offline.local import decide_and_record
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.queue import CheckinQueue
from kiosk.offline.refresh import iter_results
from kiosk.offline.store import STORE_VERSION, get_meta, open_store, station_db_path

SOURCE = "/pretixdroid/api/demo/democon/"
WHEN = datetime(2026, 5, 1, 18, 3, tzinfo=UTC)


def ticket(secret, paid=True, allowed=True, name=None, item_id=1):
    """A ticket as a plain download (or a redeem answer) shows it."""
    return {"secret": secret, "order": f"O-{secret}", "item": "Ticket", "item_id": item_id, "variation": None,
            "variation_id": None, "attendee_name": name, "redeemed": False, "paid": paid,
            "checkin_allowed": allowed, "attention": False, "addons_text": ""}  # fmt: skip


def entry(secret, status="p", on_list=True, include_pending=False, **fields):
    """A ticket as our host's full download lists it."""
    paid = status == "p"
    allowed = paid or (status == "n" and include_pending)
    return {**ticket(secret, paid=paid, allowed=allowed, **fields), "order_status": status, "on_list": on_list}


def full_copy(tmp_path, include_pending=False):
    """A copy from our host: paid, pending, canceled, expired, refunded, and a paid ticket of another product."""
    tickets = [
        entry("PAID-1", name="Ada Lovelace"),
        entry("PEND-1", "n", include_pending=include_pending, name="Pending Person"),
        entry("CANC-1", "c", name="Canceled Person"),
        entry("EXPD-1", "e"),
        entry("REFD-1", "r"),
        entry("SHIRT-1", on_list=False, item_id=7, name="Shirt Person"),
    ]
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace(tickets, now=1000.0, include_pending=include_pending)
    return conn, copy, CheckinQueue(conn, SOURCE)


def decide(conn, copy, queue, secret, ignore_unpaid=False):
    status, reason, data, message = decide_and_record(conn, copy, queue, secret, "n", WHEN, ignore_unpaid, 1060.0)
    return reason


def test_with_the_host_down_pending_canceled_and_other_product_tickets_get_the_hosts_reasons(tmp_path):
    conn, copy, queue = full_copy(tmp_path)
    reasons = {s: decide(conn, copy, queue, s) for s in ("PAID-1", "PEND-1", "CANC-1", "EXPD-1", "REFD-1",
                                                         "SHIRT-1", "NOPE-1")}  # fmt: skip
    assert reasons == {"PAID-1": None, "PEND-1": "unpaid", "CANC-1": "unpaid", "EXPD-1": "unpaid",
                       "REFD-1": "unpaid", "SHIRT-1": "product", "NOPE-1": "unknown_ticket"}  # fmt: skip
    assert decide(conn, copy, queue, "PEND-1", ignore_unpaid=True) == "unpaid"  # the list excludes pending
    assert queue.pending_count() == 1


def test_a_pending_ticket_is_admitted_with_ignore_unpaid_where_the_hosts_list_includes_pending(tmp_path):
    conn, copy, queue = full_copy(tmp_path, include_pending=True)
    assert copy.full and copy.include_pending
    assert decide(conn, copy, queue, "PEND-1") == "unpaid"
    assert decide(conn, copy, queue, "PEND-1", ignore_unpaid=True) is None


def test_offline_status_counts_only_the_tickets_a_plain_download_lists(tmp_path):
    _, copy, queue = full_copy(tmp_path)
    copy.save_status({"version": 2, "event": {"list": "Entrance"},
                      "items": [{"id": 1, "variations": []}, {"id": 7, "variations": []}]})  # fmt: skip
    queue.add("CANC-1", "n1", WHEN, "Entrance")  # cannot happen, but must not count either
    status = copy.status()
    assert (status["checkins"], status["total"]) == (0, 1)  # PAID-1 only
    assert [(i["checkins"], i["total"]) for i in status["items"]] == [(0, 1), (0, 0)]
    _, pending_copy, _ = full_copy(tmp_path / "pending", include_pending=True)
    assert pending_copy.status()["total"] == 2  # PAID-1 and PEND-1


def test_offline_search_finds_tickets_on_the_list_whatever_their_order_status(tmp_path):
    _, copy, _ = full_copy(tmp_path)
    found = copy.search("person")
    assert [(t["secret"], t["paid"]) for t in found] == [("PEND-1", False), ("CANC-1", False)]
    assert copy.search("SHIRT-1") == []  # another product: the host's search does not find it either


def test_online_answers_keep_their_facts_in_a_full_copy(tmp_path):
    conn, copy, queue = full_copy(tmp_path)
    # PAID-1's order was canceled meanwhile: the host answered "unpaid" with its data.
    copy.learn(ticket("PAID-1", paid=False, allowed=False), "PAID-1", "unpaid")
    # A new ticket of another product, and one the host no longer knows.
    copy.learn(ticket("NEW-1", item_id=7), "NEW-1", "product")
    copy.learn(None, "EXPD-1", "unknown_ticket")
    assert (copy.get("PAID-1")["order_status"], copy.get("NEW-1")["on_list"]) == ("c", False)
    assert [decide(conn, copy, queue, s) for s in ("PAID-1", "NEW-1", "EXPD-1")] == [
        "unpaid", "product", "unknown_ticket"
    ]
    copy.learn(ticket("PEND-1", paid=False, allowed=False), "PEND-1", "unpaid")
    assert copy.get("PEND-1")["order_status"] == "n"  # still pending: the list does not admit those


def test_a_copy_from_a_host_without_full_download_keeps_only_what_a_plain_download_lists(tmp_path):
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace([ticket("PAID-1"), ticket("PAID-2"), ticket("PEND-1", paid=False)], now=1000.0)
    queue = CheckinQueue(conn, SOURCE)
    assert not copy.full and copy.include_pending  # it listed a pending ticket: its list includes them
    assert decide(conn, copy, queue, "PEND-1", ignore_unpaid=True) is None
    copy.learn(ticket("PAID-1", paid=False, allowed=False), "PAID-1", "unpaid")
    copy.learn(ticket("PAID-2"), "PAID-2", "product")
    assert copy.get("PAID-1") is None and copy.get("PAID-2") is None  # as today: unknown offline


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tickets (secret TEXT PRIMARY KEY, position INTEGER NOT NULL, secret_folded TEXT NOT NULL,
    order_folded TEXT NOT NULL, name_folded TEXT NOT NULL, redeemed INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX ix_tickets_position ON tickets (position);
CREATE TABLE queue (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, secret TEXT NOT NULL,
    nonce TEXT NOT NULL, scanned_at TEXT NOT NULL, list_name TEXT, ignore_unpaid INTEGER NOT NULL DEFAULT 0,
    data TEXT, attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending', uploaded_at TEXT);
CREATE INDEX ix_queue_state ON queue (source, state, id);
CREATE INDEX ix_queue_secret ON queue (source, secret);
CREATE TABLE rejected (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, secret TEXT NOT NULL,
    nonce TEXT NOT NULL, reason TEXT NOT NULL, scanned_at TEXT NOT NULL, rejected_at TEXT NOT NULL, data TEXT,
    acknowledged INTEGER NOT NULL DEFAULT 0);
"""


def test_a_station_upgraded_mid_event_keeps_its_copy_queue_and_rejected_list(tmp_path):
    old = sqlite3.connect(station_db_path(tmp_path))
    old.executescript(V1_SCHEMA)
    tickets = [ticket("PAID-1", name="Ada"), ticket("PAID-2"), ticket("PEND-1", paid=False)]
    old.executemany("INSERT INTO tickets VALUES (?, ?, ?, '', '', 0, ?)",
                    [(t["secret"], i, t["secret"].casefold(), json.dumps(t)) for i, t in enumerate(tickets)])
    old.executemany("INSERT INTO meta VALUES (?, ?)", [("store_version", "1"), ("source", SOURCE),
                                                       ("downloaded_at", "1000.0")])  # fmt: skip
    old.execute("INSERT INTO queue (source, secret, nonce, scanned_at) VALUES (?, 'PAID-2', 'n1', 'T')", (SOURCE,))
    old.execute("INSERT INTO rejected (source, secret, nonce, reason, scanned_at, rejected_at) "
                "VALUES (?, 'GONE-1', 'n0', 'unpaid', 'T', 'T')", (SOURCE,))  # fmt: skip
    old.commit()
    old.close()
    conn = open_store(tmp_path)
    assert get_meta(conn, "store_version") == str(STORE_VERSION)
    copy, queue = LocalCopy(conn, SOURCE), CheckinQueue(conn, SOURCE)
    assert (len(copy), copy.downloaded_at, queue.pending_count(), len(queue.rejected())) == (3, 1000.0, 1, 1)
    facts = conn.execute("SELECT secret, order_status, on_list FROM tickets ORDER BY position").fetchall()
    assert facts == [("PAID-1", "p", 1), ("PAID-2", "p", 1), ("PEND-1", "n", 1)]
    assert [decide(conn, copy, queue, s) for s in ("PAID-1", "PAID-2", "PEND-1")] == [
        None, "already_redeemed", "unpaid"
    ]
    conn.close()
    assert open_store(tmp_path).execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == 3  # opened again: as is


def test_download_answer_top_level_values_are_read_along_with_the_tickets():
    text = '{"version": 2, "results": [{"secret": "A"}], "include_pending": true, "questions": []}'
    others: dict = {}
    assert [t["secret"] for t, _ in iter_results(text, others)] == ["A"]
    assert others == {"version": 2, "include_pending": True, "questions": []}


def test_offline_already_used_says_when_and_where_from_the_copy_or_from_this_stations_queue(tmp_path):
    used_at_door = {"datetime": "2026-05-01T17:58:00Z", "station": "Door 2"}
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace([{**entry("USED-1"), "redeemed": True, "first_checkin": used_at_door}, entry("PAID-1")],
                 now=1000.0, include_pending=False)
    queue = CheckinQueue(conn, SOURCE)

    _, reason, data, _ = decide_and_record(conn, copy, queue, "USED-1", "n1", WHEN, False, 1060.0)
    assert reason == "already_redeemed" and data["first_checkin"] == used_at_door  # the host's record

    admitted = decide_and_record(conn, copy, queue, "PAID-1", "n2", WHEN, False, 1060.0)
    assert admitted[1] is None and admitted[2].get("first_checkin") is None
    _, reason, data, _ = decide_and_record(conn, copy, queue, "PAID-1", "n3", datetime.now(UTC), False, 1070.0)
    assert reason == "already_redeemed"
    assert data["first_checkin"] == {"datetime": "2026-05-01T18:03:00.000000Z", "station": None, "here": True}
