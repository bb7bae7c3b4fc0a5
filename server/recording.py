"""What the host records for the overview besides check-ins: refused attempts and each station's last contact.

A redeem must not wait for this. Requests only append to memory (a list and a dict, under a
lock held for microseconds); a background thread writes what gathered once a second, in one
transaction. An admission is never at risk: its attempt *is* its check-in row, written and
committed before the answer as always. What a power cut can take is the last second of
refused attempts and contacts, which the overview can spare.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from server.db import utcnow
from server.store import attempts as store

log = logging.getLogger(__name__)

MAX_PENDING = 100_000  # refused attempts kept in memory while the database cannot take them
SECRET_LIMIT = 255
ADDRESS_LIMIT = 64


class AttemptRecorder:
    """Buffers refused attempts and station contacts; ``start()`` writes them every ``interval`` seconds."""

    def __init__(self, engine: Engine, interval: float = 1.0) -> None:
        self.engine = engine
        self.interval = interval
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()  # one writer at a time (the thread, or a reader wanting fresh data)
        self._attempts: list[dict[str, Any]] = []
        self._contacts: dict[int, dict[str, Any]] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- called by requests (cheap) -------------------------------------------------------

    def refused(
        self,
        *,
        event_id: int,
        key_id: int,
        list_id: int,
        secret: str | None,
        reason: str,
        scanned_at: datetime | None,
        nonce: str | None,
        order_code: str | None = None,
        forced: bool = False,
        offline: bool = False,
    ) -> None:
        """Note a refused attempt (``scanned_at`` naive UTC, None = now); written with the next batch."""
        received = utcnow()
        row = {
            "event_id": event_id,
            "key_id": key_id,
            "list_id": list_id,
            "secret": (secret or "")[:SECRET_LIMIT].replace("\x00", ""),
            "order_code": order_code,
            "reason": reason[:32],
            "scanned_at": scanned_at or received,
            "received_at": received,
            "forced": forced,
            "offline": offline,
            "nonce": nonce,
        }
        with self._lock:
            if len(self._attempts) < MAX_PENDING:
                self._attempts.append(row)

    def contact(self, event_id: int, key_id: int, address: str | None) -> None:
        """Note that station ``key_id`` made a request now, from ``address``."""
        row = {"key_id": key_id, "event_id": event_id, "last_seen": utcnow(), "address": (address or "")[:ADDRESS_LIMIT]}
        with self._lock:
            self._contacts[key_id] = row

    # -- writing ------------------------------------------------------------------------------

    def flush(self) -> int:
        """Write what has gathered now, in one transaction; returns the number of attempts written.

        If the database refuses, the rows stay queued for the next try (up to ``MAX_PENDING``).
        """
        with self._flush_lock:
            with self._lock:
                rows, self._attempts = self._attempts, []
                contacts, self._contacts = self._contacts, {}
            if not rows and not contacts:
                return 0
            try:
                with self.engine.begin() as conn:
                    store.insert_attempts(conn, rows)
                    store.upsert_contacts(conn, sorted(contacts.values(), key=lambda c: c["key_id"]))
            except SQLAlchemyError as exc:
                log.warning("Attempts not recorded yet (%s); trying again shortly", type(exc).__name__)
                with self._lock:
                    self._attempts[:0] = rows[: MAX_PENDING - len(self._attempts)]
                    for key_id, contact in contacts.items():
                        self._contacts.setdefault(key_id, contact)
                return 0
            return len(rows)

    def start(self) -> None:
        """Write batches in a background thread until ``close()``."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="attempt-recorder", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread and write what is left."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.flush()
