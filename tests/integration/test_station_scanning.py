"""A station scanning tickets from a (video) camera against a real host: what people see, what is stored."""

from __future__ import annotations

from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, journal_lines, ticket_state, video

TICKETS = ["DEMO-VALID-0001", "DEMO-USED-0001", "DEMO-UNPAID-0001", "DEMO-UNKNOWN-0000", "DEMO-ATTENTION-0001"]
EXPECTED = [("VALID", "#1b7a2e"), ("ALREADY USED", "#ffb000"), ("UNPAID", "#6a1b9a"),
            ("UNKNOWN TICKET", "#c62828"), ("VALID", "#1b7a2e")]


def test_tickets_held_to_the_camera_are_checked_in_once_and_each_result_is_shown(qtbot, tmp_path, demo_host,
                                                                                 make_station):
    setup = demo_host.add_station("door-1")
    segments = [(None, 1.0)]
    for secret in TICKETS:
        segments += [(secret, 0.6), (None, 0.6)]
    camera = video(tmp_path, "tickets", segments)
    shown = []
    station = make_station("door-1", setup, camera=camera, result_seconds=0.5)
    station.result_shown.connect(lambda info: shown.append(
        (info.look.word, station.window.result_view.word.text(), station.window.result_view.background.name(),
         info.name, info.attention, station.window.result_view.attention.isVisible())))
    qtbot.waitUntil(lambda: len(shown) == 5, timeout=WAIT_MS)
    assert [(word, colour) for word, _, colour, *_ in shown] == EXPECTED
    assert all(word == label for word, label, *_ in shown)  # the big word on screen is the verdict
    assert shown[0][3] == "Jürgen Müller" and not shown[0][5]
    assert shown[4][4] and shown[4][5]  # the attention ticket gets its banner
    # back to scanning after each result, with the camera's end visible
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING
                    and "No camera signal" in station.window.scan_view.camera_state.text(), timeout=WAIT_MS)
    assert station.flow.history.count(Screen.RESULT) == 5
    # the host has exactly the check-ins this station made
    assert ticket_state(setup, "DEMO-VALID-0001")["redeemed"]
    assert ticket_state(setup, "DEMO-ATTENTION-0001")["redeemed"]
    assert not ticket_state(setup, "DEMO-UNPAID-0001")["redeemed"]
    station.shutdown()
    entries = journal_lines(station)
    assert [e["secret"] for e in entries] == TICKETS
    assert [(e["status"], e["reason"]) for e in entries] == [
        ("ok", None), ("error", "already_redeemed"), ("error", "unpaid"), ("error", "unknown_ticket"), ("ok", None)]
    for e in entries:
        assert e["station"] == "door-1" and e["mode"] == "online" and e["nonce"]
        assert e["t_captured"] <= e["t_decoded"] <= e["t_sent"] <= e["t_answered"] <= e["t_shown"]


def test_result_counts_down_and_returns_to_scanning(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("door-2")
    camera = video(tmp_path, "one", [(None, 0.5), ("DEMO-UNKNOWN-0000", 0.5), (None, 0.5)])
    station = make_station("door-2", setup, camera=camera, result_seconds=1.5)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert "Back to scanning in 2 s" in station.window.result_view.countdown.text()
    qtbot.waitUntil(lambda: "in 1 s" in station.window.result_view.countdown.text(), timeout=3000)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=3000)
    assert station.window.stack.currentWidget() is station.window.scan_view
