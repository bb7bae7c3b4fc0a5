"""Logging for the station: rotating file, stderr, key redaction, Qt messages, start-up banner.

``setup_logging`` needs no Qt. The two Qt helpers (``install_qt_message_handler`` and
``quit_on_signals``) import PySide6 only when called; the UI calls them once the
QApplication exists.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.paths import LOG_FILENAME, app_version

if TYPE_CHECKING:
    from kiosk.options import StationOptions
    from kiosk.settings import Settings

log = logging.getLogger("kiosk")

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
REDACTED = "<redacted>"
_KEY_PATTERNS = (
    re.compile(r"(?i)(\bkey=)[^&\s\"'#]+"),  # query strings: ...status/?key=abc
    re.compile(r"(?i)(\"key\"\s*:\s*\")[^\"]*"),  # JSON: "key": "abc"
    re.compile(r"(?i)(\bkey:\s*)\S+"),  # plain text: key: abc
)


class KeyRedactingFilter(logging.Filter):
    """Replaces ``key=...`` and every registered secret in a record's text with <redacted>."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, secret: str | None) -> None:
        """Redact this exact value from now on (an API key this process knows)."""
        if secret and len(secret) >= 4:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        """``text`` with keys removed."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in _KEY_PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


REDACTOR = KeyRedactingFilter()


def redact_secret(secret: str | None) -> None:
    """Register a key so it never reaches a log handler, even outside ``key=`` syntax."""
    REDACTOR.add_secret(secret)


def setup_logging(log_directory: Path | None, stderr_level: int = logging.WARNING) -> Path | None:
    """Log INFO+ to ``<log_directory>/checkin-kiosk.log`` (1 MB x 5) and warnings to stderr.

    Returns the log file, or None when the directory cannot be written (then stderr only).
    Safe to call twice: earlier handlers installed by this function are replaced.
    """
    shutdown_logging()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter(LOG_FORMAT)
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(stderr_level)
    stream.setFormatter(logging.Formatter("checkin-kiosk: %(levelname)s: %(message)s"))
    # Qt's warnings (missing PipeWire, plugin notes) are for the log file; only its errors reach the terminal.
    stream.addFilter(lambda record: record.name != "qt" or record.levelno >= logging.ERROR)
    handlers: list[logging.Handler] = [stream]
    path = None
    if log_directory is not None:
        try:
            log_directory.mkdir(parents=True, exist_ok=True)
            path = log_directory / LOG_FILENAME
            file_handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
            file_handler.setFormatter(formatter)
            handlers.append(file_handler)
        except OSError as exc:
            path = None
            print(f"checkin-kiosk: cannot write logs to {log_directory} ({exc}); logging to stderr only",
                  file=sys.stderr)  # fmt: skip
    for handler in handlers:
        handler.addFilter(REDACTOR)
        handler._kiosk_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.captureWarnings(True)
    return path


def shutdown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` installed."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk_handler", False)]:
        root.removeHandler(handler)
        handler.close()


def banner_lines(options: StationOptions, settings: Settings | None = None, decoder: str | None = None) -> list[str]:
    """The start-up banner: version, platform, camera, server, decoder, data dir (never the key)."""
    if options.host or options.demo:
        server = f"host mode on {options.bind}:{options.port or 'any free port'}" + (" (demo)" if options.demo else "")
    else:
        server = options.server_url or "not set up"
    camera = {None: "settings", "demo": "simulated demo camera"}.get(options.camera, options.camera)
    lines = [
        f"checkin-kiosk {app_version()} on Python {platform.python_version()}, {platform.platform(terse=True)}",
        f"station: {settings.station_name if settings else socket.gethostname()}",
        f"camera: {camera}{' (loop)' if options.camera_loop else ''}",
        f"server: {server}",
        f"decoder: {decoder or options.decoder}",
        f"data dir: {options.data_dir}",
    ]
    return [REDACTOR.redact(line) for line in lines]


def log_banner(options: StationOptions, settings: Settings | None = None) -> None:
    """Write the banner to the log, one line per item."""
    for line in banner_lines(options, settings):
        log.info("%s", line)


_QT_LEVELS: dict[str, int] = {
    "QtDebugMsg": logging.DEBUG,
    "QtInfoMsg": logging.INFO,
    "QtWarningMsg": logging.WARNING,
    "QtCriticalMsg": logging.ERROR,
    "QtFatalMsg": logging.CRITICAL,
}
_installed: dict[str, Any] = {}


def install_qt_message_handler() -> None:
    """Route Qt's qDebug/qWarning/... messages into the ``qt`` logger (call after QApplication exists)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")

    def handler(msg_type: QtMsgType, context: Any, message: str) -> None:
        level = _QT_LEVELS.get(getattr(msg_type, "name", str(msg_type)).split(".")[-1], logging.INFO)
        category = getattr(context, "category", None)
        qt_log.log(level, "%s%s", f"[{category}] " if category and category != "default" else "", message)

    _installed["qt_message_handler"] = handler  # keep a reference: Qt holds only a borrowed one
    qInstallMessageHandler(handler)


def quit_on_signals(app: Any, on_signal: Callable[[int], None] | None = None) -> None:
    """Make SIGINT/SIGTERM end the Qt event loop cleanly (``app.exit(0)``), not kill the process.

    The operating system is obeyed, not asked: ``exit`` leaves the event loop (and any
    dialog's) without closing windows first, so nothing on screen (the staff PIN prompt of
    a kiosk, an open dialog) can veto it; whoever runs the loop then shuts the station down.

    Python runs a signal handler on the main thread between two bytecodes of whatever it is
    doing: in the middle of a log line under its handler's lock, or of ``Thread.start`` under
    a thread pool's lock. So the handler here does nothing; CPython has already written the
    signal's number to the ``signal.set_wakeup_fd`` socket, whose QSocketNotifier wakes the
    event loop, and that slot (called by the loop, nothing of ours below it) logs, runs
    ``on_signal(signum)`` if given and ends the loop. ``QCoreApplication.exit`` emits
    ``aboutToQuit`` on the spot: from the handler it ran the shutdown inside the interrupted
    code, which deadlocked (the journal's executor lock, taken twice by the main thread). A
    signal that arrives before the loop runs ends it as soon as it starts (the socket stays
    readable until then).
    """
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    ours = {int(signal.SIGINT), int(signal.SIGTERM)}

    def quit_now() -> None:
        received: list[int] = []
        while True:
            try:
                data = reader.recv(64)
            except (BlockingIOError, InterruptedError):
                break
            if not data:
                break
            received.extend(signum for signum in data if signum in ours and signum not in received)
        for signum in received:
            log.info("received %s, quitting", signal.Signals(signum).name)
            if on_signal is not None:
                on_signal(signum)
        if received:
            app.exit(0)  # ends every running loop, the main one too (a dialog's exec as well)

    def note(_signum: int, _frame: Any) -> None:
        """Nothing: the signal is already noted in the wakeup socket (see above)."""

    notifier.activated.connect(quit_now)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, note)
    _installed["signal_sockets"] = (reader, writer, notifier)
