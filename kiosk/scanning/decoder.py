"""DecodeWorker: the thread that turns camera pictures into scans.

It sleeps until its capture worker publishes a newer picture (``wait_for_frame``),
then decodes that picture once, reports what it saw for the preview overlay, and
passes the codes through a ``ScanDebouncer`` so a ticket held in view is scanned
once. It never redeems anything: the controller receives ``on_scan`` and keeps
only one redeem in flight, pausing scans with ``set_scanning(False)`` while busy.
No Qt here; callbacks run on this thread, the UI bridges them to signals.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import cv2

from kiosk.scanning.debounce import ScanDebouncer
from kiosk.scanning.decoding import DecodedCode, Decoder, make_decoder
from kiosk.scanning.frames import Frame

log = logging.getLogger(__name__)

WAIT_TIMEOUT_S = 0.5
DetectionsCallback = Callable[[int, list[DecodedCode], float, float], None]
ScanCallback = Callable[[str, float, float], None]


class FrameProvider(Protocol):
    """What the decode thread needs from a capture worker (``CaptureWorker``, or a ``LatestFrame``)."""

    def wait_for_frame(self, after: int, timeout: float,
                       interrupted: Callable[[], bool] | None = None) -> tuple[int, Frame | None]:
        """Wait up to ``timeout`` s for a picture newer than number ``after``, or until ``interrupted()``."""
        ...

    def wake_waiters(self) -> None:
        """Make readers waiting in ``wait_for_frame`` check their ``interrupted()`` now."""
        ...


@dataclass(frozen=True)
class DecodeStats:
    """Per-picture cost (gray conversion + decode) over the recent pictures, in milliseconds."""

    frames: int
    median_ms: float
    p95_ms: float
    max_ms: float
    last_ms: float

    def line(self) -> str:
        """Return a one-line summary for logs and ``--self-test``."""
        return (f"{self.frames} pictures decoded; per picture: median {self.median_ms:.1f} ms, "
                f"95th percentile {self.p95_ms:.1f} ms, max {self.max_ms:.1f} ms")


class DecodeWorker(threading.Thread):
    """Decode each new picture once, report detections, release debounced scans.

    ``on_detections(frame_index, codes, t_captured, t_decoded)`` fires for every
    decoded picture (also with an empty list, so an overlay can clear);
    ``on_scan(text, t_captured, t_decoded)`` fires for codes the debouncer releases,
    in the order they appear. Times are epoch seconds. Between pictures the thread
    sleeps until the capture publishes the next one. ``stop()`` then ``join()``
    returns within one decode (a few ms).
    """

    def __init__(self, capture: FrameProvider, decoder: Decoder | None = None,
                 debouncer: ScanDebouncer | None = None, on_detections: DetectionsCallback | None = None,
                 on_scan: ScanCallback | None = None, stats_window: int = 300,
                 wait_timeout: float = WAIT_TIMEOUT_S) -> None:
        """Prepare (not start) the worker; the decoder defaults to zxing."""
        super().__init__(name="decode", daemon=True)
        self._capture = capture
        self._decoder = decoder if decoder is not None else make_decoder("zxing")
        self._debouncer = debouncer if debouncer is not None else ScanDebouncer()
        self._on_detections = on_detections
        self._on_scan = on_scan
        self._wait_timeout = wait_timeout
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # guards capture, seen number, debouncer, scanning flag and timings
        self._scanning = True
        self._seen = 0  # number of the capture's last picture decoded here (0: none yet)
        self._timings: deque[float] = deque(maxlen=stats_window)
        self._frames = 0

    @property
    def decoder_name(self) -> str:
        """Name of the decoder in use ("zxing", "pyzbar")."""
        return self._decoder.name

    def set_capture(self, capture: FrameProvider) -> None:
        """Decode pictures from another capture worker from now on (camera switch); forgets codes in view."""
        with self._lock:
            old, self._capture = self._capture, capture
            self._seen = 0  # the new capture numbers its pictures from 1
            self._debouncer.reset()
        old.wake_waiters()  # the thread may be waiting for the old camera's next picture

    def set_scanning(self, enabled: bool) -> None:
        """Pause (False) or resume (True) scans; detections keep flowing for the preview.

        While paused the debouncer is not fed: a code still in view when scanning
        resumes is not scanned again, a code that appeared meanwhile is.
        """
        with self._lock:
            self._scanning = enabled

    def forget(self, code: str) -> None:
        """Let ``code`` be scanned again as soon as it is seen (e.g. after a failed redeem)."""
        with self._lock:
            self._debouncer.forget(code)

    def reset_scans(self) -> None:
        """Forget every code in view."""
        with self._lock:
            self._debouncer.reset()

    def stats(self) -> DecodeStats:
        """Return the decode cost over the last pictures (zeros before the first)."""
        with self._lock:
            timings = list(self._timings)
            frames = self._frames
        if not timings:
            return DecodeStats(frames, 0.0, 0.0, 0.0, 0.0)
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        return DecodeStats(frames, statistics.median(ordered), p95, ordered[-1], timings[-1])

    def stop(self) -> None:
        """Ask the thread to finish (waking it if it waits for a picture); follow with ``join()``."""
        self._stopping.set()
        with self._lock:
            capture = self._capture
        capture.wake_waiters()

    def run(self) -> None:
        """Decode each new picture until stopped (thread body)."""
        while not self._stopping.is_set():
            with self._lock:
                capture, seen = self._capture, self._seen
            # The timeout is only a safety net: a new picture, stop() and set_capture() end the wait.
            number, frame = capture.wait_for_frame(
                seen, self._wait_timeout, lambda c=capture: self._stopping.is_set() or self._capture is not c)
            with self._lock:
                if capture is not self._capture or number == seen or frame is None:
                    continue  # woken without a new picture, or switched to another camera meanwhile
                self._seen = number
            if not self._stopping.is_set():
                self.process(frame)

    def process(self, frame: Frame) -> list[DecodedCode]:
        """Decode one picture, report detections and scans, and return the codes found."""
        started = time.perf_counter()
        gray = cv2.cvtColor(frame.image, cv2.COLOR_BGR2GRAY)
        codes = self._decoder.decode(gray)
        elapsed_ms = (time.perf_counter() - started) * 1000
        t_decoded = time.time()
        texts = [c.text for c in codes if c.text.strip()]
        with self._lock:
            self._timings.append(elapsed_ms)
            self._frames += 1
            released = self._debouncer.observe(texts, frame.t_captured) if self._scanning else []
        self._call(self._on_detections, frame.index, codes, frame.t_captured, t_decoded)
        for text in released:
            log.info("Scanned a code (%d characters) captured %.0f ms ago", len(text),
                     (t_decoded - frame.t_captured) * 1000)
            self._call(self._on_scan, text, frame.t_captured, t_decoded)
        return codes

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            log.exception("Decode worker callback failed")
