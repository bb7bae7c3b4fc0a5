"""The host's certificate as an operator meets it: `tls show/use/renew`, `key create`, `serve` over real HTTPS."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import stat
from pathlib import Path

import pytest
import requests

from server.cli import main
from server.tls import fingerprint_of
from tests.support.clients import pinned_session
from tests.support.serve_process import ServeProcess

HEX64 = re.compile(r"[0-9a-f]{64}")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_ca_and_server_cert(directory: Path) -> tuple[Path, Path, Path]:
    """A test certificate authority and a certificate for 127.0.0.1 signed by it: (ca.pem, cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Organiser CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "checkin.example")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))  # fmt: skip
    paths = directory / "ca.pem", directory / "server.crt", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def test_tls_show_makes_the_certificate_once_and_prints_only_its_fingerprint(tmp_path, capsys):
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "tls", "show")
    assert code == 0 and HEX64.fullmatch(out.strip()) and out.count("\n") == 1
    cert, key = tmp_path / "tls" / "cert.pem", tmp_path / "tls" / "key.pem"
    assert out.strip() == fingerprint_of(cert.read_bytes())
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE((tmp_path / "tls").stat().st_mode) == 0o700
    assert run(capsys, "--data-dir", str(tmp_path), "tls", "show")[1] == out  # the same certificate next time


def test_key_create_gives_an_https_setup_code_with_the_fingerprint_in_use(tmp_path, capsys):
    assert run(capsys, "--data-dir", str(tmp_path), "demo", "--tickets", "5")[0] == 0
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "key", "create", "demo", "democon", "--name", "door")
    setup = json.loads(out)
    assert setup["url"] == "https://localhost:8000/pretixdroid/api/demo/democon/"
    assert setup["cert_sha256"] == run(capsys, "--data-dir", str(tmp_path), "tls", "show")[1].strip()
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "key", "create", "demo", "democon", "--url",
                       "http://10.0.0.5:8000")  # fmt: skip
    assert "cert_sha256" not in json.loads(out)  # plain HTTP: nothing to pin


def test_tls_renew_asks_first_and_then_changes_the_fingerprint(tmp_path, capsys):
    before = run(capsys, "--data-dir", str(tmp_path), "tls", "show")[1].strip()
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "tls", "renew")  # no terminal to confirm on
    assert code == 1 and out == "" and "every station needs a new setup code" in err.lower()
    assert run(capsys, "--data-dir", str(tmp_path), "tls", "show")[1].strip() == before
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "tls", "renew", "--yes")
    assert code == 0 and HEX64.fullmatch(out.strip()) and out.strip() != before
    assert run(capsys, "--data-dir", str(tmp_path), "tls", "show")[1].strip() == out.strip()


def test_tls_use_refuses_a_key_of_another_certificate_and_changes_nothing(tmp_path, capsys):
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    before = run(capsys, "--data-dir", str(tmp_path / "data"), "tls", "show")[1]
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "data"), "tls", "use", str(cert),
                         str(tmp_path / "data" / "tls" / "key.pem"))  # fmt: skip
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert "does not belong to the certificate" in err and "Nothing changed" in err
    assert run(capsys, "--data-dir", str(tmp_path / "data"), "tls", "show")[1] == before
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "tls", "use", str(tmp_path / "nope.pem"), str(key))
    assert code == 1 and "no such file" in err


def test_tls_use_with_an_organisers_ca_works_with_ordinary_verification(tmp_path, capsys):
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    data = tmp_path / "data"
    code, out, err = run(capsys, "--data-dir", str(data), "tls", "use", str(cert), str(key))
    assert code == 0 and out.strip() == fingerprint_of(cert.read_bytes())
    assert "next start" in err and "setup code" in err
    with ServeProcess("--data-dir", str(data), serve_args=("--port", "0")) as server:
        assert server.url.startswith("https://127.0.0.1:")
        assert requests.get(server.url + "/healthz", verify=str(ca), timeout=10).text == "ok\n"
        with pytest.raises(requests.exceptions.SSLError):  # not trusted without the organiser's CA
            requests.get(server.url + "/healthz", verify=True, timeout=10)
    assert out.strip() in server.output  # the fingerprint is logged at start
    assert "PRIVATE KEY" not in server.output and key.read_text().splitlines()[1] not in server.output


def test_a_renewed_certificate_refuses_an_old_fingerprint_before_the_key_is_sent(tmp_path, capsys):
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "demo", "--tickets", "5")[0] == 0
    setup = json.loads(run(capsys, "--data-dir", str(data), "key", "create", "demo", "democon")[1])
    assert run(capsys, "--data-dir", str(data), "tls", "renew", "--yes")[0] == 0
    with ServeProcess("--data-dir", str(data), serve_args=("--port", "0")) as server:
        url = setup["url"].replace("https://localhost:8000", server.url)
        with pinned_session(setup["cert_sha256"]) as session, pytest.raises(requests.exceptions.SSLError):
            session.get(url + "status/", params={"key": setup["key"]}, timeout=10)
        current = run(capsys, "--data-dir", str(data), "tls", "show")[1].strip()
        with pinned_session(current) as session:
            assert session.get(url + "status/", params={"key": setup["key"]}, timeout=10).status_code == 200
    assert setup["key"] not in server.output
    assert server.output.count("/status/") == 1  # only the pinned request with the current fingerprint arrived


def test_insecure_http_beyond_this_computer_is_flagged_in_the_log(tmp_path):
    with ServeProcess("--data-dir", str(tmp_path), serve_args=("--port", "0", "--host", "0.0.0.0",
                                                                "--insecure-http")) as server:  # fmt: skip
        assert server.url.startswith("http://0.0.0.0:")
        port = server.url.rsplit(":", 1)[1]
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).text == "ok\n"
    assert "WARNING" in server.output and "plain HTTP" in server.output
    assert not (tmp_path / "tls").exists()  # no certificate needed, none made
    with ServeProcess("--data-dir", str(tmp_path), serve_args=("--port", "0", "--insecure-http")) as local:
        pass
    assert "plain HTTP" not in local.output  # loopback only: nobody else can listen in


def test_serve_with_a_broken_certificate_says_what_to_do_in_one_line(tmp_path, capsys):
    assert run(capsys, "--data-dir", str(tmp_path), "tls", "show")[0] == 0
    (tmp_path / "tls" / "key.pem").write_text("not a key\n")
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "serve", "--port", "0")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "cannot be used" in err and "tls use CERT KEY" in err
