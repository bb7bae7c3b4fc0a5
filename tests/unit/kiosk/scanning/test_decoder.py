"""The decode thread: camera pictures in, one scan per ticket presentation out."""

import threading
import time

from kiosk.scanning.capture import CaptureWorker, LatestFrame
from kiosk.scanning.decoder import DecodeWorker
from kiosk.scanning.decoding import PyzbarDecoder
from kiosk.scanning.frames import Frame
from tests.support import imagegen

A, B = imagegen.SECRET_A, imagegen.SECRET_B
SMALL = (480, 270)


class Recorder:
    """Collects the decode worker's callbacks (called on its thread) and waits for them."""

    def __init__(self):
        self.scans: list[str] = []
        self.detections: list[list[str]] = []
        self.indexes: list[int] = []  # frame index of each decoded picture
        self.decoded_at: list[float] = []  # perf_counter when each picture's detections were reported
        self._changed = threading.Condition()

    def on_scan(self, text, t_captured, t_decoded):
        assert t_decoded >= t_captured
        with self._changed:
            self.scans.append(text)
            self._changed.notify_all()

    def on_detections(self, frame_index, codes, t_captured, t_decoded):
        with self._changed:
            self.detections.append([c.text for c in codes])
            self.indexes.append(frame_index)
            self.decoded_at.append(time.perf_counter())
            self._changed.notify_all()

    def wait_until(self, done, timeout=10.0):
        """Wait until ``done()`` (called under the recorder's lock) is true."""
        with self._changed:
            assert self._changed.wait_for(done, timeout), f"gave up: scans {self.scans}, {len(self.indexes)} decoded"


def play(tmp_path, segments, decoder=None, fps=10):
    """Play a generated video through a real capture and decode thread; return the recorder."""
    video = imagegen.write_video(tmp_path / "tickets.avi", segments, fps=fps, size=SMALL)
    recorder = Recorder()
    ended = threading.Event()
    capture = CaptureWorker(str(video), on_state_changed=lambda state, _: state == "no_signal" and ended.set())
    scanner = DecodeWorker(capture, decoder=decoder, on_scan=recorder.on_scan,
                           on_detections=recorder.on_detections)
    capture.start()
    scanner.start()
    try:
        assert ended.wait(sum(s for _, s in segments) + 10)
        last = capture.latest().index
        recorder.wait_until(lambda: last in recorder.indexes)  # the decoder has seen the last picture
    finally:
        for worker in (scanner, capture):
            worker.stop()
            worker.join(timeout=5)
    return recorder, scanner


def test_tickets_shown_one_after_another_are_scanned_in_order_including_a_return(tmp_path):
    segments = [(None, 0.2), (A, 0.6), (None, 0.8), (B, 0.6), (None, 0.8), (A, 0.6), (None, 0.2)]
    recorder, scanner = play(tmp_path, segments)
    assert recorder.scans == [A, B, A]
    assert scanner.stats().frames >= 20


def test_a_ticket_held_in_view_for_three_seconds_is_scanned_once(tmp_path):
    recorder, _ = play(tmp_path, [(None, 0.2), (A, 3.0), (None, 0.3)])
    assert recorder.scans == [A]
    assert sum(1 for seen in recorder.detections if seen == [A]) >= 20  # it was decoded all along


def test_the_pyzbar_decoder_scans_the_same_way(tmp_path):
    recorder, _ = play(tmp_path, [(A, 0.6), (None, 0.8), (B, 0.6)], decoder=PyzbarDecoder())
    assert recorder.scans == [A, B]


def frame_with(texts, index, t, seed=0):
    return Frame(imagegen.code_frame(texts, size=SMALL, width_fraction=0.3, seed=seed), t_captured=t, index=index)


def still_camera(frame=None):
    """Stands in for a capture worker whose latest picture does not change (None: no picture yet)."""
    camera = LatestFrame()
    if frame is not None:
        camera.publish(frame)
    return camera


def test_scans_wait_while_paused_and_a_ticket_still_in_view_is_not_scanned_twice():
    recorder = Recorder()
    scanner = DecodeWorker(still_camera(), on_scan=recorder.on_scan, on_detections=recorder.on_detections)
    scanner.process(frame_with([A], 0, 100.0))
    scanner.set_scanning(False)  # a redeem is in flight
    scanner.process(frame_with([A, B], 1, 100.1))
    assert recorder.scans == [A]
    assert recorder.detections[-1] == [A, B]  # the preview still sees both
    scanner.set_scanning(True)
    scanner.process(frame_with([A, B], 2, 100.2))
    assert recorder.scans == [A, B]


