"""Scans and redeem outcomes as the station's network worker hands them over, for the pure station logic."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.station.screens import Scan


def scan(secret: str, t: float = 100.0, source: str = "camera") -> Scan:
    return Scan(secret, source, t, t + 0.01)


def outcome(status="ok", reason=None, mode="online", **data):
    ticket = {"secret": "S", "order": "ABC12", "item": "Ticket", "variation": None,
              "attendee_name": "Ada Lovelace", "attention": False, "addons_text": "", **data}
    return SimpleNamespace(status=status, reason=reason, data=ticket, mode=mode, nonce="n1",
                           t_sent=1.0, t_answered=2.0, message=None)
