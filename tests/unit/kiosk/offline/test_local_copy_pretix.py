"""The offline copy keeps pretix's facts (blocked, valid_from, valid_until) and decides with them as the host does.

On a real station SQLite file: filled as a refresh fills it from a host synced with pretix
(``download/?full=1`` lists ``blocked``, ``valid_from``, ``valid_until``), upgraded in place
from the previous store version with its queue kept. The full case table through a real host:
tests/integration/test_admission_table.py.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.queue import CheckinQueue
from kiosk.offline.rules import decide_offline, offline_text
from kiosk.offline.store import STORE_VERSION, get_meta, open_store, station_db_path
from tests.unit.kiosk.offline.test_local_copy_facts import SOURCE, decide_and_record, entry, ticket

DOORS_OPEN = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)
WINDOW = {"valid_from": "2026-05-01T18:00:00Z", "valid_until": "2026-05-01T23:00:00Z"}


def pretix_entry(secret, blocked=False, **window):
    """A ticket as a host synced with pretix lists it in its full download."""
    return {**entry(secret), "blocked": blocked, "valid_from": window.get("valid_from"),
            "valid_until": window.get("valid_until")}


def pretix_copy(tmp_path):
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace([pretix_entry("OK-1"), pretix_entry("BLOCK-1", blocked=True), pretix_entry("EVENING-1", **WINDOW)],
                 now=1000.0, include_pending=False)
    return conn, copy, CheckinQueue(conn, SOURCE)


def decide_at(conn, copy, queue, secret, when):
    return decide_and_record(conn, copy, queue, secret, f"n-{secret}-{when.timestamp()}", when, False, 1060.0)


def test_a_blocked_ticket_is_refused_offline_with_the_words_and_not_queued(tmp_path):
    conn, copy, queue = pretix_copy(tmp_path)
    status, reason, _data, message = decide_at(conn, copy, queue, "BLOCK-1", DOORS_OPEN)
    assert (status, reason) == ("error", "blocked")
    assert message.startswith("This ticket has been blocked: send the guest to the box office.")
    assert queue.pending_count() == 0


def test_a_ticket_is_refused_offline_outside_its_validity_at_the_scans_time_and_admitted_inside(tmp_path):
    conn, copy, queue = pretix_copy(tmp_path)
    early = datetime(2026, 5, 1, 17, 59, 59, tzinfo=UTC)
    late = datetime(2026, 5, 1, 23, 0, 1, tzinfo=UTC)
    assert decide_at(conn, copy, queue, "EVENING-1", early)[1] == "invalid_time"
    assert decide_at(conn, copy, queue, "EVENING-1", late)[1] == "invalid_time"
    assert queue.pending_count() == 0
    assert decide_at(conn, copy, queue, "EVENING-1", DOORS_OPEN)[1] is None  # the bound itself is inside
    assert queue.pending_count() == 1


def test_force_does_not_admit_a_blocked_or_out_of_time_ticket_offline():
    when = datetime(2026, 5, 2, tzinfo=UTC)
    assert decide_offline(pretix_entry("B", blocked=True), False, force=True, when=when) == "blocked"
    assert decide_offline(pretix_entry("T", **WINDOW), False, force=True, when=when) == "invalid_time"


def test_the_window_is_read_in_utc_whatever_offset_the_host_wrote():
    window = {"valid_from": "2026-05-01T20:00:00+02:00", "valid_until": None}  # = 18:00 UTC
    assert decide_offline(pretix_entry("T", **window), False, when=DOORS_OPEN) is None
    assert decide_offline(pretix_entry("T", **window), False,
                          when=datetime(2026, 5, 1, 17, 59, tzinfo=UTC)) == "invalid_time"


def test_online_answers_keep_what_the_copy_knew_of_pretix(tmp_path):
    conn, copy, queue = pretix_copy(tmp_path)
    answer = ticket("EVENING-1")  # a redeem answer's data: no blocked, no window
    copy.learn(answer, "EVENING-1", "already_redeemed")
    assert copy.get("EVENING-1")["valid_from"] == WINDOW["valid_from"]
    copy.learn(ticket("OK-1"), "OK-1", "blocked")  # blocked in pretix since the download
    assert decide_at(conn, copy, queue, "OK-1", DOORS_OPEN)[1] == "blocked"
    copy.learn(ticket("BLOCK-1"), "BLOCK-1", "invalid_time")  # unblocked in pretix (the host checks that first)
    assert copy.get("BLOCK-1")["blocked"] is False
    row = conn.execute("SELECT blocked, valid_from FROM tickets WHERE secret = 'EVENING-1'").fetchone()
    assert row == (0, WINDOW["valid_from"])


def test_an_online_rescan_of_a_pretix_ticket_leaves_the_copy_equal_to_its_download(tmp_path):
    conn, copy, _queue = pretix_copy(tmp_path)
    before = conn.execute("SELECT data FROM tickets WHERE secret = 'EVENING-1'").fetchone()
    copy.digest = "d"
    copy.learn(ticket("EVENING-1"), "EVENING-1", "already_redeemed")
    assert conn.execute("SELECT data FROM tickets WHERE secret = 'EVENING-1'").fetchone() == before
    assert copy.digest == "d"  # nothing new: the next refresh may still skip comparing


V2_TICKETS = """
CREATE TABLE tickets (secret TEXT PRIMARY KEY, position INTEGER NOT NULL, secret_folded TEXT NOT NULL,
    order_folded TEXT NOT NULL, name_folded TEXT NOT NULL, redeemed INTEGER NOT NULL, data TEXT NOT NULL,
    order_status TEXT NOT NULL DEFAULT 'p', on_list INTEGER NOT NULL DEFAULT 1);
