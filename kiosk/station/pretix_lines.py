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

from kiosk.i18n import QT_TRANSLATE_NOOP, format_day_time, format_number, format_time, plural, translate
from kiosk.station.presenting import format_duration

OK, WARNING, PROBLEM = "ok", "warning", "problem"  # the state line's tone (its colour on screen)
MOST_REJECTED = 10  # rejected check-ins listed; the count says how many there are
# Why pretix refused an uploaded check-in for good (it stays admitted here), in words.
REJECTED_WORDS = {"invalid": QT_TRANSLATE_NOOP("Pretix", "unknown to pretix"),
                  "ambiguous": QT_TRANSLATE_NOOP("Pretix", "ambiguous in pretix"),
                  "revoked": QT_TRANSLATE_NOOP("Pretix", "secret revoked in pretix")}


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
    return format_time(local) if local.date() == today.date() else format_day_time(local)


def _ago(value: Any, now: datetime, tz: tzinfo | None) -> str:
    when = _when(value)
    if when is None:
        return translate("Pretix", "never")
    seconds = (now - when).total_seconds()
    if seconds < -60:  # a clock a little behind still reads well
        return clock(when, now, tz)
    return translate("Pretix", "{time} ({duration} ago)").format(time=clock(when, now, tz),
                                                                duration=format_duration(seconds))


def waiting_words(count: int) -> str:
    """"1 check-in waiting", "37 check-ins waiting"."""
    return plural(count).translate("Pretix", "%n check-in(s) waiting", None, 1)


def connection_lines(status: Any, now: datetime | None = None, tz: tzinfo | None = None) -> ConnectionLines:
    """The words for one connection's status (``now`` aware, default the clock; ``tz`` default local)."""
    now = now or datetime.now(UTC)
    org, event = _get(status, "organizer", ""), _get(status, "event", "")
    outbox, rejected = int(_get(status, "outbox", 0) or 0), int(_get(status, "rejected", 0) or 0)
    error = _get(status, "error") or ""
    device = _get(status, "device_name") or ""
    where = _get(status, "pretix_url", "") + (translate("Pretix", " · device “{device}”").format(device=device)
                                              if device else "")
    since = _get(status, "unreachable_since")
    waiting = waiting_words(outbox)
    if _get(status, "revoked"):
        state, tone = translate("Pretix", "Stopped: pretix revoked this device. {waiting}; nothing is deleted. "
                                          "Connect again with a new device.").format(waiting=waiting), PROBLEM
    elif _get(status, "paused"):
        state, tone = translate("Pretix", "Paused: {problem} {waiting}.").format(
            problem=error or translate("Pretix", "pretix refuses uploads."), waiting=waiting), PROBLEM
    elif _when(since) is not None:
        state, tone = translate("Pretix", "pretix unreachable since {time}, {waiting}").format(
            time=clock(since, now, tz), waiting=waiting), PROBLEM
    elif error:
        state, tone = translate("Pretix", "Last error: {problem}").format(problem=error), WARNING
    elif _when(_get(status, "last_pull")) is None:
        state, tone = translate("Pretix", "Waiting for the first sync…"), WARNING
    else:
        state, tone = translate("Pretix", "In sync with pretix"), OK
    if tone == OK and rejected:
        tone = WARNING
    times = translate("Pretix", "Last pull {pull} · last push {push} · {waiting} · {rejected} rejected").format(
        pull=_ago(_get(status, "last_pull"), now, tz), push=_ago(_get(status, "last_push"), now, tz),
        waiting=waiting, rejected=format_number(rejected))
    rows = []
    for row in list(_get(status, "rejected_checkins") or [])[:MOST_REJECTED]:
        parts = [clock(_get(row, "time"), now, tz), _get(row, "secret") or "", _get(row, "attendee") or "",
                 _rejected_words(_get(row, "reason") or "")]
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


def _rejected_words(reason: str) -> str:
    return translate("Pretix", REJECTED_WORDS[reason]) if reason in REJECTED_WORDS else reason


def connected_summary(result: Any) -> str:
    """What the panel says after a successful connect (a ``ConnectResult``, read by attribute)."""
    lists = ", ".join(_get(result, "lists") or []) or translate("Pretix", "none")
    tickets = int(_get(result, "tickets", 0) or 0)
    return plural(tickets).translate("Pretix", "Connected {event} to {url}: %n ticket(s), lists: {lists}.",
                                     None, 1).format(
        event=f"{_get(result, 'organizer', '')}/{_get(result, 'event', '')}", url=_get(result, "pretix_url", ""),
        lists=lists)
