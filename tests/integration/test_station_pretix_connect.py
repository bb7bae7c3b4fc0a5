"""The host panel connects the host to a real pretix 2026.8.0, and host mode syncs it.

Real parts: pretix from the cached harness (tests/support/pretix.py) on a loopback port,
devices made through its REST API as an organiser would, a real host station offscreen.
The device code pasted in the panel, or held to the camera, connects in the pretix
worker (never on the GUI thread); several events offer a choice; a used token says so in
one line and connects nothing; a ticket scanned at the connected host reaches pretix.
"""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest
from PySide6.QtCore import Qt

from kiosk.app import SHUTDOWN_NETWORK_WAIT_MS
from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support import pretix as harness
from tests.support.proxy import LoopbackProxy
from tests.support.ui_support import WAIT_MS, journal_lines, video

CONNECT_MS = 90_000  # a first pull on a 2-core machine shared with other work


@pytest.fixture(scope="module")
def pretix(tmp_path_factory):
    harness.require()
    server = harness.PretixServer(tmp_path_factory.mktemp("pretix"))
    server.seed_organizer()
    server.start()
    harness.enable_plugins(server)
    conf = harness.seed_event(server, "conf", orders=3)
    harness.seed_event(server, "fest", orders=1, name="Festival")
    yield server, conf
    server.stop()


def device_code(server, events: list[str], name: str) -> str:
    device = harness.create_device(server, events, name=name)
    return json.dumps({"handshake_version": 1, "url": server.url, "token": device["initialization_token"]})


def host_station(qtbot, make_station, name: str, **options):
    host = make_station(name, None, host=True, **options)
    section = host.window.host_view.pretix
    qtbot.waitUntil(lambda: host.host.pretix.active, timeout=WAIT_MS)
    host.staff.open_panel(Screen.HOST)
    return host, section


def connect_typed(qtbot, section, text: str) -> None:
    section.setup.setText(text)
    gui = threading.get_ident()
    seen = []
    section.connect_requested.connect(lambda _request: seen.append(threading.get_ident()))
    qtbot.mouseClick(section.connect_button, Qt.MouseButton.LeftButton)
    assert section.busy and seen == [gui]  # the GUI only asks; the pretix worker connects
    assert not section.connect_button.isEnabled()


