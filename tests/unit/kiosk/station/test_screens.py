"""The station's screen state machine: setup, scans, one redeem in flight, result countdown (pure, no Qt)."""

from __future__ import annotations

from kiosk.scanning.codes import StationSetup
from kiosk.station.screens import (
    COMPACT,
    FULL,
    JOURNAL_ONLY,
    ApplySetup,
    CheckConnection,
    Screen,
    SendRedeem,
    ShowResult,
    StationFlow,
)
from tests.support.scans import outcome, scan

OFFER = StationSetup("http://127.0.0.1:8000/pretixdroid/api/demo/democon/", "k" * 32)


def test_unconfigured_station_starts_on_setup_and_ignores_tickets():
    flow = StationFlow(configured=False)
    assert flow.screen is Screen.SETUP
    assert flow.ticket_scanned(scan("T1")) == []
    assert flow.screen is Screen.SETUP


def test_ticket_shown_while_being_set_up_is_redeemed_once_set_up_if_recent():
    flow = StationFlow(configured=False)
    flow.ticket_scanned(scan("T1", t=100.0))
    flow.setup_entered(OFFER)
    effects = flow.connection_tested(True, now=101.0)
    assert effects[-1] == SendRedeem(scan("T1", t=100.0)) and flow.busy
    stale = StationFlow(configured=False)
    stale.ticket_scanned(scan("T1", t=100.0))
    stale.setup_entered(OFFER)
    assert not any(isinstance(e, SendRedeem) for e in stale.connection_tested(True, now=110.0))


def test_scan_sends_one_redeem_and_shows_its_result():
    flow = StationFlow(configured=True, result_seconds=3)
    s = scan("T1")
    assert flow.ticket_scanned(s) == [SendRedeem(s)]
    assert flow.busy
    effects = flow.redeem_finished(s, outcome(), now=10.0)
    assert effects == [ShowResult(s, effects[0].outcome)]
    assert flow.screen is Screen.RESULT and not flow.busy


def test_scans_while_busy_keep_only_the_latest_and_send_it_when_free():
    flow = StationFlow(configured=True)
    first, second, third = scan("T1"), scan("T2"), scan("T3")
    flow.ticket_scanned(first)
    assert flow.ticket_scanned(second) == []
    assert flow.ticket_scanned(third) == []
    effects = flow.redeem_finished(first, outcome(), now=1.0)
    assert SendRedeem(third) in effects and SendRedeem(second) not in effects
    assert flow.in_flight == third and flow.pending is None


def test_repeat_of_the_code_in_flight_is_the_same_attempt():
    flow = StationFlow(configured=True)
    flow.ticket_scanned(scan("T1"))
    flow.ticket_scanned(scan("T1", t=101))
    effects = flow.redeem_finished(flow.in_flight, outcome(), now=1.0)
    assert not any(isinstance(e, SendRedeem) for e in effects)


def test_result_counts_down_and_returns_to_scanning():
    flow = StationFlow(configured=True, result_seconds=3)
    s = scan("T1")
    flow.ticket_scanned(s)
    flow.redeem_finished(s, outcome(), now=10.0)
    assert flow.seconds_left(10.0) == 3
    assert flow.seconds_left(11.5) == 2
    assert not flow.tick(12.9)
    assert flow.tick(13.0)
    assert flow.screen is Screen.SCANNING


def test_next_result_replaces_the_previous_one_and_restarts_the_countdown():
    flow = StationFlow(configured=True, result_seconds=3)
    a, b = scan("A"), scan("B")
    flow.ticket_scanned(a)
    flow.redeem_finished(a, outcome(), now=10.0)
    flow.ticket_scanned(b)
    flow.redeem_finished(b, outcome("error", "already_redeemed"), now=12.0)
    assert flow.result.scan == b
    assert not flow.tick(14.0)
    assert flow.seconds_left(14.0) == 1


def test_result_over_the_search_panel_returns_to_search():
    flow = StationFlow(configured=True, result_seconds=1)
    flow.open_panel(Screen.SEARCH)
    s = scan("T1", source="manual")
    flow.ticket_scanned(s)
    flow.redeem_finished(s, outcome(), now=0.0)
    assert flow.screen is Screen.RESULT
    flow.tick(5.0)
    assert flow.screen is Screen.SEARCH


def test_scanned_setup_code_asks_for_confirmation_then_tests_then_applies():
    flow = StationFlow(configured=True)
    assert flow.setup_scanned(OFFER) == []
    assert flow.screen is Screen.CONFIRM_SETUP
    assert flow.setup_confirmed() == [CheckConnection(OFFER)]
    assert flow.setup_phase == "testing"
    assert flow.connection_tested(True) == [ApplySetup(OFFER)]
    assert flow.screen is Screen.SCANNING


def test_failed_connection_test_keeps_the_old_setup_and_says_why():
    flow = StationFlow(configured=True)
    flow.setup_scanned(OFFER)
    flow.setup_confirmed()
    assert flow.connection_tested(False, "The host does not answer.") == []
    assert flow.screen is Screen.CONFIRM_SETUP
    assert flow.setup_phase == "failed" and "does not answer" in flow.setup_message
    flow.setup_cancelled()
    assert flow.screen is Screen.SCANNING


def test_declined_setup_on_first_start_stays_on_setup():
    flow = StationFlow(configured=False)
    flow.setup_scanned(OFFER)
    flow.setup_cancelled()
    assert flow.screen is Screen.SETUP


def test_typed_setup_is_tested_without_confirmation_and_configures_the_station():
    flow = StationFlow(configured=False)
    offer = StationSetup(OFFER.url, OFFER.key, origin="typed")
    assert flow.setup_entered(offer) == [CheckConnection(offer)]
    assert flow.connection_tested(True) == [ApplySetup(offer)]
    assert flow.configured and flow.screen is Screen.SCANNING


