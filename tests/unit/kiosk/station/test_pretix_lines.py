"""What the host panel's pretix section says about a connection, and what staff may type to connect (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.hosting.pretix import ConnectRequest, request_from_fields
from kiosk.station.pretix_lines import OK, PROBLEM, WARNING, connected_summary, connection_lines

NOW = datetime(2026, 5, 1, 14, 10, tzinfo=UTC)


def status(**fields):
    base = dict(organizer="acme", event="conf", pretix_url="https://pretix.example.org", device_name="Host",
                last_pull=NOW - timedelta(seconds=12), last_push=NOW - timedelta(minutes=3), outbox=0, rejected=0,
                error=None, paused=False, unreachable_since=None, mappings=[], unsupported=[],
                rejected_checkins=[])
    return {**base, **fields}


def test_a_connection_in_sync_says_so_with_its_last_pull_and_push():
    lines = connection_lines(status(), NOW, UTC)
    assert (lines.state, lines.tone) == ("In sync with pretix", OK)
    assert lines.times == ("Last pull 14:09 (12 s ago) · last push 14:07 (3 min ago) · 0 check-ins waiting · "
                           "0 rejected")
    assert lines.where == "https://pretix.example.org · device “Host”" and lines.key == ("acme", "conf")


def test_an_unreachable_pretix_says_since_when_and_how_many_check_ins_wait():
    lines = connection_lines(status(unreachable_since=datetime(2026, 5, 1, 14, 2, tzinfo=UTC), outbox=37,
                                    error="pretix did not answer"), NOW, UTC)
    assert (lines.state, lines.tone) == ("pretix unreachable since 14:02, 37 check-ins waiting", PROBLEM)


def test_a_paused_connection_says_what_to_fix_and_a_revoked_device_what_to_do():
    paused = connection_lines(status(paused=True, error="pretix refuses the list: create it", outbox=1), NOW, UTC)
    assert paused.state == "Paused: pretix refuses the list: create it 1 check-in waiting." and paused.tone == PROBLEM
    revoked = connection_lines(status(revoked=True, paused=True, outbox=3), NOW, UTC)
    assert "revoked this device" in revoked.state and "3 check-ins waiting" in revoked.state


def test_rejected_check_ins_are_listed_in_words_and_tint_the_state():
    rows = [{"time": "2026-05-01T13:58:00Z", "secret": "k24fhn…", "attendee": "Ada Lovelace", "reason": "invalid"}]
    lines = connection_lines(status(rejected=1, rejected_checkins=rows), NOW, UTC)
    assert lines.rejected == ["13:58 · k24fhn… · Ada Lovelace · unknown to pretix"] and lines.tone == WARNING


def test_a_connection_never_pulled_and_times_on_another_day_read_sensibly():
    lines = connection_lines(status(last_pull=None, last_push=datetime(2026, 4, 30, 9, 5, tzinfo=UTC)), NOW, UTC)
    assert lines.state == "Waiting for the first sync…"
    assert lines.times.startswith("Last pull never · last push 30 Apr 09:05 (")


def test_after_connecting_the_panel_says_what_came_over():
    result = dict(organizer="acme", event="conf", pretix_url="https://pretix.example.org", tickets=1,
                  lists=["Tickets", "VIP"])
    assert connected_summary(result) == ("Connected acme/conf to https://pretix.example.org: 1 ticket, lists: "
                                         "Tickets, VIP.")


def test_a_pasted_device_code_or_an_address_and_token_make_a_request():
    request = request_from_fields(' {"handshake_version": 1, "url": "https://p.example", "token": "abc"} ')
    assert request == ConnectRequest("https://p.example", "abc")
    assert request_from_fields("https://p.example", " abc ") == ConnectRequest("https://p.example", "abc")
    assert "abc" not in repr(request)
    assert request.choosing("event", "conf") == ConnectRequest("https://p.example", "abc", "conf")
    assert request.choosing("event", "conf").choosing("subevent", "42") == ConnectRequest(
        "https://p.example", "abc", "conf", 42)


@pytest.mark.parametrize(("text", "token", "words"), [
    ("", "", "Paste the device's setup code"),
    ("https://p.example", "", "Type the device token too"),
    ("pretix.example.org", "abc", "must start with http:// or https://"),
    ('{"url": "https://p.example", "token": "abc"}', "", "not a pretix device code"),
    ('{"handshake_version": 2, "url": "https://p.example", "token": "abc"}', "", "handshake version 2"),
])
def test_what_cannot_connect_is_said_before_anything_is_sent(text, token, words):
    assert words in request_from_fields(text, token)
