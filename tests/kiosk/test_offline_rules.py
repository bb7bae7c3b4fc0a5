"""The offline copy, queue and decision rules on a real station SQLite file (no host needed)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

from kiosk.errors import HostError, HostTimeout, HostUnreachable, KeyRejected, is_outage, redact
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.queue import CheckinQueue
from kiosk.offline.rules import decide_offline, describe_age, offline_text, ticket_facts
from kiosk.offline.store import open_store, station_db_path

SOURCE = "/pretixdroid/api/demo/democon/"


def ticket(secret, order="ORD1", name=None, paid=True, allowed=True, redeemed=False, item_id=1, variation_id=None):
    return {
        "secret": secret,
        "order": order,
        "item": "Weekend Pass",
        "item_id": item_id,
        "variation": None,
        "variation_id": variation_id,
        "attendee_name": name,
        "redeemed": redeemed,
        "paid": paid,
        "checkin_allowed": allowed,
        "attention": False,
        "addons_text": "",
    }


def make_store(tmp_path, tickets):
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace(tickets, now=1000.0)
    return conn, copy, CheckinQueue(conn, SOURCE)


# -- decide_offline: one test per rule of the host's decision order (API doc: redeem) -------------


def full(secret="A", status="p", on_list=True, **fields):
    """A copy entry from our host's full download: the ticket with its order status and list membership."""
    paid = status == "p"
    return {**ticket(secret, paid=paid, allowed=paid, **fields), "order_status": status, "on_list": on_list}


def test_a_ticket_the_copy_does_not_hold_is_unknown():
    assert decide_offline(None, False) == "unknown_ticket"
    assert decide_offline(None, False, ignore_unpaid=True, include_pending=True, force=True) == "unknown_ticket"


def test_a_paid_ticket_on_the_list_not_yet_redeemed_is_admitted():
    assert decide_offline(full(), False) is None


def test_a_ticket_whose_product_is_not_on_the_list_is_wrong_product_even_paid_or_forced():
    assert decide_offline(full(on_list=False), False) == "product"
    assert decide_offline(full(on_list=False), False, force=True) == "product"


def test_wrong_product_is_said_before_unpaid_and_already_redeemed():
    assert decide_offline(full(status="c", on_list=False, redeemed=True), True) == "product"


def test_a_canceled_expired_or_refunded_order_is_unpaid_even_with_force():
    for status in ("c", "e", "r"):
        assert decide_offline(full(status=status), False) == "unpaid"
        assert decide_offline(full(status=status), False, True, True, force=True) == "unpaid"


def test_unpaid_is_said_before_already_redeemed():
    assert decide_offline(full(status="c", redeemed=True), True) == "unpaid"


def test_a_pending_order_is_unpaid_without_ignore_unpaid():
    assert decide_offline(full(status="n"), False, include_pending=True) == "unpaid"


def test_a_pending_order_is_unpaid_with_ignore_unpaid_on_a_list_without_include_pending():
    assert decide_offline(full(status="n"), False, ignore_unpaid=True, include_pending=False) == "unpaid"


def test_a_pending_order_is_admitted_with_ignore_unpaid_on_a_list_with_include_pending():
    assert decide_offline(full(status="n"), False, ignore_unpaid=True, include_pending=True) is None


def test_a_pending_order_is_admitted_with_force():
    assert decide_offline(full(status="n"), False, force=True) is None


def test_a_ticket_redeemed_in_the_copy_is_already_redeemed():
    assert decide_offline(full(redeemed=True), False) == "already_redeemed"


def test_a_ticket_this_station_admitted_before_is_already_redeemed():
    assert decide_offline(full(), already_queued=True) == "already_redeemed"


def test_a_redeemed_ticket_is_admitted_again_with_force():
    assert decide_offline(full(redeemed=True), True, force=True) is None


def test_an_entry_from_a_host_without_full_download_is_decided_as_a_plain_download_implies():
    # Such a host lists paid tickets, and pending ones only on a list that includes them.
    assert ticket_facts(ticket("A")) == ("p", True)
    assert ticket_facts(ticket("A", paid=False)) == ("n", True)
    assert decide_offline(ticket("A"), False) is None
    assert decide_offline(ticket("A", paid=False), False, include_pending=True) == "unpaid"
    assert decide_offline(ticket("A", paid=False), False, ignore_unpaid=True, include_pending=True) is None
    assert decide_offline(ticket("A", paid=False, allowed=False), False, True, True) == "unpaid"


def test_offline_refusals_tell_the_steward_what_to_do_not_to_suspect_a_forgery():
    unpaid = offline_text("unpaid", 60, has_copy=True)
    assert "not paid" in unpaid and "box office" in unpaid and "offline" in unpaid
    product = offline_text("product", 60, has_copy=True)
    assert "not valid at this entrance" in product and "right entrance" in product
    for text in (unpaid, product):
        assert "genuine" not in text and "Not found" not in text


def test_offline_unknown_ticket_message_says_it_was_checked_against_the_offline_copy():
    text = offline_text("unknown_ticket", 300, has_copy=True)
    assert "offline copy" in text and "5 min ago" in text
    assert "no offline copy" in offline_text(None, None, has_copy=False)
    assert describe_age(30) == "just now" and describe_age(3 * 3600 + 120) == "3 h 2 min ago"


