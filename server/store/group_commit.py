"""Group commit for SQLite check-ins: concurrent INSERTs of one process share one transaction and one fsync.

SQLite has one writer at a time and, with ``synchronous=FULL``, an fsync per commit, so
a busy station host would spend most of its time waiting for the disk. A thread that
wants to write queues its row; the first thread to find no write in progress becomes
the leader, inserts every queued row in one ``BEGIN IMMEDIATE`` transaction and commits
it; the others wait and get their own row's outcome. Each INSERT keeps its own result:
a unique-index violation aborts only that statement (SQLite's statement rollback), so
one losing racer does not undo its neighbours. Nobody is answered before the commit.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from typing import Any


class _Row:
    __slots__ = ("params", "done", "error")

    def __init__(self, params: Sequence[Any]) -> None:
        self.params = params
        self.done = False
        self.error: BaseException | None = None


class GroupCommitter:
    """Queue of rows for one SQLite database; ``insert`` returns once the row is committed (or raises)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: list[_Row] = []
        self._writing = False

    def insert(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> None:
        """INSERT ``params`` with ``sql``, committed with whatever else is queued; raises the row's own error.

        ``conn`` is a driver connection in autocommit mode (``isolation_level=None``), outside
        any transaction; it is used only if this thread ends up leading a batch.
        """
        row = _Row(params)
        with self._cond:
            self._queue.append(row)
            while self._writing and not row.done:
                self._cond.wait()
            if not row.done:
                self._writing = True
                batch, self._queue = self._queue, []
        if not row.done:
            try:
                self._write(conn, sql, batch)
            finally:
                with self._cond:
                    for queued in batch:
                        queued.done = True
                    self._writing = False
                    self._cond.notify_all()
        if row.error is not None:
            raise row.error

    @staticmethod
    def _write(conn: sqlite3.Connection, sql: str, batch: list[_Row]) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            for row in batch:
                try:
                    conn.execute(sql, row.params)
                except sqlite3.IntegrityError as exc:
                    row.error = exc  # only this statement was rolled back
            conn.execute("COMMIT")
        except BaseException as exc:  # noqa: BLE001 - every row of the batch must learn that nothing was stored
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            for row in batch:
                if row.error is None:
                    row.error = exc
