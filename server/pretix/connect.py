"""Connecting an event to pretix: credentials, event choice, list mapping, the first full pull."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ConnectResult:
    """What ``connect`` did: the JSON line of ``pretix connect`` is ``to_json()``."""

    organizer: str
    event: str
    pretix_url: str
    tickets: int
    lists: list[str]
    mappings: list[str] = field(default_factory=list)  # lines as printed on stderr ("local -> pretix")
    unsupported: list[str] = field(default_factory=list)  # list features pretixdroid cannot express

    def to_json(self) -> dict:
        return {"organizer": self.organizer, "event": self.event, "pretix_url": self.pretix_url,
                "tickets": self.tickets, "lists": self.lists}


def connect(
    engine,
    *,
    data_dir,
    url: str | None = None,
    device_token: str | None = None,
    setup: str | None = None,
    api_token: str | None = None,
    organizer: str | None = None,
    event: str | None = None,
    subevent: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ConnectResult:
    """Connect a local event to a pretix event and pull everything once.

    One of: ``url`` + ``device_token`` (an initialisation token from Organizer -> Devices),
    ``setup`` (the device QR code's JSON), or ``url`` + ``api_token`` + ``organizer`` + ``event``
    (a team API token). Raises ``PretixError`` (one line) and changes nothing locally on any
    error; ``ChoiceNeeded`` when the device sees several events (or the event is a series)
    and ``event``/``subevent`` is missing. ``progress(line)`` gets progress lines.
    """
    raise NotImplementedError
