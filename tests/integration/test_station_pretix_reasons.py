"""pretix's refusals at a station, in words: BLOCKED and NOT VALID NOW, from the host and from the offline copy alike.

A real host (a ticket blocked in pretix, one valid only on another day: as the pretix sync
stores them), a real station offscreen asking it, then deciding from its copy with the
host stopped. The full case table: tests/integration/test_admission_table.py.
"""

from __future__ import annotations

from datetime import datetime

from tests.support.ui_support import WAIT_MS, journal_lines, wait_online

WORDS = {"BLOCK-1": "BLOCKED", "LATER-1": "NOT VALID NOW"}


def scan_all(qtbot, station) -> dict:
    shown = {}
    for secret in WORDS:
        with qtbot.waitSignal(station.result_shown, timeout=WAIT_MS) as result:
            station.redeem_by_hand(secret)
        shown[secret] = result.args[0]
    return shown


def test_blocked_and_not_valid_now_are_said_in_words_online_and_offline(qtbot, host, make_station):
    host.seed.ticket("BLOCK-1", blocked=True, attendee_name="Blocked Guest")
    host.seed.ticket("LATER-1", valid_from=datetime(2099, 1, 1), valid_until=datetime(2099, 1, 2))
    station = make_station("door-b", host.setup(host.seed.key(name="door-b")))
    wait_online(qtbot, station)
    online = scan_all(qtbot, station)
    assert {s: info.look.word for s, info in online.items()} == WORDS
    assert online["BLOCK-1"].note == "This ticket has been blocked: send the guest to the box office."
    assert online["LATER-1"].note.startswith("This ticket is not valid at this time")
    assert online["BLOCK-1"].name == "Blocked Guest"
    host.stop()  # the outage: the station's copy decides the same
    offline = scan_all(qtbot, station)
    assert {s: info.look.word for s, info in offline.items()} == WORDS
    assert all("Checked offline" in info.note for info in offline.values())
    assert offline["BLOCK-1"].note.startswith("This ticket has been blocked")
    qtbot.waitUntil(lambda: station.gate_state.is_offline, timeout=WAIT_MS)
    assert station.gate_state.queued_count == 0  # refused: nothing to upload
    station.shutdown()
    assert [(e["secret"], e["reason"]) for e in journal_lines(station)] == [
        ("BLOCK-1", "blocked"), ("LATER-1", "invalid_time")] * 2


def test_a_station_counts_offline_what_its_host_counts_blocked_tickets_left_out(host, tmp_path):
    from kiosk.offline import Gate, GateSettings
    from tests.support.ui_support import FAST_GATE

    host.seed.ticket("OK-1")
    host.seed.ticket("BLOCK-1", blocked=True)
    host.seed.ticket("LATER-1", valid_from=datetime(2099, 1, 1))
    gate = Gate(host.client(host.seed.key(name="door-c")), tmp_path / "door-c",
                GateSettings(**FAST_GATE))
    gate.start()
    try:
        online = gate.status()
        host.stop()
        gate.status()  # notices the outage
        offline = gate.status()
    finally:
        gate.close()
    assert (online.mode, offline.mode, online.value["total"]) == ("online", "offline", 2)
    assert (offline.value["total"], offline.value["checkins"]) == (online.value["total"], online.value["checkins"])
