"""The station's journal: one JSON object per scan in ``journal.jsonl`` (pure: no Qt).

Each line is written, flushed and fsync'ed before ``append`` returns, so a power cut loses
at most the scan being written (a few hundred microseconds on an SSD; see docs/bundle.md for
the measured cost). A torn last line from a crash is skipped when reading.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

FIELDS = (
    "secret", "status", "reason", "mode", "nonce", "station",
    "t_captured", "t_decoded", "t_sent", "t_answered", "t_shown",
)  # fmt: skip
TIME_FIELDS = ("t_captured", "t_decoded", "t_sent", "t_answered", "t_shown")
CSV_COLUMNS = ("time", *FIELDS)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class JournalError(Exception):
    """The journal cannot be read or an entry is malformed; the message says why."""


def _check_entry(entry: dict[str, Any]) -> dict[str, Any]:
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise JournalError(f"journal entry has unknown fields: {', '.join(sorted(unknown))}")
    full = {name: entry.get(name) for name in FIELDS}
    if full["status"] not in ("ok", "error"):
        raise JournalError(f"journal entry status must be 'ok' or 'error', got {full['status']!r}")
    if full["mode"] not in ("online", "offline", None):
        raise JournalError(f"journal entry mode must be 'online', 'offline' or None, got {full['mode']!r}")
    for name in TIME_FIELDS:
        value = full[name]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise JournalError(f"journal entry {name} must be epoch seconds or None, got {value!r}")
    return full


class Journal:
    """Appends scan records to a JSON-lines file; safe to call from several threads."""

    def __init__(self, path: str | os.PathLike, fsync: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fsync = fsync
        self._lock = threading.Lock()
        self._file: IO[str] | None = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open

    def append(self, entry: dict[str, Any]) -> None:
        """Write one entry (missing fields become null) as a line, flushed to disk before returning."""
        line = json.dumps(_check_entry(entry), ensure_ascii=False, allow_nan=False) + "\n"
        with self._lock:
            if self._file is None:
                raise JournalError(f"journal {self.path} is closed")
            self._file.write(line)
            self._file.flush()
            if self._fsync:
                os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close the file; later appends raise JournalError."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_journal(path: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """Yield the entries of a journal file in order, skipping (and logging) unreadable lines."""
    path = Path(path)
    if not path.is_file():
        raise JournalError(f"No journal at {path}: this station has not scanned anything yet")
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                log.warning("journal %s line %d is not valid JSON (torn write?); skipped", path, number)
                continue
            if isinstance(entry, dict):
                yield entry


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    # A scanned QR code is untrusted: keep spreadsheets from running it as a formula.
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _iso(t: Any) -> str:
    if isinstance(t, int | float) and not isinstance(t, bool):
        return datetime.fromtimestamp(t).astimezone().isoformat(timespec="milliseconds")
    return ""


def export_csv(path: str | os.PathLike, out: str | os.PathLike) -> int:
    """Write the journal as CSV (a local ISO ``time`` of capture, then every field); returns the row count."""
    path, out = Path(path), Path(out)
    if not path.is_file():  # checked before the output file is created
        raise JournalError(f"No journal at {path}: this station has not scanned anything yet")
    rows = 0
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for entry in read_journal(path):
                writer.writerow([_iso(entry.get("t_captured"))] + [_csv_cell(entry.get(f)) for f in FIELDS])
                rows += 1
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return rows
