"""QR code decoders behind one small protocol: gray picture in, decoded codes out.

``ZxingDecoder`` (zxing-cpp) is the default: fast, finds rotated, tilted, blurred,
small and inverted codes. ``PyzbarDecoder`` (zbar) is the alternative when a site
prefers it; it needs the system zbar library. ``OpenCvDecoder`` exists for the
benchmark only. ``HalfFirst`` runs a decoder at the size a ticket code needs: on a
half-size copy first, on the full picture only when that found nothing; the
station's decoders (``make_decoder``) are wrapped in it. No Qt here.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol

import numpy as np

from kiosk.i18n import QT_TRANSLATE_NOOP, later
from kiosk.scanning.frames import GrayPyramid

log = logging.getLogger(__name__)

DECODER_NAMES = ("zxing", "pyzbar")
HALVE_FROM_WIDTH = 1280  # pictures this wide or wider are tried at half size first


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
    a 1920x1080 frame about 2 ms on one core. ``try_downscale`` makes zxing also search
    reduced-size copies (for large, blurred codes) when the picture itself gave
    nothing; ``HalfFirst`` switches it off for the full-size pass, which follows a
    half-size pass that already searched those. ``try_rotate`` only matters for 1D
    barcodes (the QR detector is rotation invariant) and is switched off to save time.
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
        raise DecoderUnavailable(QT_TRANSLATE_NOOP("Camera", "The pyzbar decoder is not installed: pip install pyzbar "
                                                             "(it also needs the zbar library: sudo apt-get install "
                                                             "libzbar0), or use --decoder zxing."))
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError) as error:  # pyzbar raises ImportError when libzbar is missing
        log.info("pyzbar unavailable: %s", error)
        raise DecoderUnavailable(QT_TRANSLATE_NOOP("Camera", "The pyzbar decoder needs the zbar library: sudo apt-get "
                                                             "install libzbar0, or use --decoder zxing.")) from error
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


def _halved(code: DecodedCode) -> DecodedCode:
    """``code`` found in a half-size picture, with its corners in the full picture's pixels."""
    return DecodedCode(code.text, [(2 * x, 2 * y) for x, y in code.corners])


class HalfFirst:
    """Decode at the size a ticket code needs: a half-size copy first, the full picture only if that found nothing.

    A ticket held up to a kiosk camera is large, and a quarter of the pixels finds it
    in a quarter of the time (1920x1080: 0.4 ms instead of 2 ms). A small or distant
    code has too few pixels per module at half size: the full-size pass finds it, as
    the decoder alone would. That pass skips the decoder's own reduced-size search
    (``coarse`` did it on the half), so a picture without a code costs about what the
    decoder alone costs on the full picture. Pictures narrower than ``min_width`` are
    decoded once, at full size, by ``coarse``. Corners are in full-size pixels.

    Limitation: with two codes in view, a small one is found only once the large one
    is gone (the full pass runs only when the half found nothing); a kiosk reads one
    ticket at a time.
    """

    def __init__(self, coarse: Decoder, fine: Decoder | None = None, min_width: int = HALVE_FROM_WIDTH) -> None:
        """``coarse`` decodes the half-size copy (and narrow pictures), ``fine`` the full picture (default ``coarse``)."""
        self.name = coarse.name
        self.coarse = coarse
        self.fine = fine if fine is not None else coarse
        self.min_width = min_width

    def decode(self, gray: np.ndarray) -> list[DecodedCode]:
        """Return the QR codes in ``gray`` (see the class docstring for the passes)."""
        return self.decode_pyramid(GrayPyramid.from_gray(gray))

    def decode_pyramid(self, pictures: GrayPyramid) -> list[DecodedCode]:
        """Like ``decode``, on a frame's gray pictures (its half-size copy is made once and shared)."""
        gray = pictures.gray
        if gray.shape[1] < self.min_width:
            return self.coarse.decode(gray)
        return [_halved(code) for code in self.coarse.decode(pictures.level(1))] or self.fine.decode(gray)


def decode_frame(decoder: Decoder, pictures: GrayPyramid) -> list[DecodedCode]:
    """Decode one frame's gray pictures with ``decoder`` (``HalfFirst`` uses the shared half-size copy)."""
    if isinstance(decoder, HalfFirst):
        return decoder.decode_pyramid(pictures)
    return decoder.decode(pictures.gray)


def make_decoder(name: str = "zxing") -> Decoder:
    """Return the decoder called ``name`` ("zxing", "pyzbar" or "opencv").

    The station's decoders, zxing and pyzbar, come wrapped in ``HalfFirst``; "opencv"
    (for the benchmark) decodes the full picture only. Raises ``DecoderUnavailable``
    with an operator message when it cannot run here.
    """
    if name == "zxing":
        return HalfFirst(ZxingDecoder(), ZxingDecoder(try_downscale=False))
    if name == "pyzbar":
        return HalfFirst(PyzbarDecoder())
    if name == "opencv":
        return OpenCvDecoder()
    raise DecoderUnavailable(later(QT_TRANSLATE_NOOP("Camera", "There is no decoder called {name}: use zxing "
                                                               "(default) or pyzbar."), name=repr(name)))
