"""What the station shows and records for an outcome (pure: imports no Qt).

Turns a redeem outcome into words, colours, an icon shape and a sound name,
formats the offline banner and the search rows, and builds journal lines. The
widgets only paint what these functions return, so the rules are testable
without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from kiosk.i18n import (
    QT_TRANSLATE_NOOP,
    format_day_time,
    format_number,
    format_time,
    plural,
    shown,
    translate,
)

# Outcome kinds, and how each one looks. Colours are chosen so the big word
# stays readable on them (white on dark colours, near-black on amber); the icon
# shape tells the kinds apart without colour.
VALID, USED, UNPAID, UNKNOWN, PRODUCT, PROBLEM = "valid", "already_used", "unpaid", "unknown", "product", "problem"
SETUP_CODE = "setup_code"  # a station setup code that cannot be used (never a check-in)
BLOCKED, INVALID_TIME = "blocked", "invalid_time"  # pretix's reasons, from a host synced with pretix
PRETIX_DEVICE = "pretix_device_code"  # a pretix device code held to a station that is not the host

# What a refusal for these reasons means and what to do, under the big word (online and offline alike).
REASON_NOTES = {
    BLOCKED: QT_TRANSLATE_NOOP("Result", "This ticket has been blocked: send the guest to the box office."),
    INVALID_TIME: QT_TRANSLATE_NOOP("Result", "This ticket is not valid at this time: check the date and time "
                                              "printed on it, or send the guest to the box office."),
}


@dataclass(frozen=True)
class Look:
    """The fixed appearance of one outcome kind."""

    word: str
    background: str
    foreground: str
    icon: str  # shape painted by the result view: check, repeat, coin, question, cross, plug
    sound: str  # "valid", "error" or "attention"


LOOKS: dict[str, Look] = {
    VALID: Look(QT_TRANSLATE_NOOP("Result", "VALID"), "#1b7a2e", "#ffffff", "check", "valid"),
    USED: Look(QT_TRANSLATE_NOOP("Result", "ALREADY USED"), "#ffb000", "#1a1a1a", "repeat", "error"),
    UNPAID: Look(QT_TRANSLATE_NOOP("Result", "UNPAID"), "#6a1b9a", "#ffffff", "coin", "error"),
    UNKNOWN: Look(QT_TRANSLATE_NOOP("Result", "UNKNOWN TICKET"), "#c62828", "#ffffff", "question", "error"),
    PRODUCT: Look(QT_TRANSLATE_NOOP("Result", "WRONG PRODUCT"), "#b71c1c", "#ffffff", "cross", "error"),
    PROBLEM: Look(QT_TRANSLATE_NOOP("Result", "NOT CHECKED"), "#37474f", "#ffffff", "plug", "error"),
    SETUP_CODE: Look(QT_TRANSLATE_NOOP("Result", "SETUP CODE NOT USABLE"), "#37474f", "#ffffff", "plug", "error"),
    BLOCKED: Look(QT_TRANSLATE_NOOP("Result", "BLOCKED"), "#212121", "#ffffff", "cross", "error"),
    INVALID_TIME: Look(QT_TRANSLATE_NOOP("Result", "NOT VALID NOW"), "#e65100", "#ffffff", "clock", "error"),
    PRETIX_DEVICE: Look(QT_TRANSLATE_NOOP("Result", "PRETIX DEVICE CODE"), "#37474f", "#ffffff", "plug", "error"),
}

REASON_KINDS = {
    "already_redeemed": USED,
    "unpaid": UNPAID,
    "unknown_ticket": UNKNOWN,
    "product": PRODUCT,
    "unusable_setup_code": SETUP_CODE,
    "blocked": BLOCKED,
    "invalid_time": INVALID_TIME,
    "pretix_device_code": PRETIX_DEVICE,
}

# Why the host refused a check-in a station had admitted offline (status panel's list):
# the API's reasons, plus the two the upload itself gives (kiosk.offline.sync).
REJECTED_REASONS = {
    "unpaid": QT_TRANSLATE_NOOP("Rejected", "not paid or canceled"),
    "unknown_ticket": QT_TRANSLATE_NOOP("Rejected", "unknown ticket (removed or replaced on the host)"),
    "product": QT_TRANSLATE_NOOP("Rejected", "not valid at this entrance"),
    "already_redeemed": QT_TRANSLATE_NOOP("Rejected", "already used"),
    "blocked": QT_TRANSLATE_NOOP("Rejected", "blocked in pretix"),
    "invalid_time": QT_TRANSLATE_NOOP("Rejected", "not valid at that time"),
    "invalid": QT_TRANSLATE_NOOP("Rejected", "refused as invalid by the host"),
    "host_error": QT_TRANSLATE_NOOP("Rejected", "the host failed on it several times"),
}

HIDDEN_NAME = QT_TRANSLATE_NOOP("Result", "(name hidden)")


@dataclass(frozen=True)
class ResultInfo:
    """Everything the result screen shows for one outcome."""

    kind: str
    look: Look
    name: str
    product: str
    order: str
    addons: str
    attention: bool
    note: str
    sound: str
    first_used: str = ""  # ALREADY USED: "First used 14:02 at Door 2 (3 min ago)"
    checkin_text: str = ""  # pretix's check-in text (product, variation, order), for VALID and ALREADY USED


def _get(data: Any, key: str, default: Any = None) -> Any:
    if data is None:
        return default
    if isinstance(data, dict):
        return data.get(key, default)
    return getattr(data, key, default)


def outcome_kind(outcome: Any) -> str:
    """The kind of an outcome: valid, already_used, unpaid, unknown, product, blocked, invalid_time or problem."""
    status = _get(outcome, "status")
    if status == "ok":
        return VALID
    if status == "error":
        return REASON_KINDS.get(_get(outcome, "reason") or "", PROBLEM)
    return PROBLEM


def present(outcome: Any, privacy: bool = False, now: datetime | None = None, tz: tzinfo | None = None) -> ResultInfo:
    """What the result screen shows for this outcome (names hidden with ``privacy``).

    ``now`` (aware; default the clock) and ``tz`` (default the station's local zone) only
    matter for an ALREADY USED ticket's first check-in time.
    """
    kind = outcome_kind(outcome)
    look = LOOKS[kind]
    look = replace(look, word=translate("Result", look.word))
    data = _get(outcome, "data")
    name = _get(data, "attendee_name") or ""
    if privacy and name:
        name = translate("Result", HIDDEN_NAME)
    item = _get(data, "item") or ""
    variation = _get(data, "variation") or ""
    product = f"{item} – {variation}" if item and variation else item
    order = _get(data, "order") or ""
    addons = _get(data, "addons_text") or ""
    attention = bool(_get(data, "attention")) and kind in (VALID, USED)
    offline = _get(outcome, "mode") == "offline"
    message = shown(_get(outcome, "message") or "")  # marked where it was made
    note = ""
    if kind == PROBLEM:
        note = message or translate("Result", "The host did not answer. Check the network, then scan again.")
    elif kind in (SETUP_CODE, PRETIX_DEVICE):
        note = message
    elif kind == UNKNOWN and offline:
        note = message or translate("Result", "Checked offline: this ticket is not in this station's offline copy.")
    elif offline:
        checked = translate("Offline", "Checked offline")
        note = message if checked in message else checked
        if kind in REASON_NOTES:
            reason_note = translate("Result", REASON_NOTES[kind])
            if reason_note not in note:
                note = f"{reason_note} {note}"
    elif kind in REASON_NOTES:
        note = translate("Result", REASON_NOTES[kind])
    sound = "attention" if attention and kind == VALID else look.sound
    first_used = first_used_text(_get(data, "first_checkin"), now, tz) if kind == USED else ""
    checkin_text = (_get(data, "checkin_text") or "").strip() if kind in (VALID, USED) else ""
    return ResultInfo(kind, look, name, product, order, addons, attention, note, sound, first_used, checkin_text)


def _parse_utc(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def first_used_text(first: Any, now: datetime | None = None, tz: tzinfo | None = None) -> str:
    """When and where a ticket was first used, in the station's local time: "First used 14:02 at Door 2
    (3 min ago)"; "at this station" for its own check-ins; the date too when not today; "" if unknown."""
    when = _parse_utc(_get(first, "datetime"))
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    local, today = when.astimezone(tz), now.astimezone(tz)
    clock = format_time(local) if local.date() == today.date() else format_day_time(local)
    seconds = (now - when).total_seconds()
    ago = format_duration(seconds) if seconds >= -60 else ""  # a station clock a little behind still reads well
    station = _get(first, "station")
    if _get(first, "here"):
        text = (translate("Result", "First used {time} at this station ({duration} ago)") if ago else
                translate("Result", "First used {time} at this station"))
    elif station:
        text = (translate("Result", "First used {time} at {station} ({duration} ago)") if ago else
                translate("Result", "First used {time} at {station}"))
    else:
        text = (translate("Result", "First used {time} ({duration} ago)") if ago else
                translate("Result", "First used {time}"))
    return text.format(time=clock, station=station, duration=ago)


def attention_banner(info: ResultInfo) -> str:
    """The blinking banner's words: pointing at the check-in text shown below when there is one."""
    if info.checkin_text:
        return "⚠  " + translate("Result", "ATTENTION: special ticket, see the notes") + "  ⚠"
    return "⚠  " + translate("Result", "ATTENTION: special ticket") + "  ⚠"


def rejected_reason(reason: str | None) -> str:
    """Why the host refused an offline check-in, in words (an unknown code is shown as it is)."""
    if reason in REJECTED_REASONS:
        return translate("Rejected", REJECTED_REASONS[reason])
    return reason or translate("Rejected", "refused by the host")


def journal_entry(scan: Any, outcome: Any, station: str, t_shown: float | None) -> dict:
    """One journal line for a scan attempt and what the station showed."""
    status = _get(outcome, "status")
    return {
        "secret": scan.secret,
        "status": status if status in ("ok", "error") else "error",
        "reason": _get(outcome, "reason"),
        "mode": _get(outcome, "mode"),
        "nonce": _get(outcome, "nonce"),
        "station": station,
        "t_captured": scan.t_captured,
        "t_decoded": scan.t_decoded,
        "t_sent": _get(outcome, "t_sent"),
        "t_answered": _get(outcome, "t_answered"),
        "t_shown": t_shown,
    }


def format_age(seconds: float | None) -> str:
    """A copy's age for people: "just now", "3 min", "2 h 5 min", "no copy yet"."""
    if seconds is None:
        return translate("Banner", "no copy yet")
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translate("Banner", "just now")
    minutes = seconds // 60
    if minutes < 60:
        return translate("Banner", "{minutes} min old").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return translate("Banner", "{hours} h {minutes} min old").format(hours=hours, minutes=minutes)
    return plural(hours // 24).translate("Banner", "%n day(s) old", None, 1)


def format_duration(seconds: float) -> str:
    """How long something has lasted, for people: "45 s", "3 min", "2 h 5 min"."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translate("Duration", "{seconds} s").format(seconds=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return translate("Duration", "{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    return translate("Duration", "{hours} h {minutes} min").format(hours=hours, minutes=minutes)


def outage_hint(unreachable_for: float) -> str:
    """What a long outage may mean and what staff can do (the second line of the banner)."""
    return translate("Banner", "No answer from the host for {duration}. It may have stopped, moved to another "
                               "address or port, or the network is down. Check the host computer; if its address "
                               "changed, set this station up again from the host's “Add a station” code."
                     ).format(duration=format_duration(unreachable_for))


def offline_banner(is_offline: bool, copy_age: float | None, queued: int, mode: str = "automatic",
                   unreachable_for: float | None = None) -> str:
    """The OFFLINE banner text, or "" when the station works online.

    ``unreachable_for`` (``GateState.unreachable_for``: set once the host has been away
    for ``GateSettings.outage_hint_after``) adds a second line: why that may be, what to do.
    """
    if not is_offline:
        return ""
    why = translate("Banner", "forced by staff") if mode == "offline" else translate("Banner", "host not reachable")
    copy = (translate("Banner", "no offline copy yet") if copy_age is None else
            translate("Banner", "offline copy {age}").format(age=format_age(copy_age)))
    waiting = plural(queued).translate("Banner", "%n check-in(s) waiting to upload", None, 1)
    text = translate("Banner", "OFFLINE ({why}) · {copy} · {waiting}").format(why=why, copy=copy, waiting=waiting)
    if unreachable_for is not None and mode != "offline":
        text += "\n" + outage_hint(unreachable_for)
    return text


@dataclass(frozen=True)
class SearchRow:
    """One search result line: text, state word and colour, and why it matched ("found by invoice name")."""

    secret: str
    text: str
    state: str
    colour: str
    why: str = ""


# The search extension ``matched`` (API doc): which field a query found, in a steward's words.
MATCH_WORDS = {"name": QT_TRANSLATE_NOOP("Search", "found by name"),
               "invoice_name": QT_TRANSLATE_NOOP("Search", "found by invoice name"),
               "order": QT_TRANSLATE_NOOP("Search", "found by order code"),
               "secret": QT_TRANSLATE_NOOP("Search", "found by ticket code")}


def search_row(ticket: Any, privacy: bool = False) -> SearchRow:
    """How a search result is listed: who, what, order, and a checked-in/unpaid state."""
    name = _get(ticket, "attendee_name") or translate("Search", "(no name)")
    if privacy and _get(ticket, "attendee_name"):
        name = translate("Result", HIDDEN_NAME)
    item = _get(ticket, "item") or ""
    variation = _get(ticket, "variation")
    product = f"{item} – {variation}" if variation else item
    order = _get(ticket, "order") or ""
    if _get(ticket, "redeemed"):
        state, colour = translate("Search", "CHECKED IN"), LOOKS[USED].background
    elif not _get(ticket, "paid") and not _get(ticket, "checkin_allowed"):
        state, colour = translate("Result", "UNPAID"), LOOKS[UNPAID].background
    else:
        state, colour = translate("Search", "NOT CHECKED IN"), LOOKS[VALID].background
    text = f"{name}  ·  {product}  ·  {order}"
    matched = MATCH_WORDS.get(_get(ticket, "matched") or "")
    why = translate("Search", matched) if matched else ""
    return SearchRow(_get(ticket, "secret") or "", text, state, colour, why)


def checked_in_after(outcome: Any) -> bool:
    """The ticket is checked in once this outcome is in: admitted now, or refused as already used."""
    status, reason = _get(outcome, "status"), _get(outcome, "reason")
    return status == "ok" or (status == "error" and reason == "already_redeemed")


def ticket_after_redeem(ticket: Any, outcome: Any) -> Any:
    """A search result as it is after this redeem of it (the same object when nothing changed)."""
    if not checked_in_after(outcome) or _get(ticket, "redeemed"):
        return ticket
    return {**dict(ticket), "redeemed": True}


SOURCE_WORDS = {"camera": QT_TRANSLATE_NOOP("Compact", "Camera"), "keyboard": QT_TRANSLATE_NOOP("Compact", "Scanner"),
                "manual": QT_TRANSLATE_NOOP("Compact", "By hand"), "notice": QT_TRANSLATE_NOOP("Compact", "Camera")}


def compact_line(info: ResultInfo, source: str) -> tuple[str, str]:
    """The compact result in a staff panel: (what scanned it, "WORD"), details go beside them."""
    word = SOURCE_WORDS.get(source)
    return (translate("Compact", word) if word else translate("Compact", "Scan")), info.look.word


def compact_details(info: ResultInfo) -> str:
    """Name, product and any note or attention mark, on one line."""
    parts = [info.name, info.product, info.first_used, info.checkin_text.replace("\n", " / ")]
    if info.attention:
        parts.insert(0, "⚠ " + translate("Compact", "ATTENTION"))
    if info.note:
        parts.append(info.note)
    return "  ·  ".join(p for p in parts if p)


OTHERS_HEADING = QT_TRANSLATE_NOOP("Status", "Other products (not people)")
# The status panel's line for each host connection mode (Settings: offline_mode); shown translated.
MODE_LINES = {
    "automatic": QT_TRANSLATE_NOOP("Status", "Automatic: the host decides; when it does not answer, this station's "
                                             "copy does (sent later)."),
    "online": QT_TRANSLATE_NOOP("Status", "Always online: only the host decides; while it does not answer, no one "
                                          "is admitted."),
    "offline": QT_TRANSLATE_NOOP("Status", "Force offline: only this station's copy decides; check-ins are sent "
                                           "after switching back."),
}


@dataclass(frozen=True)
class StatusLines:
    """The status panel's words: title, the people line, the other products' line, one row per product."""

    title: str
    overall: str
    others: str
    rows: list[tuple[str, str]]


def _count(entry: dict) -> str:
    return f"{format_number(entry.get('checkins', 0))} / {format_number(entry.get('total', 0))}"


def _product_rows(items: list[dict]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for item in items:
        rows.append((item.get("name", ""), _count(item)))
        rows.extend(("      " + var.get("name", ""), _count(var)) for var in item.get("variations") or [])
    return rows


def _names(items: list[dict], most: int = 3) -> str:
    names = [item.get("name") or "?" for item in items]
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


def _of(done: int, total: int) -> str:
    return plural(total).translate("Status", "{checked} of {total} checked in", None, 1).format(
        checked=format_number(done), total=format_number(total))


def status_lines(status: dict) -> StatusLines:
    """The status panel: people (admission products) apart from the other products (T-shirts, parking).

    From a host that sends no ``admission`` flag every ticket counts: "n of m checked in".
    """
    event = status.get("event") or {}
    title = event.get("name") or event.get("slug") or translate("Status", "Event")
    listname = event.get("list")
    if listname:
        title = translate("Status", "{event} — list {list}").format(event=title, list=listname)
    items = status.get("items") or []
    if not any("admission" in item for item in items):
        overall = _of(status.get("checkins", 0), status.get("total", 0))
        return StatusLines(title, overall, "", _product_rows(items))
    people = [item for item in items if item.get("admission", True)]
    others = [item for item in items if not item.get("admission", True)]
    checked_in = sum(item.get("checkins", 0) for item in people)
    total = sum(item.get("total", 0) for item in people)
    overall = plural(total).translate("Status", "{checked} of {total} people checked in", None, 1).format(
        checked=format_number(checked_in), total=format_number(total))
    rows = _product_rows(people)
    other_line = ""
    if others:
        done, total = sum(item.get("checkins", 0) for item in others), sum(item.get("total", 0) for item in others)
        other_line = f"{_names(others)}: {_of(done, total)}"
        rows += [(translate("Status", OTHERS_HEADING), ""), *_product_rows(others)]
    return StatusLines(title, overall, other_line, rows)
