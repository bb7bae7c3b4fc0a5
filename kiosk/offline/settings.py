"""GateSettings: every interval and timeout of the online/offline machinery, in one place.

Defaults suit a real event; tests shorten them (e.g. 0.3 s) instead of sleeping long.
"""

from __future__ import annotations

from dataclasses import dataclass

MODES = ("automatic", "online", "offline")


@dataclass
class GateSettings:
    """Timeouts and intervals in seconds; ``mode`` is one of ``MODES``."""

    mode: str = "automatic"
    connect_timeout: float = 2.0  # per HTTP request
    read_timeout: float = 5.0  # per HTTP request (a redeem may take two: one retry)
    probe_timeout: float = 1.5  # connect and read timeout of the "is the host back?" probe
    refresh_interval: float = 30.0  # re-download the offline copy this often while online ...
    refresh_idle: float = 3.0  # ... once nobody has scanned (or searched) for this long ...
    refresh_max_delay: float = 120.0  # ... or, at a gate that is never idle, this long after it was due
    refresh_batch: int = 2000  # tickets parsed and compared per tick of a refresh (a scan may go between)
    status_interval: float = 300.0  # a changed copy also fetches the host's status, at most this often
    probe_interval: float = 3.0  # first probe delay while offline; doubles per failure ...
    probe_max_interval: float = 30.0  # ... up to this
    busy_retry_delay: float = 0.5  # wait before the one retry of a redeem answered with 429
    upload_batch: int = 50  # queued admissions uploaded per tick, so scans are never held long
    max_upload_attempts: int = 3  # host errors (5xx) on one queued item before it is rejected

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")
