"""Refusals this station made offline, kept until the host has heard of them (for the host's overview).

An extension only our host understands (``refusals/``, docs/api.md): the station sends them
after its queued admissions, when it is back online. A host without the extension (HTTP 404
or another 4xx) will never take them, so they are dropped rather than sent again forever;
no answer at all keeps them for the next pass. They are for the event lead's figures only:
losing one never changes who gets in.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from kiosk.client import PretixdroidClient, format_api_datetime
from kiosk.client.errors import EventNotFound, HostError

log = logging.getLogger(__name__)

BATCH = 100
# Reasons a station decided itself; "host_unreachable" and "store_error" are not a ticket's refusal.
NOT_REPORTED = ("host_unreachable", "store_error")

SCHEMA = """
CREATE TABLE IF NOT EXISTS refusals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    secret TEXT NOT NULL,
    nonce TEXT NOT NULL,
    reason TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    order_code TEXT
)
"""


class RefusalLog:
    """The refusals of one station for one event (``source``) not yet reported; one thread at a time."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self._conn = conn
        self.source = source
        conn.execute(SCHEMA)

    def add(self, secret: str, nonce: str, reason: str, when: datetime, order_code: str | None) -> None:
        """Keep a refusal for the host (a failure is logged and ignored: the guest's answer matters, not this)."""
        if reason in NOT_REPORTED:
            return
        try:
            self._conn.execute(
                "INSERT INTO refusals (source, secret, nonce, reason, scanned_at, order_code) VALUES (?, ?, ?, ?, ?, ?)",
                (self.source, secret, nonce, reason, format_api_datetime(when), order_code),
            )
        except sqlite3.Error as exc:
            log.warning("offline refusal not kept for the host's overview: %s", exc)

    def pending_count(self) -> int:
        """How many refusals wait for the host."""
        return self._conn.execute("SELECT COUNT(*) FROM refusals WHERE source = ?", (self.source,)).fetchone()[0]

    def report(self, client: PretixdroidClient, batches: int = 10) -> int:
        """Send up to ``batches`` batches to the host; returns how many it took. ``HostProblem`` if it does not answer."""
        sent = 0
        for _ in range(batches):
            rows = self._conn.execute(
                "SELECT id, secret, nonce, reason, scanned_at, order_code FROM refusals WHERE source = ? "
                "ORDER BY id LIMIT ?", (self.source, BATCH)).fetchall()
            if not rows:
                break
            items = [{"secret": r[1], "nonce": r[2], "reason": r[3], "datetime": r[4], "order": r[5]} for r in rows]
            try:
                client.report_refusals(items)
                sent += len(rows)
            except (EventNotFound, HostError) as exc:
                if isinstance(exc, HostError) and (exc.status is None or exc.status >= 500):
                    raise
                log.info("the host does not take offline refusals (%s); %d dropped", type(exc).__name__, len(rows))
            self._conn.execute(f"DELETE FROM refusals WHERE id IN ({','.join('?' * len(rows))})",
                               [r[0] for r in rows])
        return sent
