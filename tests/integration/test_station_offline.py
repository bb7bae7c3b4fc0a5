"""Offline at the door: the host's reasons from the station's copy, and afterwards what the host refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.station.screens import Screen
from server.schema import orders, positions
from tests.support.offline_host import REFUSED, seed_refused_tickets
from tests.support.ui_support import WAIT_MS, ticket_state, wait_online


def cancel_order_of(host, secret: str) -> None:
    """Cancel the ticket's order in the host's database, as a re-import of a canceled order does."""
    with host.engine.begin() as conn:
        order_id = conn.execute(select(positions.c.order_id).where(positions.c.secret == secret)).scalar_one()
        conn.execute(orders.update().where(orders.c.id == order_id).values(status="c"))


def mode_button(station, mode: str):
    """The status panel's radio button for ``mode``."""
    return next(b for b in station.window.status_view.mode_buttons.buttons() if b.property("mode") == mode)


def test_ticket_admitted_offline_but_canceled_meanwhile_is_listed_until_staff_acknowledge_it(qtbot, demo_host,
                                                                                           make_station):
    setup = demo_host.add_station("door-8")
    station = make_station("door-8", setup)
    wait_online(qtbot, station)
    station.staff.open_panel(Screen.STATUS)
    mode_button(station, "offline").click()  # the outage: the station decides from its copy
    qtbot.waitUntil(lambda: station.gate_state.is_offline, timeout=WAIT_MS)
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID"  # the guest is in
    cancel_order_of(demo_host, "DEMO-VALID-0001")  # meanwhile, on the host
    qtbot.waitUntil(lambda: station.flow.screen is Screen.STATUS, timeout=WAIT_MS)
    status = station.window.status_view
    assert not status.rejected.isVisible()
    mode_button(station, "automatic").click()  # the network is back: the queue is uploaded
    qtbot.waitUntil(lambda: status.rejected.count() == 1, timeout=WAIT_MS)
    entry = status.rejected.item(0).text()
    assert "Jürgen Müller" in entry and "not paid or canceled" in entry and "scanned" in entry
    assert status.rejected.isVisible() and status.acknowledge.isVisible()
    banner = station.window.banner
    qtbot.waitUntil(lambda: "refused by the host" in banner.text(), timeout=WAIT_MS)
    assert not ticket_state(setup, "DEMO-VALID-0001")["redeemed"]  # the host did not count it
    qtbot.mouseClick(status.acknowledge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.rejected.count() == 0, timeout=WAIT_MS)
    assert not status.rejected.isVisible() and not status.acknowledge.isVisible()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)
    assert station.gate_state.rejected_count == 0 and station.gate_state.queued_count == 0


def test_with_the_host_stopped_unpaid_and_other_product_tickets_scan_unpaid_or_wrong_product_not_unknown(
        qtbot, host, make_station):
    key = seed_refused_tickets(host.seed)
    station = make_station("door-9", host.setup(key))
    wait_online(qtbot, station)
    host.stop()  # the outage
    shown = {}
    for secret in REFUSED:
        with qtbot.waitSignal(station.result_shown, timeout=WAIT_MS) as result:
            station.redeem_by_hand(secret)
        shown[secret] = result.args[0]
    assert {secret: info.look.word for secret, info in shown.items()} == {
        "PEND-1": "UNPAID", "GONE-c": "UNPAID", "GONE-e": "UNPAID", "GONE-r": "UNPAID", "SHIRT-1": "WRONG PRODUCT",
        "NOT-A-TICKET": "UNKNOWN TICKET",
    }
    for secret in ("PEND-1", "GONE-c"):
        assert "box office" in shown[secret].note and "Checked offline" in shown[secret].note
    assert "right entrance" in shown["SHIRT-1"].note
    qtbot.waitUntil(lambda: station.gate_state.is_offline, timeout=WAIT_MS)  # the banner's state follows
    assert station.gate_state.queued_count == 0


def test_after_a_long_outage_the_offline_banner_says_why_the_host_may_be_away_and_what_to_do(qtbot, host,
                                                                                            make_station):
    host.seed.ticket("LATE-1")
    setup = host.setup(host.seed.key(name="door"))
    station = make_station("door", setup, gate={"outage_hint_after": 3.0})  # a real station: 60 s
    wait_online(qtbot, station)
    banner = station.window.banner
    host.stop()  # the host computer was switched off, or moved
    station.redeem_by_hand("LATE-1")
    qtbot.waitUntil(lambda: station.gate_state.is_offline and banner.isVisible(), timeout=WAIT_MS)
    assert banner.text().startswith("OFFLINE (host not reachable)") and not banner.hint  # a short outage: no hint yet
    qtbot.waitUntil(lambda: bool(banner.hint), timeout=WAIT_MS)
    assert "No answer from the host for" in banner.hint and "moved to another address or port" in banner.hint
    assert "Add a station" in banner.hint and "OFFLINE (host not reachable)" in banner.text()
    host.start()  # back on the same address: the station comes back by itself, the hint goes
    qtbot.waitUntil(lambda: not banner.isVisible() and not banner.hint, timeout=WAIT_MS)
