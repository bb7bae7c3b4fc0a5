"""The hook for pretix sync trouble in the overview's problem list (issue 9's ``server.pretix.status``).

``sync_problems(engine, data_dir, org, event)`` turns the sync's status for the event into
overview problems: the connection's error (or since when pretix is unreachable) and the
check-ins pretix rejected. Until ``server.pretix.status.statuses`` exists it returns nothing.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from server.db import utcnow
from server.overview.figures import ProblemRow

log = logging.getLogger(__name__)


def _naive_utc(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def sync_problems(engine: Engine, data_dir: str | Path | None, org: str, event: str) -> list[ProblemRow]:
    """Problems of the pretix sync of ``org``/``event``, newest first; [] without a sync or its module."""
    if data_dir is None:
        return []
    try:
        from server.pretix.status import statuses  # issue 9; absent before it is merged
    except ImportError:
        return []
    try:
        found = [s for s in statuses(engine, data_dir) if (s.organizer, s.event) == (org, event)]
    except Exception as exc:  # noqa: BLE001 - the overview must show even when the sync's status cannot be read
        log.warning("pretix sync status not readable for the overview: %s", type(exc).__name__)
        return []
    problems = []
    for status in found:
        error = getattr(status, "error", None)
        if error:
            when = _naive_utc(getattr(status, "unreachable_since", None)) or utcnow()
            problems.append(ProblemRow(when, None, "pretix_sync", text=f"pretix sync: {error}", kind="sync"))
        for rejected in getattr(status, "rejected_checkins", None) or []:
            when = _naive_utc(rejected.get("time")) if isinstance(rejected, dict) else None
            if when is None:
                continue
            reason = str(rejected.get("reason") or "rejected")
            problems.append(ProblemRow(when, None, reason, text=f"pretix rejected a check-in ({reason})", kind="sync"))
    return sorted(problems, key=lambda p: p.scanned_at, reverse=True)
