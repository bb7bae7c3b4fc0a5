"""The station talks over TLS only to the host its setup code names: pinned certificate, or ordinary trust.

A real host (plain HTTP on loopback) behind a loopback TLS front with a certificate made for
the test (tests/support/tls_proxy.py). The impostor is the same front with another
certificate: it records every byte it decrypted, and the station's key is never among them.
"""

from __future__ import annotations

import logging

import pytest

from kiosk.client import (
    CertificateMismatch,
    CertificateUntrusted,
    HostNowEncrypted,
    PretixdroidClient,
    new_nonce,
)
from kiosk.client.pinning import presented_fingerprint
from tests.support.certs import ca_and_host, self_signed
from tests.support.tls_proxy import TLSProxy

pytestmark = pytest.mark.plain_http  # the host behind the test's own TLS front speaks plain HTTP


@pytest.fixture
def certs(tmp_path):
    return {"host": self_signed(tmp_path / "certs", "host"), "impostor": self_signed(tmp_path / "certs", "impostor")}


@pytest.fixture
def key(host):
    host.seed.ticket("PAID-1", attendee_name="Ada Lovelace")
    return host.seed.key()


def tls_front(host, cert) -> TLSProxy:
    return TLSProxy(host.port, cert.cert_path, cert.key_path).start()


def client_for(host, key, front, cert_sha256="") -> PretixdroidClient:
    return PretixdroidClient(host.base_url(front.url), key, 1.0, 3.0, cert_sha256=cert_sha256)


def test_a_pinned_station_scans_and_searches_over_tls(host, key, certs):
    with tls_front(host, certs["host"]) as front:
        client = client_for(host, key, front, certs["host"].fingerprint)
        assert client.redeem("PAID-1", new_nonce()).status == "ok"
        assert [t["secret"] for t in client.search("Lovelace")] == ["PAID-1"]
        client.close()
        assert key.encode() in front.received  # it did go this way, encrypted on the wire


def test_an_impostor_with_another_certificate_is_refused_before_the_key_is_sent(host, key, certs, caplog):
    caplog.set_level(logging.DEBUG)
    with tls_front(host, certs["impostor"]) as impostor:
        client = client_for(host, key, impostor, certs["host"].fingerprint)
        for call in (lambda: client.redeem("PAID-1", new_nonce()), lambda: client.search("Lovelace"),
                     client.status, client.download_body):
            with pytest.raises(CertificateMismatch) as refused:
                call()
            assert refused.value.operator_message == (
                "This host's certificate does not match the setup code. Set this station up again, "
                "or ask who changed the host."
            )
        client.close()
        assert impostor.handshakes >= 1  # it was reached...
        assert impostor.received == b""  # ...and got not one byte of a request: no key, no secret
    assert key not in caplog.text
    assert host.checkins_of("PAID-1") == []


def test_the_pin_holds_whatever_the_certificates_name_issuer_or_dates(host, key, tmp_path):
    odd = self_signed(tmp_path / "odd", "odd", common_name="not this host", expired=True, names=False)
    with tls_front(host, odd) as front:
        client = client_for(host, key, front, odd.fingerprint)
        assert client.status()["event"]["slug"] == host.seed.event
        client.close()


def test_https_without_a_fingerprint_refuses_a_self_signed_host_cleanly(host, key, certs):
    with tls_front(host, certs["host"]) as front:
        client = client_for(host, key, front)
        with pytest.raises(CertificateUntrusted) as refused:
            client.status()
        client.close()
        assert "does not trust the host's certificate" in refused.value.operator_message
        assert front.received == b""
        assert key not in str(refused.value)


def test_https_without_a_fingerprint_trusts_the_organisers_ca(host, key, tmp_path, monkeypatch):
    ca, signed = ca_and_host(tmp_path / "ca")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca.cert_path))  # as the system trust store would
    with tls_front(host, signed) as front:
        client = client_for(host, key, front)
        assert client.redeem("PAID-1", new_nonce()).status == "ok"
        client.close()


def test_a_pinned_station_ignores_the_ca_bundle_and_keeps_to_its_pin(host, key, tmp_path, monkeypatch, certs):
    ca, signed = ca_and_host(tmp_path / "ca")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca.cert_path))
    with tls_front(host, signed) as front:  # trusted by the CA, but not the pinned certificate
        client = client_for(host, key, front, certs["host"].fingerprint)
        with pytest.raises(CertificateMismatch):
            client.status()
        client.close()
        assert front.received == b""


def test_a_station_set_up_for_http_says_when_its_host_now_uses_encryption(host, key, certs):
    with tls_front(host, certs["host"]) as front:
        plain = PretixdroidClient(host.base_url(f"http://127.0.0.1:{front.port}"), key, 1.0, 2.0)
        with pytest.raises(HostNowEncrypted) as told:
            plain.status()
        plain.close()
        assert told.value.operator_message == "The host now uses encryption: scan its new setup code."


def test_plain_http_still_works(host, key):
    client = PretixdroidClient(host.base_url(), key, 1.0, 2.0)
    assert not client.encrypted and client.redeem("PAID-1", new_nonce()).status == "ok"
    client.close()


def test_the_fingerprint_a_host_presents_can_be_read_without_trusting_it(host, certs):
    with tls_front(host, certs["host"]) as front:
        assert presented_fingerprint(front.url + "/pretixdroid/api/acme/conf/") == certs["host"].fingerprint
        assert front.received == b""
