"""What a result shows: word, icon, sound, banner, name or not; journal entries, search rows, status lines (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

from kiosk.station.presenting import (
    HIDDEN_NAME,
    MODE_LINES,
    OTHERS_HEADING,
    attention_banner,
    compact_details,
    compact_line,
    journal_entry,
    offline_banner,
    outcome_kind,
    present,
    search_row,
    status_lines,
    ticket_after_redeem,
)
from tests.support.scans import outcome, scan


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
    lines = status_lines({
        "checkins": 3, "total": 10, "event": {"name": "DemoCon", "list": "Entrance"},
        "items": [{"name": "Shirt", "checkins": 1, "total": 2,
                   "variations": [{"name": "Red", "checkins": 1, "total": 1}]}]})
    assert "DemoCon" in lines.title and lines.overall == "3 of 10 checked in"  # no admission flags: all count
    assert lines.others == ""
    assert lines.rows[0] == ("Shirt", "1 / 2") and lines.rows[1][0].strip() == "Red"


def test_status_counts_people_apart_from_t_shirts_and_parking():
    lines = status_lines({
        "checkins": 139, "total": 225, "event": {"name": "DemoCon"},
        "items": [{"name": "T-Shirt", "admission": False, "checkins": 3, "total": 30, "variations": []},
                  {"name": "Weekend Pass", "admission": True, "checkins": 120, "total": 160,
                   "variations": [{"name": "Student", "checkins": 20, "total": 25}]},
                  {"name": "Parking", "admission": False, "checkins": 1, "total": 15, "variations": []},
                  {"name": "Day Ticket", "admission": True, "checkins": 15, "total": 20, "variations": []}]})
    assert lines.overall == "135 of 180 people checked in"
    assert lines.others == "T-Shirt, Parking: 4 of 45 checked in"
    assert [name.strip() for name, _ in lines.rows] == [
        "Weekend Pass", "Student", "Day Ticket", OTHERS_HEADING, "T-Shirt", "Parking"]


def test_status_names_at_most_three_other_products():
    items = [{"name": f"Extra {i}", "admission": False, "checkins": 0, "total": 1} for i in range(5)]
    lines = status_lines({"items": [{"name": "Pass", "admission": True, "checkins": 0, "total": 2}, *items]})
    assert lines.overall == "0 of 2 people checked in"
    assert lines.others == "Extra 0, Extra 1, Extra 2, …: 0 of 5 checked in"


def test_each_host_connection_mode_is_explained_in_one_line():
    assert set(MODE_LINES) == {"automatic", "online", "offline"}
    assert all("\n" not in line and line for line in MODE_LINES.values())


def test_search_rows_say_why_they_matched():
    assert search_row({"matched": "invoice_name"}).why == "found by invoice name"
    assert search_row({"matched": "secret"}).why == "found by ticket code"
    assert search_row({"matched": "order"}).why == "found by order code"
    assert search_row({"matched": "name"}, privacy=True).why == "found by name"
    assert search_row({}).why == ""  # another server's results say nothing


def test_after_a_long_outage_the_offline_banner_says_why_and_what_to_do():
    assert "\n" not in offline_banner(True, 300, 0, unreachable_for=None)
    first, hint = offline_banner(True, 300, 0, unreachable_for=125).split("\n")
    assert first.startswith("OFFLINE (host not reachable)")
    assert "for 2 min" in hint and "stopped" in hint and "another address or port" in hint
    assert "set this station up again" in hint and "Add a station" in hint
    assert "\n" not in offline_banner(True, 300, 0, mode="offline", unreachable_for=125)  # staff chose it


def test_search_row_says_checked_in_after_an_admission_or_an_already_used_answer():
    ticket = {"secret": "S", "attendee_name": "François Müller", "item": "Ticket", "order": "FM1",
              "redeemed": False, "paid": True}
    assert search_row(ticket).state == "NOT CHECKED IN"
    assert search_row(ticket_after_redeem(ticket, outcome())).state == "CHECKED IN"
    assert search_row(ticket_after_redeem(ticket, outcome("error", "already_redeemed"))).state == "CHECKED IN"
    assert ticket_after_redeem(ticket, outcome("error", "unpaid")) is ticket
    offline_problem = SimpleNamespace(status="error", reason="host_unreachable", data=None)
    assert ticket_after_redeem(ticket, offline_problem) is ticket


def test_compact_result_names_the_scanner_the_word_and_who():
    info = present(outcome("error", "already_redeemed", attendee_name="Jürgen Müller"))
    assert compact_line(info, "camera") == ("Camera", "ALREADY USED")
    assert compact_line(info, "keyboard")[0] == "Scanner"
    assert compact_details(info).startswith("Jürgen Müller")
    attention = present(outcome(attention=True))
    assert compact_details(attention).startswith("⚠ ATTENTION")


BERLIN_SUMMER = timezone(timedelta(hours=2))
NOW = datetime(2026, 5, 1, 12, 5, 30, tzinfo=UTC)  # 14:05:30 in BERLIN_SUMMER


def test_already_used_says_when_in_local_time_where_and_how_long_ago():
    used = outcome("error", "already_redeemed", first_checkin={"datetime": "2026-05-01T12:02:09Z", "station": "Door 2"})
    info = present(used, now=NOW, tz=BERLIN_SUMMER)
    assert info.first_used == "First used 14:02 at Door 2 (3 min ago)"
    assert info.first_used in compact_details(info)


def test_already_used_at_this_station_offline_and_seconds_ago():
    used = outcome("error", "already_redeemed", mode="offline",
                   first_checkin={"datetime": "2026-05-01T12:05:18.123456Z", "station": None, "here": True})
    assert present(used, now=NOW, tz=BERLIN_SUMMER).first_used == "First used 14:05 at this station (11 s ago)"


def test_already_used_on_another_day_shows_the_date_and_without_a_station_only_the_time():
    used = outcome("error", "already_redeemed", first_checkin={"datetime": "2026-04-30T08:00:00Z", "station": None})
    assert present(used, now=NOW, tz=BERLIN_SUMMER).first_used == (
        "First used 30 Apr 10:00 (28 h 5 min ago)")


def test_already_used_without_the_hosts_extension_says_nothing_more():
    assert present(outcome("error", "already_redeemed"), now=NOW).first_used == ""
    assert present(outcome("error", "already_redeemed", first_checkin={"datetime": "soon"})).first_used == ""
    valid = outcome(first_checkin={"datetime": "2026-05-01T12:02:09Z", "station": "Door 2"})
    assert present(valid, now=NOW).first_used == ""  # only ALREADY USED says it


def test_attention_ticket_shows_the_check_in_text_and_the_banner_points_at_it():
    vip = outcome(attention=True, checkin_text="Wristband\nWheelchair: side gate")
    info = present(vip)
    assert info.attention and info.checkin_text == "Wristband\nWheelchair: side gate"
    assert attention_banner(info) == "⚠  ATTENTION: special ticket, see the notes  ⚠"
    assert "Wristband / Wheelchair: side gate" in compact_details(info)
    bare = present(outcome(attention=True))
    assert bare.checkin_text == "" and attention_banner(bare) == "⚠  ATTENTION: special ticket  ⚠"


def test_check_in_text_shows_for_valid_and_already_used_but_not_for_refusals():
    assert present(outcome("error", "already_redeemed", checkin_text="Wristband")).checkin_text == "Wristband"
    assert present(outcome("error", "unpaid", checkin_text="Wristband")).checkin_text == ""
    assert present(outcome("error", "product", checkin_text="Wristband")).checkin_text == ""


def test_a_blocked_ticket_says_blocked_and_where_to_send_the_guest():
    info = present(outcome("error", "blocked"))
    assert info.look.word == "BLOCKED" and info.sound == "error"
    assert info.note == "This ticket has been blocked: send the guest to the box office."
    assert info.name == "Ada Lovelace"  # staff see whose ticket it is


def test_a_ticket_outside_its_validity_says_not_valid_now():
    info = present(outcome("error", "invalid_time"))
    assert info.look.word == "NOT VALID NOW" and info.sound == "error"
    assert info.note.startswith("This ticket is not valid at this time")


def test_blocked_and_not_valid_now_have_their_own_colours_and_icons():
    looks = [present(outcome("error", r)).look for r in ("unpaid", "product", "blocked", "invalid_time")]
    assert len({look.background for look in looks}) == 4
    assert present(outcome("error", "invalid_time")).look.icon not in {
        present(outcome(s, r)).look.icon for s, r in [("ok", None), ("error", "already_redeemed"),
                                                      ("error", "unpaid"), ("error", "unknown_ticket")]}


def test_blocked_decided_offline_says_the_words_and_that_it_was_checked_offline():
    from kiosk.offline.rules import offline_text

    checked = outcome("error", "blocked", mode="offline")
    checked.message = offline_text("blocked", 120, has_copy=True)
    note = present(checked).note
    assert note.startswith("This ticket has been blocked") and "Checked offline" in note
    assert present(outcome("error", "invalid_time", mode="offline")).note.startswith("This ticket is not valid")
