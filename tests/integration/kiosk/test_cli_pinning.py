"""``checkin-kiosk --server https://... --key KEY`` without ``--cert-sha256``: nothing is trusted blindly.

A host this computer's trust store accepts (the organiser's own CA) needs no pin; any other
one makes the station print the fingerprint the host presents and stop, for staff to compare.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.settings import Settings
from tests.support.certs import ca_and_host, self_signed
from tests.support.tls_proxy import TLSProxy

pytestmark = pytest.mark.plain_http  # the host behind the test's own TLS front speaks plain HTTP

KEY = "Zy4xWv7uTs0rQp3oNm6lKj9iHg2fEd5c"
ROOT = Path(__file__).resolve().parents[3]


def test_an_untrusted_https_host_is_not_saved_and_its_fingerprint_is_printed(host, tmp_path):
    cert = self_signed(tmp_path / "certs")
    with TLSProxy(host.port, cert.cert_path, cert.key_path) as front:
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "--server", host.base_url(front.url), "--key", KEY,
             "--data-dir", str(tmp_path / "s"), "--self-test"],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )
        assert front.received == b""
    assert result.returncode == 2, result.stderr
    assert " ".join(cert.fingerprint[i : i + 4] for i in range(0, 64, 4)) in result.stderr
    assert f"--cert-sha256 {cert.fingerprint}" in result.stderr and "tls show" in result.stderr
    assert KEY not in result.stderr + result.stdout
    assert Settings.load(tmp_path / "s").server_url == ""


def test_a_host_with_a_certificate_from_a_trusted_ca_is_saved_without_a_pin(host, tmp_path, monkeypatch):
    ca, signed = ca_and_host(tmp_path / "ca")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca.cert_path))
    with TLSProxy(host.port, signed.cert_path, signed.key_path) as front:
        from kiosk.cli import _check_unpinned_https
        from kiosk.options import parse_command_line, save_command_line_settings

        parsed = parse_command_line(["--server", host.base_url(front.url), "--key", KEY])
        _check_unpinned_https(parsed)  # no complaint
        assert save_command_line_settings(parsed, Settings(tmp_path / "s"))
    saved = Settings.load(tmp_path / "s")
    assert saved.server_url == host.base_url(front.url) and saved.cert_sha256 == ""


@pytest.mark.parametrize("fingerprint_form", ["plain", "colons"])
def test_with_the_fingerprint_the_station_is_saved_pinned(host, tmp_path, fingerprint_form):
    from kiosk.cli import _check_unpinned_https
    from kiosk.options import parse_command_line, save_command_line_settings

    cert = self_signed(tmp_path / "certs")
    given = cert.fingerprint if fingerprint_form == "plain" else ":".join(
        cert.fingerprint[i : i + 2].upper() for i in range(0, 64, 2))
    parsed = parse_command_line(["--server", "https://127.0.0.1:9/pretixdroid/api/acme/conf/", "--key", KEY,
                                 "--cert-sha256", given])
    _check_unpinned_https(parsed)
    assert save_command_line_settings(parsed, Settings(tmp_path / "s"))
    assert Settings.load(tmp_path / "s").cert_sha256 == cert.fingerprint
