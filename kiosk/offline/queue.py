"""CheckinQueue: offline admissions waiting for upload, and the rejected list staff must see.

Rows are never deleted: an upload marks them ``uploaded``, a business rejection moves a
copy to ``rejected`` (shown until acknowledged) and marks them ``rejected``. Only rows
for the current event (``source``, see ``store.source_of``) are looked at.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.client import TicketData, format_api_datetime
from kiosk.offline.store import transaction


@dataclass(frozen=True)
class QueuedCheckin:
    """One offline admission: what to send to the host, exactly as it was decided."""

    id: int
    secret: str
    nonce: str
    scanned_at: str  # ISO UTC, as sent in ``datetime``
    list_name: str | None
    ignore_unpaid: bool
    data: TicketData | None
    attempts: int

    @property
    def when(self) -> datetime:
        """The time of the scan as an aware UTC datetime."""
        return datetime.fromisoformat(self.scanned_at).astimezone(UTC)


@dataclass(frozen=True)
class RejectedCheckin:
    """An offline admission the host refused on upload (e.g. order canceled meanwhile)."""

    id: int
    secret: str
    reason: str
    scanned_at: str
    rejected_at: str
    data: TicketData | None
    acknowledged: bool


def _utc_text(now: datetime | None = None) -> str:
    return format_api_datetime(now or datetime.now(UTC))


class CheckinQueue:
    """The on-disk queue of one station for one event; callers serialise access (one thread)."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self._conn = conn
        self.source = source

    def add(
        self,
        secret: str,
        nonce: str,
        when: datetime,
        list_name: str | None,
        ignore_unpaid: bool = False,
        data: TicketData | None = None,
    ) -> int:
        """Append an admission (inside the caller's transaction, if any); returns its id."""
        cursor = self._conn.execute(
            "INSERT INTO queue (source, secret, nonce, scanned_at, list_name, ignore_unpaid, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self.source,
                secret,
                nonce,
                format_api_datetime(when),
                list_name,
                int(ignore_unpaid),
                json.dumps(data) if data is not None else None,
            ),
        )
        return int(cursor.lastrowid or 0)

    def pending(self, limit: int = 1000) -> list[QueuedCheckin]:
        """The oldest ``limit`` admissions not uploaded yet, in scan order."""
        rows = self._conn.execute(
            "SELECT id, secret, nonce, scanned_at, list_name, ignore_unpaid, data, attempts FROM queue "
            "WHERE source = ? AND state = 'pending' ORDER BY id LIMIT ?",
            (self.source, limit),
        ).fetchall()
        return [
            QueuedCheckin(r[0], r[1], r[2], r[3], r[4], bool(r[5]), json.loads(r[6]) if r[6] else None, r[7])
            for r in rows
        ]

    def pending_count(self) -> int:
        """How many admissions wait for upload."""
        return self._conn.execute(
            "SELECT COUNT(*) FROM queue WHERE source = ? AND state = 'pending'", (self.source,)
        ).fetchone()[0]

    def contains(self, secret: str, pending_only: bool = False) -> bool:
        """Whether this station admitted ``secret`` offline (pending, or also uploaded)."""
        states = ("pending",) if pending_only else ("pending", "uploaded")
        row = self._conn.execute(
            f"SELECT 1 FROM queue WHERE source = ? AND secret = ? AND state IN ({','.join('?' * len(states))})",
            (self.source, secret, *states),
        ).fetchone()
        return row is not None

    def admitted_at(self, secret: str) -> str | None:
        """When this station first admitted ``secret`` offline (ISO UTC, pending or uploaded), or None."""
        row = self._conn.execute(
            "SELECT scanned_at FROM queue WHERE source = ? AND secret = ? AND state IN ('pending', 'uploaded') "
            "ORDER BY id LIMIT 1",
            (self.source, secret),
        ).fetchone()
        return None if row is None else row[0]

    def mark_uploaded(self, item: QueuedCheckin) -> None:
        """The host stored (or already had) this admission."""
        self._conn.execute(
            "UPDATE queue SET state = 'uploaded', uploaded_at = ? WHERE id = ?", (_utc_text(), item.id)
        )

    def count_failed_attempt(self, item: QueuedCheckin) -> int:
        """Count one more failed upload of ``item`` (host error); returns the new count."""
        self._conn.execute("UPDATE queue SET attempts = attempts + 1 WHERE id = ?", (item.id,))
        return item.attempts + 1

    def reject(self, item: QueuedCheckin, reason: str, data: TicketData | None = None) -> None:
        """Move ``item`` to the rejected list with the host's ``reason``; it is never retried."""
        data = data if data is not None else item.data
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT INTO rejected (source, secret, nonce, reason, scanned_at, rejected_at, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self.source,
                    item.secret,
                    item.nonce,
                    reason,
                    item.scanned_at,
                    _utc_text(),
                    json.dumps(data) if data is not None else None,
                ),
            )
            conn.execute("UPDATE queue SET state = 'rejected' WHERE id = ?", (item.id,))

    def rejected(self, include_acknowledged: bool = False) -> list[RejectedCheckin]:
        """Rejected offline admissions, oldest first (by default only those not acknowledged)."""
        sql = (
            "SELECT id, secret, reason, scanned_at, rejected_at, data, acknowledged FROM rejected "
            "WHERE source = ?"
        )
        if not include_acknowledged:
            sql += " AND acknowledged = 0"
        rows = self._conn.execute(sql + " ORDER BY id", (self.source,)).fetchall()
        return [
            RejectedCheckin(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]) if r[5] else None, bool(r[6]))
            for r in rows
        ]

    def acknowledge(self, rejected_id: int) -> None:
        """Staff has seen this rejection; it leaves the default list."""
        self._conn.execute("UPDATE rejected SET acknowledged = 1 WHERE id = ?", (rejected_id,))
