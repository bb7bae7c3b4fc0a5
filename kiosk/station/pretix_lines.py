"""What the host panel's pretix section says about each connection (pure: no Qt, no server import).

A connection's status (``server.pretix.status.ConnectionStatus``, read by attribute) becomes a
few lines of words: where it syncs to, whether it is in sync or what is wrong ("pretix
unreachable since 14:02, 37 check-ins waiting"), when it last pulled and pushed, the list
mapping, the list features pretixdroid cannot express, and the check-ins pretix refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from kiosk.station.presenting import format_duration

OK, WARNING, PROBLEM = "ok", "warning", "problem"  # the state line's tone (its colour on screen)
MOST_REJECTED = 10  # rejected check-ins listed; the count says how many there are
# Why pretix refused an uploaded check-in for good (it stays admitted here), in words.
REJECTED_WORDS = {"invalid": "unknown to pretix", "ambiguous": "ambiguous in pretix",
                  "revoked": "secret revoked in pretix"}


@dataclass(frozen=True)
class ConnectionLines:
    """One connection, in words. ``key`` is (organizer, event): what "Sync now" asks for."""

    key: tuple[str, str]
    title: str
    where: str  # pretix URL and device name
    state: str  # "In sync", "pretix unreachable since 14:02, 37 check-ins waiting", "Paused: …"
    tone: str  # OK, WARNING or PROBLEM
    times: str  # "Last pull 14:05 (12 s ago) · last push 14:05 (13 s ago) · 0 waiting · 0 rejected"
    mappings: list[str]
    unsupported: list[str]
    rejected: list[str]  # "14:02 · abc123… · Ada Lovelace · invalid"


def _get(status: Any, name: str, default: Any = None) -> Any:
    if isinstance(status, dict):
        return status.get(name, default)
    return getattr(status, name, default)


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return None


def clock(value: Any, now: datetime, tz: tzinfo | None = None) -> str:
    """A time in the station's local zone: "14:02" today, "4 Dec 14:02" on another day, "" if none."""
    when = _when(value)
    if when is None:
        return ""
    local, today = when.astimezone(tz), now.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == today.date() else f"{local.day} {local:%b %H:%M}"


def _ago(value: Any, now: datetime, tz: tzinfo | None) -> str:
    when = _when(value)
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    return f"{clock(when, now, tz)} ({format_duration(seconds)} ago)" if seconds >= -60 else clock(when, now, tz)


def waiting_words(count: int) -> str:
    """"1 check-in waiting", "37 check-ins waiting"."""
    return f"{count} check-in{'' if count == 1 else 's'} waiting"


def connection_lines(status: Any, now: datetime | None = None, tz: tzinfo | None = None) -> ConnectionLines:
    """The words for one connection's status (``now`` aware, default the clock; ``tz`` default local)."""
    now = now or datetime.now(UTC)
    org, event = _get(status, "organizer", ""), _get(status, "event", "")
    outbox, rejected = int(_get(status, "outbox", 0) or 0), int(_get(status, "rejected", 0) or 0)
    error = _get(status, "error") or ""
    device = _get(status, "device_name") or ""
    where = _get(status, "pretix_url", "") + (f" · device “{device}”" if device else "")
    since = _get(status, "unreachable_since")
    if _get(status, "revoked"):
        state, tone = (f"Stopped: pretix revoked this device. {waiting_words(outbox)}; nothing is deleted. "
                       "Connect again with a new device."), PROBLEM
    elif _get(status, "paused"):
        state, tone = f"Paused: {error or 'pretix refuses uploads.'} {waiting_words(outbox)}.", PROBLEM
    elif _when(since) is not None:
        state, tone = f"pretix unreachable since {clock(since, now, tz)}, {waiting_words(outbox)}", PROBLEM
    elif error:
        state, tone = f"Last error: {error}", WARNING
    elif _when(_get(status, "last_pull")) is None:
        state, tone = "Waiting for the first sync…", WARNING
    else:
        state, tone = "In sync with pretix", OK
    if tone == OK and rejected:
        tone = WARNING
    times = (f"Last pull {_ago(_get(status, 'last_pull'), now, tz)} · last push "
             f"{_ago(_get(status, 'last_push'), now, tz)} · {waiting_words(outbox)} · {rejected} rejected")
    rows = []
    for row in list(_get(status, "rejected_checkins") or [])[:MOST_REJECTED]:
        parts = [clock(_get(row, "time"), now, tz), _get(row, "secret") or "", _get(row, "attendee") or "",
                 REJECTED_WORDS.get(_get(row, "reason") or "", _get(row, "reason") or "")]
        rows.append(" · ".join(p for p in parts if p))
    return ConnectionLines(
        key=(org, event),
        title=f"{org}/{event}",
        where=where,
        state=state,
        tone=tone,
        times=times,
        mappings=[str(m) for m in _get(status, "mappings") or []],
        unsupported=[str(u) for u in _get(status, "unsupported") or []],
        rejected=rows,
    )


def connected_summary(result: Any) -> str:
    """What the panel says after a successful connect (a ``ConnectResult``, read by attribute)."""
    lists = ", ".join(_get(result, "lists") or []) or "none"
    tickets = int(_get(result, "tickets", 0) or 0)
    return (f"Connected {_get(result, 'organizer', '')}/{_get(result, 'event', '')} to "
            f"{_get(result, 'pretix_url', '')}: {tickets} ticket{'' if tickets == 1 else 's'}, lists: {lists}.")
