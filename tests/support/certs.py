"""Certificates for TLS tests, made with ``cryptography``: self-signed ones, and a test CA with a host certificate.

Each is written as PEM files into a directory; ``fingerprint`` is the SHA-256 of the DER
certificate, 64 lowercase hex digits (what a setup code's ``cert_sha256`` holds).
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class TestCert:
    """A certificate and key on disk."""

    cert_path: Path
    key_path: Path
    fingerprint: str


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(directory: Path, stem: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> TestCert:
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"{stem}.crt", directory / f"{stem}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    der = cert.public_bytes(serialization.Encoding.DER)
    return TestCert(cert_path, key_path, hashlib.sha256(der).hexdigest())


def _builder(subject: str, issuer: str, public_key, names: bool = True, expired: bool = False) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    start, end = (now - datetime.timedelta(days=30), now - datetime.timedelta(days=1)) if expired else (
        now - datetime.timedelta(days=1), now + datetime.timedelta(days=30))
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
    )
    if names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder


def self_signed(directory: Path, stem: str = "host", common_name: str = "checkin-kiosk test host",
                expired: bool = False, names: bool = True) -> TestCert:
    """A self-signed certificate (for 127.0.0.1 and localhost unless ``names`` is False; ``expired``: ended)."""
    key = ec.generate_private_key(ec.SECP256R1())
    builder = _builder(common_name, common_name, key.public_key(), names=names, expired=expired)
    return _write(directory, stem, builder.sign(key, hashes.SHA256()), key)


def ca_and_host(directory: Path) -> tuple[TestCert, TestCert]:
    """A test CA, and a certificate for 127.0.0.1/localhost that it signed: (ca, host)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        _builder("checkin-kiosk test CA", "checkin-kiosk test CA", ca_key.public_key(), names=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    host_key = ec.generate_private_key(ec.SECP256R1())
    host_cert = _builder("127.0.0.1", "checkin-kiosk test CA", host_key.public_key()).sign(ca_key, hashes.SHA256())
    return _write(directory, "ca", ca_cert, ca_key), _write(directory, "ca-host", host_cert, host_key)
