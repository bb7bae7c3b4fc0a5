"""The worker-thread idiom: requests run on the worker's own thread; stopping releases there and waits."""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal, Slot

from kiosk.ui.threads import Worker, WorkerThread
from tests.support.ui_support import WAIT_MS


class Echo(Worker):
    answered = Signal(str, object)  # text, the ident of the thread that answered

    def __init__(self) -> None:
        super().__init__()
        self.released_on: int | None = None

    @Slot(str)
    def echo(self, text: str) -> None:
        self.answered.emit(text, threading.get_ident())

    def release(self) -> None:
        self.released_on = threading.get_ident()


class EchoThread(WorkerThread):
    echo_requested = Signal(str)

    def __init__(self, worker: Echo) -> None:
        super().__init__(worker, "echo")
        self.echo_requested.connect(worker.echo)
        self.start()


def test_a_worker_answers_on_its_own_thread_and_releases_there_when_stopped(qtbot):
    worker = Echo()
    handle = EchoThread(worker)
    try:
        with qtbot.waitSignal(worker.answered, timeout=WAIT_MS) as answer:
            handle.echo_requested.emit("hello")
    finally:
        stopped = handle.stop(WAIT_MS)
    text, answered_on = answer.args
    assert text == "hello" and answered_on != threading.get_ident()  # not on the GUI thread
    assert stopped
    assert worker.released_on == answered_on  # what it owns was released on its own thread
    assert handle.stop()  # stopping again is harmless
