"""The station window and TLS: a host reached over https with a pinned certificate, typed setups
that compare the host's fingerprint before saving it, and "not encrypted" for plain http.

The https host is a real demo host serving HTTPS with its own self-signed certificate.
"""

from __future__ import annotations

import pytest

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS


def grouped(fingerprint: str) -> str:
    return " ".join(fingerprint[i : i + 4] for i in range(0, 64, 4))


def test_a_setup_code_from_the_host_carries_its_fingerprint_and_the_station_scans_over_tls(
        qtbot, make_station, demo_host):
    setup = demo_host.add_station("door-code")
    assert setup["url"].startswith("https://") and setup["cert_sha256"] == demo_host.cert_sha256
    station = make_station("door-code", setup)
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "VALID"
    assert "not encrypted" not in station.window.station_label.text()


def test_a_typed_https_setup_without_fingerprint_shows_the_hosts_for_staff_to_compare(
        qtbot, make_station, demo_host):
    setup = demo_host.add_station("door-tls")
    station = make_station("door-tls", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText(setup["url"])
    view.key.setText(setup["key"])
    qtbot.keyClick(view.key, "\r")
    # The fingerprint and the test's verdict arrive by two queued signals: wait for both.
    qtbot.waitUntil(lambda: view.accept_presented.isVisible() and "does not trust" in view.message.text(),
                    timeout=WAIT_MS)
    assert grouped(demo_host.cert_sha256) in view.presented.text() and "host's panel" in view.presented.text()
    assert Settings.load(station.options.data_dir).server_url == ""  # nothing saved before staff compared
    view.accept_presented.click()
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    saved = Settings.load(station.options.data_dir)
    assert (saved.server_url, saved.cert_sha256) == (setup["url"], demo_host.cert_sha256)


def test_a_typed_fingerprint_that_does_not_match_is_refused_and_nothing_is_saved(qtbot, make_station, demo_host):
    setup = demo_host.add_station("door-wrong")
    station = make_station("door-wrong", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText(setup["url"])
    view.key.setText(setup["key"])
    view.fingerprint.setText("AB:" * 31 + "AB")
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: "does not match the setup code" in view.message.text(), timeout=WAIT_MS)
    assert Settings.load(station.options.data_dir).server_url == ""


def test_a_typed_fingerprint_is_pinned(qtbot, make_station, demo_host):
    setup = demo_host.add_station("door-typed")
    station = make_station("door-typed", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText(setup["url"])
    view.key.setText(setup["key"])
    view.fingerprint.setText(demo_host.cert_sha256.upper())
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    assert Settings.load(station.options.data_dir).cert_sha256 == demo_host.cert_sha256


@pytest.mark.plain_http
def test_a_station_on_plain_http_says_not_encrypted_in_the_staff_bar(qtbot, make_station, host):
    host.seed.ticket("T1")
    station = make_station("door-plain", host.setup(host.seed.key(name="Door plain")))
    qtbot.waitUntil(lambda: "not encrypted" in station.window.station_label.text(), timeout=WAIT_MS)
