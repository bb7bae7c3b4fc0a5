"""Choosing a source for a --camera value; a missing webcam explains what to check."""


import pytest

from kiosk.scanning.demo_source import DemoTicketSource
from kiosk.scanning.files import ImageFolderSource, VideoFileSource
from kiosk.scanning.frames import CameraError
from kiosk.scanning.sources import StreamSource, WebcamSource, open_source
from tests.support.sources import write_levels_video


def test_a_missing_camera_explains_what_to_check():
    with pytest.raises(CameraError) as info:
        WebcamSource(99).open()
    assert info.value.message == ("Camera 99 could not be opened. Check that it is connected and not used "
                                  "by another program, or pick another camera.")


def test_camera_setting_picks_the_matching_source(tmp_path):
    video = write_levels_video(tmp_path / "v.avi", count=2, fps=10)
    assert isinstance(open_source(0), WebcamSource)
    assert open_source(" 2 ").index == 2
    assert isinstance(open_source(str(video)), VideoFileSource)
    assert isinstance(open_source(str(tmp_path)), ImageFolderSource)
    assert isinstance(open_source("http://10.0.0.9/video.mjpg"), StreamSource)
    assert isinstance(open_source("rtsp://10.0.0.9/live"), StreamSource)
    assert isinstance(open_source("demo"), DemoTicketSource)
    assert open_source(str(video), loop=True).loop
    with pytest.raises(CameraError, match="no camera, video file or folder"):
        open_source(str(tmp_path / "missing.mp4"))
