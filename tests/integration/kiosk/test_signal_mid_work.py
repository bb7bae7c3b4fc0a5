"""A signal ends the station after what the GUI thread was doing, never inside it (in a child process).

Python runs a signal handler between two bytecodes of whatever the main thread is doing. The
station once shut down from inside that handler: in the middle of ``ThreadPoolExecutor.submit``
(the journal) it tried to take the executor's lock a second time and hung for ever; in the
middle of a log line it held the handler's lock while waiting for threads that log. Here a log
handler delivers the signal to its own process halfway through a line and waits a while, as
if the disk were slow, deterministically.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_sigterm_in_the_middle_of_a_log_line_ends_the_station_after_the_line_and_its_threads_still_log(tmp_path):
    script = textwrap.dedent(
        """
        import logging, os, signal, sys, threading, time
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import kiosk.app

        events = []

        class SlowDisk(logging.Handler):  # the signal arrives while this handler's lock is held
            def emit(self, record):
                if record.getMessage() == "a scan is logged":
                    os.kill(os.getpid(), signal.SIGTERM)
                    deadline = time.monotonic() + 1.0
                    while time.monotonic() < deadline:  # bytecodes and sleeps: Python's handler runs here
                        time.sleep(0.01)
                    events.append("line written")

        class FakeStation:  # what run_station needs of a station
            threads_left_running = False
            stopped = False

            def start(self):
                QTimer.singleShot(50, lambda: logging.getLogger("kiosk.ui.station").info("a scan is logged"))
                QTimer.singleShot(10000, lambda: QApplication.instance().exit(3))  # never quit: fail

            def shutdown(self, network_wait_ms):
                if self.stopped:
                    return
                self.stopped = True
                # like the host thread and the access-log writer: a worker logs its last line, waited for
                worker = threading.Thread(target=lambda: logging.getLogger("server").info("server stopped"))
                worker.start()
                worker.join(3)
                events.append("shut down, worker " + ("stuck on the log" if worker.is_alive() else "logged"))

        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger().addHandler(SlowDisk())
        kiosk.app.build_station = lambda options: FakeStation()
        print("exit", kiosk.app.run_station(None), " | ".join(events), flush=True)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "exit 0 line written | shut down, worker logged", result.stdout + result.stderr


def test_a_sigterm_while_a_scan_is_handed_to_the_journal_writer_ends_the_station_with_the_scan_journaled(tmp_path):
    # The hang seen in tests/integration/test_station_shutdown.py: the signal came while the GUI
    # thread was in the journal executor's submit (under its lock, starting its thread); the
    # shutdown's journal close then waited for that same lock, held by the same thread, for ever.
    journal = tmp_path / "journal.jsonl"
    script = textwrap.dedent(
        f"""
        import os, queue, signal, time
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import kiosk.app
        from kiosk.ui.journal_writer import JournalWriter

        class SignalMidSubmit(queue.SimpleQueue):  # put() runs inside submit, under the executor's lock
            def put(self, item, block=True, timeout=None):
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.3)
                super().put(item)

        class FakeStation:  # what run_station needs of a station
            threads_left_running = False

            def __init__(self):
                self.journal = JournalWriter({str(journal)!r})
                self.journal._executor._work_queue = SignalMidSubmit()
                self.stopped = False

            def start(self):
                QTimer.singleShot(50, lambda: self.journal.write({{"secret": "VALID-1", "status": "ok"}}))
                QTimer.singleShot(10000, lambda: QApplication.instance().exit(3))  # never quit: fail

            def shutdown(self, network_wait_ms):
                if not self.stopped:
                    self.stopped = True
                    self.journal.close()

        kiosk.app.build_station = lambda options: FakeStation()
        print("exit", kiosk.app.run_station(None), flush=True)
        """
    )
    try:
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30,
                                cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the station hung after SIGTERM\n{exc.stdout}\n{exc.stderr}") from None
    assert result.stdout.strip() == "exit 0", result.stdout + result.stderr
    assert '"VALID-1"' in journal.read_text()
