"""File-based frame sources: a video file and a folder of pictures, played in real time.

They stand in for a webcam in tests, demos and rehearsals. Both are paced: ``read()``
returns ``None`` until the next picture is due and never sleeps.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np

from kiosk.scanning.frames import CameraError, Frame, FrameSource, Pacer, as_bgr

log = logging.getLogger(__name__)

DEFAULT_VIDEO_FPS = 25.0
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff")


class VideoFileSource(FrameSource):
    """A video file played at its own frame rate, once (then ``ended``) or looping."""

    def __init__(self, path: Path | str, loop: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.loop = loop
        self._capture: cv2.VideoCapture | None = None
        self._pacer = Pacer(DEFAULT_VIDEO_FPS)
        self._frames_this_pass = 0

    def open(self) -> None:
        """Open the file; raise ``CameraError`` if it is missing or not a readable video."""
        self.ended = False
        self._frames_this_pass = 0
        self._capture = self._open_capture()
        fps = self._capture.get(cv2.CAP_PROP_FPS)
        self.fps = fps if 0 < fps <= 240 else DEFAULT_VIDEO_FPS
        self._pacer = Pacer(self.fps)

    def _open_capture(self) -> cv2.VideoCapture:
        if not self.path.is_file():
            raise CameraError(f"The video file {self.path} does not exist.")
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise CameraError(f"The video file {self.path.name} could not be opened (unsupported format "
                              "or damaged file).")
        return capture

    def read(self) -> Frame | None:
        """Return the next picture when it is due, else ``None``; at the end set ``ended`` or start over."""
        if self.ended or self._capture is None or not self._pacer.due():
            return None
        ok, image = self._capture.read()
        if not ok and self.loop and self._frames_this_pass > 0:
            self._capture.release()
            self._capture = self._open_capture()
            self._frames_this_pass = 0
            ok, image = self._capture.read()
        if not ok or image is None:
            if self._frames_this_pass == 0:
                raise CameraError(f"The video file {self.path.name} contains no pictures OpenCV can read.")
            self.ended = True
            return None
        self._frames_this_pass += 1
        return self._frame(as_bgr(image))

    def idle_wait(self) -> float:
        """Seconds until the next picture is due (longer once the file has ended)."""
        return 0.1 if self.ended else self._pacer.wait()

    def close(self) -> None:
        """Close the file."""
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def describe(self) -> str:
        """Return e.g. "video tickets.avi (looping)"."""
        return f"video {self.path.name}" + (" (looping)" if self.loop else "")


class ImageFolderSource(FrameSource):
    """The pictures of a folder in name order, each shown for ``seconds_per_image`` at ``fps``.

    Like a camera pointed at a still picture, it delivers a new ``Frame`` (same
    picture) ``fps`` times a second, then moves on to the next picture. Pictures
    that cannot be read are skipped with a warning.
    """

    def __init__(self, path: Path | str, loop: bool = False, fps: float = 10.0,
                 seconds_per_image: float = 1.0) -> None:
        super().__init__()
        self.path = Path(path)
        self.loop = loop
        self.fps = fps
        self.seconds_per_image = seconds_per_image
        self._files: list[Path] = []
        self._pacer = Pacer(fps)
        self._position = 0
        self._image: np.ndarray | None = None
        self._shown = 0

    def open(self) -> None:
        """List the pictures; raise ``CameraError`` if the folder has none."""
        if not self.path.is_dir():
            raise CameraError(f"The folder {self.path} does not exist.")
        self._files = sorted(p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise CameraError(f"The folder {self.path} contains no pictures ({', '.join(IMAGE_SUFFIXES)}).")
        self.ended = False
        self._pacer = Pacer(self.fps)
        self._position = -1
        self._image = None
        self._advance()
        if self._image is None:
            raise CameraError(f"None of the pictures in {self.path} could be read.")

    def _advance(self) -> None:
        """Move to the next readable picture; set ``ended`` after the last one unless looping."""
        for _ in range(2 * len(self._files)):
            self._position += 1
            if self._position >= len(self._files):
                if not self.loop:
                    self.ended = True
                    return
                self._position = 0
            image = cv2.imread(str(self._files[self._position]), cv2.IMREAD_COLOR)
            if image is None:
                log.warning("Skipping unreadable picture %s", self._files[self._position])
                continue
            image = as_bgr(image)
            image.flags.writeable = False  # shared by every Frame of this picture
            self._image = image
            self._shown = 0
            return
        raise CameraError(f"None of the pictures in {self.path} could be read.")

    def read(self) -> Frame | None:
        """Return the current picture when a frame is due, else ``None``."""
        if self.ended or self._image is None or not self._pacer.due():
            return None
        if self._shown >= max(1, round(self.seconds_per_image * self.fps)):
            self._advance()
            if self.ended:
                return None
        self._shown += 1
        return self._frame(self._image)

    def idle_wait(self) -> float:
        """Seconds until the next frame is due (longer once the folder has ended)."""
        return 0.1 if self.ended else self._pacer.wait()

    def close(self) -> None:
        """Drop the current picture."""
        self._image = None

    def describe(self) -> str:
        """Return e.g. "pictures in ./shots"."""
        return f"pictures in {self.path}" + (" (looping)" if self.loop else "")
