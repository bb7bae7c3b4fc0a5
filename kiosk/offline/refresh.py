"""CopyRefresh: bring the offline copy up to date with the host in short steps, so scans go in between.

The Gate runs one step per ``tick()`` on the network worker; a scan that arrives meanwhile
waits for one short step, never for the host. The steps:

1. ``download`` / ``fetching``: the download is requested on the ``Fetcher``'s own thread and
   connection (``kiosk.offline.fetcher``), so a scan's redeem never queues behind it; the
   worker only looks whether the answer is there. A copy made from our host's answer asks
   for what changed since it (``since`` = that answer's token) with ``If-None-Match`` = its
   ETag: nothing new is a 304 and ends the refresh; else the host sends the changed tickets
   and the secrets that are gone (``"incremental": true``). Without a token (first run,
   another host), it is the whole list (``full=1``: every ticket with its facts, see
   ``local_copy``), 0.7-1 s for 100,000 tickets on the host.
2. ``check``: a whole list byte-for-byte equal to the one the copy was made from (same
   sha256) ends the refresh here: nothing to parse, nothing to write.
3. ``status`` / ``status-wait``: the host's status (event details and products for offline
   status), on the Fetcher too, if the copy's is older than ``status_interval``.
4. ``compare``: ``batch`` tickets per step are parsed (``iter_results``) and compared with the
   copy; what differs is kept in memory. Nothing is written, so decisions still use the
   complete previous copy.
5. ``prune`` (whole lists only): which stored tickets the host no longer lists (usually none:
   a count says so). An incremental answer names them (``removed``).
6. ``apply``: one transaction writes the differences, deletes what the host no longer lists,
   keeps what the station learned during the refresh (``LocalCopy.apply``) and stores the
   answer's token and ETag.

Any ``HostProblem`` (also a malformed answer) ends the refresh with the copy unchanged.
Pure: no Qt.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from kiosk.client import TicketData
from kiosk.client.errors import HostError
from kiosk.offline.fetcher import Fetcher, Job
from kiosk.offline.local_copy import LocalCopy, Row, ticket_row

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string too


def _expect(text: str, pos: int, char: str) -> int:
    pos = _skip(text, pos)
    if not text.startswith(char, pos):
        raise ValueError(f"expected {char!r} at {pos}")
    return _skip(text, pos + 1)


def iter_results(text: str, others: dict[str, Any] | None = None) -> Iterator[tuple[TicketData, str]]:
    """The download answer's ``results``, one ticket at a time with its own JSON text.

    ``text`` is the answer (a JSON object with a ``results`` array, anywhere among its
    keys); raises ValueError, at the latest when the last ticket was taken, if it is not.
    The answer's other top-level values (``include_pending``...) go into ``others`` as they
    are read: all of them once the last ticket was taken.
    """
    pos, found = _expect(text, 0, "{"), False
    while not text.startswith("}", pos):
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _expect(text, pos, ":")
        if key == "results":
            pos, found = _expect(text, pos, "["), True
            while not text.startswith("]", pos):
                start = pos
                ticket, pos = _DECODER.raw_decode(text, pos)
                if not isinstance(ticket, dict):
                    raise ValueError(f"a result that is not an object at {start}")
                yield ticket, text[start:pos]
                pos = _skip(text, pos)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
                elif not text.startswith("]", pos):
                    raise ValueError(f"expected ',' or ']' at {pos}")
            pos += 1
        else:
            value, pos = _DECODER.raw_decode(text, pos)
            if others is not None:
                others[key] = value
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif not text.startswith("}", pos):
            raise ValueError(f"expected ',' or '}}' at {pos}")
    if not found:
        raise ValueError("no results list")


class CopyRefresh:
    """One refresh of ``copy`` through ``fetcher``'s requests; call ``step()`` until it returns True."""

    def __init__(
        self, fetcher: Fetcher, copy: LocalCopy, clock: Callable[[], float], status_interval: float = 0.0
    ) -> None:
        self._fetcher, self._copy, self._clock = fetcher, copy, clock
        self._status_interval = status_interval
        # then "fetching", "check", "status", "status-wait", "compare", "prune" (whole lists), "apply"
        self.phase = "download"
        self._job: Job | None = None  # the request the Fetcher is working on
        self._body = b""
        self._etag: str | None = None
        self._tickets: Iterator[tuple[TicketData, str]] = iter(())
        self._others: dict[str, Any] = {}  # the answer's top-level values besides the results
        self._status: dict[str, Any] | None = None
        self._changes: dict[str, Row] = {}
        self._missing: list[str] = []
        self._seen: set[str] = set()
        self._present: set[str] = set()  # of those, the ones the copy held when compared
        self._downloaded_at = 0.0
        self._digest: str | None = ""
        #: rows the refresh wrote or deleted (0 for an unchanged download), once it is done
        self.written = 0
        #: whether the host sent only what changed since the copy's version (or 304: nothing)
        self.incremental = False

    @property
    def waiting(self) -> bool:
        """Whether the refresh waits for the host's answer (the Fetcher's thread has it)."""
        return self._job is not None and not self._job.done()

    def step(self, batch: int | None = None) -> bool:
        """Do the next step (``batch`` tickets per compare step; None: all, waiting for the host's answers);
        True when the copy is fresh. A step while the host's answer is not there yet does nothing.

        Raises ``HostProblem`` (the copy is then unchanged; call ``abandon()``).
        """
        if self.phase == "download":
            since, etag = self._copy.download_token, self._copy.download_etag
            # From the request on, what the station learns may be newer than the answer: apply keeps it.
            self._copy.watch()
            self._job = self._fetcher.submit(lambda client: client.download_changes(since, etag))
            self.phase = "fetching"
        elif self.phase == "fetching":
            answer = self._answer(batch)
            if answer is None:
                return False
            self._downloaded_at, self._etag = self._clock(), answer.etag
            if answer.body is None:  # 304: the host still has the version the copy was made from
                self.incremental = True
                self._copy.unwatch()
                self._copy.confirm(self._downloaded_at)
                return True
            self._body, self.phase = answer.body, "check"
        elif self.phase == "check":
            return self._check()
        elif self.phase == "status":
            self._job, self.phase = self._fetcher.submit(lambda client: client.status()), "status-wait"
        elif self.phase == "status-wait":
            status = self._answer(batch)
            if status is not None:
                self._status, self.phase = status, "compare"
        elif self.phase == "compare":
            self._compare(batch)
        elif self.phase == "prune":
            self._missing, self.phase = self._copy.missing(self._seen, self._present), "apply"
        else:
            include_pending = self._others.get("include_pending")
            token = self._others.get("next")
            self.written = self._copy.apply(
                self._changes, self._missing, self._downloaded_at, None if self.incremental else self._digest,
                self._status, include_pending if isinstance(include_pending, bool) else None,
                token if isinstance(token, str) else None, self._etag,
            )
            return True
        return False

    def _answer(self, batch: int | None) -> Any | None:
        """The Fetcher's answer, or None while it is not there (with ``batch`` None: wait for it)."""
        assert self._job is not None
        if batch is not None and not self._job.done():
            return None
        job, self._job = self._job, None
        return job.result()

    def abandon(self) -> None:
        """Give up (host problem, mode change): the copy stays as it is (an answer still coming is dropped)."""
        self._copy.unwatch()
        self._job = None
        self._body, self._tickets = b"", iter(())
        self._changes.clear()

    def _check(self) -> bool:
        body, self._body = self._body, b""
        self._digest = hashlib.sha256(body).hexdigest()
        if self._digest == self._copy.digest:  # nothing changed it since that download either
            self._copy.unwatch()
            self._copy.confirm(self._downloaded_at)
            return True
        try:
            self._tickets = iter_results(body.decode("utf-8"), self._others)
        except UnicodeDecodeError:
            raise HostError("download answer is not UTF-8", status=None) from None
        status_at = self._copy.status_at
        fresh = status_at is not None and self._downloaded_at - status_at < self._status_interval
        self.phase = "compare" if fresh else "status"
        return False

    def _compare(self, batch: int | None) -> None:
        rows, taken = {}, 0
        try:
            # One parsed ticket alive at a time: few survivors for the garbage collector to promote.
            for ticket, text in islice(self._tickets, batch):
                taken += 1
                secret = ticket.get("secret")
                if secret and isinstance(secret, str):
                    rows[secret] = ticket_row(secret, ticket, text)
        except ValueError as exc:  # also json.JSONDecodeError
            raise HostError(f"download answer is not the API's JSON: {exc}", status=None) from None
        held = self._copy.lookup(rows)
        for secret, row in rows.items():
            if secret not in self._seen:
                self._seen.add(secret)
                if secret in held:
                    self._present.add(secret)
            if held.get(secret) != (row[5], row[4]):
                self._changes[secret] = row
        if batch is None or taken < batch:
            # Our host's incremental answer lists what changed and what is gone: nothing to prune.
            self.incremental = self._others.get("incremental") is True
            removed = self._others.get("removed") if self.incremental else None
            if isinstance(removed, list):
                self._missing = [secret for secret in removed if isinstance(secret, str)]
            self.phase = "apply" if self.incremental else "prune"
