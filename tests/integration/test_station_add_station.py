"""Adding a station from the host panel: the code, URL, key and setup JSON to copy; a host on this computer
only says so; no address shown is 0.0.0.0; a station takes the name its code gives it."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, journal_lines, setup_json, video


def add_station(qtbot, host, name: str):
    """Open the host panel of a hosting station and add a station: its view, on the setup code page."""
    host.staff.open_panel(Screen.HOST)
    view = host.window.host_view
    qtbot.waitUntil(lambda: "DemoCon" in view.event_label.text(), timeout=WAIT_MS)
    view.station_name.setText(name)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=WAIT_MS)
    return view


def everything_shown(station) -> list[str]:
    """Every text a steward can see or hover on the station's window: labels, buttons, tooltips, the code."""
    window = station.window
    texts = [window.station_label.text(), window.station_label.toolTip(), window.host_view.qr.text]
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        texts += [widget.text().replace("\u200b", ""), widget.toolTip()]
    return texts


def test_copy_buttons_put_the_url_key_and_setup_json_of_the_new_station_on_the_clipboard(qtbot, make_station):
    host = make_station("host", None, host=True, demo=True)
    qtbot.waitUntil(lambda: host.flow.configured, timeout=WAIT_MS)
    view = add_station(qtbot, host, "Door 2")
    setup = json.loads(view.qr.text)  # what the QR code carries
    assert setup["name"] == "Door 2" and setup["url"].endswith("/pretixdroid/api/demo/democon/")
    clipboard = QGuiApplication.clipboard()
    copied = {}
    for what in ("url", "key", "json"):
        clipboard.setText("")
        qtbot.mouseClick(view.copy_buttons[what], Qt.MouseButton.LeftButton)
        copied[what] = clipboard.text()
        assert "Copied" in view.copied.text()
    assert copied["url"] == setup["url"] and copied["key"] == setup["key"]
    assert json.loads(copied["json"]) == setup
    shown = {what: label.text().replace("\u200b", "") for what, label in
             (("url", view.station_url), ("key", view.station_key), ("json", view.station_json))}
    assert shown == copied  # what the page shows is what Copy copies


def test_a_code_from_a_host_on_this_computer_only_warns_and_offers_all_networks_and_never_shows_0_0_0_0(
        qtbot, make_station):
    host = make_station("host", None, host=True, demo=True, bind="127.0.0.1")
    qtbot.waitUntil(lambda: host.flow.configured, timeout=WAIT_MS)
    view = add_station(qtbot, host, "Door 3")
    assert view.local_warning.isVisible()
    assert "No other computer can use this code" in " ".join(everything_shown(host))
    key = json.loads(view.qr.text)["key"]
    qtbot.mouseClick(view.all_networks_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.chosen_bind() == "0.0.0.0", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not view.local_warning.isVisible(), timeout=WAIT_MS)
    lan = urlsplit(host.host.lan_url)
    setup = json.loads(view.qr.text)
    assert setup["key"] == key  # the same station, now at the address other computers use
    assert urlsplit(setup["url"]).netloc == lan.netloc
    assert view.station_url.text().replace("\u200b", "") == setup["url"]
    assert lan.netloc in host.window.station_label.text()  # the staff bar names it too
    assert lan.netloc in view.server.text() and lan.netloc in view.message.text()  # "Hosting at ..."
    shown = everything_shown(host)
    assert not [text for text in shown if "0.0.0.0" in text]
    view.pages.setCurrentIndex(0)
    assert not [text for text in everything_shown(host) if "0.0.0.0" in text]


def test_a_station_set_up_with_a_code_carrying_the_name_door_2_calls_itself_door_2(
        qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("Door 2")
    assert setup["name"] == "Door 2"
    camera = video(tmp_path, "door2-setup", [(None, 0.3), (setup_json(setup), 1.0), (None, 0.3)])
    station = make_station("computer-7", None, camera=camera)
    qtbot.waitUntil(lambda: station.flow.screen is Screen.CONFIRM_SETUP, timeout=WAIT_MS)
    qtbot.keyClick(station.window.confirm_view, "\r")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    assert station.settings.station_name == "Door 2"
    assert Settings.load(station.options.data_dir).station_name == "Door 2"
    assert station.window.station_label.text().startswith("Door 2 · ")
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    station.shutdown()
    assert [e["station"] for e in journal_lines(station)] == ["Door 2"]
