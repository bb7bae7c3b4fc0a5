"""Station settings: one declaration of every setting, a TOML file, a 0600 key file (pure: no Qt).

``settings.toml`` in the data directory carries ``settings_version``; older files are brought
up to date by the explicit steps in ``MIGRATIONS``. The API key never goes into the TOML file,
a repr or a log line: it lives in ``<data-dir>/key``, created owner-only (mode 0600).

A file that is not valid TOML is renamed to ``settings.toml.corrupt-<time>`` and the station
starts from the defaults; the message is in ``Settings.problems`` (and the log). A single bad
value falls back to its default the same way. Setting a bad value raises ``SettingsError``
and changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import socket
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from kiosk.i18n import language_choices
from kiosk.paths import KEY_FILENAME, SETTINGS_FILENAME

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
PIN_ITERATIONS = 100_000


class SettingsError(ValueError):
    """A setting value or file is unusable; the message says which and why."""


def _check_url(value: str) -> str | None:
    if value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL such as http://host:8000/pretixdroid/api/ORG/EVENT/"
    return None


def _check_fingerprint(value: str) -> str | None:
    if value == "" or (len(value) == 64 and all(c in "0123456789abcdef" for c in value)):
        return None
    return "must be empty or 64 lowercase hex digits (SHA-256 of the host's certificate)"


def _check_event(value: str) -> str | None:
    if value == "":
        return None
    org, _, event = value.partition("/")
    if not org or not event or "/" in event:
        return "must be ORGANIZER/EVENT, for example demo/democon"
    return None


def _check_pin_hash(value: str) -> str | None:
    if value == "" or value.startswith("pbkdf2_sha256$"):
        return None
    return "must be empty or a PIN hash (set the PIN with set_staff_pin, never in plain text)"


@dataclass(frozen=True)
class Option:
    """One declared setting: name, type, default and what values are allowed."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[Any], str | None] | None = None

    def default_value(self) -> Any:
        """The default (computed for defaults that depend on the machine)."""
        return self.default() if callable(self.default) else self.default

    def validate(self, value: Any) -> Any:
        """Return ``value`` in this option's type, or raise SettingsError naming the setting."""
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise SettingsError(f"{self.name}: expected {self.type.__name__}, got {value!r}")
        if self.choices is not None and value not in self.choices:
            raise SettingsError(f"{self.name}: must be one of {', '.join(map(str, self.choices))}; got {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise SettingsError(f"{self.name}: must be at least {self.minimum}; got {value!r}")
        if self.maximum is not None and value > self.maximum:
            raise SettingsError(f"{self.name}: must be at most {self.maximum}; got {value!r}")
        problem = self.check(value) if self.check else None
        if problem:
            raise SettingsError(f"{self.name}: {problem}; got {value!r}")
        return value


OPTIONS: tuple[Option, ...] = (
    Option("server_url", str, "", "API base URL .../pretixdroid/api/ORG/EVENT/ ('' = not set up)", check=_check_url),
    Option("cert_sha256", str, "", "SHA-256 of the host's TLS certificate, pinned (from the setup code; '' = none)",
           check=_check_fingerprint),
    Option("allow_search", bool, True, "the key may search by name (from the setup code)"),
    Option("show_info", bool, True, "the key may show ticket details (from the setup code)"),
    Option("station_name", str, socket.gethostname, "name of this station in the journal and key list"),
    Option("camera", str, "0", "webcam index, video file, image folder or stream URL"),
    Option("decoder", str, "zxing", "QR decoder", choices=("zxing", "pyzbar")),
    Option("result_seconds", float, 3.0, "how long a result stays on screen", minimum=0.5, maximum=60.0),
    Option("privacy", bool, False, "hide attendee names on the result screen"),
    Option("sound", bool, True, "play a sound for each result"),
    Option("fullscreen", bool, False, "start full screen"),
    Option("staff_pin", str, "", "hash of the staff PIN ('' = no PIN)", check=_check_pin_hash),
    Option("offline_mode", str, "automatic", "when to decide offline", choices=("automatic", "online", "offline")),
    Option("refresh_interval", int, 30, "seconds between local copy refreshes", minimum=5, maximum=3600),
    Option("probe_interval", int, 5, "seconds between host probes while offline", minimum=1, maximum=300),
    Option("connect_timeout", float, 2.0, "HTTP connect timeout, seconds", minimum=0.1, maximum=60.0),
    Option("read_timeout", float, 5.0, "HTTP read timeout, seconds", minimum=0.1, maximum=120.0),
    Option("host_bind", str, "127.0.0.1", "address the host server listens on (host mode)"),
    Option("host_port", int, 8000, "port a host server first listens on (0 = any free port)", minimum=0, maximum=65535),
    Option("host_last_port", int, 0, "port the host server last listened on, kept at the next start (0 = none yet)",
           minimum=0, maximum=65535),
    Option("language", str, "system", "the station's language: system (its locale), en, de, ...",
           choices=language_choices()),
    Option("event", str, "", "ORGANIZER/EVENT served in host mode ('' = the first one)", check=_check_event),
    Option("sync_interval", int, 10, "seconds between pulls from pretix (host mode, connected events)",
           minimum=2, maximum=3600),
)
OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}


