"""Group commit: concurrent SQLite INSERTs share one transaction, and each row keeps its own outcome."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest


def test_group_commit_gives_each_row_its_own_outcome_and_stores_every_winner(tmp_path):
    import sqlite3

    from server.store.group_commit import GroupCommitter

    path = tmp_path / "rows.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE rows (value INTEGER UNIQUE)")
    committer = GroupCommitter()
    values = [number // 2 for number in range(40)]  # every value twice: one insert of each pair must lose
    barrier = threading.Barrier(len(values))

    def insert(value: int) -> str:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        try:
            barrier.wait()
            committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [value])
            return "stored"
        except sqlite3.IntegrityError:
            return "duplicate"
        finally:
            conn.close()

    with ThreadPoolExecutor(len(values)) as pool:
        outcomes = list(pool.map(insert, values))
    assert outcomes.count("stored") == 20 and outcomes.count("duplicate") == 20
    with sqlite3.connect(path) as check:
        assert sorted(value for (value,) in check.execute("SELECT value FROM rows")) == list(range(20))


def test_group_commit_that_cannot_write_fails_the_row_and_leaves_no_transaction_open(tmp_path):
    import sqlite3

    from server.store.group_commit import GroupCommitter

    path = tmp_path / "rows.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE rows (value INTEGER)")
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    committer = GroupCommitter()
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    with pytest.raises(sqlite3.OperationalError):
        committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [1])
    assert not conn.in_transaction
    holder.execute("COMMIT")
    committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [2])
    assert [value for (value,) in holder.execute("SELECT value FROM rows")] == [2]
    conn.close()
    holder.close()
