"""The offline copy on a real station SQLite file: search by the host's rules, status counts, one event."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.offline.local_copy import LocalCopy
from tests.support.offline_copy import make_store, ticket


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


def test_copy_of_another_event_is_discarded(tmp_path):
    conn, copy, _ = make_store(tmp_path, [ticket("A")])
    assert len(copy) == 1 and copy.age(now=1060.0) == 60.0
    other = LocalCopy(conn, "/pretixdroid/api/demo/otherevent/")
    assert len(other) == 0 and other.age() is None