def _migrate_1_to_2(values: dict[str, Any]) -> dict[str, Any]:
    # Version 1 had an integer camera_index, hide_names and an offline flag.
    values = dict(values)
    if "camera_index" in values:
        values["camera"] = str(values.pop("camera_index"))
    if "hide_names" in values:
        values["privacy"] = values.pop("hide_names")
    if "offline" in values:
        values["offline_mode"] = "offline" if values.pop("offline") else "automatic"
    return values


# MIGRATIONS[n] turns a version-n dict into version n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2}


def valid_staff_pin(pin: str) -> bool:
    """Whether ``pin`` can be a staff PIN: 4 to 12 digits (0-9)."""
    return pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12


def hash_pin(pin: str, salt: str | None = None) -> str:
    """PBKDF2 hash of a staff PIN in the form stored in ``staff_pin``."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), PIN_ITERATIONS).hex()
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt}${digest}"


def validate_key(key: str) -> str:
    """Return the key if usable (printable ASCII, no spaces, at most 256 chars); else SettingsError."""
    if not isinstance(key, str) or not key:
        raise SettingsError("key: must not be empty")
    if len(key) > 256 or not all(33 <= ord(c) < 127 for c in key):
        raise SettingsError("key: must be printable ASCII without spaces (at most 256 characters)")
    return key


def write_private_file(path: Path, text: str) -> None:
    """Atomically write ``text`` to ``path``, readable by the owner only (mode 0600)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a leftover temp file may have had wider permissions
        os.write(fd, text.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class Settings:
    """The station's settings in one data directory; read with ``s.name`` or ``s["name"]``."""

    def __init__(self, data_dir: Path, values: dict[str, Any] | None = None, key: str | None = None) -> None:
        object.__setattr__(self, "data_dir", Path(data_dir))
        object.__setattr__(self, "_values", {o.name: o.default_value() for o in OPTIONS})
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "extra", {})  # keys from a newer version, kept and written back
        object.__setattr__(self, "problems", [])
        for name, value in (values or {}).items():
            self[name] = value

    @property
    def path(self) -> Path:
        """The settings TOML file."""
        return self.data_dir / SETTINGS_FILENAME

    @property
    def key_path(self) -> Path:
        """The owner-only key file."""
        return self.data_dir / KEY_FILENAME

    @property
    def key(self) -> str | None:
        """The API key (None = not set up)."""
        return self._key

    def set_key(self, key: str | None) -> None:
        """Set (validated) or clear the key; written by ``save()``."""
        object.__setattr__(self, "_key", None if key is None else validate_key(key))

    def __getitem__(self, name: str) -> Any:
        if name not in OPTIONS_BY_NAME:
            raise KeyError(f"unknown setting {name!r}")
        return self._values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        option = OPTIONS_BY_NAME.get(name)
        if option is None:
            raise SettingsError(f"unknown setting {name!r}")
        if name == "server_url" and isinstance(value, str) and value and not value.endswith("/"):
            value += "/"  # clients append redeem/ etc.
        self._values[name] = option.validate(value)

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("_values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __repr__(self) -> str:
        shown = {k: ("<set>" if k == "staff_pin" and v else v) for k, v in self._values.items()}
        return f"Settings({str(self.data_dir)!r}, key={'<set>' if self._key else None}, {shown})"

    def as_dict(self) -> dict[str, Any]:
        """A copy of every setting value (no key)."""
        return dict(self._values)

    def set_staff_pin(self, pin: str) -> None:
        """Store a staff PIN (4 to 12 digits) as a hash; '' removes the PIN."""
        if pin == "":
            self["staff_pin"] = ""
            return
        if not valid_staff_pin(pin):
            raise SettingsError("staff PIN: must be 4 to 12 digits")
        self["staff_pin"] = hash_pin(pin)

    def check_staff_pin(self, pin: str) -> bool:
        """Whether ``pin`` is the staff PIN (always true when no PIN is set)."""
        stored = self._values["staff_pin"]
        if not stored:
            return True
        _, iterations, salt, _digest = stored.split("$")
        candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), int(iterations)).hex()
        return hmac.compare_digest(f"pbkdf2_sha256${iterations}${salt}${candidate}", stored)

    def save(self) -> None:
        """Write settings.toml and the key file (atomically; the key file mode 0600)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        document = {"settings_version": SETTINGS_VERSION, **self.extra, **self._values}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(tomli_w.dumps(document), encoding="utf-8")
        os.replace(tmp, self.path)
        if self._key:
            write_private_file(self.key_path, self._key + "\n")
        elif self.key_path.exists():
            self.key_path.unlink()

    @classmethod
    def load(cls, data_dir: str | os.PathLike) -> Settings:
        """Read the settings of ``data_dir`` (defaults where missing; see the module doc for bad files)."""
        settings = cls(Path(data_dir))
        problems: list[str] = settings.problems
        document: dict[str, Any] = {}
        if settings.path.exists():
            try:
                document = tomllib.loads(settings.path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                backup = settings.path.with_name(f"{SETTINGS_FILENAME}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(settings.path, backup)
                problems.append(
                    f"{settings.path} is not valid TOML ({exc}); moved it to {backup.name} and used the defaults"
                )
        version = document.pop("settings_version", 1 if document else SETTINGS_VERSION)
        if not isinstance(version, int) or version < 1:
            problems.append(f"settings_version {version!r} is not a version number; read the file as version 1")
            version = 1
        if version > SETTINGS_VERSION:
            problems.append(f"{settings.path.name} was written by a newer version ({version}); unknown settings are kept")
        while version < SETTINGS_VERSION:
            document = MIGRATIONS[version](document)
            version += 1
        for name, value in document.items():
            if name not in OPTIONS_BY_NAME:
                settings.extra[name] = value
                continue
            try:
                settings[name] = value
            except SettingsError as exc:
                problems.append(f"{exc} in {settings.path.name}; using the default")
        if settings.key_path.exists():
            if settings.key_path.stat().st_mode & 0o077:
                os.chmod(settings.key_path, 0o600)
                problems.append(f"{settings.key_path} was readable by others; made it owner-only")
            try:
                settings.set_key(settings.key_path.read_text(encoding="ascii").strip())
            except (SettingsError, UnicodeDecodeError):
                problems.append(f"{settings.key_path} does not hold a usable key; the station is not set up")
        for problem in problems:
            log.warning("%s", problem)
        return settings
