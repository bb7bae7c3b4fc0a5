"""Abuse limits and log hygiene: the unknown-key rate limiter, key redaction, the access log.

No key, valid or not, may reach a log line: a wrong key is often a typo of a right one.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import time
import traceback
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from urllib.parse import unquote_plus

from server.keys import hash_key

access_log = logging.getLogger("server.access")

REDACTED = "[redacted]"
# key=... anywhere in free text (URLs in messages, exception texts), also percent-encoded "key".
_KEY_IN_TEXT = re.compile(r"(?i)((?:k|%4b)(?:e|%45)(?:y|%59)(?:=|%3d))[^&\s\"'<>]*")


def redact(text: str) -> str:
    """``text`` with the value of every ``key=...`` replaced by ``[redacted]``."""
    return _KEY_IN_TEXT.sub(r"\1" + REDACTED, text)


# Query parameters whose values never reach a log: station keys, and search queries (attendee names,
# whole ticket secrets).
REDACTED_PARAMETERS = frozenset({"key", "query"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape_one(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters (newlines, escapes, ...) written as ``\\xNN``: one log line stays one."""
    if text.isprintable():
        return text
    return _CONTROL.sub(_escape_one, text)


def redact_query(query_string: str) -> str:
    """A raw query string with the value of every ``key`` and ``query`` parameter (after decoding) redacted."""
    if not query_string:
        return ""
    parts = []
    for part in query_string.split("&"):
        name, sep, _value = part.partition("=")
        if unquote_plus(name).strip().lower() in REDACTED_PARAMETERS:
            parts.append(f"{name}={REDACTED}")
        else:
            parts.append(redact(part))
    return "&".join(parts)


def redacted_traceback(exc: BaseException) -> str:
    """The formatted traceback of ``exc`` with keys redacted, for the error log."""
    return redact("".join(traceback.format_exception(exc)))


class BadKeyLimiter:
    """Per remote address: ``limit`` failed key attempts within ``window`` seconds block it for ``block_seconds``.

    While blocked, requests with a bad key get 429; valid keys keep working (the caller
    only consults the limiter when a key was rejected; ``KnownKeys`` makes that cheap for a
    blocked address). Thread-safe; remembers at most ``max_addresses`` addresses (least
    recently failing ones are forgotten first).
    """

    def __init__(
        self,
        limit: int = 30,
        window: float = 60.0,
        block_seconds: float = 300.0,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.block_seconds = block_seconds
        self.max_addresses = max_addresses
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._blocked_until: OrderedDict[str, float] = OrderedDict()

    def is_blocked(self, address: str) -> bool:
        """Whether ``address`` is currently refused for bad keys."""
        if not self._blocked_until:  # nobody blocked (the usual case): no lock taken
            return False
        with self._lock:
            until = self._blocked_until.get(address)
            if until is None:
                return False
            if self._clock() < until:
                return True
            del self._blocked_until[address]
            return False

    def record_failure(self, address: str) -> bool:
        """Count one rejected key from ``address``; returns True if this failure starts a block."""
        now = self._clock()
        with self._lock:
            failures = self._failures.pop(address, None)
            if failures is None:
                failures = deque(maxlen=self.limit)
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            failures.append(now)
            if len(failures) >= self.limit:
                self._blocked_until.pop(address, None)
                self._blocked_until[address] = now + self.block_seconds
                self._trim(self._blocked_until)
                return True
            self._failures[address] = failures  # re-inserted: most recent last
            self._trim(self._failures)
            return False

    def tracked_addresses(self) -> int:
        """How many addresses the limiter currently remembers (bounded by ``max_addresses`` per table)."""
        with self._lock:
            return len(self._failures) + len(self._blocked_until)

    def _trim(self, table: OrderedDict) -> None:
        while len(table) > self.max_addresses:
            table.popitem(last=False)


class KnownKeys:
    """The hashes of every usable key, read at most once per ``max_age`` seconds: a blocked address's
    request whose key is not among them is refused without a database lookup.

    ``load`` returns the set of key hashes (one small query). A key created less than ``max_age``
    seconds before the cached read may be refused from a blocked address until the next read.
    """

    def __init__(self, load: Callable[[], set[str]], max_age: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._load = load
        self.max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._hashes: frozenset[str] = frozenset()
        self._read_at: float | None = None
        self.loads = 0  # how often the keys were read (tests)

    def may_be_valid(self, key: str | None) -> bool:
        """Whether ``key`` is among the usable keys as last read (re-read if that is over ``max_age`` old)."""
        if not key:
            return False
        digest = hash_key(key)
        with self._lock:
            now = self._clock()
            if self._read_at is None or now - self._read_at >= self.max_age:
                self._hashes = frozenset(self._load())
                self._read_at = now
                self.loads += 1
            return digest in self._hashes


_ACCESS_FORMAT = '%s "%s %s" %s %.1f ms'
_writers: weakref.WeakSet[AccessLogMiddleware] = weakref.WeakSet()


def flush_access_logs() -> None:
    """Write every access log line still waiting in this process (tests, and before a report is read)."""
    for writer in list(_writers):
        writer.flush()


class AccessLogMiddleware:
    """WSGI middleware logging one line per request on ``server.access``: address, method, redacted path, status, ms.

    A request only queues its line (a deque append: no lock, no system call); a writer thread
    logs the queued lines every ``interval`` seconds, each with the time of its request. With
    eight server threads each writing and flushing its own line under the handler's lock,
    the log cost a third of a 2-core host's redeem throughput. ``close()`` (the server's stop)
    writes what is left; so does the interpreter's exit.
    """

    def __init__(self, app: Callable, logger: logging.Logger = access_log, interval: float = 0.1) -> None:
        self.app = app
        self.logger = logger
        self.interval = interval
        self._pending: deque[tuple[float, tuple]] = deque()
        self._flushing = threading.Lock()
        self._starting = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        _writers.add(self)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Serve the request through the wrapped app and queue its log line."""
        started = time.perf_counter()
        status_holder: list[str] = []

        def recording_start_response(status: str, headers: list, exc_info=None):
            status_holder[:] = [status]
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, recording_start_response)
        finally:
            if self.logger.isEnabledFor(logging.INFO):
                query = redact_query(environ.get("QUERY_STRING", ""))
                self._pending.append((time.time(), (
                    escape_controls(environ.get("REMOTE_ADDR", "-")),
                    escape_controls(environ.get("REQUEST_METHOD", "-")),
                    escape_controls(redact(environ.get("PATH_INFO", "")) + (f"?{query}" if query else "")),
                    status_holder[0].split(" ", 1)[0] if status_holder else "500",
                    (time.perf_counter() - started) * 1000,
                )))
                if self._thread is None:
                    self._start_writer()

    def _start_writer(self) -> None:
        if self._stop.is_set():  # closed: nobody writes periodically any more
            self.flush()
            return
        with self._starting:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._write_periodically, name="access-log", daemon=True)
                self._thread.start()

    def _write_periodically(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def flush(self) -> None:
        """Log every queued line now, in request order."""
        with self._flushing:
            while self._pending:
                created, args = self._pending.popleft()
                record = self.logger.makeRecord(self.logger.name, logging.INFO, __file__, 0, _ACCESS_FORMAT, args, None)
                record.created, record.msecs = created, (created % 1) * 1000
                self.logger.handle(record)

    def close(self) -> None:
        """Stop the writer thread and write what is left (idempotent; later requests are logged at once)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        self.flush()


atexit.register(flush_access_logs)
