"""The station controller: routes signals between the camera, the workers, the state machine and the window.

It does no work itself. Scans go into the pure ``StationFlow``; the effects it
returns become requests to the network worker (redeem, connection test,
reconfigure); answers come back as signals and go into the flow again; the
window renders whatever screen the flow is on.
"""

from __future__ import annotations

import faulthandler
import logging
import time
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.i18n import QT_TRANSLATE_NOOP, shown, translate
from kiosk.offline import GateSettings
from kiosk.options import StationOptions
from kiosk.paths import JOURNAL_FILENAME
from kiosk.scanning.codes import InvalidSetupCode, PretixDeviceCode, StationSetup, classify
from kiosk.settings import Settings
from kiosk.station.presenting import journal_entry, present
from kiosk.station.screens import (
    COMPACT,
    FULL,
    ApplySetup,
    CheckConnection,
    Scan,
    Screen,
    SendRedeem,
    ShowResult,
    StationFlow,
)
from kiosk.ui.camera_controller import CameraController
from kiosk.ui.host_wiring import HostWiring
from kiosk.ui.journal_writer import JournalWriter
from kiosk.ui.main_window import MainWindow
from kiosk.ui.network_worker import NetworkThread, NetworkWorker
from kiosk.ui.pin_dialog import with_staff_pin
from kiosk.ui.sounds import Sounds
from kiosk.ui.staff import StaffActions
from kiosk.ui.wedge_filter import WedgeScannerFilter

log = logging.getLogger(__name__)

TICK_MS = 100
SHUTDOWN_STACKS_AFTER_S = 10
STATUS_REFRESH_MS = 30_000
PRETIX_CODE_ELSEWHERE = QT_TRANSLATE_NOOP("Station", "This is a pretix device code: scan it at the host (the "
                                                    "station that hosts the event). Nothing was checked in.")


