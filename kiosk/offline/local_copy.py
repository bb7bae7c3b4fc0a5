"""LocalCopy: what this station knows of the tickets without the host (the last ``download``) plus the last status.

From our host the download is ``download/?full=1``: every active ticket of the event with its
order status and whether it is on the key's list (``order_status``, ``on_list``), and the
list's ``include_pending``, so an offline decision gives the host's reason (``rules``). From a
host that ignores ``full`` the copy holds what a plain download lists (admissible tickets) and
the facts that implies (``rules.ticket_facts``). Each ticket's facts are columns, computed
from its JSON text when it is written.

Search and status answer from it with the host's rules (API doc: search/ and status/): search
finds tickets on the list whatever their order status; status counts the tickets on the list
that a plain download lists (paid, or pending on a list that includes pending ones).
"Checked in" offline means redeemed in the copy or waiting in this station's queue, so a
refresh from the host never hides an admission that is not uploaded yet.

A refresh (``kiosk.offline.refresh``) compares a download with the copy in batches and
then writes only what changed, in one transaction (``apply``): until then every decision
uses the complete previous copy. What the station learns meanwhile (an online answer, an
offline admission) is newer than that download, so ``apply`` leaves those tickets alone.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from kiosk.client import TicketData
from kiosk.offline.folding import fold_names, fold_variants
from kiosk.offline.rules import PAID, PENDING, learned_status, ticket_facts, validity_facts
from kiosk.offline.store import get_meta, set_meta, transaction

SEARCH_MIN_LENGTH = 4
SEARCH_LIMIT = 25

# Secrets this station admitted and the host may not know yet (pending upload).
_QUEUED = "SELECT secret FROM queue WHERE source = ? AND state = 'pending'"
_UPSERT = (
    "INSERT INTO tickets (secret, position, secret_folded, order_folded, name_folded, redeemed, data, "
    "order_status, on_list, blocked, valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (secret) DO UPDATE SET "
    "secret_folded = excluded.secret_folded, order_folded = excluded.order_folded, "
    "name_folded = excluded.name_folded, redeemed = excluded.redeemed, data = excluded.data, "
    "order_status = excluded.order_status, on_list = excluded.on_list, blocked = excluded.blocked, "
    "valid_from = excluded.valid_from, valid_until = excluded.valid_until"
)
# The tickets a plain download lists (status counts): on the list, paid or admissible pending, not blocked in pretix.
_LISTED = f"on_list AND NOT blocked AND (order_status = '{PAID}' OR (order_status = '{PENDING}' AND :pending))"
_LOOKUP_CHUNK = 500  # secrets per ``IN (...)``: far below any SQLite's variable limit
# The version of the host's data the copy was made from: the incremental download's token and the ETag.
_TOKEN, _ETAG = "download_token", "download_etag"
_VERSION_KEYS = f"'{_TOKEN}', '{_ETAG}'"

# One ticket as stored: secret, secret/order casefolded, name folded (``folding``), redeemed (0/1), its JSON text,
# its order status letter and on-list flag (0/1) (``rules.ticket_facts`` of that text), blocked (0/1) and its
# validity window (ISO UTC or None) (``rules.validity_facts``).
Row = tuple[str, str, str, str, int, str, str, int, int, str | None, str | None]


def _folded(value: Any) -> str:
    return str(value).casefold() if value else ""


def _matched(ticket: TicketData, folded: str, variants: list[str], allow_search: bool) -> str:
    # The host's order of reasons (server.rules.search.matched_field); the copy knows no invoice name.
    if _folded(ticket.get("secret")).startswith(folded) or not allow_search:
        return "secret"
    if _folded(ticket.get("order")).startswith(folded):
        return "order"
    return "name"


def compact_json(data: TicketData) -> str:
    """``data`` as JSON text the way the host writes it, so equal tickets compare equal as text."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def ticket_row(secret: str, data: TicketData, text: str) -> Row:
    """The stored row of a ticket whose JSON text is ``text``."""
    folded = (_folded(secret), _folded(data.get("order")), fold_names(data.get("attendee_name")))
    status, on_list = ticket_facts(data)
    blocked, start, end = validity_facts(data)
    return (secret, *folded, 1 if data.get("redeemed") else 0, text, status, int(on_list), int(blocked), start, end)


