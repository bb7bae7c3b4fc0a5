"""Host mode inside the station: starts the host worker on demand and connects it to the host panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.scanning.codes import StationSetup
from kiosk.station.screens import Screen

if TYPE_CHECKING:
    from kiosk.ui.host_worker import HostThread
    from kiosk.ui.station import Station


class HostWiring(QObject):
    """Owns the optional HostThread of a station (``--host``, ``--demo`` or the setup screen's choice).

    A QObject on the GUI thread, so the host worker's signals reach its slots queued.
    """

    def __init__(self, station: Station) -> None:
        super().__init__(station)
        self.station = station
        self.thread: HostThread | None = None
        self.url = ""
        self.lan_url = ""
        self._chosen_bind = ""  # an address staff picked on the host panel (saved once it serves there)
        station.window.setup_view.host_requested.connect(lambda: self.start(demo=False, show_panel=True))

    @property
    def active(self) -> bool:
        """Whether this station hosts the event."""
        return self.thread is not None

    def start(self, demo: bool = False, show_panel: bool | None = None) -> None:
        """Start hosting (once): server, optional demo event, then this station's own key."""
        if self.thread is not None:
            return
        from kiosk.ui.host_worker import HostThread, HostWorker  # Flask, SQLAlchemy: only when hosting

        st = self.station
        s, o = st.settings, st.options
        bind = o.bind if o.host else s.host_bind
        port = o.port if o.host else s.host_port
        worker = HostWorker(o.data_dir, bind, port, event=s.event or None, station_name=s.station_name,
                            own_url=s.server_url, own_key=s.key)
        self.thread = HostThread(worker)
        view = st.window.host_view
        worker.server_started.connect(self._server_started)
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
        st.window.host_action.setVisible(True)
        view.show_message("Starting the host server…")
        if demo and not st.flow.configured:
            st.window.setup_view.set_starting("Starting the host server and loading the demo event…")
        st.staff.update_station_label()
        self.thread.start_requested.emit(demo)
        if show_panel or (show_panel is None and not demo):
            st.flow.open_panel(Screen.HOST)
            st.render()

    def refresh(self) -> None:
        """Re-list the keys (host panel opened)."""
        if self.thread is not None:
            self.thread.keys_requested.emit()

    def stop(self) -> None:
        """Stop the server and its thread (waited for)."""
        if self.thread is not None:
            self.thread.stop()

    def _rebind(self, bind: str) -> None:
        self._chosen_bind = bind
        self.station.window.host_view.show_message(f"Moving the server to {bind}…")
        self.thread.rebind_requested.emit(bind)

    def _import(self, path: str) -> None:
        self.station.window.host_view.set_busy("Importing…")
        self.thread.import_requested.emit(path)

    def _import_progressed(self, done: int, total: int) -> None:
        self.station.window.host_view.set_busy("Importing…", done, total)

    def _demo(self) -> None:
        self.station.window.host_view.set_busy("Loading demo data…")
        self.thread.demo_requested.emit()

    def _server_started(self, url: str, lan_url: str, bind: str) -> None:
        self.url, self.lan_url = url, lan_url
        self.station.window.host_view.set_server(url, lan_url, bind)
        self.station.window.host_view.show_message(f"Hosting at {url}.")
        s = self.station.settings
        if bind == self._chosen_bind and s.host_bind != bind:
            s["host_bind"] = bind  # staff's choice: used again at the next start
            s.save()

    def _event_changed(self, name: str) -> None:
        view = self.station.window.host_view
        if name:
            view.set_event(name)
        else:
            view.set_event("No event yet: import an event file (pretix export) or load demo data.")
            self.station.end_starting()

    def _import_finished(self, ok: bool, text: str) -> None:
        view = self.station.window.host_view
        view.set_busy("")
        view.show_message(text, error=not ok)

    def _own_setup_ready(self, setup: StationSetup) -> None:
        self.station.dispatch(self.station.flow.setup_entered(setup))

    def _failed(self, message: str) -> None:
        self.station.window.host_view.show_message(message, error=True)
        self.station.end_starting()
        self.station.window.setup_view.show_message(message, error=True)
