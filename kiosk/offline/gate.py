"""Gate: decides every scan online when it can, from the station's offline copy when it must.

Modes: ``automatic`` (redeem online; when the host does not answer -- timeout, refused,
5xx -- decide locally and say so), ``online`` (host errors are shown, no local decisions),
``offline`` (always local, no network at all).

Threading: a Gate is NOT thread-safe. Every call (``start``, ``redeem``, ``search``,
``status``, ``tick``, ...) must come from the one network worker thread that owns it; the
GUI thread gets results (and ``state()`` snapshots) from that worker through signals.
The worker calls ``tick()`` whenever it is idle and waits at most the returned seconds.

The periodic refresh of the offline copy runs in steps (``kiosk.offline.refresh``), one per
``tick()``, and starts in a pause between scans (``kiosk.offline.schedule``). Its requests go
to the host on a thread and a connection of their own (``kiosk.offline.fetcher``), so a scan's
redeem never waits for the host to build or send the copy; the steps on this thread only
compare and write what came back.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.client import PretixdroidClient, RedeemResult, format_api_datetime, new_nonce
from kiosk.client.errors import HostBusy, HostProblem
from kiosk.i18n import translate
from kiosk.offline.fetcher import Fetcher
from kiosk.offline.local import decide_and_record, here_checkin
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.outcome import Answer, GateState, Outcome, problem_reason
from kiosk.offline.queue import CheckinQueue, RejectedCheckin
from kiosk.offline.refresh import CopyRefresh
from kiosk.offline.refusals import RefusalLog
from kiosk.offline.rules import describe_age, online_text
from kiosk.offline.schedule import Schedule
from kiosk.offline.settings import MODES, GateSettings
from kiosk.offline.store import open_store, source_of
from kiosk.offline.sync import upload_pending

log = logging.getLogger(__name__)

REFRESH_POLL_S = 0.02  # while the host's answer to a refresh is on its way: look again this soon


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
        self.refusals = RefusalLog(self._conn, source)  # offline refusals, for the host's overview
        self._schedule = Schedule(self.settings)
        self._refresh: CopyRefresh | None = None  # a refresh in progress, one step per tick
        self._fetcher = Fetcher(client.clone())  # the refresh's requests: their own thread and connection

    @classmethod
    def connect(
        cls, base_url: str, key: str, data_dir: str | Path, settings: GateSettings | None = None,
        cert_sha256: str = "", **kwargs: Any
    ) -> Gate:
        """A Gate with its own client built from the settings' timeouts (pinning ``cert_sha256``, if given)."""
        s = settings or GateSettings()
        client = PretixdroidClient(base_url, key, s.connect_timeout, s.read_timeout, cert_sha256=cert_sha256)
        return cls(client, data_dir, s, **kwargs)

    # -- state ------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """The decision mode: automatic, online or offline."""
        return self._schedule.mode

    @mode.setter
    def mode(self, value: str) -> None:
        if value not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self._schedule.mode = value
        self._restart()

    @property
    def is_offline(self) -> bool:
        """Whether scans are decided from the offline copy right now."""
        return self._schedule.is_offline

    @property
    def last_error(self) -> str | None:
        """The operator message of the last host problem, None once the host answers again."""
        return self._schedule.last_error

    @property
    def copy_age(self) -> float | None:
        """Seconds since the last successful download, or None if there never was one."""
        return self.copy.age(self._clock())

    @property
    def refreshing(self) -> bool:
        """Whether a refresh of the copy is in progress (between two of its steps)."""
        return self._refresh is not None

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
        rejected = len(self.rejected())
        return GateState(self.mode, self.is_offline, self.copy_age, self.queued_count, rejected, self.last_error,
                         self._schedule.unreachable_for(self._clock()))

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Upload what an earlier run left queued and refresh the copy, or go offline."""
        self._restart()
        if self.mode == "online" or (self.mode == "automatic" and self._probe(self._clock())):
            self.sync_once()

    def _restart(self) -> None:
        self._abandon_refresh()
        self._schedule.restart()

    def close(self) -> None:
        """Close the client and the store."""
        self._abandon_refresh()
        self._fetcher.close()
        self._client.close()
        self._conn.close()

    def tick(self) -> float:
        """Do the next due step; returns seconds until the next call is useful.

        One step per call (a probe, one upload batch, or one step of a refresh), so a scan that
        arrives meanwhile waits for one short exchange with the host, never for a whole sync.
        """
        sched = self._schedule
        if self.mode == "offline":
            return self.settings.probe_interval
        now = self._clock()
        if self._refresh is not None:
            self._refresh_step(now, self.settings.refresh_batch)
        elif self.is_offline:
            if now >= sched.next_probe:
                if sched.probed:
                    self._sync_step(now, self.settings.refresh_batch)
                else:
                    self._probe(now)
        elif now >= sched.refresh_due():
            self._sync_step(now, self.settings.refresh_batch)
        if self._refresh is not None:
            return REFRESH_POLL_S if self._refresh.waiting else 0.0
        return max(0.0, sched.next_due() - self._clock())

    def _probe(self, now: float) -> bool:
        """Ask the host for its status with the short probe timeout; True if it answered."""
        probe = (self.settings.probe_timeout, self.settings.probe_timeout)
        try:
            status = self._client.status(timeout=probe)
        except HostProblem as exc:
            self._failed(exc, now)
            return False
        self.copy.save_status(status, now)
        self._schedule.answered(now)  # go on with the upload at once
        return True

    def sync_once(self) -> bool:
        """Upload everything queued, then refresh the copy (all at once); True when done and online (bounded)."""
        self._abandon_refresh()  # queued admissions go first
        for _ in range(self.queue.pending_count() // max(1, self.settings.upload_batch) + 2):
            done = self._sync_step(self._clock(), None)
            while done is None and self._refresh is not None:
                done = self._refresh_step(self._clock(), None)
            if done is not None:
                return done
        return False

    def _sync_step(self, now: float, batch: int | None) -> bool | None:
        """Upload one batch, or (queue empty) start the refresh. True: online; False: failed; None: more to do."""
        if self.queue.pending_count():
            report = upload_pending(self._client, self.queue, self.settings.upload_batch,
                                    self.settings.max_upload_attempts)
            if report.error is not None:
                self._failed(report.error, now)
                return False
            self._schedule.more_to_upload(now)
            return None
        if self.refusals.pending_count():
            try:
                self.refusals.report(self._client)
            except HostProblem as exc:
                self._failed(exc, now)
                return False
        self._refresh = CopyRefresh(self._fetcher, self.copy, self._clock, self.settings.status_interval)
        return self._refresh_step(now, batch)

    def _refresh_step(self, now: float, batch: int | None) -> bool | None:
        """One step of the refresh in progress. True: copy fresh and online; False: failed; None: more to do."""
        assert self._refresh is not None
        try:
            done = self._refresh.step(batch)
        except HostProblem as exc:
            self._failed(exc, now)
            return False
        except sqlite3.Error as exc:  # this station's disk: keep the copy as it is, try again later
            log.error("offline copy not refreshed: %s", exc)
            self._abandon_refresh()
            self._schedule.online(now)  # the host did answer
            return False
        if not done:
            return None
        log.debug("offline copy refreshed: %d tickets written", self._refresh.written)
        self._refresh = None
        self._schedule.online(now)
        return True

    def _abandon_refresh(self) -> None:
        if self._refresh is not None:
            self._refresh.abandon()
            self._refresh = None

    def _failed(self, exc: HostProblem, now: float) -> None:
        self._abandon_refresh()  # the copy stays as it was; the next refresh starts over
        self._schedule.failed(exc, now)

    # -- scans ------------------------------------------------------------------------------

    def redeem(self, secret: str, t_captured: float | None = None, ignore_unpaid: bool = False) -> Outcome:
        """Check ``secret`` in (scanned at ``t_captured``, epoch seconds): online, else from the copy."""
        nonce = new_nonce()
        t_sent = self._schedule.last_scan = self._clock()
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
            busy = reason == "host_busy"
            message = translate("Messages", "The host is busy. Scan the ticket again.") if busy else exc.operator_message
            return Outcome("error", reason, None, "online", nonce, t_sent, self._clock(), message, secret)
        reason = result.reason if result.status != "ok" else None
        learned = result.data
        if reason is None and learned is not None and not learned.get("first_checkin"):
            # Admitted now, by this station: an offline rescan later can say when and where.
            learned = {**learned, "first_checkin": here_checkin(format_api_datetime(when))}
        self.copy.learn(learned, secret, reason)
        self._schedule.last_error = None
        message = online_text(reason)
        return Outcome(result.status, reason, result.data, "online", nonce, t_sent, self._clock(), message, secret)

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
            self._conn, self.copy, self.queue, secret, nonce, when, ignore_unpaid, self._clock(), self.refusals
        )
        return Outcome(status, reason, data, "offline", nonce, t_sent, self._clock(), message, secret)

    # -- search and status ------------------------------------------------------------------

    def search(self, query: str) -> Answer:
        """Search online, else in the offline copy (same rules as the host)."""
        self._schedule.last_scan = self._clock()
        if not self.is_offline:
            try:
                return Answer(self._client.search(query), "online")
            except HostProblem as exc:
                self._failed(exc, self._clock())
                if not self.is_offline:
                    return Answer([], "online", exc.operator_message)
        note = translate("Offline", "Searched this station's offline copy (updated {age}).").format(
            age=describe_age(self.copy_age))
        return Answer(self.copy.search(query, self.allow_search), "offline", note)

    def status(self) -> Answer:
        """The host's status, else counts from the copy plus this station's queued admissions."""
        if not self.is_offline:
            try:
                status = self._client.status()
                self.copy.save_status(status, self._clock())
                return Answer(status, "online")
            except HostProblem as exc:
                self._failed(exc, self._clock())
                if not self.is_offline:
                    return Answer(None, "online", exc.operator_message)
        return Answer(self.copy.status(), "offline", translate("Status", "Counts from this station's offline copy."))
