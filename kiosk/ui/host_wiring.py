"""Host mode inside the station: starts the host worker on demand and connects it to the host panel.

It is given the views it drives (the host panel, the setup screen, the staff bar's
Host action), the settings and the options; what the station must do (show that
it hosts, end the start-up message, set itself up on its own host) goes back to
it as signals.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from kiosk.i18n import translate
from kiosk.options import StationOptions
from kiosk.scanning.codes import StationSetup
from kiosk.settings import Settings
from kiosk.ui.host_view import HostView
from kiosk.ui.pretix_wiring import PretixWiring
from kiosk.ui.setup_view import SetupView

if TYPE_CHECKING:
    from kiosk.ui.host_worker import HostThread
    from kiosk.ui.overview_worker import OverviewThread

log = logging.getLogger(__name__)


class HostWiring(QObject):
    """Owns the optional HostThread of a station (``--host``, ``--demo`` or the setup screen's choice).

    A QObject on the GUI thread, so the host worker's signals reach its slots queued.
    """

    started = Signal(bool)  # hosting began; True: staff asked for it, show them the host panel
    starting_ended = Signal()  # no demo event is coming (none yet, or the server failed): offer the setup choices
    setup_offered = Signal(object)  # StationSetup: this station's own setup on the event it now serves
    serving = Signal(str)  # the server (re)started; the URL other stations use (a LAN address, never 0.0.0.0)

    def __init__(self, view: HostView, setup_view: SetupView, host_action: QAction, settings: Settings,
                 options: StationOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setup_view = setup_view
        self.host_action = host_action
        self.settings = settings
        self.options = options
        self.thread: HostThread | None = None
        self.overview: OverviewThread | None = None
        self.url = ""
        self.lan_url = ""
        self._chosen_bind = ""  # an address staff picked on the host panel (saved once it serves there)
        self.pretix = PretixWiring(view.pretix, settings, options.data_dir, parent=self)  # runs once serving
        setup_view.host_requested.connect(lambda: self.start(demo=False, show_panel=True))

    @property
    def active(self) -> bool:
        """Whether this station hosts the event."""
        return self.thread is not None

    def start(self, demo: bool = False, show_panel: bool | None = None) -> None:
        """Start hosting (once): server, optional demo event, then this station's own key.

        ``demo`` comes only with ``--demo`` at start-up, before the station is set up
        (a hosting station's setup comes from its host): the setup screen says it is starting.
        """
        if self.thread is not None:
            return
        from kiosk.ui.host_worker import HostThread, HostWorker  # Flask, SQLAlchemy: only when hosting

        s, o = self.settings, self.options
        bind = o.bind if o.host else s.host_bind
        # o.port: --port, else the port used last time (kiosk.options.host_port), so stations keep reaching it
        worker = HostWorker(o.data_dir, bind, o.port, event=s.event or None, station_name=s.station_name,
                            own_url=s.server_url, own_key=s.key, own_cert=s.cert_sha256, move_if_taken=not o.port_given,
                            insecure_http=o.insecure_http)
        self.thread = HostThread(worker)
        view = self.view
        worker.server_started.connect(self._server_started)
        worker.port_moved.connect(self._port_moved)
        worker.security_changed.connect(view.set_security)
        worker.event_changed.connect(self._event_changed)
        worker.keys_listed.connect(view.set_keys)
        worker.import_progressed.connect(self._import_progressed)
        worker.import_finished.connect(self._import_finished)
        worker.station_added.connect(view.show_station_setup)
        worker.own_setup_ready.connect(self._own_setup_ready)
        worker.failed.connect(self._failed)
        view.bind_chosen.connect(self._rebind)
        view.import_requested.connect(self._import)
        view.demo_requested.connect(self._demo)
        view.station_requested.connect(self.thread.station_requested)
        view.key_revoked.connect(self.thread.revoke_requested)
        self._start_overview(worker)
        self.pretix.connected.connect(self.thread.event_requested)  # serve what staff just connected
        self.host_action.setVisible(True)
        view.show_message(translate("Host", "Starting the host server…"))
        if demo:
            self.setup_view.set_starting(translate("Host", "Starting the host server and loading the demo event…"))
        self.thread.start_requested.emit(demo)
        self.started.emit(bool(show_panel or (show_panel is None and not demo)))

    def refresh(self) -> None:
        """Re-list the keys and read the pretix status (host panel opened)."""
        if self.thread is not None:
            self.thread.keys_requested.emit()
        self.pretix.refresh()

    def stop(self) -> bool:
        """Stop the overview reader, the pretix sync, then the server and its thread (each waited for, bounded);
        False if the pretix worker was left running (a connect stuck in a request)."""
        if self.overview is not None:
            self.overview.stop()
        stopped = self.pretix.stop()
        if self.thread is not None:
            self.thread.stop()
        return stopped

    def _start_overview(self, worker) -> None:
        """The overview page's reader (kiosk/ui/overview_worker.py): reads only while the page is on screen."""
        from kiosk.ui.overview_worker import OverviewThread, OverviewWorker

        self.overview = OverviewThread(OverviewWorker(worker.service))
        panel = self.view.overview
        self.overview.worker.figures_read.connect(panel.show_figures)
        self.overview.worker.link_made.connect(panel.show_link)
        self.overview.worker.failed.connect(self._overview_failed)  # a bound method: runs on the GUI thread
        panel.link_requested.connect(self.overview.link_requested)
        self.view.overview_shown.connect(self.overview.set_active)

    def _overview_failed(self, message: str) -> None:
        self.view.show_message(message, error=True)

    def _rebind(self, bind: str) -> None:
        self._chosen_bind = bind
        self.view.show_message(translate("Host", "Moving the server to {address}…").format(address=bind))
        self.thread.rebind_requested.emit(bind)

    def _import(self, path: str) -> None:
        self.view.set_busy(translate("Host", "Importing…"))
        self.thread.import_requested.emit(path)

    def _import_progressed(self, done: int, total: int) -> None:
        self.view.set_busy(translate("Host", "Importing…"), done, total)

    def _demo(self) -> None:
        self.view.set_busy(translate("Host", "Loading demo data…"))
        self.thread.demo_requested.emit()

    def _server_started(self, url: str, lan_url: str, bind: str) -> None:
        self.url, self.lan_url = url, lan_url
        self.view.set_server(url, lan_url, bind)
        self.view.show_message(translate("Host", "Hosting at {url}.").format(url=lan_url))  # the address to use: never 0.0.0.0
        s = self.settings
        changed = False
        if bind == self._chosen_bind and s.host_bind != bind:
            s["host_bind"] = bind  # staff's choice: used again at the next start
            changed = True
        port = urlsplit(url).port
        if port and s.host_last_port != port:
            s["host_last_port"] = port  # kept at the next start: stations set up for it find it again
            changed = True
        if changed:
            s.save()
        self.pretix.start()  # the database exists now: sync the events connected to pretix
        self.serving.emit(lan_url)

    def _port_moved(self, wanted: int, port: int, lan_url: str) -> None:
        log.warning("port %d was taken: hosting on port %d; stations set up for %d must be set up again",
                    wanted, port, wanted)
        self.view.show_port_moved(wanted, port, lan_url)

    def _event_changed(self, name: str) -> None:
        if name:
            self.view.set_event(name)
        else:
            self.view.set_event(translate("Host", "No event yet: import an event file (pretix export) or load demo data."))
            self.starting_ended.emit()

    def _import_finished(self, ok: bool, text: str) -> None:
        self.view.set_busy("")
        self.view.show_message(text, error=not ok)

    def _own_setup_ready(self, setup: StationSetup) -> None:
        self.setup_offered.emit(setup)

    def _failed(self, message: str) -> None:
        self.view.show_message(message, error=True)
        self.starting_ended.emit()  # first: ending the start-up message clears the setup screen's message
        self.setup_view.show_message(message, error=True)
