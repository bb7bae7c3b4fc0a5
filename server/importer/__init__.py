"""Getting event data in: pretix JSON exports and CSV ticket lists, plus the demo event.

``import_file`` reads and checks the whole file first, then writes it in one transaction,
so a bad file changes nothing. Formats and re-import rules: docs/import-formats.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import Engine

from server.importer.apply import Progress, apply_import
from server.importer.csv_format import parse_csv
from server.importer.demo import create_demo
from server.importer.model import SLUG_MAX, ImportData, ImportError_, ImportFailed, ImportSummary
from server.importer.pretix_json import parse_pretix_json

__all__ = ["ImportError_", "ImportFailed", "ImportSummary", "create_demo", "import_file", "read_file"]

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_JSON_SUFFIXES = {".json"}
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}


def _check_slug(kind: str, slug: str) -> None:
    if len(slug) > SLUG_MAX or not _SLUG.fullmatch(slug):
        raise ImportFailed(
            f"{kind} slug {slug!r} is not valid: use letters, digits, '.', '-' and '_' "
            f"(at most {SLUG_MAX} characters)"
        )


def _read_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without BOM); anything else is an error naming the line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"file not found: {path}") from None
    except IsADirectoryError:
        raise ImportFailed(f"not a file but a directory: {path}") from None
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFailed(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line} cannot be decoded "
            "(save the file as UTF-8)"
        ) from None
    if not text.strip():
        raise ImportFailed(f"the file is empty: {path}")
    return text


def read_file(path: str | os.PathLike, organizer: str | None = None, event: str | None = None,
              include_test_mode: bool = False) -> ImportData:
    """Read and check an import file without touching the database. Raises ImportFailed."""
    path = Path(path)
    text = _read_text(path)
    for kind, slug in (("organizer", organizer), ("event", event)):
        if slug is not None:
            _check_slug(kind, slug)
    suffix = path.suffix.lower()
    is_json = suffix in _JSON_SUFFIXES or (suffix not in _CSV_SUFFIXES and text.lstrip()[:1] in ("{", "["))
    if is_json:
        data = parse_pretix_json(text, organizer, event, include_test_mode)
        _check_slug("organizer", data.organizer_slug)
        _check_slug("event", data.event_slug)
        return data
    if not organizer or not event:
        raise ImportFailed(
            "a CSV file does not say which event it belongs to: give the organizer and event slugs "
            "(--organizer ORG --event EVENT)"
        )
    return parse_csv(text, organizer, event)


def _refuse_connected(conn, data: ImportData) -> None:
    from server.events import find_event
    from server.pretix.admin import connected_to

    ref = find_event(conn, data.organizer_slug, data.event_slug)
    url = None if ref is None else connected_to(conn, ref.event_id)
    if url is not None:
        org, event = data.organizer_slug, data.event_slug
        raise ImportFailed(f"{org}/{event} is connected to pretix ({url}), which is the source of its tickets: "
                           f"import is refused; first run: checkin-server pretix disconnect {org} {event}")


def import_file(engine: Engine, path: str | os.PathLike, organizer: str | None = None, event: str | None = None,
                include_test_mode: bool = False, progress: Progress | None = None) -> ImportSummary:
    """Import a pretix JSON export or a CSV ticket list in one transaction; return what changed.

    ``organizer``/``event`` are required for CSV and override the file's slugs for JSON.
    ``progress(done, total)`` is called as tickets are written (total = tickets in the file).
    Raises ImportFailed (nothing changed) for a missing, unreadable or invalid file.
    """
    data = read_file(path, organizer, event, include_test_mode)
    with engine.begin() as conn:
        _refuse_connected(conn, data)
        summary = apply_import(conn, data, progress)
    # Fresh statistics, so the query planner keeps using the per-event indexes after a large import.
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return summary
