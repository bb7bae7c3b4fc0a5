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
* a station setup code is never redeemed as a ticket: it opens a confirmation,
  then a connection test, and only a passed test applies it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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
    """A redeem came back: if ``shown``, it replaced the screen (play its sound); journal it."""

    scan: Scan
    outcome: Any
    shown: bool = True


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
    pending: Scan | None = None
    result: ShownResult | None = None
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
        if self.screen is Screen.CONFIRM_SETUP:
            return []
        if self.in_flight is not None:
            if scan.secret != self.in_flight.secret:
                self.pending = scan
            return []
        self.in_flight = scan
        return [SendRedeem(scan)]

    def redeem_finished(self, scan: Scan, outcome: Any, now: float) -> list[object]:
        """The host (or the offline copy) decided: show it, then send the waiting scan if any."""
        effects: list[object] = []
        if self.in_flight is not None and self.in_flight == scan:
            self.in_flight = None
        if self.screen is not Screen.CONFIRM_SETUP and self.screen is not Screen.SETUP:
            if self.screen is not Screen.RESULT:
                self.back_to = self.screen
            self.result = ShownResult(scan, outcome, now + self.result_seconds)
            self._go(Screen.RESULT)
            effects.append(ShowResult(scan, outcome))
        else:  # staff are busy with a setup code: keep their screen, still journal the attempt
            effects.append(ShowResult(scan, outcome, shown=False))
        if self.in_flight is None and self.pending is not None:
            nxt, self.pending = self.pending, None
            self.in_flight = nxt
            effects.append(SendRedeem(nxt))
        return effects

    def notice(self, outcome: Any, now: float) -> bool:
        """Show something that is not a check-in (e.g. an unusable setup code) the way results are shown.

        False on the setup screens, which say it in their own message line instead.
        """
        if self.screen in (Screen.SETUP, Screen.CONFIRM_SETUP):
            return False
        if self.screen is not Screen.RESULT:
            self.back_to = self.screen
        self.result = ShownResult(Scan("", "notice", now, now), outcome, now + self.result_seconds)
        self._go(Screen.RESULT)
        return True

    def seconds_left(self, now: float) -> int:
        """Whole seconds until the result goes away (for the countdown)."""
        if self.result is None or self.screen is not Screen.RESULT:
            return 0
        return max(0, math.ceil(self.result.deadline - now - 1e-9))

    def tick(self, now: float) -> bool:
        """Time passed: leave an expired result. True if the screen changed."""
        if self.screen is Screen.RESULT and self.result is not None and now >= self.result.deadline:
            self._go(self.back_to)
            return True
        return False

    def dismiss_result(self) -> None:
        """Staff (or a key press) sends the result away before its time."""
        if self.screen is Screen.RESULT:
            self._go(self.back_to)

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
