"""The scanning screen shows the camera and outlines a ticket held up (a real station and demo host)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, video


def test_scanning_screen_shows_the_camera_and_outlines_a_ticket_held_up(qtbot, tmp_path, demo_host, make_station):
    setup = demo_host.add_station("mirror")
    camera = video(tmp_path, "ticket", [(None, 0.3), ("DEMO-UNKNOWN-0000", 3.0)])
    station = make_station("mirror", setup, camera=camera, result_seconds=0.5)
    preview = station.window.scan_view.preview
    qtbot.waitUntil(lambda: preview.frames_shown > 0, timeout=WAIT_MS)
    image = preview.grab().toImage()
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert middle != QColor("#000000")  # a picture, not the black "Starting camera…" placeholder
    # after the result, the ticket is still in view: the scanning screen outlines it in green
    qtbot.waitUntil(lambda: Screen.RESULT in station.flow.history and station.flow.screen is Screen.SCANNING,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _has_green(preview.grab().toImage()), timeout=WAIT_MS)


def _has_green(image) -> bool:
    """Whether the outline colour (#00e676) is painted anywhere."""
    rgb32 = image.convertToFormat(image.Format.Format_RGB32)
    pixels = np.frombuffer(rgb32.constBits(), np.uint8).reshape(rgb32.height(), rgb32.bytesPerLine() // 4, 4)
    return bool(np.any(np.all(pixels[:, :rgb32.width(), :3] == (0x76, 0xE6, 0x00), axis=2)))  # B, G, R