class Station(QObject):
    """One running station: window, camera, network worker, optional host, journal."""

    result_shown = Signal(object)  # ResultInfo, once it is painted

    def __init__(self, options: StationOptions, settings: Settings, gate_settings: GateSettings | None = None,
                 camera: Any = None, status_refresh_ms: int = STATUS_REFRESH_MS) -> None:
        super().__init__()
        self.options = options
        self.settings = settings
        self.camera_spec = camera if camera is not None else (
            options.camera if options.camera is not None else "demo")
        configured = bool(options.server_url and options.key) and not options.host
        self.flow = StationFlow(configured=configured, result_seconds=settings.result_seconds)
        self.journal = JournalWriter(options.data_dir / JOURNAL_FILENAME)
        self.sounds = Sounds(enabled=settings.sound, parent=self)
        self.camera = CameraController(options.decoder, parent=self)
        self.window = MainWindow(self.camera.preview_frame)
        self.sounds.changed.connect(self._sound_changed)
        self._sound_changed()
        gs = gate_settings or GateSettings.from_settings(settings)
        self.network = NetworkThread(NetworkWorker(options.data_dir, gs))
        self.wedge = WedgeScannerFilter(parent=self)
        self.host = HostWiring(self.window.host_view, self.window.setup_view, self.window.host_action, settings,
                               options, parent=self)
        self.staff = StaffActions(self.window, settings, self.flow, self.camera, self.host, parent=self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_refresh_ms)
        self._status_timer.timeout.connect(self.refresh_status)
        self._stopped = False
        self.threads_left_running = False  # shutdown() left a thread in a request (to the host, or a pretix connect)
        self.gate_state: Any = None  # the network worker's latest GateState
        self._connect()

    def _connect(self) -> None:
        w, n = self.window, self.network.worker
        self.camera.code_scanned.connect(self.code_read)
        self.camera.codes_seen.connect(w.scan_view.preview.show_outlines)
        self.camera.codes_seen.connect(w.setup_view.preview.show_outlines)
        self.camera.state_changed.connect(w.scan_view.set_camera_state)
        self.wedge.code_typed.connect(self.code_typed)
        n.redeem_finished.connect(self.redeem_finished)
        n.fingerprint_presented.connect(w.setup_view.offer_fingerprint)
        n.connection_tested.connect(self.connection_tested)
        n.state_changed.connect(self.gate_state_changed)
        n.search_finished.connect(self.staff.show_search_answer)
        n.status_finished.connect(self.staff.show_status_answer)
        self.staff.panel_chosen.connect(self.open_panel)
        self.staff.settings_changed.connect(self.use_staff_settings)
        self.staff.privacy_changed.connect(self.show_result_again)
        self.staff.set_up_again_chosen.connect(self.set_up_again)
        self.staff.mode_chosen.connect(self.network.mode_requested)
        self.host.started.connect(self.show_hosting)
        self.host.starting_ended.connect(self.end_starting)
        self.host.serving.connect(self.staff.update_station_label)
        self.host.setup_offered.connect(lambda offer: self.dispatch(self.flow.setup_entered(offer)))
        w.search_view.search_requested.connect(self.network.search_requested)
        w.search_view.redeem_confirmed.connect(self.redeem_by_hand)
        w.status_view.refresh_requested.connect(self.refresh_status)
        w.status_view.mode_chosen.connect(self.staff.choose_mode)
        w.status_view.rejected_acknowledged.connect(self.network.acknowledge_requested)
        w.setup_view.setup_entered.connect(lambda offer: self.dispatch(self.flow.setup_entered(offer)))
        w.confirm_view.confirmed.connect(self._confirm_setup)
        w.confirm_view.cancelled.connect(self._cancel_setup)
        w.result_dismissed.connect(self._dismiss_result)
        w.result_typed.connect(self._typed_on_result)
        w.compact_result.clicked.connect(self._dismiss_compact)
        for view in (w.search_view, w.status_view, w.host_view, w.setup_view):
            view.closed.connect(lambda: self.staff.open_panel(None))

    # --- lifecycle ----------------------------------------------------------------
    def start(self) -> None:
        """Open the camera, point the network worker at the host (or start hosting), show the window."""
        QApplication.instance().installEventFilter(self.wedge)
        self.camera.start(self.camera_spec, loop=self.options.camera_loop)
        self.window.status_view.set_show_info(self.settings.show_info)
        self.window.status_view.set_mode(self.settings.offline_mode)
        self.window.privacy_action.setChecked(self.settings.privacy)
        if self.flow.configured:
            self.network.configure_requested.emit(StationSetup(
                self.options.server_url, self.options.key, self.settings.allow_search, self.settings.show_info,
                "command line", cert_sha256=self.options.cert_sha256))
        if self.options.host:
            self.host.start(demo=self.options.demo)
        self.staff.update_station_label()
        self.render()
        if self.options.fullscreen:
            self.window.show_full_screen()
        else:
            self.window.show_maximized()

    def shutdown(self, network_wait_ms: int = 15_000) -> None:
        """Stop timers and threads (cooperatively, waiting for each) and flush the journal. Idempotent.

        ``network_wait_ms``: how long to wait for a request to the host that is under way. A host
        that accepts connections but never answers can hold one for two read timeouts; a process
        that must end promptly (SIGTERM) waits less and then leaves it (``threads_left_running``).
        """
        if self._stopped:
            return
        self._stopped = True
        # Every wait below is bounded; should the whole still take this long, the stacks of all
        # threads go to stderr, so a stuck shutdown says where it is stuck.
        faulthandler.dump_traceback_later(SHUTDOWN_STACKS_AFTER_S, exit=False)
        self._ticker.stop()
        self._status_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
        self.camera.stop()
        self.host.pretix.begin_stop()  # ends beside the network thread: both waits overlap
        if not self.network.stop(network_wait_ms):
            # Nothing is lost by not waiting: an admission is on disk before it shows, an upload is
            # sent again with the same nonce at the next start, and the journal is closed below.
            log.warning("a request to the host is still unanswered after %.0f s: ending without it",
                        network_wait_ms / 1000)
            self.threads_left_running = True
        if not self.host.stop():
            self.threads_left_running = True  # the caller ends the process without waiting for it
        self.journal.close()
        self.window.allow_close = True
        self.window.close()
        log.info("station stopped: %d scans journaled", self.journal.submitted)
        faulthandler.cancel_dump_traceback_later()

    # --- scans ---------------------------------------------------------------------
    def code_read(self, text: str, t_captured: float, t_decoded: float, source: str = "camera") -> None:
        """A code came from the camera (or the wedge scanner): a ticket, a station setup code or a pretix device code."""
        code = classify(text)
        if isinstance(code, StationSetup):
            self.dispatch(self.flow.setup_scanned(code))
        elif isinstance(code, InvalidSetupCode):
            self.unusable_setup_code(code.reason)
        elif isinstance(code, PretixDeviceCode):
            self.pretix_device_code(code)
        elif code.secret:
            self.dispatch(self.flow.ticket_scanned(Scan(code.secret, source, t_captured, t_decoded)))

    def unusable_setup_code(self, reason: str) -> None:
        """A setup code that cannot be used: say why. Never redeemed, never journaled (it may carry a key)."""
        log.warning("unusable station setup code scanned: %s", reason)
        self._notice("unusable_setup_code",
                     translate("Setup", "Nothing was changed. {reason}").format(reason=shown(reason)),
                     translate("Setup", "This setup code cannot be used. {reason}").format(reason=shown(reason)))

    def pretix_device_code(self, code: PretixDeviceCode) -> None:
        """A pretix device code: never redeemed, journaled or queued (it carries a device token).

        At the host: staff (after the PIN in kiosk mode) see the host panel offering to connect
        to it. At any other station: it says where to scan it.
        """
        log.info("pretix device code scanned (pretix at %s)", code.url)  # never the token
        if not self.host.active:
            elsewhere = translate("Station", PRETIX_CODE_ELSEWHERE)
            self._notice("pretix_device_code", elsewhere, elsewhere)
            return
        if self.flow.screen is Screen.HOST:
            self.host.pretix.offer_code(code)
            return
        self.staff.open_panel(Screen.HOST, then=lambda: self.host.pretix.offer_code(code),
                              prompt=translate("Staff", "Staff PIN to connect this host to pretix:"))

    def _notice(self, reason: str, message: str, setup_message: str) -> None:
        """Show something that is not a check-in as a result (or on the setup screen's message line)."""
        notice = SimpleNamespace(status="error", reason=reason, data=None, mode=None, message=message)
        self.flow.dialog_open = self._dialog_open()
        where = self.flow.notice(notice, time.time())
        if where == FULL:
            self._show_result(play=True)
        elif where == COMPACT:
            self._show_compact(play=True)
        else:
            self.window.setup_view.show_message(setup_message, error=True)
        self.render()

    def code_typed(self, text: str, t_first_key: float) -> None:
        """The keyboard-wedge scanner typed a code."""
        self.code_read(text, t_first_key, time.time(), source="keyboard")

    def redeem_by_hand(self, secret: str) -> None:
        """Staff confirmed a search result."""
        now = time.time()
        self.dispatch(self.flow.ticket_scanned(Scan(secret, "manual", now, now)))

    def redeem_finished(self, scan: Scan, outcome: Any) -> None:
        """The network worker answered a redeem."""
        self.flow.dialog_open = self._dialog_open()
        self.dispatch(self.flow.redeem_finished(scan, outcome, time.time()))

    @staticmethod
    def _dialog_open() -> bool:
        """A staff dialog (settings, PIN, "Check in this ticket?", a file chooser) is up: results stay compact."""
        return QApplication.activeModalWidget() is not None

    def connection_tested(self, offer: StationSetup, ok: bool, message: str) -> None:
        """The connection test of a setup came back."""
        if self.flow.offer != offer:
            return
        if not ok and offer.origin == "host":
            message = translate("Setup", "This station could not reach its own host server: {message}").format(
                message=message)
        self.dispatch(self.flow.connection_tested(ok, message, time.time()))

    def gate_state_changed(self, state: Any, rejected: list) -> None:
        """New offline/online snapshot from the worker."""
        self.window.banner.show_state(state)
        self.window.status_view.set_mode(state.mode)
        self.window.status_view.set_rejected(rejected)
        back_online = self.gate_state is not None and self.gate_state.is_offline and not state.is_offline
        self.gate_state = state
        if back_online and self.flow.screen is Screen.STATUS:
            self.refresh_status()  # counts from the host now, not the copy

    # --- effects -------------------------------------------------------------------
    def dispatch(self, effects: list[object]) -> None:
        """Carry out what the state machine asked for, then render."""
        for effect in effects:
            if isinstance(effect, SendRedeem):
                self.network.redeem_requested.emit(effect.scan)
            elif isinstance(effect, CheckConnection):
                self.network.test_requested.emit(effect.offer)
            elif isinstance(effect, ApplySetup):
                self._apply_setup(effect.offer)
            elif isinstance(effect, ShowResult):
                t_shown = None
                if effect.where == FULL:
                    t_shown = self._show_result(play=True)
                elif effect.where == COMPACT:
                    t_shown = self._show_compact(play=True)
                self._journal(effect.scan, effect.outcome, t_shown)
                self.window.search_view.ticket_redeemed(effect.scan.secret, effect.outcome)
        self.render()

    def _apply_setup(self, offer: StationSetup) -> None:
        self.settings["server_url"] = offer.url
        self.settings["cert_sha256"] = offer.cert_sha256
        self.settings["allow_search"] = offer.allow_search
        self.settings["show_info"] = offer.show_info
        if offer.event:
            self.settings["event"] = offer.event
        if offer.name:
            self.settings["station_name"] = offer.name  # the name the host gave it, not the computer's
        self.settings.set_key(offer.key)
        self.settings.save()
        self.network.configure_requested.emit(offer)
        self.window.status_view.set_show_info(offer.show_info)
        self.staff.update_station_label()
        log.info("station set up for %s (%s)", offer.url, offer.origin)

    def _show_result(self, play: bool) -> float:
        result = self.flow.result
        info = present(result.outcome, self.settings.privacy)
        view = self.window.result_view
        view.show_result(info)
        view.set_countdown(self.flow.countdown_text(time.time()))
        self.window.show_screen(Screen.RESULT)
        view.repaint()  # painted now, so t_shown is when it really was on screen
        t_shown = time.time()
        if play:
            self.sounds.play(info.sound)  # after the picture: starting a sound must not delay it
        self.result_shown.emit(info)
        return t_shown

    def _show_compact(self, play: bool) -> float:
        """The scan's result in the strip at the top of the panel (staff keep their page, text and focus)."""
        shown = self.flow.compact
        info = present(shown.outcome, self.settings.privacy)
        strip = self.window.compact_result
        strip.show_result(info, shown.scan.source)
        strip.setVisible(True)
        strip.repaint()
        t_shown = time.time()
        if play:
            self.sounds.play(info.sound)
        self.result_shown.emit(info)
        return t_shown

    def _journal(self, scan: Scan, outcome: Any, t_shown: float | None) -> None:
        self.journal.write(journal_entry(scan, outcome, self.settings.station_name, t_shown))

    # --- staff and hosting ------------------------------------------------------------
    def open_panel(self, panel: Screen | None) -> None:
        """Show the panel staff chose (they gave the PIN if one was asked), or close the open one (None)."""
        if panel is None:
            self.flow.close_panel()
            self.render()
            return
        self.flow.open_panel(panel)
        self.render()
        if panel is Screen.STATUS:
            self.refresh_status()
        elif panel is Screen.HOST:
            self.host.refresh()

    def set_up_again(self) -> None:
        """Staff chose "Set up again" in the settings: the setup screen (Esc or its back button returns)."""
        self.flow.set_up_again()
        self.render()

    def use_staff_settings(self) -> None:
        """Staff saved new settings: the next result stays as long, and sounds, as they now say."""
        self.flow.result_seconds = self.settings.result_seconds
        self.sounds.enabled = self.settings.sound
        self.host.pretix.set_interval(self.settings.sync_interval)

    def _sound_changed(self) -> None:
        """The "sound off" mark on the scanning screen says whether results can be heard."""
        self.window.scan_view.set_sound_off(self.sounds.silent_reason)

    def show_result_again(self, _hidden: bool) -> None:
        """Names were hidden or shown: the result on screen shows them as the setting now says."""
        if self.flow.screen is Screen.RESULT and self.flow.result is not None:
            self._show_result(play=False)
        if self.flow.compact is not None:
            self._show_compact(play=False)

    def show_hosting(self, show_panel: bool) -> None:
        """The station began hosting: the staff bar says so; staff who asked for it see the host panel."""
        self.staff.update_station_label()
        if show_panel:
            self.flow.open_panel(Screen.HOST)
            self.render()

    # --- rendering and time --------------------------------------------------------
    def end_starting(self) -> None:
        """The demo's "Starting this check-in station…" is over: the setup screen offers its choices again."""
        if self.window.setup_view.starting:
            self.window.setup_view.set_starting("")
            self.staff.update_station_label()

    def render(self) -> None:
        """Make the window show the flow's screen and state."""
        w, flow = self.window, self.flow
        w.show_screen(flow.screen)
        w.compact_result.setVisible(flow.compact is not None)
        w.scan_view.set_busy(flow.busy)
        if flow.screen is Screen.CONFIRM_SETUP and flow.offer is not None:
            w.confirm_view.show_offer(flow.offer, flow.setup_phase, flow.setup_message, bool(self.settings.staff_pin))
        if flow.configured or flow.setup_phase == "failed":
            self.end_starting()  # set up, or staff must see the choices and what went wrong
        w.setup_view.set_configured(flow.configured)
        if flow.screen is Screen.SETUP and not w.setup_view.starting:
            if flow.setup_phase == "testing":
                w.setup_view.show_message(translate("Setup", "Testing the connection to {url} …").format(url=flow.offer.url))
            elif flow.setup_phase == "failed":
                w.setup_view.show_message(translate("Setup", "{problem} Nothing was saved.").format(
                    problem=shown(flow.setup_message)), error=True)
        if flow.ticking:
            if not self._ticker.isActive():
                self._ticker.start()
        else:
            self._ticker.stop()
        if flow.screen is Screen.STATUS:
            self._status_timer.start()
        else:
            self._status_timer.stop()

    def _tick(self) -> None:
        now = time.time()
        if self.flow.tick(now):
            self.render()
        self.window.result_view.set_countdown(self.flow.countdown_text(now))

    def _dismiss_result(self) -> None:
        self.flow.dismiss_result()
        self.render()

    def _dismiss_compact(self) -> None:
        self.flow.dismiss_compact()
        self.render()

    def _typed_on_result(self) -> None:
        if self.flow.typed_on_result():
            self.render()  # the window hands the keys to the search box

    def _confirm_setup(self) -> None:
        with_staff_pin(self.window, bool(self.settings.staff_pin), self.staff.pin_guard,
                       translate("Staff", "Staff PIN to set this station up:"), lambda: self.dispatch(self.flow.setup_confirmed()))

    def _cancel_setup(self) -> None:
        self.flow.setup_cancelled()
        self.render()

    def refresh_status(self) -> None:
        """Ask for fresh check-in counts (status panel open, or every 30 s while it is)."""
        if self.settings.show_info:
            self.network.status_requested.emit()
