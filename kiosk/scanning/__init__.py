"""Frame to code, top-down: the station's scanning stage (no Qt).

``frames`` (Frame, FrameSource, CameraError) -> ``sources`` / ``files`` / ``demo_source``
(webcams and streams, video files and picture folders, the demo camera; ``open_source``
picks one) -> ``capture`` (the camera thread, latest picture only) -> ``decoder`` (the
decode thread) -> ``decoding`` (zxing-cpp / pyzbar) -> ``debounce`` (one scan per code
shown) -> ``codes`` (ticket secret or setup code). ``keywedge`` tells a keyboard-wedge
scanner's bursts from typing. The UI pulls ``CaptureWorker.latest()`` on a timer.
"""
