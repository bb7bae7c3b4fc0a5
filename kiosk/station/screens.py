"""The station's screen state machine (pure: imports no Qt).

The GUI feeds it events (a code was scanned, a redeem finished, a second went
by, staff opened a panel) and renders whatever it says; the few things the GUI
must *do* in response come back as effects (send this redeem, test this setup).
So every rule about what the station shows when can be tested in milliseconds.

Rules pinned here:

* one redeem in flight at a time; scans that arrive meanwhile are not dropped:
  the latest one waits and is sent as soon as the station is free (the camera's
  debouncer will not release a code still in view again for a while, so a
  dropped scan would look like a dead station). A repeat of the code already in
  flight is the same attempt and is ignored;
* a result replaces the previous one at once and goes back, after
  ``result_seconds``, to the screen it interrupted;
* scans never fight the staff: while a staff panel (search, status, host), a
  staff dialog (``dialog_open``: settings, PIN, "Check in this ticket?") or a
  setup confirmation is up, a scan is still redeemed but its result is shown
  *compactly* (a strip at the top of the panel, ``compact``), never taking the
  window; the full result screen is for when no panel is open;
* a result staff caused (a check-in by hand from search) fills the window and
  goes back to search; a camera or scanner result that arrives while it shows
  is shown compactly at once, above it, and never replaces it. A check-in by
  hand waiting behind a redeem in flight is never dropped for a later scan;
* a station setup code is never redeemed as a ticket: it opens a confirmation,
  then a connection test, and only a passed test applies it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.i18n import QT_TRANSLATE_NOOP, translate
from kiosk.scanning.codes import StationSetup


class Screen(StrEnum):
    """What fills the window."""

    SETUP = "setup"
    SCANNING = "scanning"
    RESULT = "result"
    CONFIRM_SETUP = "confirm_setup"
    SEARCH = "search"
    STATUS = "status"
    HOST = "host"


PANELS = (Screen.SEARCH, Screen.STATUS, Screen.HOST)
HELD_SCAN_SECONDS = 3.0
STAFF = "manual"  # the Scan.source of a check-in staff made by hand

# Where a result goes (ShowResult.where).
FULL, COMPACT, JOURNAL_ONLY = "full", "compact", ""

# Where the result screen goes back to, for its countdown ("Back to search in 3 s"); %n is the seconds.
BACK_TO_WORDS = {Screen.SCANNING: QT_TRANSLATE_NOOP("Countdown", "Back to scanning in %n s"),
                 Screen.SEARCH: QT_TRANSLATE_NOOP("Countdown", "Back to search in %n s"),
                 Screen.STATUS: QT_TRANSLATE_NOOP("Countdown", "Back to status in %n s"),
                 Screen.HOST: QT_TRANSLATE_NOOP("Countdown", "Back to the host panel in %n s"),
                 Screen.SETUP: QT_TRANSLATE_NOOP("Countdown", "Back to setup in %n s")}


@dataclass(frozen=True)
class Scan:
    """One attempt to check a ticket in: where it came from and when."""

    secret: str
    source: str  # "camera", "keyboard" (wedge scanner) or "manual" (staff search)
    t_captured: float
    t_decoded: float


# Effects: what the GUI has to do after an event.
@dataclass(frozen=True)
class SendRedeem:
    """Send this scan to the network worker."""

    scan: Scan


@dataclass(frozen=True)
class CheckConnection:
    """Run a status call against this configuration (on the worker)."""

    offer: StationSetup


@dataclass(frozen=True)
class ApplySetup:
    """The test passed: reconfigure the worker and save the settings."""

    offer: StationSetup


@dataclass(frozen=True)
class ShowResult:
    """A redeem came back: show it ``where`` says (FULL: the result screen; COMPACT: the strip in the panel;
    JOURNAL_ONLY: not at all), play its sound if shown, journal it."""

    scan: Scan
    outcome: Any
    where: str = FULL

    @property
    def shown(self) -> bool:
        """It is on screen (full or compact): play its sound."""
        return self.where != JOURNAL_ONLY


@dataclass
class ShownResult:
    """The result on screen and when it goes away."""

    scan: Scan
    outcome: Any
    deadline: float


@dataclass
class StationFlow:
    """The station's screens and redeem pipeline (see the module docstring)."""

    configured: bool
    result_seconds: float = 5.0
    screen: Screen = Screen.SCANNING
    back_to: Screen = Screen.SCANNING
    in_flight: Scan | None = None
    pending: Scan | None = None  # the latest scan waiting for the one in flight
    pending_staff: Scan | None = None  # a check-in by hand waiting (sent before ``pending``)
    result: ShownResult | None = None  # on the result screen
    compact: ShownResult | None = None  # in the strip at the top of the panel
    dialog_open: bool = False  # a staff dialog is up (the GUI says so before each event)
    offer: StationSetup | None = None
    setup_phase: str = ""  # "", "confirm", "testing", "failed"
    setup_message: str = ""
    history: list[Screen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.screen = Screen.SCANNING if self.configured else Screen.SETUP
        self.history = [self.screen]

    # --- scanning and redeeming ------------------------------------------------
    @property
    def busy(self) -> bool:
        """A redeem is on its way to the host."""
        return self.in_flight is not None

    def ticket_scanned(self, scan: Scan) -> list[object]:
        """A ticket code was read (camera, wedge scanner or staff): redeem it now or when free."""
        if not self.configured:
            self.pending = scan  # redeemed if the station is set up within HELD_SCAN_SECONDS
            return []
        if self.in_flight is not None:
            if scan.secret != self.in_flight.secret:
                if scan.source == STAFF:
                    self.pending_staff = scan  # staff confirmed it: never dropped for a later scan
                else:
                    self.pending = scan
            return []
        self.in_flight = scan
        return [SendRedeem(scan)]

    def redeem_finished(self, scan: Scan, outcome: Any, now: float) -> list[object]:
        """The host (or the offline copy) decided: show it (full or compact), then send the waiting scan if any."""
        effects: list[object] = []
        if self.in_flight is not None and self.in_flight == scan:
            self.in_flight = None
        effects.append(self._show(scan, outcome, now))
        if self.in_flight is None and (self.pending_staff or self.pending) is not None:
            if self.pending_staff is not None:
                nxt, self.pending_staff = self.pending_staff, None
            else:
                nxt, self.pending = self.pending, None
            self.in_flight = nxt
            effects.append(SendRedeem(nxt))
        return effects

    def placement(self, scan: Scan) -> str:
        """Where a result for ``scan`` would go now: FULL, COMPACT or JOURNAL_ONLY (see the module docstring)."""
        if self.screen is Screen.SETUP:
            # Set up, and staff chose "Set up again": a guest's ticket is still shown, compactly.
            return COMPACT if self.configured else JOURNAL_ONLY  # not set up: nothing to show it against
        if self.dialog_open or self.screen is Screen.CONFIRM_SETUP:
            return COMPACT
        by_staff = scan.source == STAFF
        if self.screen in PANELS:
            return FULL if by_staff else COMPACT
        if (self.screen is Screen.RESULT and not by_staff and self.result is not None
                and self.result.scan.source == STAFF):
            return COMPACT  # never replaces the result staff caused while it shows
        return FULL

    def _show(self, scan: Scan, outcome: Any, now: float) -> ShowResult:
        where = self.placement(scan)
        shown = ShownResult(scan, outcome, now + self.result_seconds)
        if where == FULL:
            if self.screen is not Screen.RESULT:
                self.back_to = self.screen
            if scan.source != STAFF:
                self.compact = None  # the newest guest's result is the big one now
            self.result = shown
            self._go(Screen.RESULT)
        elif where == COMPACT:
            self.compact = shown
        return ShowResult(scan, outcome, where)

    def notice(self, outcome: Any, now: float) -> str:
        """Show something that is not a check-in (e.g. an unusable setup code) the way a scan's result is shown.

        Returns where it went (FULL, COMPACT); JOURNAL_ONLY on the setup screen, which says it in its own
        message line instead.
        """
        return self._show(Scan("", "notice", now, now), outcome, now).where

    def seconds_left(self, now: float) -> int:
        """Whole seconds until the result goes away (for the countdown)."""
        if self.result is None or self.screen is not Screen.RESULT:
            return 0
        return max(0, math.ceil(self.result.deadline - now - 1e-9))

    def countdown_text(self, now: float) -> str:
        """The result screen's countdown, naming where it goes back to ("Back to search in 3 s")."""
        seconds = self.seconds_left(now)
        if seconds <= 0:
            return ""
        words = BACK_TO_WORDS.get(self.back_to, BACK_TO_WORDS[Screen.SCANNING])
        return translate("Countdown", words).replace("%n", str(seconds))

    @property
    def ticking(self) -> bool:
        """Something on screen goes away by itself (the result screen or a compact result)."""
        return self.screen is Screen.RESULT or self.compact is not None

    def tick(self, now: float) -> bool:
        """Time passed: leave an expired result, drop an expired compact one. True if anything changed."""
        changed = False
        if self.compact is not None and now >= self.compact.deadline:
            self.compact = None
            changed = True
        if self.screen is Screen.RESULT and self.result is not None and now >= self.result.deadline:
            self._go(self.back_to)
            changed = True
        return changed

    def dismiss_result(self) -> None:
        """Staff (or a key press) sends the result away before its time."""
        if self.screen is Screen.RESULT:
            self._go(self.back_to)

    def dismiss_compact(self) -> None:
        """Staff sent the compact result away (clicked it)."""
        self.compact = None

    def typed_on_result(self) -> bool:
        """Staff typed on a result that interrupted search: back to search at once (the keys belong there).

        False (the keys are not for anyone) on a result over any other screen.
        """
        if self.screen is Screen.RESULT and self.back_to is Screen.SEARCH:
            self._go(Screen.SEARCH)
            return True
        return False

    # --- staff panels ----------------------------------------------------------
    def open_panel(self, panel: Screen) -> None:
        """Show search, status or host (staff)."""
        if panel not in PANELS:
            raise ValueError(f"{panel} is not a panel")
        self._go(panel)

    def close_panel(self) -> None:
        """Back to scanning (or to setup on a station that has none yet)."""
        self.back_to = Screen.SCANNING
        self._go(Screen.SCANNING if self.configured else Screen.SETUP)

    # --- station setup ---------------------------------------------------------
    def set_up_again(self) -> None:
        """Staff chose "Set up again" (settings): the setup screen, left again with Esc until a new setup applies."""
        if self.screen is Screen.SETUP or self.setup_phase == "testing":
            return
        self.back_to = Screen.SCANNING
        self._go(Screen.SETUP)

    def setup_scanned(self, offer: StationSetup) -> list[object]:
        """A setup code was read: ask staff to confirm (never sent as a ticket)."""
        if self.screen is Screen.CONFIRM_SETUP or self.setup_phase == "testing":
            return []
        if self.screen is not Screen.RESULT and self.screen is not Screen.SETUP:
            self.back_to = self.screen
        elif self.screen is Screen.RESULT:
            pass  # back_to already names the screen the result interrupted
        self.offer = offer
        self.setup_phase = "confirm"
        self.setup_message = ""
        self._go(Screen.CONFIRM_SETUP)
        return []

    def setup_confirmed(self) -> list[object]:
        """Staff confirmed the scanned setup: test it."""
        if self.offer is None or self.setup_phase not in ("confirm", "failed"):
            return []
        self.setup_phase = "testing"
        self.setup_message = ""
        return [CheckConnection(self.offer)]

    def setup_entered(self, offer: StationSetup) -> list[object]:
        """Staff typed or pasted a setup (or chose hosting): test it before saving."""
        if self.setup_phase == "testing":
            return []
        self.offer = offer
        self.setup_phase = "testing"
        self.setup_message = ""
        return [CheckConnection(offer)]

    def setup_cancelled(self) -> None:
        """Staff declined the offered setup: back to what the station was doing."""
        self.offer = None
        self.setup_phase = ""
        self.setup_message = ""
        if self.screen is Screen.CONFIRM_SETUP:
            self._go(self.back_to if self.configured else Screen.SETUP)

    def connection_tested(self, ok: bool, message: str = "", now: float | None = None) -> list[object]:
        """The connection test came back: apply the setup, or say what went wrong."""
        if self.offer is None or self.setup_phase != "testing":
            return []
        if not ok:
            self.setup_phase = "failed"
            self.setup_message = message
            return []
        offer = self.offer
        held = self.pending if not self.configured else None
        self.offer = None
        self.setup_phase = ""
        self.setup_message = message
        self.configured = True
        self.in_flight = None
        self.pending = None
        self.pending_staff = None
        self.back_to = Screen.SCANNING
        if self.screen not in PANELS:  # staff busy in a panel (e.g. importing on the host panel) stay there
            self._go(Screen.SCANNING)
        effects: list[object] = [ApplySetup(offer)]
        if held is not None and now is not None and now - held.t_decoded <= HELD_SCAN_SECONDS:
            # A ticket shown while the station was still being set up (e.g. the first seconds of
            # --demo): the debouncer will not release it again while it stays in view.
            self.in_flight = held
            effects.append(SendRedeem(held))
        return effects

    # --- internals -------------------------------------------------------------
    def _go(self, screen: Screen) -> None:
        if screen is Screen.RESULT and self.screen is Screen.RESULT:
            self.history.append(screen)  # a new result replacing the previous one
            return
        if screen is not self.screen:
            self.screen = screen
            self.history.append(screen)
