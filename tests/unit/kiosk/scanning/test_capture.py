"""The capture thread: keeps the latest picture, reports camera trouble, stops promptly."""

import time

import cv2
import numpy as np

from kiosk.scanning.capture import CaptureWorker
from kiosk.scanning.demo_source import DemoTicketSource
from tests.support import imagegen
from tests.support.capture import States, stop_and_join


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
    deadline = time.monotonic() + 5
    while worker.frames_captured < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert worker.state == "running" and worker.frames_captured >= 5
    assert isinstance(worker.latest().image, np.ndarray)
    assert cv2.cvtColor(worker.latest().image, cv2.COLOR_BGR2GRAY).shape == (90, 160)