"""


def test_a_station_upgraded_mid_event_keeps_its_queue_and_knows_the_blocked_tickets_of_its_copy(tmp_path):
    old = sqlite3.connect(station_db_path(tmp_path))
    old.executescript(V2_TICKETS)
    old.close()
    conn = open_store(tmp_path)  # makes the other tables; then the file is made version 2 again
    conn.execute("DROP TABLE tickets")
    conn.executescript(V2_TICKETS)
    tickets = [pretix_entry("OK-1"), pretix_entry("BLOCK-1", blocked=True), pretix_entry("EVENING-1", **WINDOW)]
    conn.executemany("INSERT INTO tickets (secret, position, secret_folded, order_folded, name_folded, redeemed, "
                     "data) VALUES (?, ?, ?, '', '', 0, ?)",
                     [(t["secret"], i, t["secret"].casefold(), json.dumps(t)) for i, t in enumerate(tickets)])
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("store_version", "2"), ("source", SOURCE), ("downloaded_at", "1000.0"), ("include_pending", "0")])
    conn.execute("INSERT INTO queue (source, secret, nonce, scanned_at) VALUES (?, 'OK-1', 'n1', 'T')", (SOURCE,))
    conn.close()

    conn = open_store(tmp_path)
    assert get_meta(conn, "store_version") == str(STORE_VERSION) == "3"
    copy, queue = LocalCopy(conn, SOURCE), CheckinQueue(conn, SOURCE)
    assert (len(copy), copy.downloaded_at, queue.pending_count()) == (3, 1000.0, 1)
    facts = conn.execute("SELECT secret, blocked, valid_from, valid_until FROM tickets ORDER BY position").fetchall()
    assert facts == [("OK-1", 0, None, None), ("BLOCK-1", 1, None, None),
                     ("EVENING-1", 0, WINDOW["valid_from"], WINDOW["valid_until"])]
    assert [decide_at(conn, copy, queue, s, DOORS_OPEN)[1] for s in ("OK-1", "BLOCK-1")] == [
        "already_redeemed", "blocked"]


def test_offline_texts_for_the_new_reasons_say_what_to_do():
    assert offline_text("invalid_time", 60, True).startswith("This ticket is not valid at this time")


def test_offline_status_counts_what_the_host_counts_not_the_blocked_tickets(tmp_path):
    _conn, copy, _queue = pretix_copy(tmp_path)
    copy.save_status({"version": 2, "event": {"list": "Entrance"}, "items": []})
    assert copy.status()["total"] == 2  # OK-1 and EVENING-1: a blocked ticket is not listed by the host either