def test_forget_lets_a_ticket_in_view_be_scanned_again():
    recorder = Recorder()
    scanner = DecodeWorker(still_camera(), on_scan=recorder.on_scan)
    scanner.process(frame_with([A], 0, 10.0))
    scanner.forget(A)
    scanner.process(frame_with([A], 1, 10.1))
    assert recorder.scans == [A, A]


def test_a_still_picture_is_decoded_once_not_over_and_over():
    recorder = Recorder()
    scanner = DecodeWorker(still_camera(frame_with([A], 0, time.time())), on_scan=recorder.on_scan,
                           on_detections=recorder.on_detections)
    scanner.start()
    recorder.wait_until(lambda: recorder.detections)
    time.sleep(0.3)  # time in which a polling decoder would decode the same picture again
    scanner.stop()
    scanner.join(timeout=5)
    assert recorder.detections == [[A]]
    assert recorder.scans == [A]
    assert scanner.stats().frames == 1


def test_decode_cost_is_measured_per_picture():
    scanner = DecodeWorker(still_camera())
    assert scanner.stats().frames == 0
    for i in range(5):
        scanner.process(frame_with([A] if i % 2 else [], i, float(i)))
    stats = scanner.stats()
    assert stats.frames == 5
    assert 0 < stats.median_ms <= stats.p95_ms <= stats.max_ms
    assert stats.line().startswith("5 pictures decoded, 0 unchanged ones skipped; per picture: median")


def test_a_failing_scan_handler_does_not_stop_scanning():
    seen = []

    def broken_handler(text, t_captured, t_decoded):
        seen.append(text)
        raise RuntimeError("controller bug")

    scanner = DecodeWorker(still_camera(), on_scan=broken_handler)
    scanner.process(frame_with([A], 0, 1.0))
    scanner.process(frame_with([B], 1, 1.1))
    assert seen == [A, B]


def test_switching_camera_decodes_the_new_camera_and_forgets_codes_in_view():
    recorder = Recorder()
    first = still_camera(frame_with([A], 0, time.time()))
    scanner = DecodeWorker(first, on_scan=recorder.on_scan)
    scanner.start()
    try:
        recorder.wait_until(lambda: recorder.scans)
        scanner.set_capture(still_camera(frame_with([A], 0, time.time())))
        recorder.wait_until(lambda: len(recorder.scans) >= 2)
    finally:
        scanner.stop()
        scanner.join(timeout=5)
    assert recorder.scans == [A, A]


def test_the_decode_thread_stops_promptly():
    scanner = DecodeWorker(still_camera())
    scanner.start()
    started = time.monotonic()
    scanner.stop()
    scanner.join(timeout=5)
    assert not scanner.is_alive()
    assert time.monotonic() - started < 1.0


class WatchedCamera(LatestFrame):
    """A ``LatestFrame`` that counts the reader's waits and tells when one began."""

    def __init__(self):
        super().__init__()
        self.waits = 0
        self.waiting = threading.Event()

    def wait_for_frame(self, after, timeout, interrupted=None):
        self.waits += 1
        self.waiting.set()
        return super().wait_for_frame(after, timeout, interrupted)


def test_a_decode_thread_waiting_for_a_picture_stops_at_once():
    camera = WatchedCamera()
    scanner = DecodeWorker(camera, wait_timeout=30)
    scanner.start()
    assert camera.waiting.wait(5)  # it waits for a first picture
    started = time.monotonic()
    scanner.stop()
    scanner.join(timeout=5)
    assert not scanner.is_alive()
    assert time.monotonic() - started < 1.0  # woken by stop(), not by its (here 30 s) safety timeout


def test_the_decoder_wakes_for_a_new_picture_at_once_and_sleeps_in_between():
    recorder = Recorder()
    camera = WatchedCamera()
    scanner = DecodeWorker(camera, on_detections=recorder.on_detections, wait_timeout=30)
    scanner.start()
    try:
        for n in range(5):
            time.sleep(0.1)  # the camera's next picture is not due yet: the decoder sleeps meanwhile
            published = time.perf_counter()
            camera.publish(frame_with([], n, time.time(), seed=n))  # another scene: a change worth decoding
            recorder.wait_until(lambda n=n: len(recorder.decoded_at) == n + 1)
            assert recorder.decoded_at[-1] - published < 1.0  # woken by the picture, not by its 30 s timeout
    finally:
        scanner.stop()
        scanner.join(timeout=5)
    assert recorder.indexes == [0, 1, 2, 3, 4]
    assert camera.waits <= 7  # one wait per picture (and one to stop in), not one every few ms
