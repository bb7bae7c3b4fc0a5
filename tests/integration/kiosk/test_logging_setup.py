"""Qt's messages land in the log and SIGTERM quits the event loop (in a child process)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_qt_messages_land_in_the_log_and_sigterm_quits_the_event_loop(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, QTimer, qWarning
        from kiosk.logging_setup import install_qt_message_handler, quit_on_signals, setup_logging
        setup_logging(Path({str(tmp_path)!r}))
        app = QCoreApplication([])
        install_qt_message_handler()
        stopped = []
        quit_on_signals(app, on_signal=stopped.append)
        qWarning("camera went away")
        QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))
        QTimer.singleShot(10000, lambda: app.exit(3))  # the signal did not quit: fail
        code = app.exec()
        print("exit", code, "stopped", stopped)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"exit 0 stopped [{int(__import__('signal').SIGTERM)}]", result.stderr
    log_text = (Path(tmp_path) / "checkin-kiosk.log").read_text()
    assert "WARNING" in log_text and "qt: camera went away" in log_text
    assert "received SIGTERM, quitting" in log_text


def test_a_signal_ends_the_event_loop_even_if_a_window_refuses_to_close_or_the_loop_has_not_started(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QWidget
        from kiosk.logging_setup import quit_on_signals, setup_logging

        class Stubborn(QWidget):  # like a kiosk window waiting for the staff PIN
            def closeEvent(self, event):
                event.ignore()

        setup_logging(Path({str(tmp_path)!r}))
        app = QApplication([])
        window = Stubborn()
        window.show()
        quit_on_signals(app)
        QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))
        QTimer.singleShot(10000, lambda: app.exit(3))
        print("first", app.exec())
        os.kill(os.getpid(), signal.SIGINT)  # before the loop runs: it ends as soon as it starts
        QTimer.singleShot(10000, lambda: app.exit(3))
        print("second", app.exec(), window.isVisible())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.split() == ["first", "0", "second", "0", "True"], result.stderr
