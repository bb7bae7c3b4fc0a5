"""ALREADY USED says when and where the ticket was first used: online from the host, offline from the copy."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from tests.support.clients import pinned_session
from tests.support.ui_support import WAIT_MS, wait_online


def check_in_at(host, secret: str, station: str, minutes_ago: int) -> datetime:
    """Another station (a key named ``station``) checked ``secret`` in ``minutes_ago`` minutes ago."""
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=minutes_ago)
    with pinned_session(host.cert_sha256) as session:
        answer = session.post(host.base_url() + "redeem/", params={"key": host.seed.key(name=station)},
                              data={"secret": secret, "datetime": when.isoformat()}, timeout=5)
    assert answer.json()["status"] == "ok"
    return when


def scan(qtbot, station, secret: str):
    """A camera scan of ``secret``; the ResultInfo the station showed."""
    with qtbot.waitSignal(station.result_shown, timeout=WAIT_MS) as shown:
        now = time.time()
        station.code_read(secret, now, now)
    return shown.args[0]


def test_already_used_says_when_in_local_time_and_at_which_station_online_and_offline(qtbot, host, make_station):
    for secret in ("USED-1", "USED-2", "FRESH-1", "ONLINE-1"):
        host.seed.ticket(secret, attendee_name=f"Guest {secret}")
    first = check_in_at(host, "USED-1", "Door 2", minutes_ago=3)
    check_in_at(host, "USED-2", "Side door", minutes_ago=62)
    station = make_station("door-5", host.setup(host.seed.key(name="Door 5")))
    wait_online(qtbot, station)

    online = scan(qtbot, station, "USED-1")
    assert online.look.word == "ALREADY USED"
    assert online.first_used == f"First used {first.astimezone():%H:%M} at Door 2 (3 min ago)"
    view = station.window.result_view
    assert view.first_used.text() == online.first_used and view.first_used.isVisibleTo(station.window)

    assert scan(qtbot, station, "ONLINE-1").look.word == "VALID"  # admitted online by this station

    host.stop()  # the outage: the station decides from its copy
    offline = scan(qtbot, station, "USED-2")  # never scanned here: only the downloaded copy knows it
    assert offline.look.word == "ALREADY USED" and "Checked offline" in offline.note
    assert offline.first_used.startswith("First used ") and offline.first_used.endswith(
        " at Side door (1 h 2 min ago)")
    qtbot.waitUntil(lambda: station.gate_state.is_offline, timeout=WAIT_MS)  # the banner's state follows

    rescan = scan(qtbot, station, "ONLINE-1").first_used  # the copy learnt the online admission (or refreshed)
    assert rescan.startswith("First used ") and (" at this station (" in rescan or " at Door 5 (" in rescan)

    assert scan(qtbot, station, "FRESH-1").look.word == "VALID"  # admitted offline, queued
    again = scan(qtbot, station, "FRESH-1")
    assert again.look.word == "ALREADY USED"
    assert again.first_used.startswith("First used ") and again.first_used.endswith(" at this station (0 s ago)")
    assert view.first_used.text() == again.first_used


def test_an_attention_ticket_shows_pretixs_check_in_text_under_the_banner(qtbot, host, make_station):
    vip = host.seed.product("VIP Pass", attention=True, checkin_text="Hand out the backstage wristband")
    host.seed.ticket("VIP-1", product=vip, attendee_name="Grace Hopper",
                     order=host.seed.order(checkin_text="Wheelchair user: open the side gate"))
    station = make_station("door-6", host.setup(host.seed.key(name="Door 6")))
    wait_online(qtbot, station)

    info = scan(qtbot, station, "VIP-1")
    assert info.look.word == "VALID" and info.attention
    view = station.window.result_view
    assert view.checkin_text.text() == "Hand out the backstage wristband\nWheelchair user: open the side gate"
    assert view.checkin_text.isVisibleTo(station.window)
    assert view.attention.text() == "⚠  ATTENTION: special ticket, see the notes  ⚠"
