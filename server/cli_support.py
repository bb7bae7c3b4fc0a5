"""Helpers of the ``checkin-server`` command line: where the data lives, argument types, progress, error lines."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from server.db import default_database_url

APP_NAME = "checkin-kiosk"
PROGRESS_MIN_TOTAL = 1000  # smaller imports finish before a progress line would help


class CommandError(Exception):
    """An error to report as one line; raised by command handlers."""


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs user data dir for "checkin-kiosk")."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_database_url(data_dir: str | None, database_url: str | None) -> str:
    """--database-url > CHECKIN_DATABASE_URL > SQLite in --data-dir > CHECKIN_DATA_DIR > the default data dir."""
    url = database_url or os.environ.get("CHECKIN_DATABASE_URL") or None
    if url:
        return url
    directory = data_dir or os.environ.get("CHECKIN_DATA_DIR") or default_data_dir()
    return default_database_url(directory)


def redact_url(url: str) -> str:
    """The database URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable database URL>"


def _secret_of(url: str | None) -> str | None:
    try:
        return make_url(url).password if url else None
    except ArgumentError:
        return None


def root_url(value: str) -> str:
    """Argument type: a server root URL (scheme://host:port), without trailing slash."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a server URL like http://192.168.1.10:8000")
    if "/pretixdroid/" in parts.path:
        raise argparse.ArgumentTypeError("give only the server's scheme://host:port; /pretixdroid/api/... is added")
    return value.rstrip("/")


def bounded_int(low: int, high: int):
    """Argument type: a whole number between low and high."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{number} is not between {low} and {high}")
        return number

    return parse


class ImportProgress:
    """Import progress on stderr: a percentage updated in place on a TTY, a line per 10 % otherwise."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        """Report that ``done`` of ``total`` records are imported."""
        if total < PROGRESS_MIN_TOTAL:
            return
        percent = min(100, done * 100 // total)
        shown = percent if self.tty else percent // 10 * 10
        if shown <= self.last:
            return
        self.last = shown
        if self.tty:
            self.stream.write(f"\rImporting... {shown:3d}% ({done}/{total})")
        else:
            self.stream.write(f"Importing... {shown}% ({done}/{total})\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the in-place line."""
        if self.tty and self.last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def one_line(exc: BaseException, url: str | None) -> str:
    """The error as one line, with the database password (if any) masked."""
    if isinstance(exc, OSError) and exc.strerror:
        message = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    elif isinstance(exc, SQLAlchemyError):
        message = f"Database error: {str(exc.orig if getattr(exc, 'orig', None) else exc)}"
    else:
        message = str(exc) or type(exc).__name__
    message = " ".join(message.split("\n")[0].split())
    secret = _secret_of(url)
    return message.replace(secret, "***") if secret else message


