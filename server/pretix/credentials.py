"""pretix credentials in the data directory: one owner-only JSON file, written atomically, never logged.

Entries are keyed by an id the connection row refers to. A device initialised from an
initialisation token is also found by that token's hash, so running ``connect`` again with the
same token (e.g. with ``--event`` after being asked to choose) reuses the device instead of
failing on pretix's single-use token.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from pathlib import Path
from typing import Any

FILENAME = "pretix-credentials.json"
_guard = threading.Lock()


def _path(data_dir) -> Path:
    return Path(data_dir).expanduser() / FILENAME


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def load_all(data_dir) -> dict[str, dict[str, Any]]:
    """Every stored entry by id (empty if there is no file)."""
    path = _path(data_dir)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}
    return data.get("entries", {}) if isinstance(data, dict) else {}


def load(data_dir, credential_id: str) -> dict[str, Any] | None:
    return load_all(data_dir).get(credential_id)


def find_by_init_token(data_dir, init_token: str) -> tuple[str, dict[str, Any]] | None:
    wanted = token_hash(init_token)
    for key, entry in load_all(data_dir).items():
        if entry.get("init_token_sha256") == wanted:
            return key, entry
    return None


def _write(data_dir, entries: dict[str, dict[str, Any]]) -> None:
    path = _path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{FILENAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"entries": entries}, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def save(data_dir, entry: dict[str, Any], credential_id: str | None = None) -> str:
    """Store ``entry`` (new id unless given); returns its id."""
    with _guard:
        entries = load_all(data_dir)
        credential_id = credential_id or secrets.token_hex(8)
        entries[credential_id] = entry
        _write(data_dir, entries)
    return credential_id


def update(data_dir, credential_id: str, **fields: Any) -> None:
    with _guard:
        entries = load_all(data_dir)
        if credential_id in entries:
            entries[credential_id].update(fields)
            _write(data_dir, entries)


def delete(data_dir, credential_id: str) -> None:
    with _guard:
        entries = load_all(data_dir)
        if entries.pop(credential_id, None) is not None:
            _write(data_dir, entries)
