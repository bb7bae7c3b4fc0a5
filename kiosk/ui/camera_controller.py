"""Bridges the camera threads (CaptureWorker, DecodeWorker) to Qt signals, queued onto the GUI thread.

The capture thread owns the camera and keeps only its newest frame; the decode
thread pulls it, decodes and debounces; the preview thread scales it for the
preview on screen. Their callbacks run on their own threads and only emit signals
here (Qt queues them to the GUI thread). Frames themselves never travel as
signals: the preview pulls ``preview_frame()`` on its own timer.

Switching cameras never waits on the GUI thread: the old capture is told to stop
and closes its camera on its own thread, the new one starts at once and opens its
camera as soon as the old one has let go. Only ``stop()`` (at exit) waits for them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.scanning.capture import CaptureWorker
from kiosk.scanning.decoder import DecodeWorker
from kiosk.scanning.decoding import DecodedCode, DecoderUnavailable, make_decoder
from kiosk.ui.preview_frames import PreviewFrame, PreviewScaler

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 3.0


class CameraController(QObject):
    """Starts, switches and stops the camera, decoder and preview threads; reports scans and camera state."""

    code_scanned = Signal(str, float, float)  # text, t_captured, t_decoded
    codes_seen = Signal(list)  # corner lists of the codes in the newest decoded frame ([] = none)
    state_changed = Signal(str, str)  # state, operator message ("" when fine)
    decoder_failed = Signal(str)
    _capture_reported = Signal(object, str, str)  # capture, state, message: from its thread, queued to the GUI

    def __init__(self, decoder: str = "zxing", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder_name = decoder
        self.capture: CaptureWorker | None = None
        self.decode: DecodeWorker | None = None
        self.preview: PreviewScaler | None = None
        self.spec: Any = None
        self.state = "starting"
        self.message = ""
        self._had_codes = False
        self._closing: list[CaptureWorker] = []  # stopped by a switch, maybe still closing their camera
        self.state_changed.connect(self._remember_state)
        self._capture_reported.connect(self._capture_state)

    def start(self, spec: Any, loop: bool = False) -> None:
        """Open ``spec`` (index, file, folder, URL, "demo" or a FrameSource) and start decoding it."""
        self.spec = spec
        self._closing = [old for old in self._closing if old.is_alive()]
        capture = CaptureWorker(spec, loop=loop, previous=self._closing,
                                on_state_changed=lambda state, message: self._capture_reported.emit(
                                    capture, state, message or ""))
        self.capture = capture
        capture.start()
        if self.decode is None:
            try:
                decoder = make_decoder(self.decoder_name)
            except DecoderUnavailable as exc:
                log.warning("%s; using zxing", exc.message)
                self.decoder_failed.emit(exc.message)
                decoder = make_decoder("zxing")
            self.decode = DecodeWorker(self.capture, decoder, on_detections=self._detections,
                                       on_scan=self._scanned)
            self.decode.start()
        else:
            self.decode.set_capture(self.capture)
        if self.preview is None:
            self.preview = PreviewScaler(self.latest_frame)
            self.preview.start()

    def switch(self, spec: Any, loop: bool = False) -> None:
        """Use another camera; the old capture closes its camera on its own thread (not waited for here)."""
        old = self.capture
        if old is not None:
            old.stop()
            self._closing.append(old)
        self.state_changed.emit("starting", "")
        self.start(spec, loop)

    def latest_frame(self) -> Any:
        """The capture's newest frame (None before the first)."""
        return self.capture.latest() if self.capture is not None else None

    def preview_frame(self, size: tuple[int, int], mirrored: bool) -> PreviewFrame | None:
        """The newest picture for a preview of ``size`` (made on the preview thread; None before the first)."""
        return self.preview.take(size, mirrored) if self.preview is not None else None

    def stop(self) -> None:
        """Stop the threads and wait for them, also captures still closing after a switch (never terminated)."""
        workers = (self.preview, self.decode, self.capture, *self._closing)
        for worker in workers:
            if worker is not None:
                worker.stop()
        for worker in workers:
            if worker is not None and worker.is_alive():
                worker.join(JOIN_TIMEOUT_S)
        self.preview = None
        self.decode = None
        self.capture = None
        self._closing = []

    # --- called on the camera threads: only emit ---------------------------------
    def _detections(self, _index: int, codes: list[DecodedCode], _t_captured: float, _t_decoded: float) -> None:
        if codes or self._had_codes:  # an empty list only once, to clear the outline
            self._had_codes = bool(codes)
            self.codes_seen.emit([list(c.corners) for c in codes])

    def _scanned(self, text: str, t_captured: float, t_decoded: float) -> None:
        self.code_scanned.emit(text, t_captured, t_decoded)

    # --- on the GUI thread ---------------------------------------------------------
    def _capture_state(self, capture: CaptureWorker, state: str, message: str) -> None:
        if capture is self.capture:  # not a late word from a camera switched away from
            self.state_changed.emit(state, message)

    def _remember_state(self, state: str, message: str) -> None:
        self.state, self.message = state, message