def test_offline_search_follows_the_host_rules(tmp_path):
    tickets = [ticket(f"SECRET{i:03d}", order=f"ORD{i:03d}", name=f"Guest {i}") for i in range(40)]
    tickets.insert(0, ticket("zzMUELLER", order="PAID1", name="Jürgen Müller"))
    tickets.append(ticket("pct%_x", order="XYZ99", name="Percent Person"))
    _, copy, _ = make_store(tmp_path, tickets)
    assert copy.search("SEC") == []  # fewer than 4 characters
    assert [t["secret"] for t in copy.search("MÜLLER")] == ["zzMUELLER"]  # casefolded name substring
    assert [t["secret"] for t in copy.search("paid1")] == ["zzMUELLER"]  # order prefix, any case
    assert [t["secret"] for t in copy.search("secret01")] == [f"SECRET01{i}" for i in range(10)]
    many = copy.search("secret")
    assert len(many) == 25 and many[0]["secret"] == "SECRET000"  # download order, capped at 25
    assert copy.search("uest 1") and not copy.search("uest 1", allow_search=False)  # secret prefix only
    assert copy.search("pct%_") and copy.search("ct%_") == []  # % and _ are literal, prefix only
    assert copy.search("ORD0%") == []


def test_offline_status_counts_each_person_once_from_copy_and_queue(tmp_path):
    conn, copy, queue = make_store(
        tmp_path,
        [ticket("A", redeemed=True), ticket("B"), ticket("C", item_id=3, variation_id=2), ticket("D")],
    )
    copy.save_status(
        {
            "version": 2,
            "checkins": 99,
            "total": 99,
            "event": {"name": "DemoCon", "list": "Entrance"},
            "items": [
                {"id": 1, "name": "Pass", "checkins": 9, "total": 9, "variations": []},
                {"id": 3, "name": "Shirt", "checkins": 9, "total": 9, "variations": [{"id": 2, "checkins": 9, "total": 9}]},
            ],
        }
    )
    now = datetime.now(UTC)
    queue.add("A", "n1", now, "Entrance")  # admitted again offline: still one person
    queue.add("C", "n2", now, "Entrance")
    status = copy.status()
    assert (status["checkins"], status["total"]) == (2, 4)
    assert status["event"]["list"] == "Entrance" and copy.list_name == "Entrance"
    pass_item, shirt = status["items"]
    assert (pass_item["checkins"], pass_item["total"]) == (1, 3)
    assert (shirt["checkins"], shirt["total"]) == (1, 1)
    assert shirt["variations"][0]["checkins"] == 1
    assert copy.get("C")["redeemed"] is True and copy.get("B")["redeemed"] is False


def test_queued_admission_is_on_disk_for_another_connection(tmp_path):
    _, _, queue = make_store(tmp_path, [ticket("A")])
    queue.add("A", "nonce-1", datetime(2026, 5, 1, 18, 3, 4, 5, tzinfo=UTC), "Entrance")
    other = sqlite3.connect(station_db_path(tmp_path))
    rows = other.execute("SELECT secret, nonce, scanned_at, list_name, state FROM queue").fetchall()
    assert rows == [("A", "nonce-1", "2026-05-01T18:03:04.000005Z", "Entrance", "pending")]
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rejected_offline_checkins_stay_listed_until_acknowledged(tmp_path):
    _, _, queue = make_store(tmp_path, [ticket("A"), ticket("B")])
    queue.add("A", "n1", datetime.now(UTC), "Entrance", data=ticket("A", name="Ann"))
    queue.add("B", "n2", datetime.now(UTC), "Entrance")
    first, second = queue.pending()
    queue.reject(first, "unpaid")
    queue.mark_uploaded(second)
    assert queue.pending_count() == 0
    [rejected] = queue.rejected()
    assert (rejected.secret, rejected.reason, rejected.data["attendee_name"]) == ("A", "unpaid", "Ann")
    queue.acknowledge(rejected.id)
    assert queue.rejected() == [] and len(queue.rejected(include_acknowledged=True)) == 1


def test_copy_of_another_event_is_discarded(tmp_path):
    conn, copy, _ = make_store(tmp_path, [ticket("A")])
    assert len(copy) == 1 and copy.age(now=1060.0) == 60.0
    other = LocalCopy(conn, "/pretixdroid/api/demo/otherevent/")
    assert len(other) == 0 and other.age() is None


def test_host_errors_that_mean_outage_are_told_apart_from_answers():
    assert is_outage(HostTimeout()) and is_outage(HostUnreachable()) and is_outage(HostError(status=502))
    assert not is_outage(HostError(status=400)) and not is_outage(KeyRejected())
    assert HostError(status=502).operator_message.startswith("The host had a problem (HTTP 502)")


def test_key_is_redacted_from_any_text():
    text = "GET http://h:1/pretixdroid/api/o/e/status/?key=abcDEF123&query=x failed (KEY=zzz)"
    assert redact(text) == "GET http://h:1/pretixdroid/api/o/e/status/?key=***&query=x failed (KEY=***)"
    assert "abcDEF123" not in str(HostUnreachable(text))


def test_client_and_offline_modules_import_neither_qt_nor_flask():
    code = (
        "import sys, kiosk.errors, kiosk.client, kiosk.offline, kiosk.offline.sync;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'flask', 'server')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
