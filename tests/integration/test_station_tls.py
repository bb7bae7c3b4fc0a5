"""The station window and TLS: a host reached over https with a pinned certificate, typed setups
that compare the host's fingerprint before saving it, and "not encrypted" for plain http.

The https host is a real demo host behind a loopback TLS front (tests/support/tls_proxy.py)
with a certificate made for the test.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from kiosk.settings import Settings
from kiosk.station.screens import Screen
from tests.support.certs import self_signed
from tests.support.tls_proxy import TLSProxy
from tests.support.ui_support import WAIT_MS


@pytest.fixture
def tls_host(demo_host, tmp_path):
    cert = self_signed(tmp_path / "certs", "host")
    with TLSProxy(demo_host.port, cert.cert_path, cert.key_path) as front:
        yield front, cert


def via(setup: dict, front: TLSProxy) -> str:
    path = urlsplit(setup["url"]).path
    return f"{front.url}{path}"


def test_a_typed_https_setup_without_fingerprint_shows_the_hosts_for_staff_to_compare(
        qtbot, make_station, demo_host, tls_host):
    front, cert = tls_host
    setup = demo_host.add_station("door-tls")
    station = make_station("door-tls", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText(via(setup, front))
    view.key.setText(setup["key"])
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: view.accept_presented.isVisible(), timeout=WAIT_MS)
    grouped = " ".join(cert.fingerprint[i : i + 4] for i in range(0, 64, 4))
    assert grouped in view.presented.text() and "Add a station" in view.presented.text()
    assert "does not trust" in view.message.text()
    assert Settings.load(station.options.data_dir).server_url == ""  # nothing saved before staff compared
    assert setup["key"].encode() not in front.received  # nor the key sent to a host nobody vouched for
    view.accept_presented.click()
    qtbot.waitUntil(lambda: station.flow.screen is Screen.SCANNING, timeout=WAIT_MS)
    saved = Settings.load(station.options.data_dir)
    assert (saved.server_url, saved.cert_sha256) == (via(setup, front), cert.fingerprint)
    assert "not encrypted" not in station.window.station_label.text()


def test_a_typed_fingerprint_that_does_not_match_is_refused_and_nothing_is_saved(
        qtbot, make_station, demo_host, tls_host):
    front, _cert = tls_host
    setup = demo_host.add_station("door-wrong")
    station = make_station("door-wrong", None)
    view = station.window.setup_view
    view.tabs.setCurrentIndex(1)
    view.url.setText(via(setup, front))
    view.key.setText(setup["key"])
    view.fingerprint.setText("AB:" * 31 + "AB")
    qtbot.keyClick(view.key, "\r")
    qtbot.waitUntil(lambda: "does not match the setup code" in view.message.text(), timeout=WAIT_MS)
    assert Settings.load(station.options.data_dir).server_url == ""
    assert front.received == b""


def test_a_station_on_plain_http_says_not_encrypted_in_the_staff_bar(qtbot, make_station, demo_host):
    setup = demo_host.add_station("door-plain")
    station = make_station("door-plain", setup)
    qtbot.waitUntil(lambda: "not encrypted" in station.window.station_label.text(), timeout=WAIT_MS)
