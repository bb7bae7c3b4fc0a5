"""Gate: decides every scan online when it can, from the station's offline copy when it must.

Modes: ``automatic`` (redeem online; when the host does not answer -- timeout, refused,
5xx -- decide locally and say so), ``online`` (host errors are shown, no local decisions),
``offline`` (always local, no network at all).

Threading: a Gate is NOT thread-safe. Every call (``start``, ``redeem``, ``search``,
``status``, ``tick``, ...) must come from the one network worker thread that owns it; the
GUI thread gets results (and ``state()`` snapshots) from that worker through signals.
The worker calls ``tick()`` whenever it is idle and waits at most the returned seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.client import PretixdroidClient, RedeemResult, new_nonce
from kiosk.errors import HostBusy, HostProblem, is_outage
from kiosk.offline.local import decide_and_record
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.outcome import Answer, GateState, Outcome, problem_reason
from kiosk.offline.queue import CheckinQueue, RejectedCheckin
from kiosk.offline.rules import describe_age, online_text
from kiosk.offline.settings import MODES, GateSettings
from kiosk.offline.store import open_store, source_of
from kiosk.offline.sync import upload_pending

log = logging.getLogger(__name__)


class Gate:
    """Online/offline check-in decisions over one client and one station store (see module doc)."""

    def __init__(
        self,
        client: PretixdroidClient,
        data_dir: str | Path,
        settings: GateSettings | None = None,
        allow_search: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings or GateSettings()
        self._client = client
        self._clock = clock
        self.allow_search = allow_search
        self._conn = open_store(data_dir)
        source = source_of(client.base_url)
        self.copy = LocalCopy(self._conn, source)
        self.queue = CheckinQueue(self._conn, source)
        self._mode = self.settings.mode
        self._offline = True  # until the first sync: decide locally rather than wait on a dead host
        self._probed = False  # offline, but the host answered the last probe: upload next
        self._failures = 0
        self._next_probe = 0.0
        self._next_refresh = 0.0
        self.last_error: str | None = None

    @classmethod
    def connect(
        cls,
        base_url: str,
        key: str,
        data_dir: str | Path,
        settings: GateSettings | None = None,
        **kwargs: Any,
    ) -> Gate:
        """A Gate with its own client built from the settings' timeouts."""
        s = settings or GateSettings()
        client = PretixdroidClient(base_url, key, s.connect_timeout, s.read_timeout)
        return cls(client, data_dir, s, **kwargs)

    # -- state ------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """The decision mode: automatic, online or offline."""
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        if value not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self._mode = value
        self._offline, self._probed, self._next_probe, self._next_refresh = True, False, 0.0, 0.0

    @property
    def is_offline(self) -> bool:
        """Whether scans are decided from the offline copy right now."""
        return self._mode == "offline" or (self._mode == "automatic" and self._offline)

    @property
    def copy_age(self) -> float | None:
        """Seconds since the last successful download, or None if there never was one."""
        return self.copy.age(self._clock())

    @property
    def queued_count(self) -> int:
        """Offline admissions waiting for upload."""
        return self.queue.pending_count()

    def rejected(self, include_acknowledged: bool = False) -> list[RejectedCheckin]:
        """Offline admissions the host refused on upload (not yet acknowledged by staff)."""
        return self.queue.rejected(include_acknowledged)

    def acknowledge_rejected(self, rejected_id: int) -> None:
        """Staff has seen this rejected check-in."""
        self.queue.acknowledge(rejected_id)

    def state(self) -> GateState:
        """Everything the OFFLINE banner shows, in one snapshot."""
        return GateState(
            self._mode,
            self.is_offline,
            self.copy_age,
            self.queued_count,
            len(self.rejected()),
            self.last_error,
        )

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Upload what an earlier run left queued and refresh the copy, or go offline."""
        self._offline, self._probed, self._next_probe, self._next_refresh = True, False, 0.0, 0.0
        if self._mode == "online" or (self._mode == "automatic" and self._probe(self._clock())):
            self.sync_once()

    def close(self) -> None:
        """Close the client and the store."""
        self._client.close()
        self._conn.close()

    def tick(self) -> float:
        """Do the next due step; returns seconds until the next call is useful.

        One step per call (a probe, one upload batch, or the refresh), so a scan that arrives
        meanwhile waits for one short exchange with the host, never for a whole sync.
        """
        if self._mode == "offline":
            return self.settings.probe_interval
        now = self._clock()
        if self.is_offline:
            if now >= self._next_probe:
                if self._probed:
                    self._sync_step(now)
                else:
                    self._probe(now)
        elif now >= self._next_refresh:
            self._sync_step(now)
        due = self._next_probe if self.is_offline else self._next_refresh
        return max(0.0, due - self._clock())

    def _probe(self, now: float) -> bool:
        """Ask the host for its status with the short probe timeout; True if it answered."""
        probe = (self.settings.probe_timeout, self.settings.probe_timeout)
        try:
            status = self._client.status(timeout=probe)
        except HostProblem as exc:
            self._failed(exc, now)
            return False
        self.copy.save_status(status)
        self._probed, self._next_probe = True, now  # go on with the upload at once
        return True

    def sync_once(self) -> bool:
        """Upload everything queued, then refresh the copy; True when done and online (bounded)."""
        for _ in range(self.queue.pending_count() // max(1, self.settings.upload_batch) + 2):
            done = self._sync_step(self._clock())
            if done is not None:
                return done
        return False

    def _sync_step(self, now: float) -> bool | None:
        """Upload one batch, or (queue empty) refresh the copy. True: online; False: failed; None: more to do."""
        if self.queue.pending_count():
            s = self.settings
            report = upload_pending(self._client, self.queue, s.upload_batch, s.max_upload_attempts)
            if report.error is not None:
                self._failed(report.error, now)
                return False
            self._next_probe = self._next_refresh = now  # the rest, then the refresh, on the next step
            return None
        try:
            results = self._client.download()
            status = self._client.status()
        except HostProblem as exc:
            self._failed(exc, now)
            return False
        self.copy.replace(results, self._clock())
        self.copy.save_status(status)
        self._online(now)
        return True

    def _online(self, now: float) -> None:
        if self._offline and self._mode == "automatic":
            log.info("host answers again: deciding online")
        self._offline, self._probed, self._failures, self.last_error = False, False, 0, None
        self._next_refresh = now + self.settings.refresh_interval

    def _failed(self, exc: HostProblem, now: float) -> None:
        """Note a host problem; an outage (or 429 while offline) keeps/sends us offline with back-off."""
        self.last_error, self._probed = exc.operator_message, False
        if is_outage(exc) or (isinstance(exc, HostBusy) and self._offline):
            if not self._offline and self._mode == "automatic":
                log.warning("host unreachable, deciding offline: %s", exc.detail)
            self._offline = self._mode == "automatic"
            self._failures += 1
            backoff = self.settings.probe_interval * 2 ** min(self._failures - 1, 10)
            self._next_probe = now + min(backoff, self.settings.probe_max_interval)
            self._next_refresh = self._next_probe
        else:
            # The host answers (403, 404, 429, odd answer): not offline; show the error, retry later.
            self._offline = False
            self._next_refresh = now + min(self.settings.refresh_interval, self.settings.probe_max_interval)

    # -- scans ------------------------------------------------------------------------------

    def redeem(self, secret: str, t_captured: float | None = None, ignore_unpaid: bool = False) -> Outcome:
        """Check ``secret`` in (scanned at ``t_captured``, epoch seconds): online, else from the copy."""
        nonce = new_nonce()
        t_sent = self._clock()
        when = datetime.fromtimestamp(t_captured if t_captured is not None else t_sent, UTC)
        if not self.is_offline and self.queue.contains(secret, pending_only=True):
            self.sync_once()  # the host must learn this station's offline admission before it is asked
        if self.is_offline:
            return self._decide_locally(secret, nonce, when, ignore_unpaid, t_sent)
        try:
            result = self._redeem_online(secret, nonce, when, ignore_unpaid)
        except HostProblem as exc:
            self._failed(exc, self._clock())
            if self.is_offline:
                return self._decide_locally(secret, nonce, when, ignore_unpaid, t_sent)
            reason = problem_reason(exc)
            message = (
                exc.operator_message if reason != "host_busy" else "The host is busy. Scan the ticket again."
            )
            return Outcome("error", reason, None, "online", nonce, t_sent, self._clock(), message, secret)
        self.copy.learn(result.data, secret)
        self.last_error = None
        reason = result.reason if result.status != "ok" else None
        return Outcome(
            result.status,
            reason,
            result.data,
            "online",
            nonce,
            t_sent,
            self._clock(),
            online_text(reason),
            secret,
        )

    def _redeem_online(self, secret: str, nonce: str, when: datetime, ignore_unpaid: bool) -> RedeemResult:
        try:
            return self._client.redeem(secret, nonce, when=when, ignore_unpaid=ignore_unpaid)
        except HostBusy:
            time.sleep(self.settings.busy_retry_delay)
            return self._client.redeem(secret, nonce, when=when, ignore_unpaid=ignore_unpaid)

    def _decide_locally(
        self, secret: str, nonce: str, when: datetime, ignore_unpaid: bool, t_sent: float
    ) -> Outcome:
        status, reason, data, message = decide_and_record(
            self._conn, self.copy, self.queue, secret, nonce, when, ignore_unpaid, self._clock()
        )
        return Outcome(status, reason, data, "offline", nonce, t_sent, self._clock(), message, secret)

    # -- search and status ------------------------------------------------------------------

    def search(self, query: str) -> Answer:
        """Search online, else in the offline copy (same rules as the host)."""
        if not self.is_offline:
            try:
                return Answer(self._client.search(query), "online")
            except HostProblem as exc:
                self._failed(exc, self._clock())
                if not self.is_offline:
                    return Answer([], "online", exc.operator_message)
        note = f"Searched this station's offline copy (updated {describe_age(self.copy_age)})."
        return Answer(self.copy.search(query, self.allow_search), "offline", note)

    def status(self) -> Answer:
        """The host's status, else counts from the copy plus this station's queued admissions."""
        if not self.is_offline:
            try:
                status = self._client.status()
                self.copy.save_status(status)
                return Answer(status, "online")
            except HostProblem as exc:
                self._failed(exc, self._clock())
                if not self.is_offline:
                    return Answer(None, "online", exc.operator_message)
        return Answer(self.copy.status(), "offline", "Counts from this station's offline copy.")
