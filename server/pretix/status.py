"""What the host panel and ``checkin-server pretix status`` show for each connected event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class ConnectionStatus:
    """One connected event. Times are aware UTC datetimes or None."""

    organizer: str
    event: str
    pretix_url: str
    device_name: str | None
    last_pull: datetime | None
    last_push: datetime | None
    outbox: int  # check-ins waiting for upload
    rejected: int  # check-ins pretix refused for good (shown, never retried)
    error: str | None
    paused: bool  # a configuration problem (or a revoked device): uploads wait until it is fixed
    unreachable_since: datetime | None
    mappings: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    # the latest rejected check-ins: {"time": ISO, "secret": first 6 characters + "…", "attendee", "reason"}
    rejected_checkins: list[dict[str, Any]] = field(default_factory=list)
    revoked: bool = False


def statuses(engine, data_dir) -> list[ConnectionStatus]:
    """Every connected event's status, ordered by organizer and event."""
    raise NotImplementedError


def to_json(status: ConnectionStatus) -> dict[str, Any]:
    """The JSON object ``pretix status`` prints for ``status``."""
    raise NotImplementedError