def redeemed(flow: StationFlow, s, now: float, result=None) -> ShowResult:
    """Scan ``s`` and let its answer come back at ``now``: the ShowResult effect."""
    flow.ticket_scanned(s)
    return next(e for e in flow.redeem_finished(s, result or outcome(), now=now) if isinstance(e, ShowResult))


def test_camera_scan_while_a_panel_is_open_is_redeemed_but_shown_compactly_in_it():
    for panel in (Screen.SEARCH, Screen.STATUS, Screen.HOST):
        flow = StationFlow(configured=True, result_seconds=3)
        flow.open_panel(panel)
        shown = redeemed(flow, scan("T1"), now=10.0)
        assert shown.where == COMPACT and shown.shown
        assert flow.screen is panel and flow.compact.scan == scan("T1") and flow.result is None
        assert flow.ticking and not flow.tick(12.9) and flow.compact is not None
        assert flow.tick(13.0) and flow.compact is None and flow.screen is panel


def test_scan_while_a_staff_dialog_is_open_is_compact_even_over_the_scanning_screen():
    flow = StationFlow(configured=True)
    flow.dialog_open = True  # settings, PIN, "Check in this ticket?"
    assert redeemed(flow, scan("T1"), now=1.0).where == COMPACT
    assert flow.screen is Screen.SCANNING
    flow.dialog_open = False
    assert redeemed(flow, scan("T2"), now=2.0).where == FULL
    assert flow.screen is Screen.RESULT and flow.compact is None  # the newest guest's result is the big one


def test_scan_while_staff_confirm_a_setup_code_is_redeemed_and_compact():
    flow = StationFlow(configured=True)
    flow.setup_scanned(OFFER)
    assert flow.ticket_scanned(scan("T1")) == [SendRedeem(scan("T1"))]
    assert flow.redeem_finished(scan("T1"), outcome(), now=1.0)[0].where == COMPACT
    assert flow.screen is Screen.CONFIRM_SETUP


def test_check_in_by_hand_fills_the_window_and_goes_back_to_search():
    flow = StationFlow(configured=True, result_seconds=3)
    flow.open_panel(Screen.SEARCH)
    assert redeemed(flow, scan("T1", source="manual"), now=10.0).where == FULL
    assert flow.screen is Screen.RESULT and flow.back_to is Screen.SEARCH
    assert flow.countdown_text(10.0) == "Back to search in 3 s"
    flow.tick(13.0)
    assert flow.screen is Screen.SEARCH


def test_camera_result_right_after_a_check_in_by_hand_never_replaces_it():
    flow = StationFlow(configured=True, result_seconds=3)
    flow.open_panel(Screen.SEARCH)
    by_hand, camera = scan("FRANCOIS", source="manual"), scan("JUERGEN")
    flow.ticket_scanned(by_hand)
    flow.ticket_scanned(camera)  # waits for the check-in by hand
    effects = flow.redeem_finished(by_hand, outcome(), now=10.0)
    assert effects == [ShowResult(by_hand, effects[0].outcome, FULL), SendRedeem(camera)]
    effects = flow.redeem_finished(camera, outcome("error", "already_redeemed"), now=10.3)
    assert effects[0].where == COMPACT
    assert flow.screen is Screen.RESULT and flow.result.scan == by_hand and flow.compact.scan == camera
    assert flow.seconds_left(10.3) == 3 and not flow.tick(12.9)  # its countdown is not restarted either


def test_camera_result_over_a_camera_result_still_replaces_it():
    flow = StationFlow(configured=True)
    redeemed(flow, scan("A"), now=1.0)
    assert redeemed(flow, scan("B"), now=2.0).where == FULL and flow.result.scan == scan("B")


def test_check_in_by_hand_waiting_behind_a_scan_is_not_dropped_for_later_scans():
    flow = StationFlow(configured=True)
    flow.open_panel(Screen.SEARCH)
    first, by_hand, later = scan("CAM1"), scan("HAND", source="manual"), scan("CAM2")
    flow.ticket_scanned(first)
    flow.ticket_scanned(by_hand)
    flow.ticket_scanned(later)
    assert SendRedeem(by_hand) in flow.redeem_finished(first, outcome(), now=1.0)
    assert SendRedeem(later) in flow.redeem_finished(by_hand, outcome(), now=2.0)


def test_countdown_names_where_the_result_goes_back_to():
    flow = StationFlow(configured=True, result_seconds=3)
    redeemed(flow, scan("T1"), now=10.0)
    assert flow.countdown_text(10.0) == "Back to scanning in 3 s"
    assert flow.countdown_text(13.0) == ""


def test_typing_on_a_result_over_search_goes_back_to_search_at_once():
    flow = StationFlow(configured=True, result_seconds=5)
    flow.open_panel(Screen.SEARCH)
    redeemed(flow, scan("T1", source="manual"), now=1.0)
    assert flow.typed_on_result() and flow.screen is Screen.SEARCH
    over_scanning = StationFlow(configured=True)
    redeemed(over_scanning, scan("T1"), now=1.0)
    assert not over_scanning.typed_on_result() and over_scanning.screen is Screen.RESULT


def test_notice_goes_where_a_scan_would():
    flow = StationFlow(configured=True)
    flow.open_panel(Screen.STATUS)
    assert flow.notice(outcome("error", "unusable_setup_code"), now=1.0) == COMPACT
    flow.close_panel()
    assert flow.notice(outcome("error", "unusable_setup_code"), now=1.0) == FULL
    assert StationFlow(configured=False).notice(outcome(), now=1.0) == JOURNAL_ONLY
