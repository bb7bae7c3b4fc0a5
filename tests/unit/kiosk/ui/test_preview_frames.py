"""The live preview's picture: mirrored like a mirror and fitted to the preview, aspect kept."""

from __future__ import annotations

import numpy as np

from kiosk.ui.preview_frames import make_preview


def test_preview_picture_is_mirrored_and_fitted_to_the_preview_size():
    camera = np.zeros((1080, 1920, 3), np.uint8)
    camera[:, :960] = (0, 0, 255)  # the camera sees red on its left
    made = make_preview(camera, (1000, 1000), mirrored=True)
    assert made.size == (1000, 562) and made.source_size == (1920, 1080)  # aspect kept
    blue, green, red = made.pixels[281, 900, :3]
    assert (blue, green, red) == (0, 0, 255)  # ...which people see on their right, as in a mirror
    assert tuple(made.pixels[281, 100, :3]) == (0, 0, 0)
    assert tuple(make_preview(camera, (1000, 1000), mirrored=False).pixels[281, 100, :3]) == (0, 0, 255)
