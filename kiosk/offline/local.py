"""The offline decision with its side effect: an admission is queued and on disk before it is shown."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from kiosk.client import TicketData
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.queue import CheckinQueue
from kiosk.offline.refusals import RefusalLog
from kiosk.offline.rules import decide_offline, offline_text
from kiosk.offline.store import StoreError, transaction

log = logging.getLogger(__name__)

Decision = tuple[str, str | None, TicketData | None, str]  # status, reason, data, operator message


def here_checkin(when: str) -> dict:
    """A ``first_checkin`` made by this station at ``when`` (ISO UTC): "here" instead of a station name."""
    return {"datetime": when, "station": None, "here": True}


def decide_and_record(
    conn: sqlite3.Connection,
    copy: LocalCopy,
    queue: CheckinQueue,
    secret: str,
    nonce: str,
    when: datetime,
    ignore_unpaid: bool = False,
    now: float | None = None,
    refusals: RefusalLog | None = None,
) -> Decision:
    """Decide ``secret`` from the copy; an admission is committed to the queue before this returns.

    Without any copy nothing can be decided (reason ``host_unreachable``: this is the one
    place that says so); a failed write admits no one (reason ``store_error``). An ALREADY
    USED ticket's ``first_checkin`` says when and where it was first used: from the copy (the
    host's record), else from this station's queue (``here``).
    """
    if copy.downloaded_at is None:
        return "error", "host_unreachable", None, offline_text(None, None, has_copy=False)
    ticket = copy.get(secret)
    reason = decide_offline(ticket, queue.contains(secret), ignore_unpaid, copy.include_pending, when=when)
    if reason is None and ticket is not None:
        try:
            with transaction(conn):
                queue.add(secret, nonce, when, copy.list_name, ignore_unpaid, ticket)
                copy.mark_redeemed(secret)
        except sqlite3.Error as exc:
            log.error("offline check-in not stored: %s", exc)
            path = conn.execute("PRAGMA database_list").fetchone()[2]
            return "error", "store_error", None, StoreError(path, str(exc)).operator_message
        ticket = {**ticket, "redeemed": True}
    elif reason == "already_redeemed" and ticket is not None and not ticket.get("first_checkin"):
        # Not redeemed in the host's copy (or the host did not say when): admitted here while offline.
        at = queue.admitted_at(secret)
        if at is not None:
            ticket = {**ticket, "first_checkin": here_checkin(at)}
    if reason is not None and refusals is not None:  # for the host's overview, reported once back online
        refusals.add(secret, nonce, reason, when, (ticket or {}).get("order"))
    message = offline_text(reason, copy.age(now), has_copy=True)
    return ("ok" if reason is None else "error"), reason, ticket, message