def test_pasting_a_device_code_connects_the_host_and_shows_the_connection(qtbot, make_station, pretix):
    server, conf = pretix
    host, section = host_station(qtbot, make_station, "host-paste")
    connect_typed(qtbot, section, device_code(server, ["conf"], "paste"))
    qtbot.waitUntil(lambda: not section.busy, timeout=CONNECT_MS)
    assert section.message.text().startswith("Connected demo/conf to " + server.url), section.message.text()
    assert "Main entrance" in section.message.text()
    qtbot.waitUntil(lambda: ("demo", "conf") in section.boxes, timeout=WAIT_MS)
    box = section.boxes[("demo", "conf")]
    qtbot.waitUntil(lambda: "In sync with pretix" in box.state.text(), timeout=CONNECT_MS)
    assert server.url in box.where.text() and "Last pull" in box.times.text()
    assert "Main entrance" in box.mappings.text()
    # the host serves the connected event: its own station is set up on it, and pretix's tickets scan VALID
    qtbot.waitUntil(lambda: "conf" in host.settings.server_url, timeout=WAIT_MS)
    secret = conf.orders[0]["positions"][0]["secret"]
    host.staff.open_panel(None)
    qtbot.waitUntil(lambda: host.flow.configured and host.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    host.redeem_by_hand(secret)
    qtbot.waitUntil(lambda: host.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert host.window.result_view.word.text() == "VALID"
    host.staff.open_panel(Screen.HOST)
    qtbot.mouseClick(box.sync_button, Qt.MouseButton.LeftButton)  # "Sync now": the check-in goes at once

    def in_pretix() -> bool:
        order = server.api("GET", f"organizers/demo/events/conf/orders/{conf.orders[0]['code']}/")
        return any(order["positions"][0]["checkins"])

    qtbot.waitUntil(in_pretix, timeout=CONNECT_MS)
    qtbot.waitUntil(lambda: "0 check-ins waiting" in box.times.text(), timeout=CONNECT_MS)


def test_a_device_for_several_events_lets_staff_choose_the_event(qtbot, make_station, pretix):
    server, _conf = pretix
    host, section = host_station(qtbot, make_station, "host-choice")
    connect_typed(qtbot, section, device_code(server, ["conf", "fest"], "choice"))
    qtbot.waitUntil(lambda: section.choice.isVisible(), timeout=CONNECT_MS)
    assert "several events" in section.choice_text.text()
    labels = [section.choices.itemText(i) for i in range(section.choices.count())]
    assert any("Festival" in label for label in labels) and any("Conference" in label for label in labels)
    section.choices.setCurrentIndex(next(i for i, label in enumerate(labels) if "Festival" in label))
    qtbot.mouseClick(section.choose_button, Qt.MouseButton.LeftButton)  # the same token again, with the event
    qtbot.waitUntil(lambda: not section.busy and section.message.isVisible(), timeout=CONNECT_MS)
    assert section.message.text().startswith("Connected demo/fest"), section.message.text()
    qtbot.waitUntil(lambda: ("demo", "fest") in section.boxes, timeout=WAIT_MS)


def test_a_token_used_elsewhere_says_so_in_one_line_and_connects_nothing(qtbot, make_station, pretix):
    server, _conf = pretix
    device = harness.create_device(server, ["conf"], name="used")
    harness.initialize_device(server, device["initialization_token"])  # another scanner took it
    host, section = host_station(qtbot, make_station, "host-used")
    section.setup.setText(server.url)
    section.token.setText(device["initialization_token"])
    qtbot.mouseClick(section.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.busy, timeout=CONNECT_MS)
    text = section.message.text()
    assert text.startswith("Not connected:") and "\n" not in text and "Traceback" not in text
    assert "used" in text.lower()
    host.host.pretix.refresh()
    qtbot.wait(500)
    assert section.boxes == {} and section.none_yet.isVisible()
    assert section.setup.text() == server.url  # kept, to correct


def test_a_device_code_held_to_the_host_camera_connects_after_confirming(qtbot, tmp_path, make_station, pretix,
                                                                        caplog):
    caplog.set_level(logging.DEBUG)
    server, _conf = pretix
    code = device_code(server, ["conf"], "camera")
    camera = video(tmp_path, "device-camera", [(None, 1.5), (code, 1.0), (None, 0.5)])
    host, section = host_station(qtbot, make_station, "host-camera", camera=camera)
    qtbot.waitUntil(lambda: section.offer.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(section.offer_connect, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.busy and section.message.isVisible(), timeout=CONNECT_MS)
    assert section.message.text().startswith("Connected demo/conf"), section.message.text()
    host.shutdown()
    assert journal_lines(host) == []  # the code was never a check-in attempt
    assert "pretix device code scanned (pretix at http://127.0.0.1:" in caplog.text
    assert json.loads(code)["token"] not in caplog.text  # no log line carries the device token


def test_pretix_unreachable_shows_since_when_and_what_waits_and_the_host_still_stops_promptly(
        qtbot, make_station, pretix):
    server, conf = pretix
    proxy = LoopbackProxy(server.port, delay=60.0).start()  # pretix behind a network that will fail
    try:
        host, section = host_station(qtbot, make_station, "host-outage")
        code = json.loads(device_code(server, ["conf"], "outage"))
        connect_typed(qtbot, section, json.dumps({**code, "url": proxy.url}))
        qtbot.waitUntil(lambda: not section.busy, timeout=CONNECT_MS)
        assert section.message.text().startswith("Connected demo/conf"), section.message.text()
        qtbot.waitUntil(lambda: "conf" in host.settings.server_url and host.flow.configured, timeout=WAIT_MS)
        proxy.mode = "drop"  # pretix unreachable
        host.staff.open_panel(None)
        qtbot.waitUntil(lambda: host.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
        host.redeem_by_hand(conf.orders[1]["positions"][0]["secret"])
        qtbot.waitUntil(lambda: host.flow.screen is Screen.RESULT, timeout=WAIT_MS)
        assert host.window.result_view.word.text() == "VALID"  # the gate decides locally, pretix or not
        host.staff.open_panel(Screen.HOST)
        box = section.boxes[("demo", "conf")]
        qtbot.mouseClick(box.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: box.state.text().startswith("pretix unreachable since "), timeout=CONNECT_MS)
        assert box.state.text().endswith(", 1 check-in waiting")
        proxy.mode = "delay"  # now pretix hangs: a cycle waits on its answer
        qtbot.mouseClick(box.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: proxy.applied["delay"] >= 1, timeout=CONNECT_MS)
        started = time.monotonic()
        host.shutdown(network_wait_ms=SHUTDOWN_NETWORK_WAIT_MS)  # as on SIGTERM
        # SIGTERM ends a station within 5 s: the sync loop stops beside the other threads, a hanging cycle is left
        assert time.monotonic() - started < 5
    finally:
        proxy.stop()


def test_the_sync_interval_is_a_host_setting_in_the_settings_dialog(qtbot, make_station, pretix):
    host, _section = host_station(qtbot, make_station, "host-interval")
    host.staff.open_panel(None)
    host.staff.edit_settings()
    dialog = host.staff.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.sync_interval.isVisible() and dialog.sync_interval.value() == 10
    dialog.sync_interval.setValue(30)
    dialog._check()
    qtbot.waitUntil(lambda: host.host.pretix.thread.worker.host.interval == 30.0, timeout=WAIT_MS)
    assert Settings.load(host.options.data_dir).sync_interval == 30


def test_a_station_that_does_not_host_has_no_sync_interval_setting(qtbot, demo_host, make_station):
    station = make_station("door", demo_host.add_station("door"))
    station.staff.edit_settings()
    assert not station.staff.dialog.sync_interval.isVisibleTo(station.staff.dialog)


def test_a_device_revoked_in_pretix_is_shown_as_stopped_with_what_to_do(qtbot, make_station, pretix):
    from sqlalchemy import select

    from server.db import default_database_url, open_database
    from server.pretix import credentials as creds
    from server.schema import pretix_connections

    server, _conf = pretix
    host, section = host_station(qtbot, make_station, "host-revoked")
    connect_typed(qtbot, section, device_code(server, ["conf"], "revoked"))
    qtbot.waitUntil(lambda: ("demo", "conf") in section.boxes, timeout=CONNECT_MS)
    box = section.boxes[("demo", "conf")]
    qtbot.waitUntil(lambda: "In sync with pretix" in box.state.text(), timeout=CONNECT_MS)
    engine = open_database(default_database_url(host.options.data_dir))
    with engine.connect() as conn:
        row = conn.execute(select(pretix_connections)).one()
    engine.dispose()
    token = creds.load(host.options.data_dir, row.credential_id)["api_token"]
    server.api("POST", "device/revoke", {}, device=token)  # as Organizer → Devices → Revoke does
    qtbot.mouseClick(box.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "revoked" in box.state.text(), timeout=CONNECT_MS)
    assert box.state.text() == ("Stopped: pretix revoked this device. 0 check-ins waiting; nothing is deleted. "
                                "Connect again with a new device.")


def test_an_event_series_lets_staff_choose_the_date(qtbot, make_station, pretix):
    server, _conf = pretix
    base = "organizers/demo/events/series"
    server.api("POST", "organizers/demo/events/", {
        "name": {"en": "Series"}, "slug": "series", "currency": "EUR", "date_from": "2026-12-27T18:00:00+01:00",
        "plugins": ["pretix.plugins.banktransfer"], "has_subevents": True, "is_public": True})
    server.api("POST", f"{base}/items/", {"name": {"en": "Ticket"}, "default_price": "10.00", "admission": True,
                                          "active": True})
    days = [server.api("POST", f"{base}/subevents/", {
        "name": {"en": name}, "date_from": date, "active": True, "item_price_overrides": [],
        "variation_price_overrides": [], "meta_data": {}})["id"] for name, date in (("Day 1", "2026-12-27T18:00:00+01:00"),
                                                                   ("Day 2", "2026-12-28T18:00:00+01:00"))]
    server.api("POST", f"{base}/checkinlists/", {"name": "Door", "all_products": True, "limit_products": [],
                                                  "include_pending": False, "subevent": None})
    host, section = host_station(qtbot, make_station, "host-series")
    connect_typed(qtbot, section, device_code(server, ["series"], "series"))
    qtbot.waitUntil(lambda: section.choice.isVisible(), timeout=CONNECT_MS)
    assert "series" in section.choice_text.text() and section.choices.count() == 2
    labels = [section.choices.itemText(i) for i in range(2)]
    assert labels[0].startswith("Day 1") and labels[1].startswith("Day 2"), labels
    section.choices.setCurrentIndex(1)
    qtbot.mouseClick(section.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.busy and section.message.isVisible(), timeout=CONNECT_MS)
    assert section.message.text().startswith("Connected demo/series"), section.message.text()
    assert section.choices.itemData(1) == str(days[1])
