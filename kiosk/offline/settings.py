"""GateSettings: every interval and timeout of the online/offline machinery, in one place.

Those staff may change (mode, HTTP timeouts, refresh and probe intervals) are station
settings: their defaults are declared once, in ``kiosk.settings``, and ``from_settings``
builds the Gate's settings from the station's. The others are internal tunables, declared
here. Defaults suit a real event; tests shorten them (e.g. 0.3 s) instead of sleeping long.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from kiosk.settings import OPTIONS_BY_NAME, Settings

MODES: tuple[str, ...] = OPTIONS_BY_NAME["offline_mode"].choices or ()


def _setting(name: str) -> Any:
    """A field that is the station setting ``name`` (its default is declared there)."""
    return field(default=OPTIONS_BY_NAME[name].default_value(), metadata={"setting": name})


@dataclass
class GateSettings:
    """Timeouts and intervals in seconds; ``mode`` is one of ``MODES``."""

    # Station settings (kiosk.settings: documented, validated, saved).
    mode: str = _setting("offline_mode")
    connect_timeout: float = _setting("connect_timeout")  # per HTTP request
    read_timeout: float = _setting("read_timeout")  # per HTTP request (a redeem may take two: one retry)
    refresh_interval: float = _setting("refresh_interval")  # re-download the offline copy this often while online
    probe_interval: float = _setting("probe_interval")  # first probe delay while offline; doubles per failure
    # Internal tunables.
    probe_max_interval: float = 30.0  # the longest probe delay while offline
    probe_timeout: float = 1.5  # connect and read timeout of the "is the host back?" probe
    refresh_idle: float = 3.0  # a due refresh starts once nobody has scanned (or searched) for this long ...
    # ... or, at a gate that is never idle, this long after it was due (a refresh no longer holds up a
    # scan: its requests have their own thread and connection, and ask only for what changed)
    refresh_max_delay: float = 15.0
    refresh_batch: int = 2000  # tickets parsed and compared per tick of a refresh (a scan may go between)
    status_interval: float = 300.0  # a changed copy also fetches the host's status, at most this often
    busy_retry_delay: float = 0.5  # wait before the one retry of a redeem answered with 429
    upload_batch: int = 50  # queued admissions uploaded per tick, so scans are never held long
    max_upload_attempts: int = 3  # host errors (5xx) on one queued item before it is rejected
    outage_hint_after: float = 60.0  # host unreachable this long: the banner says why that may be and what to do

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")

    @classmethod
    def from_settings(cls, settings: Settings, **tunables: Any) -> GateSettings:
        """The Gate's settings for a station: its station settings, the tunables' defaults (or ``tunables``)."""
        chosen = {f.name: settings[f.metadata["setting"]] for f in fields(cls) if "setting" in f.metadata}
        return cls(**{**chosen, **tunables})
