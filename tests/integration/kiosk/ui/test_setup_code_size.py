"""The setup code with the certificate fingerprint (81 more characters) still reads from half a metre.

Half a metre, worked out: a 1280x720 webcam with a 70° field of view sees 0.70 m of width at 0.5 m,
1.83 camera pixels per millimetre; a 96 dpi screen pixel is 0.265 mm, so the camera sees the host's
screen at about 0.48 of its pixel size. The code is drawn at its smallest (the widget's minimum).
"""

from __future__ import annotations

import json

import cv2
import numpy as np
from PySide6.QtGui import QImage

from kiosk.scanning.decoding import make_decoder
from kiosk.ui.qr_widget import MIN_SIDE, QUIET_ZONE, QrWidget, qr_matrix

HALF_A_METRE = 0.48  # camera pixels per screen pixel (see the module docstring)


def long_setup_code() -> str:
    """A setup code as long as real ones get: long slugs, a station name, an IPv4 address, the fingerprint."""
    return json.dumps({
        "version": 3, "url": "https://192.168.100.200:8000/pretixdroid/api/summer-festival/summer-fest-2026/",
        "key": "f7evaccdwrH2kbsonT6tEKbThDaT7oCX", "allow_search": True, "show_info": True,
        "name": "Entrance North 12", "cert_sha256": "3f5c0c4d8e" + "a1b2c3d4e5" * 5 + "9f8e",
    }, separators=(",", ":"))


def test_a_setup_code_with_the_fingerprint_reads_from_half_a_metre_at_its_smallest(qtbot):
    text = long_setup_code()
    modules = len(qr_matrix(text)) + 2 * QUIET_ZONE
    assert MIN_SIDE // modules * HALF_A_METRE >= 2.0  # camera pixels per module: what decoders need at least
    widget = QrWidget()
    qtbot.addWidget(widget)
    widget.set_text(text)
    widget.resize(MIN_SIDE, MIN_SIDE)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    gray = np.array(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width()]
    seen = cv2.resize(gray, None, fx=HALF_A_METRE, fy=HALF_A_METRE, interpolation=cv2.INTER_AREA)
    seen = cv2.GaussianBlur(seen, (3, 3), 0.6)  # a webcam's lens and focus
    codes = make_decoder("zxing").decode(seen)
    assert [code.text for code in codes] == [text]
