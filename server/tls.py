"""The host's TLS certificate: made on first need in the data directory, replaced by ``tls use``/``tls renew``.

Stations pin the certificate by its fingerprint (SHA-256 of the DER certificate, 64 lowercase hex
digits), which the setup code carries as ``cert_sha256``; so a self-signed certificate is as good as
one from a CA for them, whatever its names or dates. Files, in ``<data dir>/tls/``: ``cert.pem``
(the certificate, or a chain with the server's certificate first) and ``key.pem`` (the private key,
readable by the owner only). The server reads them when it starts; a change takes effect at the next
start. Flask-free and Qt-free.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import socket
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

TLS_DIR = "tls"
CERT_FILE = "cert.pem"
KEY_FILE = "key.pem"
VALID_DAYS = 3650  # long-lived: stations pin the certificate itself, so its dates do not matter to them


class CertificateError(Exception):
    """A certificate or key cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class CertInfo:
    """The certificate in use: its files and its fingerprint (64 lowercase hex digits)."""

    cert_path: Path
    key_path: Path
    fingerprint: str


def tls_dir(data_dir: str | os.PathLike) -> Path:
    """Where the data directory keeps the certificate and key."""
    return Path(data_dir) / TLS_DIR


def _first_pem_certificate(data: bytes) -> bytes:
    begin, end = b"-----BEGIN CERTIFICATE-----", b"-----END CERTIFICATE-----"
    start = data.find(begin)
    stop = data.find(end, start)
    if start < 0 or stop < 0:
        raise CertificateError("No PEM certificate found (expected -----BEGIN CERTIFICATE-----).")
    return data[start:stop + len(end)]


def fingerprint_of(pem_or_der: bytes | str) -> str:
    """SHA-256 of the DER certificate as 64 lowercase hex digits (of the first certificate of a PEM chain)."""
    data = pem_or_der.encode("ascii") if isinstance(pem_or_der, str) else bytes(pem_or_der)
    if b"-----BEGIN" in data:
        try:
            der = ssl.PEM_cert_to_DER_cert(_first_pem_certificate(data).decode("ascii"))
        except ValueError as exc:
            raise CertificateError(f"The certificate is not valid PEM: {exc}") from None
    else:
        der = data
    return hashlib.sha256(der).hexdigest()


def _host_names_and_addresses() -> tuple[list[str], list[ipaddress.IPv4Address | ipaddress.IPv6Address]]:
    names = ["localhost"]
    hostname = socket.gethostname()
    for name in (hostname, socket.getfqdn()):
        if name and name not in names and not _is_address(name):
            names.append(name)
    addresses: list = [ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")]
    candidates: list[str] = [_primary_address()]
    try:
        candidates += [info[4][0] for info in socket.getaddrinfo(hostname, None, type=socket.SOCK_STREAM)]
    except OSError:
        pass
    for text in candidates:
        try:
            address = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            continue
        if address not in addresses and not address.is_unspecified:
            addresses.append(address)
    return names, addresses


def _primary_address() -> str:
    """The address of the interface the default route uses ("" if none); a UDP connect sends no packet."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return ""
    finally:
        probe.close()


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def make_self_signed(names: list[str] | None = None, addresses: list[str] | None = None) -> tuple[bytes, bytes]:
    """A new ECDSA P-256 key and a self-signed certificate for this host: (cert PEM, key PEM).

    The subject alternative names are ``names`` and ``addresses`` (default: this host's names,
    localhost, loopback and its LAN addresses), valid for ten years from an hour ago.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    if names is None or addresses is None:
        own_names, own_addresses = _host_names_and_addresses()
        names = own_names if names is None else names
        ip_list = own_addresses if addresses is None else [ipaddress.ip_address(a) for a in addresses]
    else:
        ip_list = [ipaddress.ip_address(a) for a in addresses]
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"checkin-kiosk host {socket.gethostname()}"[:64]),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "checkin-kiosk (self-signed)"),
    ])
    now = dt.datetime.now(dt.UTC)
    san = [x509.DNSName(name) for name in names] + [x509.IPAddress(address) for address in ip_list]
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert_pem, key_pem


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        os.chmod(tmp, mode)  # before any byte is written: the key is never readable by others
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _install(data_dir: str | os.PathLike, cert_pem: bytes, key_pem: bytes) -> CertInfo:
    directory = tls_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(directory, 0o700)
    except OSError:  # pragma: no cover - a file system without modes
        pass
    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    # Key first: a crash between the two leaves a key that no certificate matches, which
    # check_pair reports, never a certificate served with a stale key.
    _write_atomically(key_path, key_pem, 0o600)
    _write_atomically(cert_path, cert_pem, 0o644)
    return CertInfo(cert_path, key_path, fingerprint_of(cert_pem))


def check_pair(cert_path: str | os.PathLike, key_path: str | os.PathLike) -> None:
    """Raise ``CertificateError`` unless the files are a PEM certificate (chain) and its matching private key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(str(cert_path), str(key_path))
    except FileNotFoundError as exc:
        raise CertificateError(f"{exc.filename}: no such file.") from None
    except PermissionError as exc:
        raise CertificateError(f"{exc.filename}: not readable (permission denied).") from None
    except ssl.SSLError as exc:
        reason = (exc.reason or str(exc)).replace("_", " ").lower()
        if "key values mismatch" in reason:
            raise CertificateError("The key does not belong to the certificate. Give the certificate's own key.") \
                from None
        raise CertificateError(
            f"Cannot use this certificate and key ({reason}). Give a PEM certificate and its unencrypted PEM key."
        ) from None


def current(data_dir: str | os.PathLike) -> CertInfo | None:
    """The installed certificate, or None if there is none yet."""
    directory = tls_dir(data_dir)
    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    if not (cert_path.exists() and key_path.exists()):
        return None
    return CertInfo(cert_path, key_path, fingerprint_of(cert_path.read_bytes()))


def ensure_certificate(data_dir: str | os.PathLike) -> CertInfo:
    """The certificate in use, making a self-signed one (and its owner-only key) if there is none yet."""
    info = current(data_dir)
    if info is not None:
        return info
    return _install(data_dir, *make_self_signed())


def renew(data_dir: str | os.PathLike) -> CertInfo:
    """Replace the certificate with a new self-signed one (every station then needs a new setup code)."""
    return _install(data_dir, *make_self_signed())


def use(data_dir: str | os.PathLike, cert_path: str | os.PathLike, key_path: str | os.PathLike) -> CertInfo:
    """Install a copy of the organiser's certificate (chain) and key after checking that they belong together."""
    check_pair(cert_path, key_path)
    cert_pem, key_pem = Path(cert_path).read_bytes(), Path(key_path).read_bytes()
    if b"ENCRYPTED" in key_pem:
        raise CertificateError("The key is protected by a passphrase; give it unencrypted (the server starts alone).")
    return _install(data_dir, cert_pem, key_pem)


def server_context(info: CertInfo) -> ssl.SSLContext:
    """An ``ssl.SSLContext`` serving ``info``'s certificate: TLS 1.2 or newer."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(info.cert_path), str(info.key_path))
    return context