class LocalCopy:
    """The offline copy for one event (``source``, see ``store.source_of``); another event's is discarded."""

    def __init__(self, conn: sqlite3.Connection, source: str) -> None:
        self._conn = conn
        self.source = source
        #: sha256 of the download the copy is equal to; None once anything changed it since.
        self.digest: str | None = None
        self._touched: set[str] | None = None  # while a refresh runs: tickets changed meanwhile
        self.status_at: float | None = None  # when this run last stored the host's status
        if get_meta(conn, "source") != source:
            with transaction(conn):
                conn.execute("DELETE FROM tickets")
                conn.execute(
                    f"DELETE FROM meta WHERE key IN ('downloaded_at', 'status', 'include_pending', {_VERSION_KEYS})"
                )
                set_meta(conn, "source", source)

    # -- refresh -------------------------------------------------------------------------

    def replace(
        self, results: list[TicketData], now: float | None = None, include_pending: bool | None = None
    ) -> None:
        """Replace the whole copy with a fresh download, in one transaction.

        ``include_pending``: the download's top-level flag (None: a host that did not send it).
        """
        rows = [ticket_row(t["secret"], t, compact_json(t)) for t in results if t.get("secret")]
        with transaction(self._conn) as conn:
            conn.execute("DELETE FROM tickets")
            conn.executemany(_UPSERT, ((r[0], position, *r[1:]) for position, r in enumerate(rows)))
            set_meta(conn, "downloaded_at", repr(time.time() if now is None else now))
            self._set_include_pending(include_pending)
            conn.execute(f"DELETE FROM meta WHERE key IN ({_VERSION_KEYS})")
        self.digest = None

    def watch(self) -> None:
        """A refresh starts comparing: note every ticket changed from now on (``apply`` keeps them)."""
        self._touched = set()

    def unwatch(self) -> None:
        """The refresh was given up."""
        self._touched = None

    def lookup(self, secrets: Iterable[str]) -> dict[str, tuple[str, int]]:
        """The stored (JSON text, redeemed) of those of ``secrets`` that are in the copy."""
        wanted, found = list(secrets), {}
        for i in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[i : i + _LOOKUP_CHUNK]
            rows = self._conn.execute(
                f"SELECT secret, data, redeemed FROM tickets WHERE secret IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((secret, (data, redeemed)) for secret, data, redeemed in rows)
        return found

    def missing(self, seen: set[str], present: set[str]) -> list[str]:
        """Secrets in the copy, not changed since ``watch()``, that a download listing ``seen`` no longer has.

        ``present``: those of ``seen`` the copy held when compared. Usually the count of rows
        says that nothing is missing, without reading every secret.
        """
        touched = self._touched or set()
        exists = self.lookup(touched)
        expected = len(present) + sum((t in exists) - (t in present) for t in touched)
        if self._conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == expected:
            return []
        rows = self._conn.execute("SELECT secret FROM tickets")
        return [secret for (secret,) in rows if secret not in seen and secret not in touched]

    def apply(
        self,
        changes: dict[str, Row],
        missing: list[str],
        downloaded_at: float,
        digest: str | None,
        status: dict[str, Any] | None = None,
        include_pending: bool | None = None,
        token: str | None = None,
        etag: str | None = None,
    ) -> int:
        """Make the copy equal a compared download, in one transaction; returns rows written or deleted.

        ``changes``: the download's tickets that differ from the copy; ``missing``: stored
        tickets the download does not list (an incremental one: says are gone); ``include_pending``:
        the download's top-level flag (None: a host that did not send it); ``digest``: the
        answer's sha256 (None: an incremental answer); ``token``, ``etag``: the answer's
        ``next`` token and ETag, the version the copy now has. Tickets changed since
        ``watch()`` keep what the station learned (it is newer than the download); then the
        copy keeps its previous token, so the next incremental download sends those tickets again
        if the host changed them meanwhile.
        """
        touched = self._touched or set()
        gone = [(secret,) for secret in missing if secret not in touched]
        writes = [row for row in changes.values() if row[0] not in touched]
        with transaction(self._conn) as conn:
            conn.executemany("DELETE FROM tickets WHERE secret = ?", gone)
            start = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM tickets").fetchone()[0]
            conn.executemany(_UPSERT, ((r[0], start + i, *r[1:]) for i, r in enumerate(writes)))
            set_meta(conn, "downloaded_at", repr(downloaded_at))
            self._set_include_pending(include_pending)
            if status is not None:
                set_meta(conn, "status", json.dumps(status))
            if not touched:
                conn.execute(f"DELETE FROM meta WHERE key IN ({_VERSION_KEYS})")
                for key, value in ((_TOKEN, token), (_ETAG, etag)):
                    if value:
                        set_meta(conn, key, value)
        self.digest, self._touched = None if touched else digest, None
        if status is not None:
            self.status_at = downloaded_at
        return len(gone) + len(writes)

    @property
    def download_token(self) -> str | None:
        """The ``next`` token of the host's answer the copy was last made equal to (incremental download)."""
        return get_meta(self._conn, _TOKEN)

    @property
    def download_etag(self) -> str | None:
        """The ETag of that answer (a 304 to it means: the copy is current)."""
        return get_meta(self._conn, _ETAG)

    def confirm(self, downloaded_at: float) -> None:
        """A download equal to the one the copy holds (same ``digest``): the copy is that fresh."""
        set_meta(self._conn, "downloaded_at", repr(downloaded_at))

    def save_status(self, status: dict[str, Any], now: float | None = None) -> None:
        """Keep the host's last status answer (event details, products) for offline status."""
        set_meta(self._conn, "status", json.dumps(status))
        self.status_at = time.time() if now is None else now

    def learn(self, data: TicketData | None, secret: str, reason: str | None = None) -> None:
        """Fold an online answer (``data``, the refusal's ``reason``) into the copy.

        A ticket the host does not know leaves the copy. A full copy keeps every other ticket
        with the facts the answer shows (``learned_status``; ``product``: not on the list); a
        copy from a host without ``full`` keeps only what a plain download would list.
        """
        on_list = reason != "product"
        if data is not None and self.full:
            stored = self._conn.execute(
                "SELECT order_status, blocked, valid_from, valid_until FROM tickets WHERE secret = ?", (secret,)
            ).fetchone()
            status = learned_status(data, stored[0] if stored else None, self.include_pending)
            data = {**data, "order_status": status, "on_list": on_list}
            data = {**data, **self._learned_validity(data, stored, reason)}
        elif data is not None and not (on_list and data.get("checkin_allowed")):
            data = None
        if data is None:
            if self._conn.execute("DELETE FROM tickets WHERE secret = ?", (secret,)).rowcount:
                self._changed(secret)
            return
        row = ticket_row(secret, data, compact_json(data))
        if self.lookup([secret]).get(secret) == (row[5], row[4]):
            return  # nothing new (a rescan answered "already used"): keep the copy equal to its download
        position = self._conn.execute(
            "SELECT COALESCE((SELECT position FROM tickets WHERE secret = ?), MAX(position) + 1, 0) FROM tickets",
            (secret,),
        ).fetchone()[0]
        self._conn.execute(_UPSERT, (secret, position, *row[1:]))
        self._changed(secret)

    @staticmethod
    def _learned_validity(data: TicketData, stored: tuple | None, reason: str | None) -> dict[str, Any]:
        """pretix's facts (blocked, validity window) after an online answer, whose data does not carry them.

        What the copy knew stays, refined by the reason: the host checks ``blocked`` after
        the product and a canceled order, and before everything else, so an admission or a
        later refusal means not blocked (any more).
        """
        was_blocked, start, end = (bool(stored[1]), stored[2], stored[3]) if stored else (False, None, None)
        if reason == "blocked":
            blocked = True
        elif reason in (None, "invalid_time", "already_redeemed"):
            blocked = False
        else:
            blocked = was_blocked
        return {"blocked": data.get("blocked", blocked), "valid_from": data.get("valid_from", start),
                "valid_until": data.get("valid_until", end)}

    def mark_redeemed(self, secret: str) -> None:
        """Record that this station admitted ``secret`` (part of the caller's transaction)."""
        self._conn.execute("UPDATE tickets SET redeemed = 1 WHERE secret = ?", (secret,))
        self._changed(secret)

    def _set_include_pending(self, include_pending: bool | None) -> None:
        if include_pending is None:
            self._conn.execute("DELETE FROM meta WHERE key = 'include_pending'")
        else:
            set_meta(self._conn, "include_pending", "1" if include_pending else "0")

    def _changed(self, secret: str) -> None:
        self.digest = None
        if self._touched is not None:
            self._touched.add(secret)

    # -- reading -------------------------------------------------------------------------

    @property
    def downloaded_at(self) -> float | None:
        """Epoch seconds of the last successful download, or None if there never was one."""
        value = get_meta(self._conn, "downloaded_at")
        return float(value) if value else None

    @property
    def full(self) -> bool:
        """Whether the last download was our host's full one (every ticket, with its facts)."""
        return get_meta(self._conn, "include_pending") is not None

    @property
    def include_pending(self) -> bool:
        """The list's flag from the last download; a host without ``full`` does not say: True.

        (Its copy holds a pending ticket only if the list includes pending ones.)
        """
        return get_meta(self._conn, "include_pending") != "0"

    @property
    def list_name(self) -> str | None:
        """The check-in list named in the host's last status, if known."""
        stored = get_meta(self._conn, "status")
        event = json.loads(stored).get("event") if stored else None
        return event.get("list") if isinstance(event, dict) else None

    def age(self, now: float | None = None) -> float | None:
        """Seconds since the last successful download, or None."""
        at = self.downloaded_at
        return None if at is None else max(0.0, (time.time() if now is None else now) - at)

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]

    def _ticket(self, row: tuple[str, int]) -> TicketData:
        data: TicketData = json.loads(row[0])
        data["redeemed"] = bool(row[1])
        return data

    def get(self, secret: str) -> TicketData | None:
        """The ticket with exactly this secret (``redeemed`` includes queued admissions), or None."""
        row = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED}) FROM tickets WHERE secret = ?",
            (self.source, secret),
        ).fetchone()
        return None if row is None else self._ticket(row)

    def search(self, query: str, allow_search: bool = True) -> list[TicketData]:
        """The host's search rules: 4+ chars, secret/order prefix (casefolded) or name substring, 25 max.

        Names match folded (``folding``: "mueller" finds "Müller"), on any variant of the query.
        Only tickets on the list, whatever their order status (they show ``paid: false``). Each
        result says why it matched, as the host's do (``matched``: secret, order or name).
        """
        if len(query) < SEARCH_MIN_LENGTH:
            return []
        folded = query.casefold()
        variants = fold_variants(query) if "\n" not in query else []
        params: dict[str, Any] = {"q": folded, "source": self.source}
        where = "substr(secret_folded, 1, length(:q)) = :q"
        if allow_search:
            where += " OR substr(order_folded, 1, length(:q)) = :q"
            for i, variant in enumerate(variants):
                where += f" OR instr(name_folded, :v{i}) > 0"
                params[f"v{i}"] = variant
        rows = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED.replace('?', ':source')}) FROM tickets "
            f"WHERE on_list AND ({where}) ORDER BY position LIMIT {SEARCH_LIMIT}",
            params,
        ).fetchall()
        results = [self._ticket(row) for row in rows]
        for ticket in results:
            ticket["matched"] = _matched(ticket, folded, variants, allow_search)
        return results

    def status(self) -> dict[str, Any]:
        """The last host status with counts recomputed from the copy and the queue (people, not rows).

        Counted: the tickets a plain download lists, as the host counts them.
        """
        stored = get_meta(self._conn, "status")
        status: dict[str, Any] = json.loads(stored) if stored else {"version": 2, "event": None, "items": []}
        rows = self._conn.execute(
            f"SELECT data, redeemed OR secret IN ({_QUEUED.replace('?', ':source')}) FROM tickets WHERE {_LISTED}",
            {"source": self.source, "pending": int(self.include_pending)},
        ).fetchall()
        tickets = [self._ticket(row) for row in rows]
        status["total"] = len(tickets)
        status["checkins"] = sum(1 for t in tickets if t["redeemed"])
        for item in status.get("items") or []:
            mine = [t for t in tickets if t.get("item_id") == item.get("id")]
            item["total"], item["checkins"] = len(mine), sum(1 for t in mine if t["redeemed"])
            for variation in item.get("variations") or []:
                theirs = [t for t in mine if t.get("variation_id") == variation.get("id")]
                variation["total"] = len(theirs)
                variation["checkins"] = sum(1 for t in theirs if t["redeemed"])
        return status
