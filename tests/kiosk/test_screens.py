"""The station's screen state machine, presentation rules and wedge detector (pure, no Qt)."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

from kiosk.codes import StationSetup
from kiosk.keywedge import KeyBurstDetector
from kiosk.presenting import (
    HIDDEN_NAME,
    journal_entry,
    offline_banner,
    outcome_kind,
    present,
    search_row,
    status_lines,
)
from kiosk.screens import (
    ApplySetup,
    CheckConnection,
    Scan,
    Screen,
    SendRedeem,
    ShowResult,
    StationFlow,
)


def scan(secret: str, t: float = 100.0, source: str = "camera") -> Scan:
    return Scan(secret, source, t, t + 0.01)


def outcome(status="ok", reason=None, mode="online", **data):
    ticket = {"secret": "S", "order": "ABC12", "item": "Ticket", "variation": None,
              "attendee_name": "Ada Lovelace", "attention": False, "addons_text": "", **data}
    return SimpleNamespace(status=status, reason=reason, data=ticket, mode=mode, nonce="n1",
                           t_sent=1.0, t_answered=2.0, message=None)


OFFER = StationSetup("http://127.0.0.1:8000/pretixdroid/api/demo/democon/", "k" * 32)


def test_pure_modules_do_not_load_qt():
    code = ("import sys, kiosk.screens, kiosk.presenting, kiosk.keywedge; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


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


def test_outcome_kinds_and_words():
    assert outcome_kind(outcome()) == "valid"
    assert present(outcome("error", "already_redeemed")).look.word == "ALREADY USED"
    assert present(outcome("error", "unpaid")).look.word == "UNPAID"
    assert present(outcome("error", "unknown_ticket")).look.word == "UNKNOWN TICKET"
    assert present(outcome("error", "product")).look.word == "WRONG PRODUCT"
    problem = SimpleNamespace(status="failed", reason=None, data=None, mode="online", message="Key revoked")
    assert present(problem).look.word == "NOT CHECKED" and present(problem).note == "Key revoked"


def test_every_outcome_has_its_own_icon_shape():
    shapes = {present(outcome(s, r)).look.icon for s, r in [
        ("ok", None), ("error", "already_redeemed"), ("error", "unpaid"),
        ("error", "unknown_ticket"), ("error", "product")]}
    assert len(shapes) == 5


def test_privacy_hides_the_name():
    assert present(outcome(), privacy=True).name == HIDDEN_NAME
    assert present(outcome()).name == "Ada Lovelace"


def test_attention_ticket_gets_the_attention_sound_and_banner():
    info = present(outcome(attention=True))
    assert info.attention and info.sound == "attention"
    assert present(outcome()).sound == "valid"
    assert present(outcome("error", "unpaid")).sound == "error"


def test_offline_decisions_say_so():
    assert present(outcome(mode="offline")).note == "Checked offline"
    assert "offline copy" in present(outcome("error", "unknown_ticket", mode="offline")).note
    assert present(outcome()).note == ""


def test_offline_banner_shows_age_and_queue():
    assert offline_banner(False, 10, 0) == ""
    text = offline_banner(True, 300, 2)
    assert "OFFLINE" in text and "5 min" in text and "2 check-ins" in text
    assert "forced" in offline_banner(True, None, 1, mode="offline")


def test_journal_entry_has_all_timestamps():
    s = scan("T1")
    entry = journal_entry(s, outcome(), "Entrance A", t_shown=5.0)
    for key in ("secret", "status", "reason", "mode", "nonce", "station",
                "t_captured", "t_decoded", "t_sent", "t_answered", "t_shown"):
        assert key in entry
    assert entry["t_shown"] == 5.0 and entry["secret"] == "T1"


def test_search_rows_say_checked_in_unpaid_or_not_yet():
    assert search_row({"redeemed": True, "paid": True}).state == "CHECKED IN"
    assert search_row({"redeemed": False, "paid": False, "checkin_allowed": False}).state == "UNPAID"
    assert search_row({"redeemed": False, "paid": True}).state == "NOT CHECKED IN"


def test_status_lines_list_products_and_variations():
    title, overall, rows = status_lines({
        "checkins": 3, "total": 10, "event": {"name": "DemoCon", "list": "Entrance"},
        "items": [{"name": "Shirt", "checkins": 1, "total": 2,
                   "variations": [{"name": "Red", "checkins": 1, "total": 1}]}]})
    assert "DemoCon" in title and overall == "3 of 10 checked in"
    assert rows[0] == ("Shirt", "1 / 2") and rows[1][0].strip() == "Red"


@pytest.mark.parametrize("gap, expected", [(0.01, "ABCDE"), (0.2, None)])
def test_fast_burst_with_enter_is_a_scan_slow_typing_is_not(gap, expected):
    det = KeyBurstDetector()
    t = 0.0
    for ch in "ABCDE":
        det.typed(ch, t)
        t += gap
    assert det.enter(t - gap + 0.01) == expected


def test_short_burst_is_not_a_scan():
    det = KeyBurstDetector(min_chars=4)
    for i, ch in enumerate("abc"):
        det.typed(ch, i * 0.01)
    assert det.enter(0.03) is None
