"""Schedule: whether the Gate is offline, and when it next probes the host or refreshes the copy.

Pure bookkeeping (no I/O, no Qt): the Gate reports what happened (a scan, an answer, a
problem) and asks what is due. Probes back off while the host stays away. The periodic
refresh waits for a pause in scanning (``refresh_idle``) but never longer than
``refresh_max_delay`` after it was due, so a gate that is never idle still refreshes.
"""

from __future__ import annotations

import logging

from kiosk.client.errors import HostBusy, HostProblem, HostTimeout, HostUnreachable, is_outage
from kiosk.offline.settings import GateSettings

log = logging.getLogger(__name__)


class Schedule:
    """Online/offline state and due times for one Gate (``mode`` is the Gate's)."""

    def __init__(self, settings: GateSettings) -> None:
        self.settings = settings
        self.mode = settings.mode
        self.last_error: str | None = None
        self.last_scan = float("-inf")  # last redeem or search
        self.unreachable_since: float | None = None  # the first failure of the outage going on (None: reached)
        self.restart()

    def restart(self) -> None:
        """Offline until the host answers a probe; everything due at once."""
        self.offline = True  # until the first sync: decide locally rather than wait on a dead host
        self.probed = False  # offline, but the host answered the last probe: upload next
        self.failures = 0
        self.next_probe = self.next_refresh = 0.0

    @property
    def is_offline(self) -> bool:
        """Whether scans are decided from the offline copy right now."""
        return self.mode == "offline" or (self.mode == "automatic" and self.offline)

    def refresh_due(self) -> float:
        """When the periodic refresh may start: due, and nobody scanned for a while (or due long enough)."""
        s = self.settings
        pause = min(self.last_scan + s.refresh_idle, self.next_refresh + s.refresh_max_delay)
        return max(self.next_refresh, pause)

    def next_due(self) -> float:
        """When the next housekeeping step (probe, upload or refresh) is due."""
        return self.next_probe if self.is_offline else self.refresh_due()

    def unreachable_for(self, now: float) -> float | None:
        """Seconds the host has not been reached, once that is ``outage_hint_after`` or more; else None."""
        since = self.unreachable_since
        if since is None or self.mode == "offline" or now - since < self.settings.outage_hint_after:
            return None
        return now - since

    def answered(self, now: float) -> None:
        """The host answered a probe: upload at once."""
        self.probed, self.next_probe = True, now
        self.unreachable_since = None

    def more_to_upload(self, now: float) -> None:
        """One upload batch went through: the rest, then the refresh, on the next step."""
        self.next_probe = self.next_refresh = now

    def online(self, now: float) -> None:
        """Queue uploaded and copy refreshed: decide online, refresh again after ``refresh_interval``."""
        if self.offline and self.mode == "automatic":
            log.info("host answers again: deciding online")
        self.offline, self.probed, self.failures, self.last_error = False, False, 0, None
        self.unreachable_since = None
        self.next_refresh = now + self.settings.refresh_interval

    def failed(self, exc: HostProblem, now: float) -> None:
        """Note a host problem; an outage (or 429 while offline) keeps/sends us offline with back-off."""
        self.last_error, self.probed = exc.operator_message, False
        if isinstance(exc, HostUnreachable | HostTimeout):
            if self.unreachable_since is None:
                self.unreachable_since = now  # the outage began (it goes on at later failures)
        else:
            self.unreachable_since = None  # it answered, if badly
        if is_outage(exc) or (isinstance(exc, HostBusy) and self.offline):
            if not self.offline and self.mode == "automatic":
                log.warning("host unreachable, deciding offline: %s", exc.detail)
            self.offline = self.mode == "automatic"
            self.failures += 1
            backoff = self.settings.probe_interval * 2 ** min(self.failures - 1, 10)
            self.next_probe = now + min(backoff, self.settings.probe_max_interval)
            self.next_refresh = self.next_probe
        else:
            # The host answers (403, 404, 429, odd answer): not offline; show the error, retry later.
            self.offline = False
            self.next_refresh = now + min(self.settings.refresh_interval, self.settings.probe_max_interval)
