"""The capture thread: keeps the latest picture, reports camera trouble, stops promptly."""

import threading
import time

import cv2
import numpy as np

from kiosk.scanning.capture import CaptureWorker, LatestFrame
from kiosk.scanning.demo_source import DemoTicketSource
from kiosk.scanning.frames import Frame
from tests.support import imagegen
from tests.support.capture import States, stop_and_join, wait_for_frames


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
