"""The offline queue on a real station SQLite file: on disk at once, refusals listed until acknowledged."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from kiosk.offline.store import station_db_path
from tests.support.offline_copy import make_store, ticket


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
