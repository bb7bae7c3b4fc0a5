"""``run_station(options)``: the QApplication, logging hooks, the station window, clean shutdown.

SIGINT/SIGTERM end the event loop at once, whatever is on screen (the staff PIN guards
the keyboard, not the operating system); staff closing the window ends it too (after the
PIN in kiosk mode). Either way every worker thread is asked to stop and waited for, and
the journal is flushed, before ``run_station`` returns.
"""

from __future__ import annotations

import logging
import sys

from kiosk.logging_setup import install_qt_message_handler, quit_on_signals
from kiosk.offline import GateSettings
from kiosk.options import StationOptions
from kiosk.settings import Settings

log = logging.getLogger(__name__)


def build_station(options: StationOptions, settings: Settings | None = None,
                  gate_settings: GateSettings | None = None, camera: object = None):  # noqa: ANN201
    """Create (not start) the station for ``options`` in the running QApplication, in its language."""
    from kiosk.ui.language import use_language
    from kiosk.ui.station import Station

    use_language(options.language)  # before any widget: they take their words when they are built
    settings = settings if settings is not None else Settings.load(options.data_dir)
    return Station(options, settings, gate_settings=gate_settings, camera=camera)


# SIGTERM/SIGINT end a station within 5 s: this long for a request to the host under way, then without it.
SHUTDOWN_NETWORK_WAIT_MS = 3000
_threads_left_running = False


def run_station(options: StationOptions) -> int:
    """Run the station until its window is closed or the process gets SIGINT/SIGTERM; the exit status."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.style import STYLE_SHEET, app_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("checkin-kiosk")
    install_qt_message_handler()
    app.setStyleSheet(STYLE_SHEET)
    app.setFont(app_font())
    station = build_station(options)
    quit_on_signals(app)
    station.start()
    status = app.exec()
    # Here, not on aboutToQuit: QCoreApplication.exit emits that inside its caller, which may be
    # in the middle of anything (a log line under its handler's lock); after exec nothing is.
    station.shutdown(network_wait_ms=SHUTDOWN_NETWORK_WAIT_MS)
    global _threads_left_running
    _threads_left_running = station.threads_left_running
    return int(status)


def threads_left_running() -> bool:
    """Whether the last ``run_station`` ended with a thread still in a request to the host.

    Python would then wait for it at exit (and Qt abort on its QThread): the caller ends the
    process with ``os._exit`` after its own cleanup instead.
    """
    return _threads_left_running
