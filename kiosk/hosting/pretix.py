"""Host mode's pretix sync: connect, read the status, run the sync loop (no Qt; server code loads on first use).

One ``PretixHost`` per hosting station, used from one worker thread. It opens its own
database engine on the host's data directory (the server and the host worker have
theirs), runs ``server.pretix.sync.SyncRunner`` for every connected event, and stops it
within a bounded time. Every failure the operator can act on is a ``PretixError`` with
one line; anything else is logged and turned into a line that says so, never a trace.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.i18n import QT_TRANSLATE_NOOP
from kiosk.scanning.codes import PretixDeviceCode, classify, is_http_url

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 3.0  # how long shutdown waits for a sync cycle under way (SIGTERM ends a station within 5 s)


class ConnectCancelled(Exception):
    """The station is shutting down: a connect under way gives up (and changes nothing)."""


@dataclass(frozen=True)
class ConnectRequest:
    """What staff asked to connect with: pretix's ``url`` and a device's initialisation token.

    From a scanned or pasted device code, or the two typed. ``event`` / ``subevent``: the
    choice staff made after pretix listed several. The token never shows in ``repr``.
    """

    url: str
    device_token: str = field(repr=False)
    event: str | None = None
    subevent: int | None = None

    def choosing(self, kind: str, value: str) -> ConnectRequest:
        """The same request with the event (or the date of a series) staff picked."""
        if kind == "subevent":
            return ConnectRequest(self.url, self.device_token, self.event, int(value))
        return ConnectRequest(self.url, self.device_token, value, None)


def request_from_fields(text: str, token: str = "") -> ConnectRequest | str:
    """A connect request from the panel's fields, or what is wrong with them (a sentence).

    ``text``: a device code's JSON (as pretix shows it under the QR code), or pretix's
    URL with ``token`` the device's initialisation token.
    """
    text, token = text.strip(), token.strip()
    if not text:
        return QT_TRANSLATE_NOOP("Pretix", "Paste the device's setup code (or pretix's address and the device "
                                           "token) first.")
    if text.startswith("{"):
        code = classify(text)
        if not isinstance(code, PretixDeviceCode):
            return QT_TRANSLATE_NOOP("Pretix", "This is not a pretix device code: it has no handshake_version.")
        return code.problem or ConnectRequest(code.url, code.token)
    if not is_http_url(text):
        return QT_TRANSLATE_NOOP("Pretix", "pretix's address must start with http:// or https://, e.g. "
                                           "https://pretix.eu")
    if not token:
        return QT_TRANSLATE_NOOP("Pretix", "Type the device token too (pretix shows it beside the device's QR "
                                           "code).")
    return ConnectRequest(text, token)


@dataclass(frozen=True)
class ConnectAnswer:
    """How a connect ended: ``result`` (a ``ConnectResult``), or ``choice`` (kind, options), or ``error``."""

    request: ConnectRequest
    result: Any = None
    kind: str = ""  # "event" or "subevent" when staff must choose
    options: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """Connected."""
        return self.result is not None


class PretixHost:
    """pretix sync of one host data directory: ``connect``, ``statuses``, and the ``SyncRunner``."""

    def __init__(self, data_dir: str | Path, interval: float = 10.0,
                 on_change: Callable[[], None] | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.interval = float(interval)
        self.on_change = on_change
        self._engine: Any = None
        self._runner: Any = None
        self._closed = False
        self.cancelled = threading.Event()  # set from any thread: a connect under way stops at its next step

    @property
    def engine(self) -> Any:
        """This host's database, opened on first use (the host server created it)."""
        if self._engine is None:
            from server.db import default_database_url, open_database

            self._engine = open_database(default_database_url(self.data_dir))
        return self._engine

    # -- the sync loop ------------------------------------------------------------------

    def start(self) -> None:
        """Sync every connected event every ``interval`` seconds (idle while none is)."""
        if self._runner is not None:
            return
        from server.pretix.sync import SyncRunner

        runner = SyncRunner(self.engine, self.data_dir, interval=self.interval, on_change=self._changed)
        runner.start()
        self._runner = runner
        log.info("pretix sync started (every %.0f s)", self.interval)

    def set_interval(self, seconds: float) -> None:
        """Pull every ``seconds`` from now on (the runner reads its ``interval`` when it plans the next pull)."""
        self.interval = float(seconds)
        if self._runner is not None:
            self._runner.interval = self.interval
            self._runner.sync_now()  # the next pull is planned with the new interval at once

    def sync_now(self, organizer: str | None = None, event: str | None = None) -> None:
        """Ask for a cycle at once (one event, or all); returns at once."""
        if self._runner is None:
            self.start()
        self._runner.sync_now(organizer, event)

    def stop_runner(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop the sync loop, waiting at most ``timeout`` for a cycle under way."""
        runner, self._runner = self._runner, None
        if runner is not None:
            try:
                runner.stop(timeout)
            except Exception:  # stopping goes on: the database is closed and the station ends regardless
                log.exception("pretix sync did not stop cleanly")
                return
            log.info("pretix sync stopped")

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop syncing and close the database; safe to call twice."""
        self.cancelled.set()
        self._closed = True  # a cycle still ending after the wait tells nobody (the GUI may be gone)
        self.stop_runner(timeout)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _changed(self) -> None:
        if self.on_change is not None and not self._closed:
            self.on_change()

    # -- connect and status ---------------------------------------------------------------

    def connect(self, request: ConnectRequest, progress: Callable[[str], None] | None = None) -> ConnectAnswer:
        """Connect as ``request`` says (blocking: run it on a worker); the answer says how it ended."""
        from server.pretix.connect import connect
        from server.pretix.errors import ChoiceNeeded, PretixError

        def step(line: str) -> None:
            if self.cancelled.is_set():
                raise ConnectCancelled
            if progress is not None:
                progress(line)

        log.info("connecting to pretix at %s", request.url)
        try:
            result = connect(self.engine, data_dir=self.data_dir, url=request.url, device_token=request.device_token,
                             event=request.event, subevent=request.subevent, progress=step)
        except ChoiceNeeded as exc:
            return ConnectAnswer(request, kind=exc.kind, options=list(exc.options), error=str(exc))
        except PretixError as exc:
            log.warning("connecting to pretix failed: %s", exc)
            return ConnectAnswer(request, error=str(exc))
        except ConnectCancelled:
            return ConnectAnswer(request, error=QT_TRANSLATE_NOOP("Pretix", "Connecting was cancelled: the station "
                                                                            "is closing."))
        except Exception:  # a bug must not take the host down or show a trace: logged, said in one line
            log.exception("connecting to pretix failed unexpectedly")
            return ConnectAnswer(request, error=QT_TRANSLATE_NOOP("Pretix", "Connecting failed unexpectedly; the "
                                                                            "station's log has the details. Nothing "
                                                                            "was changed."))
        log.info("connected %s/%s to pretix at %s", result.organizer, result.event, result.pretix_url)
        self.sync_now(result.organizer, result.event)
        return ConnectAnswer(request, result=result)

    def statuses(self) -> list[Any]:
        """Every connected event's ``ConnectionStatus`` (empty if none)."""
        from server.pretix.status import statuses

        return statuses(self.engine, self.data_dir)
