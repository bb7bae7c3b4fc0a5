"""The capture thread: keeps the latest picture, reports camera trouble, reconnects, stops promptly."""

import threading
import time

import cv2
import numpy as np
import pytest

from kiosk.camera.capture import CaptureWorker, LatestFrame
from kiosk.camera.demo_source import DemoTicketSource
from kiosk.camera.sources import Frame
from tests.kiosk import imagegen
from tests.kiosk.mjpeg_server import MjpegServer


class States:
    """Records ``on_state_changed`` calls (made on the capture thread) and waits for one."""

    def __init__(self):
        self.seen: list[tuple[str, str | None]] = []
        self._changed = threading.Condition()

    def __call__(self, state, message):
        with self._changed:
            self.seen.append((state, message))
            self._changed.notify_all()

    def wait_for(self, state, timeout=5.0, after=0):
        """Wait until ``state`` is reported (at or after call number ``after``); return its message."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for name, message in self.seen[after:]:
                    if name == state:
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no {state!r} within {timeout} s; states: {self.seen}")
                self._changed.wait(remaining)


def wait_for_frames(worker, count, timeout=5.0):
    """Wait (on the worker's new-picture signal) until it has captured ``count`` pictures in all."""
    deadline = time.monotonic() + timeout
    number = worker.frames_captured
    while number < count and time.monotonic() < deadline:
        number, _ = worker.wait_for_frame(number, deadline - time.monotonic())
    assert number >= count, f"{number} of {count} pictures within {timeout} s"


def stop_and_join(worker):
    started = time.monotonic()
    worker.stop()
    worker.join(timeout=5)
    assert not worker.is_alive()
    return time.monotonic() - started


@pytest.fixture
def workers():
    started = []
    yield started
    for worker in started:
        worker.stop()
        worker.join(timeout=5)


def test_a_missing_camera_is_reported_as_unavailable_with_advice_not_a_crash(workers):
    states = States()
    worker = CaptureWorker(99, on_state_changed=states)
    workers.append(worker)
    worker.start()
    message = states.wait_for("unavailable")
    assert message.startswith("Camera 99 could not be opened.")
    assert worker.state == "unavailable" and worker.error == message
    assert worker.is_alive()  # keeps trying: the camera may be plugged in later
    assert worker.latest() is None


def test_stopping_is_prompt_while_waiting_to_retry_a_camera(workers):
    states = States()
    worker = CaptureWorker(99, on_state_changed=states, backoff=(10.0, 10.0))
    workers.append(worker)
    worker.start()
    states.wait_for("unavailable")
    assert stop_and_join(worker) < 1.0


def test_an_unknown_camera_setting_is_reported_as_unavailable(workers, tmp_path):
    states = States()
    worker = CaptureWorker(str(tmp_path / "missing.avi"), on_state_changed=states)
    workers.append(worker)
    worker.start()
    assert "no camera, video file or folder" in states.wait_for("unavailable")


def test_a_video_that_ended_leaves_the_last_picture_and_no_signal(workers, tmp_path):
    video = imagegen.write_video(tmp_path / "v.avi", [(imagegen.SECRET_A, 0.2), (None, 0.2)], fps=20)
    states = States()
    worker = CaptureWorker(str(video), on_state_changed=states)
    workers.append(worker)
    worker.start()
    states.wait_for("running")
    assert "has ended" in states.wait_for("no_signal")
    assert [s for s, _ in states.seen] == ["running", "no_signal"]
    assert worker.is_alive()
    assert worker.frames_captured == 8
    assert worker.latest().index == 7  # the last picture is kept for the preview
    assert stop_and_join(worker) < 1.0


def test_a_lost_network_camera_is_reconnected_when_it_comes_back(workers):
    picture = imagegen.code_frame([imagegen.SECRET_A], size=(320, 180), width_fraction=0.4)
    server = MjpegServer([picture], fps=30).start()
    states = States()
    worker = CaptureWorker(server.url, on_state_changed=states, backoff=(0.1, 0.4))
    workers.append(worker)
    try:
        worker.start()
        states.wait_for("running")
        lost_at = len(states.seen)
        server.stop()
        assert "stopped sending pictures" in states.wait_for("unavailable", after=lost_at)
        frames_while_lost = worker.frames_captured
        server = MjpegServer([picture], fps=30, port=server.port).start()
        states.wait_for("running", after=lost_at)
        wait_for_frames(worker, frames_while_lost + 3)
        assert worker.error is None
        assert stop_and_join(worker) < 1.0
    finally:
        server.stop()


def test_a_slow_viewer_always_gets_the_newest_picture(workers):
    worker = CaptureWorker(DemoTicketSource(size=(320, 180), fps=30))
    workers.append(worker)
    worker.start()
    time.sleep(0.5)  # a consumer that was busy elsewhere: no backlog must build up
    first = worker.latest()
    assert first is not None and first.index >= worker.frames_captured - 2
    time.sleep(0.3)
    second = worker.latest()
    assert second.index - first.index >= 5  # the frames in between were replaced, not queued
    assert worker.describe() == "demo camera"


def test_a_state_callback_that_fails_does_not_stop_capturing(workers, tmp_path):
    def broken(state, message):
        raise RuntimeError("ui bug")

    worker = CaptureWorker(DemoTicketSource(size=(160, 90), fps=30), on_state_changed=broken)
    workers.append(worker)
    worker.start()
    wait_for_frames(worker, 5)
    assert worker.state == "running"
    assert isinstance(worker.latest().image, np.ndarray)
    assert cv2.cvtColor(worker.latest().image, cv2.COLOR_BGR2GRAY).shape == (90, 160)


def test_a_reader_waiting_for_the_next_picture_gets_the_newest_and_can_be_interrupted():
    frames = LatestFrame()
    got = []
    reader = threading.Thread(target=lambda: got.append(frames.wait_for_frame(0, 30)))
    reader.start()
    picture = Frame(np.zeros((4, 4, 3), np.uint8), time.time(), 0)
    frames.publish(picture)
    reader.join(timeout=5)
    assert got == [(1, picture)] and frames.latest() is picture
    stop = threading.Event()
    reader = threading.Thread(target=lambda: got.append(frames.wait_for_frame(1, 30, stop.is_set)))
    started = time.monotonic()
    reader.start()
    stop.set()
    frames.wake_waiters()
    reader.join(timeout=5)
    assert not reader.is_alive() and time.monotonic() - started < 5  # interrupted, not left to its 30 s timeout
    assert got[1] == (1, picture)  # nothing newer came: the number it had
