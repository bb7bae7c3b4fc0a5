"""Picture sources in tests: what a frame shows, draining a source like the capture thread, a test video."""

from __future__ import annotations

import time

import cv2
import numpy as np

from kiosk.scanning.decoding import ZxingDecoder

DECODER = ZxingDecoder()


def texts(image: np.ndarray) -> list[str]:
    return [c.text for c in DECODER.decode(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))]


def write_levels_video(path, count, fps, size=(160, 120)):
    """A video whose frame n is a flat picture of brightness 20 * n, so frames can be told apart."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    for n in range(count):
        writer.write(np.full((size[1], size[0], 3), 20 * n, np.uint8))
    writer.release()
    return path


def drain(source, seconds, until_ended=True):
    """Read ``source`` like the capture thread does, for at most ``seconds``; return (frames, elapsed)."""
    frames, started = [], time.monotonic()
    while time.monotonic() - started < seconds and not (until_ended and source.ended):
        frame = source.read()
        if frame is None:
            time.sleep(source.idle_wait())
        else:
            frames.append(frame)
    return frames, time.monotonic() - started
