"""A real MJPEG network camera for tests: multipart/x-mixed-replace JPEGs over HTTP on 127.0.0.1.

``MjpegServer(frames, fps).start()`` serves ``frames`` (a list of BGR pictures shown
in turn, or a function of the frame number) to every client until ``stop()``,
which also ends the open streams, as when a network camera loses power. A new
server on the same ``port`` brings the camera back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import cv2
import numpy as np

BOUNDARY = "kioskframe"


class MjpegServer:
    """Serve an endless MJPEG stream of ``frames`` at ``fps`` on ``http://127.0.0.1:<port>/video.mjpg``."""

    def __init__(self, frames: Sequence[np.ndarray] | Callable[[int], np.ndarray], fps: float = 20.0,
                 port: int = 0) -> None:
        self._frame_at = frames if callable(frames) else (lambda n: frames[n % len(frames)])
        self._period = 1.0 / fps
        self._requested_port = port
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: list[threading.Thread] = []  # one per connection; it closes the socket when it ends
        self._handlers_lock = threading.Lock()

    @property
    def port(self) -> int:
        """The bound port (valid after ``start()``)."""
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The stream address."""
        return f"http://127.0.0.1:{self.port}/video.mjpg"

    def start(self) -> MjpegServer:
        """Bind and serve on a background thread; return self."""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def setup(self) -> None:
                with owner._handlers_lock:
                    owner._handlers.append(threading.current_thread())
                super().setup()

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY}")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                number = 0
                try:
                    while not owner._stopping.is_set():
                        _, encoded = cv2.imencode(".jpg", owner._frame_at(number))
                        data = encoded.tobytes()
                        self.wfile.write(f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\n"
                                         f"Content-Length: {len(data)}\r\n\r\n".encode() + data + b"\r\n")
                        number += 1
                        time.sleep(owner._period)
                except (BrokenPipeError, ConnectionResetError):
                    return

            def log_message(self, format: str, *args: object) -> None:  # quiet tests
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self._requested_port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="mjpeg-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, end every open stream, release the port."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
        with self._handlers_lock:
            handlers = list(self._handlers)
        for handler in handlers:  # a stream sees the flag within one picture; its thread then closes the socket
            handler.join(timeout=5)

    def __enter__(self) -> MjpegServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
