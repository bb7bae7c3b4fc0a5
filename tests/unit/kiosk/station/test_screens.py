"""The station's screen state machine: setup, scans, one redeem in flight, result countdown (pure, no Qt)."""

from __future__ import annotations

from kiosk.scanning.codes import StationSetup
from kiosk.station.screens import (
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
    assert flow.ticket_scanned(scan("T1")) == []  # no ticket redeemed while staff decide
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
