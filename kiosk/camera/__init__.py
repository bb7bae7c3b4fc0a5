"""Camera input: frame sources (webcam, stream, video file, picture folder, demo) and the capture thread.

No Qt here: the UI pulls ``CaptureWorker.latest()`` on a timer.
"""

from kiosk.camera.sources import CameraError, Frame, FrameSource, open_source

__all__ = ["CameraError", "Frame", "FrameSource", "open_source"]
