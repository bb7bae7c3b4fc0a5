"""Frame sources: a webcam, a network stream, a video file or a folder of pictures.

All of them deliver ``Frame`` objects through the same small interface, so the
capture thread, tests and demos do not care where pictures come from.
``FrameSource.read()`` never blocks for long on paced sources (files, folders,
the demo camera): it returns ``None`` until the next picture is due. Webcams and
streams block until the device delivers (bounded by their timeouts).

No Qt here; OpenCV (FFmpeg backend) does the I/O.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import cv2

from kiosk.i18n import QT_TRANSLATE_NOOP, later
from kiosk.scanning.frames import CameraError, Frame, FrameSource, as_bgr

log = logging.getLogger(__name__)

STREAM_OPEN_TIMEOUT_MS = 5000
STREAM_READ_TIMEOUT_MS = 2000
WEBCAM_SIZE = (1280, 720)


class _OpenCvSource(FrameSource):
    """A source read through ``cv2.VideoCapture``: shared reading and releasing."""

    def __init__(self) -> None:
        super().__init__()
        self._capture: cv2.VideoCapture | None = None

    def _not_open(self) -> str:
        raise NotImplementedError

    def _stopped(self) -> str:
        raise NotImplementedError

    def read(self) -> Frame | None:
        """Wait for the next picture; raise ``CameraError`` if the source stopped sending."""
        if self._capture is None:
            raise CameraError(self._not_open())
        ok, image = self._capture.read()
        if not ok or image is None:
            raise CameraError(self._stopped())
        return self._frame(as_bgr(image))

    def close(self) -> None:
        """Release the device or connection for other programs."""
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class WebcamSource(_OpenCvSource):
    """A local camera by index (0 = first camera), asking for 1280x720."""

    def __init__(self, index: int, size: tuple[int, int] = WEBCAM_SIZE) -> None:
        super().__init__()
        self.index = index
        self.size = size

    def open(self) -> None:
        """Open the camera and request the picture size; raise ``CameraError`` if it is absent or busy."""
        capture = cv2.VideoCapture(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraError(later(QT_TRANSLATE_NOOP("Camera", "Camera {index} could not be opened. Check that it is "
                                                                "connected and not used by another program, or pick "
                                                                "another camera."), index=self.index))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.size[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.size[1])
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # fresh pictures, not a queue of old ones
        fps = capture.get(cv2.CAP_PROP_FPS)
        self.fps = fps if 0 < fps < 500 else None
        self._capture = capture

    def _not_open(self) -> str:
        return later(QT_TRANSLATE_NOOP("Camera", "Camera {index} is not open."), index=self.index)

    def _stopped(self) -> str:
        return later(QT_TRANSLATE_NOOP("Camera", "Camera {index} stopped sending pictures. Check its cable; the "
                                                 "station keeps trying to reconnect."), index=self.index)

    def describe(self) -> str:
        """Return e.g. "camera 0"."""
        return f"camera {self.index}"


def redact_url(url: str) -> str:
    """Return ``url`` without user name and password (safe for logs and messages)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, "***@" + netloc, parts.path, parts.query, parts.fragment))


class StreamSource(_OpenCvSource):
    """A network camera: MJPEG over HTTP(S) or RTSP, read by OpenCV's FFmpeg backend with timeouts."""

    def __init__(self, url: str, open_timeout_ms: int = STREAM_OPEN_TIMEOUT_MS,
                 read_timeout_ms: int = STREAM_READ_TIMEOUT_MS) -> None:
        super().__init__()
        self.url = url
        self.open_timeout_ms = open_timeout_ms
        self.read_timeout_ms = read_timeout_ms

    def open(self) -> None:
        """Connect (at most ``open_timeout_ms``); raise ``CameraError`` if the stream cannot be read."""
        if self.url.lower().startswith("rtsp"):
            # RTSP over TCP: UDP loses packets on busy Wi-Fi and smears the picture.
            os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp")
        capture = cv2.VideoCapture(self.url, cv2.CAP_FFMPEG, [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, self.open_timeout_ms,
            cv2.CAP_PROP_READ_TIMEOUT_MSEC, self.read_timeout_ms,
        ])
        if not capture.isOpened():
            capture.release()
            raise CameraError(later(QT_TRANSLATE_NOOP("Camera", "The camera stream {url} could not be opened. Check "
                                                                "the address and that the camera is switched on and "
                                                                "reachable."), url=redact_url(self.url)))
        fps = capture.get(cv2.CAP_PROP_FPS)
        self.fps = fps if 0 < fps < 500 else None
        self._capture = capture

    def _not_open(self) -> str:
        return later(QT_TRANSLATE_NOOP("Camera", "The camera stream {url} is not open."), url=redact_url(self.url))

    def _stopped(self) -> str:
        return later(QT_TRANSLATE_NOOP("Camera", "The camera stream {url} stopped sending pictures; reconnecting."),
                     url=redact_url(self.url))

    def describe(self) -> str:
        """Return the stream address without credentials."""
        return f"stream {redact_url(self.url)}"


def open_source(spec: str | int, loop: bool = False) -> FrameSource:
    """Choose the source for a ``--camera`` value (not yet opened).

    An int or digit string is a webcam index; ``demo`` is the generated demo camera;
    ``http(s)://`` and ``rtsp(s)://`` addresses are streams; an existing folder is a
    picture folder and an existing file a video. ``loop`` repeats files and folders.
    Raises ``CameraError`` when the value fits none of these.
    """
    from kiosk.scanning.files import ImageFolderSource, VideoFileSource

    if isinstance(spec, int):
        return WebcamSource(spec)
    text = spec.strip()
    if text.isdigit():
        return WebcamSource(int(text))
    if text.lower() == "demo":
        from kiosk.scanning.demo_source import DemoTicketSource

        return DemoTicketSource()
    if text.lower().startswith(("http://", "https://", "rtsp://", "rtsps://")):
        return StreamSource(text)
    path = Path(text).expanduser()
    if path.is_dir():
        return ImageFolderSource(path, loop=loop)
    if path.is_file():
        return VideoFileSource(path, loop=loop)
    raise CameraError(later(QT_TRANSLATE_NOOP("Camera", "There is no camera, video file or folder called {name}. Use "
                                                        "a camera number (0, 1, ...), a video file, a folder of "
                                                        "pictures, an http:// or rtsp:// address, or 'demo'."),
                            name=repr(spec)))
