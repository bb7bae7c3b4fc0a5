"""DecodeWorker: the thread that turns camera pictures into scans.

It sleeps until its capture worker publishes a newer picture (``wait_for_frame``),
asks its ``ChangeGate`` whether the picture is worth decoding (it changed, or a code
is in view; a still, empty scene is decoded about once a second), decodes it once
(``HalfFirst``: half size first), reports what it saw for the preview overlay, and
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

from kiosk.scanning.debounce import ScanDebouncer
from kiosk.scanning.decoding import DecodedCode, Decoder, decode_frame, make_decoder
from kiosk.scanning.frames import Frame, GrayPyramid
from kiosk.scanning.motion import ChangeGate, thumbnail_level

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
    """Per-picture cost (gray conversions, change check, decode) over the recent decoded pictures, in ms.

    ``frames`` counts the pictures decoded, ``skipped`` those the change check left out.
    """

    frames: int
    median_ms: float
    p95_ms: float
    max_ms: float
    last_ms: float
    skipped: int = 0

    def line(self) -> str:
        """Return a one-line summary for logs and ``--self-test``."""
        return (f"{self.frames} pictures decoded, {self.skipped} unchanged ones skipped; per picture: "
                f"median {self.median_ms:.1f} ms, 95th percentile {self.p95_ms:.1f} ms, max {self.max_ms:.1f} ms")


class DecodeWorker(threading.Thread):
    """Decode each new picture that changed or shows a code, report detections, release debounced scans.

    ``gate`` decides which pictures are decoded (default: a ``ChangeGate()``);
    ``every_frame=True`` decodes every picture instead (the old behaviour, for the
    benchmarks). ``on_detections(frame_index, codes, t_captured, t_decoded)`` fires
    for every decoded picture (also with an empty list, so an overlay can clear);
    ``on_scan(text, t_captured, t_decoded)`` fires for codes the debouncer releases,
    in the order they appear. Times are epoch seconds. Between pictures the thread
    sleeps until the capture publishes the next one. ``stop()`` then ``join()``
    returns within one decode (a few ms).
    """

    def __init__(self, capture: FrameProvider, decoder: Decoder | None = None,
                 debouncer: ScanDebouncer | None = None, on_detections: DetectionsCallback | None = None,
                 on_scan: ScanCallback | None = None, stats_window: int = 300,
                 wait_timeout: float = WAIT_TIMEOUT_S, gate: ChangeGate | None = None,
                 every_frame: bool = False) -> None:
        """Prepare (not start) the worker; the decoder defaults to zxing (``make_decoder``)."""
        super().__init__(name="decode", daemon=True)
        self._capture = capture
        self._decoder = decoder if decoder is not None else make_decoder("zxing")
        self._debouncer = debouncer if debouncer is not None else ScanDebouncer()
        self._on_detections = on_detections
        self._on_scan = on_scan
        self._wait_timeout = wait_timeout
        self._stopping = threading.Event()
        self._gate = None if every_frame else (gate if gate is not None else ChangeGate())
        self._lock = threading.Lock()  # guards capture, seen number, debouncer, gate, scanning flag and counts
        self._scanning = True
        self._code_in_view = False  # the last decoded picture showed a code
        self._skipped = 0
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
            self._code_in_view = False
            if self._gate is not None:
                self._gate.reset()
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
            frames, skipped = self._frames, self._skipped
        if not timings:
            return DecodeStats(frames, 0.0, 0.0, 0.0, 0.0, skipped)
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        return DecodeStats(frames, statistics.median(ordered), p95, ordered[-1], timings[-1], skipped)

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

    def process(self, frame: Frame) -> list[DecodedCode] | None:
        """Decode one picture if it is worth it; report detections and scans; return the codes (None: skipped)."""
        started = time.perf_counter()
        pictures = GrayPyramid(frame.image)  # each gray picture made once, shared by the check and the decoder
        if self._gate is not None:
            thumbnail = pictures.level(thumbnail_level(frame.image.shape[1]))
            with self._lock:
                in_view = self._code_in_view or bool(self._debouncer.in_view())
                if self._gate.check(thumbnail, frame.t_captured, in_view) is None:
                    self._skipped += 1
                    return None
        codes = decode_frame(self._decoder, pictures)
        elapsed_ms = (time.perf_counter() - started) * 1000
        t_decoded = time.time()
        texts = [c.text for c in codes if c.text.strip()]
        with self._lock:
            self._timings.append(elapsed_ms)
            self._frames += 1
            self._code_in_view = bool(codes)
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
