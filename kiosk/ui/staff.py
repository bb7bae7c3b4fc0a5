"""Staff actions on a station: panels, settings, camera choice, privacy, full screen, quitting.

In full-screen (kiosk) mode every one of them asks for the staff PIN first when a
PIN is set; in a window the station is staff-operated and they do not. F11 on a
station without a PIN asks staff to set one first. One ``PinGuard`` counts wrong
PINs across every prompt (5 in a row: a minute's lockout, logged).

It is given what it works on (the window, the settings, the camera) and reads the
station's flow and hosting state; what the station itself must do (open a panel,
use new settings, show the result again) goes back to it as signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.i18n import shown, translate
from kiosk.settings import Settings
from kiosk.station.pin_guard import PinGuard
from kiosk.station.screens import Screen, StationFlow
from kiosk.ui.camera_controller import CameraController
from kiosk.ui.host_wiring import HostWiring
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pin_dialog import PinDialog, SetPinDialog, with_staff_pin
from kiosk.ui.settings_dialog import CameraDialog, SettingsDialog


class StaffActions(QObject):
    """Wires the staff bar and staff dialogs of one station (a QObject: worker answers arrive queued).

    ``flow`` is only read here (which screen is up, whether the station is set up).
    """

    panel_chosen = Signal(object)  # the Screen to open (after the PIN, if one was asked), or None: close the panel
    settings_changed = Signal()  # staff saved the settings dialog: use the new result time and sound
    privacy_changed = Signal(bool)  # names hidden (True) or shown: show the result on screen again
    mode_chosen = Signal(str)  # "automatic", "offline" or "online", saved
    set_up_again_chosen = Signal()  # staff chose "Set up again" in the settings: show the setup screen
    quit_chosen = Signal()  # staff closed the station (after the PIN in kiosk mode); the application quits

    def __init__(self, window: MainWindow, settings: Settings, flow: StationFlow, camera: CameraController,
                 host: HostWiring, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings
        self.flow = flow
        self.camera = camera
        self.host = host
        self.dialog = None  # the open staff dialog (tests reach it here)
        self.pin_guard = PinGuard(settings.check_staff_pin)  # every PIN prompt of the station
        window.panel_requested.connect(self.open_panel)
        window.settings_requested.connect(self.edit_settings)
        window.fullscreen_toggle_requested.connect(self.toggle_fullscreen)
        window.privacy_toggled.connect(self.set_privacy)
        window.close_requested.connect(self.request_quit)
        window.scan_view.camera_change_requested.connect(self.choose_camera)
        window.window_state_changed.connect(self.update_station_label)  # full screen: lock mark, no address

    @property
    def kiosk_locked(self) -> bool:
        """Full screen with a staff PIN: guests cannot reach staff actions."""
        return self._kiosk_locked

    @property
    def _kiosk_locked(self) -> bool:
        return self.window.isFullScreen() and bool(self.settings.staff_pin)

    def _guarded(self, purpose: str, then) -> None:  # noqa: ANN001 - a callable
        if isinstance(self.dialog, PinDialog) and self.dialog.isVisible():
            self.dialog.raise_()  # one PIN prompt at a time: a second close click never stacks another
            self.dialog.activateWindow()
            return
        pin = with_staff_pin(self.window, self._kiosk_locked, self.pin_guard, purpose, then)
        if pin is not None:  # else ``then`` ran already and may have opened its own dialog
            self.dialog = pin

    def open_panel(self, panel: Screen | None, then: Callable[[], None] | None = None, prompt: str = "") -> None:
        """Open search/status/host (PIN in kiosk mode), or close the open panel (None).

        ``then``: what to do once it is open (e.g. offer a scanned pretix device code); ``prompt``:
        the PIN dialog's question for it (translated), instead of the panel's own.
        """
        if panel is None:
            self.panel_chosen.emit(None)
            return
        if panel is Screen.HOST and not self.host.active:
            return
        if self.flow.screen is panel:
            if then is not None:
                then()
            return

        def go() -> None:
            self.panel_chosen.emit(panel)
            if then is not None:
                then()

        self._guarded(prompt or {Screen.SEARCH: translate("Staff", "Staff PIN to search tickets:"),
                                 Screen.STATUS: translate("Staff", "Staff PIN to see the status:"),
                                 Screen.HOST: translate("Staff", "Staff PIN to manage hosting:")}[panel], go)

    def edit_settings(self) -> None:
        """Open the settings dialog; apply and save on Save."""
        def go() -> None:
            dialog = SettingsDialog(self.settings, self.window, camera=self.camera.spec, hosting=self.host.active)
            dialog.accepted.connect(lambda: self._apply_settings(dialog))
            dialog.set_up_again.connect(self.set_up_again_chosen)
            self.dialog = dialog
            dialog.open()

        self._guarded(translate("Staff", "Staff PIN to change settings:"), go)

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        s = self.settings
        dialog.apply_to(s)  # the camera only if staff chose another: a --camera/--demo start stays out of it
        s.save()
        self.settings_changed.emit()
        self.window.privacy_action.setChecked(s.privacy)
        if dialog.camera.changed():
            self.camera.switch(dialog.camera.value())
        self.update_station_label()

    def choose_camera(self) -> None:
        """Pick another camera (index, video file or stream URL) after it failed."""
        def go() -> None:
            dialog = CameraDialog(self.camera.spec, self.window)
            dialog.accepted.connect(lambda: self.switch_camera(dialog.chooser.value()))
            self.dialog = dialog
            dialog.open()

        self._guarded(translate("Staff", "Staff PIN to change the camera:"), go)

    def switch_camera(self, spec: str) -> None:
        """Use this camera from now on (and remember it)."""
        if not spec:
            return
        self.camera.switch(spec)
        self.settings["camera"] = spec
        self.settings.save()

    def set_privacy(self, hidden: bool) -> None:
        """Hide or show attendee names (also on the result being shown)."""
        s = self.settings
        if s.privacy == hidden:
            return

        def go() -> None:
            s["privacy"] = hidden
            s.save()
            self.privacy_changed.emit(hidden)

        if self._kiosk_locked:
            self.window.privacy_action.setChecked(s.privacy)  # until the PIN is given
            self._guarded(translate("Staff", "Staff PIN to change name privacy:"), lambda: (go(), self.window.privacy_action.setChecked(hidden)))
        else:
            go()

    def toggle_fullscreen(self) -> None:
        """Enter kiosk mode (a station without a PIN asks for one first); leave it with the PIN."""
        w = self.window
        if w.isFullScreen():
            self._guarded(translate("Staff", "Staff PIN to leave full screen:"), w.show_maximized)
        elif self.settings.staff_pin:
            w.show_full_screen()
        elif not (isinstance(self.dialog, SetPinDialog) and self.dialog.isVisible()):
            dialog = SetPinDialog(w)
            dialog.accepted.connect(lambda: self._lock_with(dialog.new_pin))
            self.dialog = dialog
            dialog.open()
            dialog.pin.setFocus()

    def _lock_with(self, pin: str) -> None:
        """Staff set a PIN for kiosk mode: save it, then go full screen."""
        self.settings.set_staff_pin(pin)
        self.settings.save()
        self.window.show_full_screen()
        self.update_station_label()

    def request_quit(self) -> None:
        """Window close: quit (with the PIN in kiosk mode, asked once)."""
        self._guarded(translate("Staff", "Staff PIN to close the station:"), self._quit)

    def _quit(self) -> None:
        """Staff may close the station: let the window close, then leave the event loop.

        The window's close is allowed first, so the application's quit (which closes every
        window) goes through instead of asking for the PIN again.
        """
        self.window.allow_close = True
        self.quit_chosen.emit()
        QTimer.singleShot(0, QApplication.instance().quit)  # after the close (or PIN) event that led here

    def choose_mode(self, mode: str) -> None:
        """Force offline / online, or automatic."""
        s = self.settings
        s["offline_mode"] = mode
        s.save()
        self.mode_chosen.emit(mode)

    def update_station_label(self, *_changed: object) -> None:
        """Station name, host address and the lock mark in the staff bar (no address while locked)."""
        s = self.settings
        w = self.window
        if w.isFullScreen():
            w.station_label.set_mark("locked" if s.staff_pin else "unlocked")
        else:
            w.station_label.set_mark("")  # a window is staff-operated
        if self._kiosk_locked:  # guests see the station's name only, never where its host is
            w.station_label.setText(s.station_name)
            w.station_label.setToolTip("")
        else:
            # A host shows the address other stations use (its LAN address, never 0.0.0.0).
            url = self.host.lan_url if self.host.active and self.host.lan_url else s.server_url
            host = urlsplit(url).netloc if url else ""
            unset = translate("Staff", "starting") if w.setup_view.starting else translate("Staff", "not set up")
            where = host or unset
            if self.host.active:
                where = translate("Staff", "{address} (hosting)").format(address=where)
            if host and urlsplit(url).scheme == "http":  # anyone on the network can read key and guest list
                where = translate("Staff", "{address} · not encrypted").format(address=where)
            w.station_label.setText(f"{s.station_name} · {where}")
            w.station_label.setToolTip(url)
        configured = self.flow.configured
        w.search_action.setVisible(configured)
        w.status_action.setVisible(configured)

    def show_search_answer(self, query: str, answer: Any) -> None:
        """Search results (or why there are none) into the search panel."""
        view = self.window.search_view
        view.privacy = self.settings.privacy
        if answer.value is None:
            view.show_error(shown(answer.message) if answer.message else
                            translate("Search", "Search failed."))
            return
        view.show_results(query, list(answer.value))
        if answer.message and answer.value is not None:
            view.message.setText(f"{view.message.text()} · {shown(answer.message)}")

    def show_status_answer(self, answer: Any) -> None:
        """Fresh counts (or the problem) into the status panel."""
        if answer.value is not None:
            self.window.status_view.show_status(answer.value, offline=answer.mode == "offline")
        if answer.message and not (answer.value is not None and answer.mode == "offline"):  # that note has its line
            message = shown(answer.message)
            note = message if answer.value is None else f"{message} "
            if answer.value is None:
                self.window.status_view.show_error(note)
            else:
                self.window.status_view.updated.setText(note + self.window.status_view.updated.text())
