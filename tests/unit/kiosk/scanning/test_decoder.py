"""The decode thread: camera pictures in, one scan per ticket presentation out."""

import threading
import time

from kiosk.scanning.capture import CaptureWorker
from kiosk.scanning.decoder import DecodeWorker
from kiosk.scanning.decoding import PyzbarDecoder
from kiosk.scanning.frames import Frame
from tests.support import imagegen

A, B = imagegen.SECRET_A, imagegen.SECRET_B
SMALL = (480, 270)


class Recorder:
    """Collects the decode worker's callbacks (called on its thread)."""

    def __init__(self):
        self.scans: list[str] = []
        self.detections: list[list[str]] = []
        self.lock = threading.Lock()

    def on_scan(self, text, t_captured, t_decoded):
        assert t_decoded >= t_captured
        with self.lock:
            self.scans.append(text)

    def on_detections(self, frame_index, codes, t_captured, t_decoded):
        with self.lock:
            self.detections.append([c.text for c in codes])


def play(tmp_path, segments, decoder=None, fps=10):
    """Play a generated video through a real capture and decode thread; return the recorder."""
    video = imagegen.write_video(tmp_path / "tickets.avi", segments, fps=fps, size=SMALL)
    recorder = Recorder()
    capture = CaptureWorker(str(video))
    scanner = DecodeWorker(capture, decoder=decoder, on_scan=recorder.on_scan,
                           on_detections=recorder.on_detections)
    capture.start()
    scanner.start()
    try:
        deadline = time.monotonic() + sum(s for _, s in segments) + 10
        while capture.state != "no_signal" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert capture.state == "no_signal"
        time.sleep(0.2)  # let the decoder finish the last picture
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


def frame_with(texts, index, t):
    return Frame(imagegen.code_frame(texts, size=SMALL, width_fraction=0.3), t_captured=t, index=index)


class StillCamera:
    """Stands in for a capture worker whose latest picture does not change."""

    def __init__(self, frame):
        self.frame = frame

    def latest(self):
        return self.frame


def test_scans_wait_while_paused_and_a_ticket_still_in_view_is_not_scanned_twice():
    recorder = Recorder()
    scanner = DecodeWorker(StillCamera(None), on_scan=recorder.on_scan, on_detections=recorder.on_detections)
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
    scanner = DecodeWorker(StillCamera(None), on_scan=recorder.on_scan)
    scanner.process(frame_with([A], 0, 10.0))
    scanner.forget(A)
    scanner.process(frame_with([A], 1, 10.1))
    assert recorder.scans == [A, A]


def test_a_still_picture_is_decoded_once_not_over_and_over():
    recorder = Recorder()
    scanner = DecodeWorker(StillCamera(frame_with([A], 0, time.time())), on_scan=recorder.on_scan,
                           on_detections=recorder.on_detections)
    scanner.start()
    time.sleep(0.3)
    scanner.stop()
    scanner.join(timeout=5)
    assert recorder.detections == [[A]]
    assert recorder.scans == [A]
    assert scanner.stats().frames == 1


def test_decode_cost_is_measured_per_picture():
    scanner = DecodeWorker(StillCamera(None))
    assert scanner.stats().frames == 0
    for i in range(5):
        scanner.process(frame_with([A] if i % 2 else [], i, float(i)))
    stats = scanner.stats()
    assert stats.frames == 5
    assert 0 < stats.median_ms <= stats.p95_ms <= stats.max_ms
    assert stats.line().startswith("5 pictures decoded; per picture: median")


def test_a_failing_scan_handler_does_not_stop_scanning():
    seen = []

    def broken_handler(text, t_captured, t_decoded):
        seen.append(text)
        raise RuntimeError("controller bug")

    scanner = DecodeWorker(StillCamera(None), on_scan=broken_handler)
    scanner.process(frame_with([A], 0, 1.0))
    scanner.process(frame_with([B], 1, 1.1))
    assert seen == [A, B]


def test_switching_camera_decodes_the_new_camera_and_forgets_codes_in_view():
    recorder = Recorder()
    first = StillCamera(frame_with([A], 0, time.time()))
    scanner = DecodeWorker(first, on_scan=recorder.on_scan)
    scanner.start()
    try:
        deadline = time.monotonic() + 5
        while not recorder.scans and time.monotonic() < deadline:
            time.sleep(0.01)
        scanner.set_capture(StillCamera(frame_with([A], 0, time.time())))
        while len(recorder.scans) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        scanner.stop()
        scanner.join(timeout=5)
    assert recorder.scans == [A, A]


def test_the_decode_thread_stops_promptly():
    scanner = DecodeWorker(StillCamera(None))
    scanner.start()
    started = time.monotonic()
    scanner.stop()
    scanner.join(timeout=5)
    assert not scanner.is_alive()
    assert time.monotonic() - started < 1.0
