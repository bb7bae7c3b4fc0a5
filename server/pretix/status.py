"""What the host panel and ``checkin-server pretix status`` show for each connected event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
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


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def statuses(engine, data_dir) -> list[ConnectionStatus]:
    """Every connected event's status, ordered by organizer and event."""
    from server.pretix import credentials as creds
    from server.pretix import store

    result = []
    with engine.connect() as conn:
        for row in store.connection_rows(conn):
            outbox, rejected = store.outbox_counts(conn, row.event_id)
            error = row.error
            if error is None and creds.load(data_dir, row.credential_id) is None:
                error = "this machine's data directory does not hold the pretix credentials: connect again here"
            result.append(ConnectionStatus(
                organizer=row.org_slug, event=row.event_slug, pretix_url=row.pretix_url, device_name=row.device_name,
                last_pull=_aware(row.last_pull), last_push=_aware(row.last_push), outbox=outbox, rejected=rejected,
                error=error, paused=bool(row.paused or row.revoked), unreachable_since=_aware(row.unreachable_since),
                mappings=store.json_lines(row.mappings), unsupported=store.json_lines(row.unsupported),
                rejected_checkins=store.rejected_rows(conn, row.event_id) if rejected else [],
                revoked=bool(row.revoked)))
    return result


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def to_json(status: ConnectionStatus) -> dict[str, Any]:
    """The JSON object ``pretix status`` prints for ``status``."""
    return {
        "organizer": status.organizer, "event": status.event, "pretix_url": status.pretix_url,
        "device_name": status.device_name, "last_pull": _iso(status.last_pull), "last_push": _iso(status.last_push),
        "outbox": status.outbox, "rejected": status.rejected, "error": status.error, "paused": status.paused,
        "unreachable_since": _iso(status.unreachable_since), "mappings": status.mappings,
        "unsupported": status.unsupported, "rejected_checkins": status.rejected_checkins,
    }
