"""LocalCopy: what this station may admit without the host (the last ``download``) plus the last status.

Search and status answer from it with the host's rules (API doc: search/ and status/).
"Checked in" offline means redeemed in the copy or waiting in this station's queue, so a
refresh from the host never hides an admission that is not uploaded yet.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from kiosk.client import TicketData
from kiosk.offline.store import get_meta, set_meta, transaction

SEARCH_MIN_LENGTH = 4
SEARCH_LIMIT = 25

# Secrets this station admitted and the host may not know yet (pending upload).
_QUEUED = "SELECT secret FROM queue WHERE source = ? AND state = 'pending'"


def _folded(value: Any) -> str:
    return str(value).casefold() if value else ""


class LocalCopy:
    """The offline copy for one event (``source``, see ``store.source_of``); another event's is discarded."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self._conn = conn
        self.source = source
        if get_meta(conn, "source") != source:
            with transaction(conn):
                conn.execute("DELETE FROM tickets")
                conn.execute("DELETE FROM meta WHERE key IN ('downloaded_at', 'status')")
                set_meta(conn, "source", source)

    # -- refresh -------------------------------------------------------------------------

    def replace(self, results: list[TicketData], now: float | None = None) -> None:
        """Replace the whole copy with a fresh download, in one transaction."""
        rows = [
            (
                t["secret"],
                position,
                _folded(t.get("secret")),
                _folded(t.get("order")),
                _folded(t.get("attendee_name")),
                1 if t.get("redeemed") else 0,
                json.dumps(t),
            )
            for position, t in enumerate(results)
            if t.get("secret")
        ]
        with transaction(self._conn) as conn:
            conn.execute("DELETE FROM tickets")
            conn.executemany("INSERT OR REPLACE INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            set_meta(conn, "downloaded_at", repr(time.time() if now is None else now))

    def save_status(self, status: dict[str, Any]) -> None:
        """Keep the host's last status answer (event details, products) for offline status."""
        set_meta(self._conn, "status", json.dumps(status))

    def learn(self, data: TicketData | None, secret: str) -> None:
        """Fold an online answer into the copy: admissible tickets are kept up to date, others dropped."""
        if data is None or not data.get("checkin_allowed"):
            self._conn.execute("DELETE FROM tickets WHERE secret = ?", (secret,))
            return
        row = self._conn.execute("SELECT position FROM tickets WHERE secret = ?", (secret,)).fetchone()
        if row is None:
            row = self._conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM tickets").fetchone()
        self._conn.execute(
            "INSERT OR REPLACE INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                secret,
                row[0],
                _folded(secret),
                _folded(data.get("order")),
                _folded(data.get("attendee_name")),
                1 if data.get("redeemed") else 0,
                json.dumps(data),
            ),
        )

    def mark_redeemed(self, secret: str) -> None:
        """Record that this station admitted ``secret`` (part of the caller's transaction)."""
        self._conn.execute("UPDATE tickets SET redeemed = 1 WHERE secret = ?", (secret,))

    # -- reading -------------------------------------------------------------------------

    @property
    def downloaded_at(self) -> float | None:
        """Epoch seconds of the last successful download, or None if there never was one."""
        value = get_meta(self._conn, "downloaded_at")
        return float(value) if value else None

    @property
    def list_name(self) -> str | None:
        """The check-in list named in the host's last status, if known."""
        stored = get_meta(self._conn, "status")
        event = json.loads(stored).get("event") if stored else None
        return event.get("list") if isinstance(event, dict) else None

    def age(self, now: float | None = None) -> float | None:
        """Seconds since the last successful download, or None."""
        at = self.downloaded_at
        return None if at is None else max(0.0, (time.time() if now is None else now) - at)

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]

    def _ticket(self, row: tuple[str, int]) -> TicketData:
        data: TicketData = json.loads(row[0])
        data["redeemed"] = bool(row[1])
        return data

    def get(self, secret: str) -> TicketData | None:
        """The ticket with exactly this secret (``redeemed`` includes queued admissions), or None."""
        row = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED}) FROM tickets WHERE secret = ?",
            (self.source, secret),
        ).fetchone()
        return None if row is None else self._ticket(row)

    def search(self, query: str, allow_search: bool = True) -> list[TicketData]:
        """The host's search rules: 4+ chars, casefolded, secret/order prefix or name substring, 25 max."""
        if len(query) < SEARCH_MIN_LENGTH:
            return []
        folded = query.casefold()
        where = "substr(secret_folded, 1, length(:q)) = :q"
        if allow_search:
            where += " OR substr(order_folded, 1, length(:q)) = :q OR instr(name_folded, :q) > 0"
        rows = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED.replace('?', ':source')}) FROM tickets "
            f"WHERE {where} ORDER BY position LIMIT {SEARCH_LIMIT}",
            {"q": folded, "source": self.source},
        ).fetchall()
        return [self._ticket(row) for row in rows]

    def status(self) -> dict[str, Any]:
        """The last host status with counts recomputed from the copy and the queue (people, not rows)."""
        stored = get_meta(self._conn, "status")
        status: dict[str, Any] = json.loads(stored) if stored else {"version": 2, "event": None, "items": []}
        rows = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED}) FROM tickets", (self.source,)
        ).fetchall()
        tickets = [self._ticket(row) for row in rows]
        status["total"] = len(tickets)
        status["checkins"] = sum(1 for t in tickets if t["redeemed"])
        for item in status.get("items") or []:
            mine = [t for t in tickets if t.get("item_id") == item.get("id")]
            item["total"], item["checkins"] = len(mine), sum(1 for t in mine if t["redeemed"])
            for variation in item.get("variations") or []:
                theirs = [t for t in mine if t.get("variation_id") == variation.get("id")]
                variation["total"] = len(theirs)
                variation["checkins"] = sum(1 for t in theirs if t["redeemed"])
        return status
