"""Staff actions on a station: panels, settings, camera choice, privacy, full screen, quitting.

In full-screen (kiosk) mode every one of them asks for the staff PIN first when a
PIN is set; in a window the station is staff-operated and they do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.station.screens import Screen
from kiosk.ui.pin_dialog import with_staff_pin
from kiosk.ui.settings_dialog import CameraDialog, SettingsDialog

if TYPE_CHECKING:
    from kiosk.ui.station import Station


class StaffActions(QObject):
    """Wires the staff bar and staff dialogs of one station (a QObject: worker answers arrive queued)."""

    def __init__(self, station: Station) -> None:
        super().__init__(station)
        self.station = station
        self.dialog = None  # the open staff dialog (tests reach it here)
        w = station.window
        w.panel_requested.connect(self.open_panel)
        w.settings_requested.connect(self.edit_settings)
        w.fullscreen_toggle_requested.connect(self.toggle_fullscreen)
        w.privacy_toggled.connect(self.set_privacy)
        w.close_requested.connect(self.request_quit)
        w.scan_view.camera_change_requested.connect(self.choose_camera)

    @property
    def _kiosk_locked(self) -> bool:
        return self.station.window.isFullScreen() and bool(self.station.settings.staff_pin)

    def _guarded(self, purpose: str, then) -> None:  # noqa: ANN001 - a callable
        s = self.station.settings
        pin = with_staff_pin(self.station.window, self._kiosk_locked, s.check_staff_pin, purpose, then)
        if pin is not None:  # else ``then`` ran already and may have opened its own dialog
            self.dialog = pin

    def open_panel(self, panel: Screen | None) -> None:
        """Open search/status/host (PIN in kiosk mode), or close the open panel (None)."""
        flow = self.station.flow
        if panel is None:
            flow.close_panel()
            self.station.render()
            return
        if flow.screen is panel:
            return
        if panel is Screen.HOST and not self.station.host.active:
            return

        def go() -> None:
            flow.open_panel(panel)
            self.station.render()
            if panel is Screen.STATUS:
                self.station.refresh_status()
            elif panel is Screen.HOST:
                self.station.host.refresh()

        self._guarded({Screen.SEARCH: "search tickets", Screen.STATUS: "see the status",
                       Screen.HOST: "manage hosting"}[panel], go)

    def edit_settings(self) -> None:
        """Open the settings dialog; apply and save on Save."""
        def go() -> None:
            dialog = SettingsDialog(self.station.settings, self.station.window)
            dialog.accepted.connect(lambda: self._apply_settings(dialog))
            self.dialog = dialog
            dialog.open()

        self._guarded("change settings", go)

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        s = self.station.settings
        old_camera = s.camera
        dialog.apply_to(s)
        s.save()
        self.station.flow.result_seconds = s.result_seconds
        self.station.sounds.enabled = s.sound
        self.station.window.privacy_action.setChecked(s.privacy)
        if s.camera != old_camera:
            self.station.camera.switch(s.camera)
        self.update_station_label()

    def choose_camera(self) -> None:
        """Pick another camera (index, video file or stream URL) after it failed."""
        def go() -> None:
            current = self.station.camera_spec if isinstance(self.station.camera_spec, str) else "0"
            dialog = CameraDialog(current, self.station.window)
            dialog.accepted.connect(lambda: self.switch_camera(dialog.chooser.value()))
            self.dialog = dialog
            dialog.open()

        self._guarded("change the camera", go)

    def switch_camera(self, spec: str) -> None:
        """Use this camera from now on (and remember it)."""
        if not spec:
            return
        self.station.camera_spec = spec
        self.station.camera.switch(spec)
        self.station.settings["camera"] = spec
        self.station.settings.save()

    def set_privacy(self, hidden: bool) -> None:
        """Hide or show attendee names (also on the result being shown)."""
        s = self.station.settings
        if s.privacy == hidden:
            return

        def go() -> None:
            s["privacy"] = hidden
            s.save()
            if self.station.flow.screen is Screen.RESULT and self.station.flow.result is not None:
                self.station._show_result(play=False)  # noqa: SLF001 - same station

        if self._kiosk_locked:
            self.station.window.privacy_action.setChecked(s.privacy)  # until the PIN is given
            self._guarded("change name privacy", lambda: (go(), self.station.window.privacy_action.setChecked(hidden)))
        else:
            go()

    def toggle_fullscreen(self) -> None:
        """Enter kiosk mode freely; leave it with the PIN."""
        w = self.station.window
        if not w.isFullScreen():
            w.show_full_screen()
            return
        self._guarded("leave full screen", w.show_maximized)

    def request_quit(self) -> None:
        """Window close: quit (with the PIN in kiosk mode)."""
        self._guarded("close the station", QApplication.instance().quit)

    def choose_mode(self, mode: str) -> None:
        """Force offline / online, or automatic."""
        s = self.station.settings
        s["offline_mode"] = mode
        s.save()
        self.station.network.mode_requested.emit(mode)

    def update_station_label(self) -> None:
        """Station name and host URL in the staff bar."""
        s = self.station.settings
        w = self.station.window
        host = urlsplit(s.server_url).netloc if s.server_url else ""
        hosting = " (hosting)" if self.station.host.active else ""
        unset = "starting" if w.setup_view.starting else "not set up"
        w.station_label.setText(f"{s.station_name} · {host or unset}{hosting}")
        w.station_label.setToolTip(s.server_url)
        configured = self.station.flow.configured
        w.search_action.setVisible(configured)
        w.status_action.setVisible(configured)

    def show_search_answer(self, query: str, answer: Any) -> None:
        """Search results (or why there are none) into the search panel."""
        view = self.station.window.search_view
        view.privacy = self.station.settings.privacy
        if answer.value is None:
            view.show_error(answer.message or "Search failed.")
            return
        view.show_results(query, list(answer.value))
        if answer.message and answer.value is not None:
            view.message.setText(f"{view.message.text()} · {answer.message}")

    def show_status_answer(self, answer: Any) -> None:
        """Fresh counts (or the problem) into the status panel."""
        if answer.value is not None:
            self.station.window.status_view.show_status(answer.value)
        if answer.message:
            note = answer.message if answer.value is None else f"{answer.message} "
            if answer.value is None:
                self.station.window.status_view.show_error(note)
            else:
                self.station.window.status_view.updated.setText(note + self.station.window.status_view.updated.text())
