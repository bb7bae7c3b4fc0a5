"""The offline decision (the host's rules applied to this station's copy) and the operator texts.

Pure functions: no I/O, no Qt.
"""

from __future__ import annotations

from kiosk.client import TicketData

BUSINESS_REASONS = ("unknown_ticket", "unpaid", "already_redeemed", "product")

_TEXT = {
    None: "Valid ticket. Welcome!",
    "already_redeemed": "Already checked in.",
    "unknown_ticket": "Unknown ticket.",
    "unpaid": "This ticket is not paid (or was canceled).",
    "product": "This ticket is not valid at this entrance.",
}


def decide_offline(
    ticket: TicketData | None, already_queued: bool, ignore_unpaid: bool = False
) -> str | None:
    """The reason to refuse ``ticket`` from the copy, or None to admit it.

    Not in the copy -> ``unknown_ticket`` (the copy holds only admissible tickets);
    not ``checkin_allowed``, or pending without ``ignore_unpaid`` -> ``unpaid``;
    redeemed in the copy or admitted by this station before -> ``already_redeemed``.
    """
    if ticket is None:
        return "unknown_ticket"
    if not ticket.get("checkin_allowed", False):
        return "unpaid"
    if not ticket.get("paid", False) and not ignore_unpaid:
        return "unpaid"
    if ticket.get("redeemed") or already_queued:
        return "already_redeemed"
    return None


def describe_age(seconds: float | None) -> str:
    """'just now', '12 min ago', '2 h 5 min ago', or 'never' for a copy's age."""
    if seconds is None:
        return "never"
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{minutes // 60} h {minutes % 60} min ago"


def online_text(reason: str | None) -> str:
    """Operator text for the host's answer."""
    return _TEXT.get(reason, f"Refused by the host ({reason}).")


def offline_text(reason: str | None, copy_age: float | None, has_copy: bool) -> str:
    """Operator text for a decision taken from this station's offline copy."""
    if not has_copy:
        return (
            "The host does not answer and this station has no offline copy of the tickets yet, "
            "so it cannot check tickets now. Send the guest to the box office."
        )
    checked = f"Checked offline against this station's copy (updated {describe_age(copy_age)})."
    if reason is None:
        return f"{_TEXT[None]} {checked} It will be sent to the host when it answers again."
    if reason == "unknown_ticket":
        return (
            f"Not found in this station's offline copy. {checked} The host could not be asked; "
            "if the ticket looks genuine, send the guest to the box office."
        )
    return f"{_TEXT.get(reason, reason)} {checked}"
