"""Network cameras: MJPEG read over HTTP from a loopback server; an unreachable one, without its password."""


import numpy as np
import pytest

from kiosk.scanning.frames import CameraError
from kiosk.scanning.sources import StreamSource
from tests.support import imagegen
from tests.support.mjpeg_server import MjpegServer
from tests.support.sources import texts


def test_an_mjpeg_network_camera_is_read_over_http():
    picture = imagegen.code_frame([imagegen.SECRET_A], size=(640, 360), width_fraction=0.4)
    with MjpegServer([picture], fps=30) as server:
        with StreamSource(server.url) as source:
            frames = [source.read() for _ in range(5)]
    assert [f.index for f in frames] == [0, 1, 2, 3, 4]
    assert frames[-1].image.shape == (360, 640, 3)
    assert texts(frames[-1].image) == [imagegen.SECRET_A]


def test_an_unreachable_stream_is_a_camera_error_without_the_password():
    with MjpegServer([np.zeros((8, 8, 3), np.uint8)]) as server:
        port = server.port
    source = StreamSource(f"http://admin:hunter2@127.0.0.1:{port}/video.mjpg", open_timeout_ms=1000)
    with pytest.raises(CameraError) as info:
        source.open()
    assert "could not be opened" in info.value.message
    assert "hunter2" not in info.value.message
    assert "hunter2" not in source.describe()
