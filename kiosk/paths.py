"""Where the station finds its assets and keeps its files (pure: no Qt).

One data directory holds everything a station writes (settings, key, journal, local copy,
host database); logs go to the per-user log directory, or ``<data-dir>/logs`` when the data
directory was chosen with ``--data-dir`` (so a test or a second station on one machine keeps
its logs apart).
"""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

import platformdirs

APP_NAME = "checkin-kiosk"

SETTINGS_FILENAME = "settings.toml"
KEY_FILENAME = "key"
JOURNAL_FILENAME = "journal.jsonl"
STATION_DB_FILENAME = "station.sqlite3"
HOST_DB_FILENAME = "checkin.sqlite3"
LOG_FILENAME = "checkin-kiosk.log"
SELFTEST_QR_TEXT = "CHECKIN-KIOSK-SELFTEST-7f3a"  # what assets/selftest-qr.png encodes
SOUND_NAMES = ("valid.wav", "error.wav", "attention.wav")


def app_version() -> str:
    """The installed package version (the bundle carries the package metadata)."""
    try:
        return metadata.version(APP_NAME)
    except metadata.PackageNotFoundError:
        return "unknown"


def _assets_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-folder bundle: data files sit under _internal/
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(name: str) -> Path:
    """Path of a bundled asset (sound, icon, test image) in the checkout or the PyInstaller bundle."""
    return _assets_root() / name


def default_data_dir() -> Path:
    """``CHECKIN_DATA_DIR``, else the per-user data dir (shared with ``checkin-server``); not created here."""
    configured = os.environ.get("CHECKIN_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir(data_dir: Path | None = None) -> Path:
    """Directory for the rotating log: ``<data_dir>/logs`` if given, else the per-user log dir."""
    if data_dir is not None:
        return Path(data_dir) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
