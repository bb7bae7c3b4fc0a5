"""QR code decoders behind one small protocol: gray picture in, decoded codes out.

``ZxingDecoder`` (zxing-cpp) is the default: fast, finds rotated, tilted, blurred,
small and inverted codes. ``PyzbarDecoder`` (zbar) is the alternative when a site
prefers it; it needs the system zbar library. ``OpenCvDecoder`` exists for the
benchmark only. No Qt here.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DECODER_NAMES = ("zxing", "pyzbar")


class DecoderUnavailable(Exception):
    """The chosen decoder cannot run on this machine; ``message`` says what to install or use instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DecodedCode:
    """A decoded QR code: its text and 4 corner points (x, y) in the decoded picture's pixels."""

    text: str
    corners: list[tuple[int, int]]


class Decoder(Protocol):
    """Anything that finds QR codes in a gray ``uint8`` HxW picture."""

    name: str

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        """Return every QR code found in ``gray`` (empty list if none)."""
        ...


def _point(x: float, y: float) -> tuple[int, int]:
    return int(round(float(x))), int(round(float(y)))


class ZxingDecoder:
    """zxing-cpp restricted to QR codes, with its own multi-scale search and inverted-code retry.

    Measured (bench/decode.py): a 1280x720 frame without a code costs about 1 ms and
    a 1920x1080 frame with a code about 2-3 ms on one core, so no downscaling of our
    own is needed: zxing's ``try_downscale`` already searches a reduced-size copy
    for large codes. ``try_rotate`` only matters for 1D barcodes (the QR detector
    is rotation invariant) and is switched off to save time.
    """

    name = "zxing"

    def __init__(self, try_invert: bool = True, try_downscale: bool = True) -> None:
        import zxingcpp

        self._zxing = zxingcpp
        self._options = {"formats": zxingcpp.BarcodeFormat.QRCode, "try_rotate": False,
                         "try_invert": try_invert, "try_downscale": try_downscale}

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        """Return the QR codes in ``gray``, including light-on-dark ones."""
        codes = []
        for barcode in self._zxing.read_barcodes(np.ascontiguousarray(gray), **self._options):
            position = barcode.position
            corners = [_point(p.x, p.y) for p in (position.top_left, position.top_right,
                                                  position.bottom_right, position.bottom_left)]
            codes.append(DecodedCode(barcode.text, corners))
        return codes


class PyzbarDecoder:
    """zbar through pyzbar, QR codes only; retries on the negative picture to find inverted codes.

    The retry only runs when nothing was found, so frames without a code cost two
    passes (about 20-30 ms each at 1280x720): fine for a kiosk at a few frames per
    second, clearly slower than zxing.
    """

    name = "pyzbar"

    def __init__(self, try_invert: bool = True) -> None:
        self._pyzbar = _import_pyzbar()
        self._symbols = [self._pyzbar.ZBarSymbol.QRCODE]
        self._try_invert = try_invert

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        """Return the QR codes in ``gray``; if none, those in its negative."""
        found = self._decode_once(gray)
        if not found and self._try_invert:
            found = self._decode_once(255 - gray)
        return found

    def _decode_once(self, gray: np.ndarray) -> list[DecodedCode]:
        codes = []
        for symbol in self._pyzbar.decode(np.ascontiguousarray(gray), symbols=self._symbols):
            polygon = symbol.polygon
            if len(polygon) != 4:  # zbar may report more points; fall back to the bounding box
                r = symbol.rect
                polygon = [(r.left, r.top), (r.left + r.width, r.top),
                           (r.left + r.width, r.top + r.height), (r.left, r.top + r.height)]
            text = symbol.data.decode("utf-8", errors="replace")
            codes.append(DecodedCode(text, [_point(x, y) for x, y in polygon]))
        return codes


def _import_pyzbar() -> ModuleType:
    if importlib.util.find_spec("pyzbar") is None:
        raise DecoderUnavailable("The pyzbar decoder is not installed: pip install pyzbar (it also needs "
                                 "the zbar library: sudo apt-get install libzbar0), or use --decoder zxing.")
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError) as error:  # pyzbar raises ImportError when libzbar is missing
        log.info("pyzbar unavailable: %s", error)
        raise DecoderUnavailable("The pyzbar decoder needs the zbar library: sudo apt-get install libzbar0, "
                                 "or use --decoder zxing.") from error
    return pyzbar


class OpenCvDecoder:
    """OpenCV's built-in ``QRCodeDetector`` (for the benchmark comparison only)."""

    name = "opencv"

    def __init__(self) -> None:
        import cv2

        self._detector = cv2.QRCodeDetector()

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        """Return the QR codes OpenCV can both find and decode in ``gray``."""
        ok, texts, points, _ = self._detector.detectAndDecodeMulti(gray)
        if not ok or points is None:
            return []
        return [DecodedCode(text, [_point(x, y) for x, y in quad])
                for text, quad in zip(texts, points, strict=False) if text]


def make_decoder(name: str = "zxing") -> Decoder:
    """Return the decoder called ``name`` ("zxing", "pyzbar" or "opencv").

    Raises ``DecoderUnavailable`` with an operator message when it cannot run here.
    """
    if name == "zxing":
        return ZxingDecoder()
    if name == "pyzbar":
        return PyzbarDecoder()
    if name == "opencv":
        return OpenCvDecoder()
    raise DecoderUnavailable(f"There is no decoder called {name!r}: use zxing (default) or pyzbar.")
