"""Our stations' incremental download and the download's ETag (docs/api.md, "Extensions our stations use").

``download/?full=1`` answers carry a token (``next``); a station that holds the copy made
from such an answer sends it back as ``since`` and gets only the tickets changed since
(``results``) and the secrets that stopped being tickets (``removed``). A token this host
cannot honour (another database, the triggers reinstalled, another list, garbage) gets the
whole list, marked ``"incremental": false``, so the station replaces its copy as usual.

The ETag names the data's version (tracking epoch, the list, plain or full, the change
state), not the representation's bytes: a client whose last answer had it already holds
what the host would send, so ``If-None-Match`` with it gets 304 before anything is built.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from server import __version__
from server.rules.access import AccessContext
from server.rules.overview import download
from server.rules.tickets import bulk_ticket_data
from server.store import changes as store
from server.store.tickets import addon_names

# Raise when the download's JSON changes shape, so cached answers are not taken for current ones.
DOWNLOAD_FORMAT = 1


@dataclass
class DownloadAnswer:
    """``results`` (ticket ``data``); ``incremental``: only changes since the token, plus ``removed``
    secrets; ``next``: the token for the next incremental download."""

    results: list[dict[str, Any]]
    next: str
    incremental: bool = False
    removed: list[str] = field(default_factory=list)


def etag(conn: Connection, ctx: AccessContext, full: bool) -> str:
    """The download's (weak) entity tag for this key's list right now; read it before the answer."""
    parts = (DOWNLOAD_FORMAT, __version__, store.current_epoch(conn), ctx.event_id, ctx.list_id, int(full),
             int(ctx.include_pending), store.state(conn, ctx.event_id))
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def _token(conn: Connection, ctx: AccessContext) -> str:
    return f"{store.current_epoch(conn)}.{ctx.list_id}.{store.next_token(conn)}"


def parse_since(conn: Connection, ctx: AccessContext, since: str | None) -> int | None:
    """The ``seq`` a ``since`` token stands for, or None if this host cannot honour it (see module doc)."""
    if not since:
        return None
    parts = since.split(".")
    if len(parts) != 3 or not parts[2].isdigit() or len(parts[2]) > 19:
        return None
    current = store.current_epoch(conn)
    if not current or parts[0] != current or parts[1] != str(ctx.list_id):
        return None
    return int(parts[2])


def full_download(conn: Connection, ctx: AccessContext, since: str | None = None) -> DownloadAnswer:
    """``download(full=True)``, or only what changed since the token ``since`` (when it can be honoured)."""
    token = _token(conn, ctx)  # before the rows: whatever commits later is after it
    seq = parse_since(conn, ctx, since)
    if seq is None:
        return DownloadAnswer(download(conn, ctx, full=True), token)
    rows, removed = store.changed_rows(conn, ctx.event_id, ctx.list_id, ctx.all_products, seq)
    # Few rows: their add-ons only; many (an import touched them all): every add-on of the event at once.
    parents = {row[1] for row in rows} if len(rows) <= 500 else None
    texts = addon_names(conn, ctx.event_id, parents) if rows else {}
    return DownloadAnswer(bulk_ticket_data(rows, ctx.include_pending, texts, full=True), token, True, removed)
