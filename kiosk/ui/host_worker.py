"""Host mode off the GUI thread: a QObject in its own QThread owning the HostService.

Starting the server, importing a file (with progress), loading demo data, creating
and revoking keys are database work, so none of it runs on the GUI thread.

The worker never writes the station's settings: it hands this station's own setup
(URL, key, flags, event) to the GUI thread, which applies it to its ``Settings`` and
saves them, so ``settings.toml`` has one writer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from kiosk.hosting.service import HostError, HostService
from kiosk.i18n import shown, translate
from kiosk.settings import Settings
from kiosk.ui.threads import Worker, WorkerThread

log = logging.getLogger(__name__)


class HostWorker(Worker):
    """Runs every HostService call on the host thread and reports back with signals."""

    server_started = Signal(str, str, str)  # url, lan_url, bind
    port_moved = Signal(int, int, str)  # the port it wanted (taken by another program), the port it got, lan_url
    event_changed = Signal(str)  # event name ("" = none yet)
    keys_listed = Signal(list)
    import_progressed = Signal(int, int)
    import_finished = Signal(bool, str)  # ok, summary or error
    station_added = Signal(str, dict, str)  # name, setup JSON, LAN URL
    own_setup_ready = Signal(object)  # this station's own StationSetup (origin "host", its event)
    failed = Signal(str)  # a plain message
    security_changed = Signal(str, str)  # certificate fingerprint ("" on plain HTTP), warning ("" if none)

    def __init__(self, data_dir: Path, bind: str, port: int, event: str | None = None,
                 station_name: str | None = None, own_url: str = "", own_key: str | None = None,
                 own_cert: str = "",
                 move_if_taken: bool = False, insecure_http: bool = False) -> None:
        super().__init__()
        self.service = HostService(data_dir, bind, port, event=event or None, station_name=station_name,
                                   insecure_http=insecure_http)
        self._move_if_taken = move_if_taken  # the port was not given on the command line: a free one will do
        # The setup this station redeems with now (from the GUI's settings): its key is reused.
        self._own_url, self._own_key = own_url, own_key
        self._own_cert = own_cert  # the certificate fingerprint this station's own setup pins

    @Slot(bool)
    def start(self, demo: bool = False) -> None:
        """Start serving (with the demo event if asked) and set this station up on it if there is an event."""
        try:
            if demo:
                self.service.load_demo()
            self.service.start(move_if_taken=self._move_if_taken)
        except HostError as exc:
            self.failed.emit(shown(str(exc)))
            return
        self.server_started.emit(self.service.url, self.service.lan_url, self.service.bind)
        self.security_changed.emit(self.service.cert_sha256 or "", self.service.insecure_warning)
        if self.service.moved_from is not None:
            self.port_moved.emit(self.service.moved_from, self.service.port, self.service.lan_url)
        self._after_event_change()

    @Slot(str)
    def rebind(self, bind: str) -> None:
        """Listen on another address (restarts the server on the same port)."""
        old = self.service.bind
        self.service.stop()
        self.service.bind = bind
        try:
            self.service.start()
        except HostError as exc:
            self.failed.emit(translate("Host", "{problem} Still listening on {address}.").format(
                problem=shown(str(exc)), address=old))
            self.service.bind = old
            try:
                self.service.start()
            except HostError as again:
                self.failed.emit(shown(str(again)))
                return
        self.server_started.emit(self.service.url, self.service.lan_url, self.service.bind)
        self.security_changed.emit(self.service.cert_sha256 or "", self.service.insecure_warning)
        if self._own_url:
            self._own_setup(only_if_changed=True)  # e.g. from 127.0.0.2 to 127.0.0.1: a new URL

    @Slot(str)
    def import_file(self, path: str) -> None:
        """Import a pretix export or CSV, reporting progress."""
        try:
            summary = self.service.import_file(path, progress=lambda done, total: self.import_progressed.emit(
                int(done), int(total)))
        except HostError as exc:
            self.import_finished.emit(False, shown(str(exc)))
            return
        except OSError as exc:
            self.import_finished.emit(False, translate("Host", "Cannot read {path}: {problem}").format(
                path=path, problem=exc.strerror or exc))
            return
        self._after_event_change("\n".join(summary.lines()))

    @Slot()
    def load_demo(self) -> None:
        """Create (or refresh) the demo event and serve it."""
        try:
            self.service.load_demo()
        except HostError as exc:
            self.import_finished.emit(False, shown(str(exc)))
            return
        self._after_event_change(translate("Host", "Demo event loaded."))

    @Slot(str, str)
    def serve_event(self, organizer: str, event: str) -> None:
        """Serve this event from now on (e.g. just connected to pretix), and set this station up on it."""
        try:
            self.service.select_event(organizer, event)
        except HostError as exc:
            self.failed.emit(str(exc))
            return
        self._after_event_change()

    @Slot(str)
    def add_station(self, name: str) -> None:
        """Create a key for a new station and hand back its setup code."""
        try:
            setup = self.service.add_station(name)
        except HostError as exc:
            self.failed.emit(shown(str(exc)))
            return
        self.station_added.emit(name, setup, self.service.lan_url)
        self.list_keys()

    @Slot(str)
    def revoke_key(self, name: str) -> None:
        """Revoke a station's key: its next request is refused."""
        try:
            self.service.revoke_key(name)
        except HostError as exc:
            self.failed.emit(shown(str(exc)))
            return
        self.list_keys()

    @Slot()
    def list_keys(self) -> None:
        """Report the served event's keys."""
        try:
            self.keys_listed.emit(self.service.list_keys())
        except HostError:
            self.keys_listed.emit([])

    def release(self) -> None:
        """Stop the server (on this thread, when the station stops)."""
        self.service.stop()

    def _after_event_change(self, done: str | None = None) -> None:
        """Show the served event, then (after an import) say it is done: never the summary beside the old event."""
        try:
            event = self.service.event
            events = {(e["organizer"], e["event"]): e for e in self.service.events()}
        except HostError as exc:
            event, error = None, shown(str(exc))
        else:
            error = ""
            info = events.get(event, {}) if event else {}
            self.event_changed.emit(f"{info.get('name') or event[1]} ({event[0]}/{event[1]})" if event else "")
        if done is not None:
            self.import_finished.emit(True, done)
        if error:
            self.failed.emit(error)
        if event is None:
            return
        self.list_keys()
        self._own_setup(only_if_changed=False)

    def _own_setup(self, only_if_changed: bool) -> None:
        """Hand this station's own setup to the GUI thread (which tests, applies and saves it)."""
        known = Settings(self.service.data_dir, {"server_url": self._own_url}, key=self._own_key)  # never saved
        try:
            event = self.service.event
            if event is None:
                return  # nothing to check in yet
            setup = self.service.own_station_setup(known, save=False)
        except HostError as exc:
            self.failed.emit(shown(str(exc)))
            return
        # A new URL, key or certificate (renewed, or `tls use`): the station's own setup follows it.
        if only_if_changed and (setup.url, setup.key, setup.cert_sha256) == (self._own_url, self._own_key,
                                                                             self._own_cert):
            return
        self._own_url, self._own_key, self._own_cert = setup.url, setup.key, setup.cert_sha256
        self.own_setup_ready.emit(setup)


class HostThread(WorkerThread):
    """GUI-side handle of the host worker: forwards requests, stops the server at exit."""

    start_requested = Signal(bool)
    rebind_requested = Signal(str)
    import_requested = Signal(str)
    demo_requested = Signal()
    station_requested = Signal(str)
    revoke_requested = Signal(str)
    keys_requested = Signal()
    event_requested = Signal(str, str)  # organizer, event to serve

    def __init__(self, worker: HostWorker) -> None:
        super().__init__(worker, "host")
        for signal, slot in ((self.start_requested, worker.start), (self.rebind_requested, worker.rebind),
                             (self.import_requested, worker.import_file), (self.demo_requested, worker.load_demo),
                             (self.station_requested, worker.add_station),
                             (self.revoke_requested, worker.revoke_key), (self.keys_requested, worker.list_keys),
                             (self.event_requested, worker.serve_event)):
            signal.connect(slot)
        self.start()
