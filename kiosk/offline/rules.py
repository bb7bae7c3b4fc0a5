"""The offline decision (the host's rule applied to this station's copy) and the operator texts.

``decide_offline`` gives the reason the host's ``decide`` (``server/rules/admission.py``) gives
for the same facts, in the API's decision order: unknown ticket, product not on the list,
order canceled/expired/refunded, blocked in pretix, outside its validity window at the scan's
time, order pending, already redeemed. The facts come from the copy's entry: a ``download``
result with the keys our host adds for its own stations (``order_status``, ``on_list``,
``blocked``, ``valid_from``, ``valid_until``: ``download/?full=1``), or, from a host that does
not add them, what a plain download implies (``ticket_facts``; never blocked, always valid).

Pure functions: no I/O, no Qt.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.client import TicketData
from kiosk.i18n import QT_TRANSLATE_NOOP, translate

BUSINESS_REASONS = ("unknown_ticket", "unpaid", "already_redeemed", "product", "blocked", "invalid_time")
# Order status letters: paid, pending, canceled ("e" expired and "r" refunded are refused like "c").
PAID, PENDING, CANCELED = "p", "n", "c"

_TEXT = {
    None: QT_TRANSLATE_NOOP("Offline", "Valid ticket. Welcome!"),
    "already_redeemed": QT_TRANSLATE_NOOP("Offline", "Already checked in."),
    "unknown_ticket": QT_TRANSLATE_NOOP("Offline", "Unknown ticket."),
    "unpaid": QT_TRANSLATE_NOOP("Offline", "This ticket's order is not paid (or was canceled). Send the guest to the "
                                           "box office."),
    "product": QT_TRANSLATE_NOOP("Offline", "This ticket is not valid at this entrance. Send the guest to the right "
                                            "entrance or the box office."),
    "blocked": QT_TRANSLATE_NOOP("Offline", "This ticket has been blocked: send the guest to the box office."),
    "invalid_time": QT_TRANSLATE_NOOP("Offline", "This ticket is not valid at this time: check the date and time "
                                                 "printed on it, or send the guest to the box office."),
}


def ticket_facts(ticket: TicketData) -> tuple[str, bool]:
    """The order status letter and whether the ticket's product is on the list, for a copy entry.

    As the host sent them (``order_status``, ``on_list``); from a host that did not, what a
    plain download implies: it lists only tickets on the list, paid ones (``p``) and pending
    ones the list admits (``checkin_allowed``: ``n``). Anything else is refused like a
    canceled order (``c``).
    """
    status = ticket.get("order_status")
    if not isinstance(status, str) or not status:
        status = PAID if ticket.get("paid") else PENDING if ticket.get("checkin_allowed") else CANCELED
    on_list = ticket.get("on_list")
    return status, on_list if isinstance(on_list, bool) else True


def _utc(value: object) -> datetime | None:
    """An ISO 8601 time of the download (``...Z``) as an aware UTC datetime; None if absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def validity_facts(ticket: TicketData) -> tuple[bool, str | None, str | None]:
    """Whether the entry is blocked, and its validity window as the host sent it (ISO UTC or None)."""
    start, end = ticket.get("valid_from"), ticket.get("valid_until")
    return (ticket.get("blocked") is True, start if isinstance(start, str) and start else None,
            end if isinstance(end, str) and end else None)


def valid_at(ticket: TicketData, when: datetime) -> bool:
    """Whether ``when`` (aware) lies in the entry's validity window (bounds inclusive; none = always), as on the host."""
    start, end = _utc(ticket.get("valid_from")), _utc(ticket.get("valid_until"))
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return (start is None or when >= start) and (end is None or when <= end)


def learned_status(data: TicketData, stored: str | None, include_pending: bool) -> str:
    """The order status letter of an online answer's ``data`` (which carries none) for a full copy.

    Paid -> ``p``; admissible but not paid -> ``n``; neither: the status the copy knew if that
    still fits (a canceled one, or a pending one on a list without include_pending), else
    ``c`` (refused like a canceled order: it is no longer paid, and not admissible).
    """
    if data.get("paid"):
        return PAID
    if data.get("checkin_allowed"):
        return PENDING
    if stored is not None and stored != PAID and not (stored == PENDING and include_pending):
        return stored
    return CANCELED


def decide_offline(
    ticket: TicketData | None,
    already_queued: bool,
    ignore_unpaid: bool = False,
    include_pending: bool = False,
    force: bool = False,
    when: datetime | None = None,
) -> str | None:
    """The reason to refuse ``ticket`` (the copy's entry), or None to admit it; the host's rule.

    Not in the copy -> ``unknown_ticket``; product not on the list -> ``product``; order
    canceled, expired or refunded (even with ``force``) -> ``unpaid``; blocked in pretix
    (even with ``force``) -> ``blocked``; ``when`` (the scan's time, aware; default now)
    outside ``valid_from``/``valid_until`` (even with ``force``) -> ``invalid_time``; pending,
    unless ``force`` or ``ignore_unpaid`` on a list that ``include_pending`` -> ``unpaid``;
    redeemed in the copy or admitted by this station before (``already_queued``), without
    ``force`` -> ``already_redeemed``. Offline there is no nonce: every scan is a new attempt.
    """
    if ticket is None:
        return "unknown_ticket"
    status, on_list = ticket_facts(ticket)
    if not on_list:
        return "product"
    if status not in (PAID, PENDING):
        return "unpaid"
    if validity_facts(ticket)[0]:
        return "blocked"
    if not valid_at(ticket, when or datetime.now(UTC)):
        return "invalid_time"
    if status == PENDING and not (force or (ignore_unpaid and include_pending)):
        return "unpaid"
    if (ticket.get("redeemed") or already_queued) and not force:
        return "already_redeemed"
    return None


def describe_age(seconds: float | None) -> str:
    """'just now', '12 min ago', '2 h 5 min ago', or 'never' for a copy's age."""
    if seconds is None:
        return translate("Offline", "never")
    if seconds < 60:
        return translate("Offline", "just now")
    minutes = int(seconds // 60)
    if minutes < 60:
        return translate("Offline", "{minutes} min ago").format(minutes=minutes)
    return translate("Offline", "{hours} h {minutes} min ago").format(hours=minutes // 60, minutes=minutes % 60)


def online_text(reason: str | None) -> str:
    """Operator text for the host's answer."""
    if reason in _TEXT:
        return translate("Offline", _TEXT[reason])
    return translate("Offline", "Refused by the host ({reason}).").format(reason=reason)


def offline_text(reason: str | None, copy_age: float | None, has_copy: bool) -> str:
    """Operator text for a decision taken from this station's offline copy."""
    if not has_copy:
        return translate("Offline", "The host does not answer and this station has no offline copy of the tickets "
                                    "yet, so it cannot check tickets now. Send the guest to the box office.")
    # The translation of "Checked offline" must begin this sentence: the result screen looks for it.
    checked = translate("Offline", "Checked offline against this station's copy (updated {age}).").format(
        age=describe_age(copy_age))
    if reason is None:
        return translate("Offline", "{valid} {checked} It will be sent to the host when it answers again.").format(
            valid=translate("Offline", _TEXT[None]), checked=checked)
    if reason == "unknown_ticket":
        return translate("Offline", "Not found in this station's offline copy. {checked} The host could not be "
                                    "asked; if the ticket looks genuine, send the guest to the box office.").format(
            checked=checked)
    text = translate("Offline", _TEXT[reason]) if reason in _TEXT else reason
    return f"{text} {checked}"
