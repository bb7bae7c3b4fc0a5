"""The camera controller: switching cameras keeps the GUI thread free; stopping waits for every camera thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer

from kiosk.scanning.demo_source import DemoTicketSource
from kiosk.ui.camera_controller import CameraController
from tests.support.ui_support import WAIT_MS


class SlowToClose(DemoTicketSource):
    """A camera whose ``close()`` hangs until ``released`` (as a stuck USB or stream driver can)."""

    def __init__(self) -> None:
        super().__init__(size=(160, 90), fps=30)
        self.released = threading.Event()
        self.closing = threading.Event()

    def close(self) -> None:
        self.closing.set()
        self.released.wait(WAIT_MS / 1000)
        super().close()


class Recorded(DemoTicketSource):
    """A camera that notes when it was opened."""

    def __init__(self) -> None:
        super().__init__(size=(160, 90), fps=30)
        self.opened = threading.Event()

    def open(self) -> None:
        self.opened.set()
        super().open()


def test_switching_cameras_leaves_the_gui_free_while_the_old_camera_closes(qtbot):
    old, new = SlowToClose(), Recorded()
    controller = CameraController()
    states = []
    controller.state_changed.connect(lambda state, message: states.append(state))  # emitted on the GUI thread
    try:
        controller.start(old)
        qtbot.waitUntil(lambda: controller.state == "running", timeout=WAIT_MS)
        old_capture = controller.capture
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(old.closing.is_set() and not old.released.is_set()))
        timer.start(10)
        started = time.monotonic()
        controller.switch(new)
        assert time.monotonic() - started < 1.0  # returned without waiting for the old camera to close
        qtbot.waitUntil(lambda: sum(ticks) >= 5, timeout=WAIT_MS)  # the timer fires while the old one hangs
        assert not new.opened.is_set()  # the new camera waits until the old one has let go...
        assert states[-1] == "starting"
        old.released.set()
        qtbot.waitUntil(lambda: new.opened.is_set() and controller.state == "running", timeout=WAIT_MS)  # ...then opens
        qtbot.waitUntil(lambda: not old_capture.is_alive(), timeout=WAIT_MS)
        timer.stop()
    finally:
        old.released.set()
        controller.stop()
    assert states == ["running", "starting", "running"]


def test_stopping_waits_for_a_camera_still_closing_after_a_switch(qtbot):
    old = SlowToClose()
    controller = CameraController()
    controller.start(old)
    qtbot.waitUntil(lambda: controller.state == "running", timeout=WAIT_MS)
    old_capture = controller.capture
    controller.switch(Recorded())
    assert old.closing.wait(WAIT_MS / 1000)
    threading.Timer(0.2, old.released.set).start()  # the driver lets go a moment later
    controller.stop()
    assert old.released.is_set() and not old_capture.is_alive()
