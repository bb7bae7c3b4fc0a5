"""Picture sources: video files, picture folders, network streams, webcams and the demo camera."""

import time

import cv2
import numpy as np
import pytest

from kiosk.scanning.decoding import ZxingDecoder
from kiosk.scanning.demo_source import DEMO_SECRETS, DemoTicketSource
from kiosk.scanning.files import ImageFolderSource, VideoFileSource
from kiosk.scanning.frames import CameraError
from kiosk.scanning.sources import StreamSource, WebcamSource, open_source
from tests.kiosk import imagegen
from tests.kiosk.mjpeg_server import MjpegServer

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


def level(frame) -> int:
    return round(float(frame.image.mean()) / 20)


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


def test_a_video_file_plays_once_at_its_own_frame_rate_then_ends(tmp_path):
    video = write_levels_video(tmp_path / "levels.avi", count=10, fps=20)
    with VideoFileSource(video) as source:
        assert source.fps == pytest.approx(20)
        frames, elapsed = drain(source, seconds=5)
        assert source.ended
        assert source.read() is None
    assert [level(f) for f in frames] == list(range(10))
    assert 0.4 <= elapsed < 2.0  # 10 frames at 20 fps: about half a second, not instantly
    assert [f.index for f in frames] == list(range(10))
    assert all(b.t_captured > a.t_captured for a, b in zip(frames, frames[1:], strict=False))


def test_a_looping_video_starts_over_after_its_last_frame(tmp_path):
    video = write_levels_video(tmp_path / "levels.avi", count=5, fps=50)
    with VideoFileSource(video, loop=True) as source:
        frames, _ = drain(source, seconds=0.5)
        assert not source.ended
    assert [level(f) for f in frames[:12]] == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]


def test_a_video_of_tickets_shows_them_in_order(tmp_path):
    video = imagegen.write_video(tmp_path / "tickets.avi", [(imagegen.SECRET_A, 0.3), (None, 0.2),
                                                            (imagegen.SECRET_B, 0.3)], fps=20)
    with VideoFileSource(video) as source:
        frames, _ = drain(source, seconds=5)
    seen = [tuple(texts(f.image)) for f in frames]
    assert [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]] == [
        (imagegen.SECRET_A,), (), (imagegen.SECRET_B,)]


def test_a_missing_or_broken_video_file_is_a_camera_error(tmp_path):
    with pytest.raises(CameraError, match="does not exist"):
        VideoFileSource(tmp_path / "nope.avi").open()
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"this is not a video" * 100)
    with pytest.raises(CameraError, match="broken.avi"):
        source = VideoFileSource(broken)
        source.open()
        drain(source, seconds=1)


def test_a_folder_of_pictures_is_shown_in_name_order(tmp_path):
    folder = imagegen.write_image_folder(tmp_path / "shots", [imagegen.SECRET_A, None, imagegen.SECRET_B])
    (folder / "notes.txt").write_text("not a picture")
    with ImageFolderSource(folder, fps=20, seconds_per_image=0.2) as source:
        frames, elapsed = drain(source, seconds=5)
        assert source.ended
    seen = [tuple(texts(f.image)) for f in frames]
    assert seen == [(imagegen.SECRET_A,)] * 4 + [()] * 4 + [(imagegen.SECRET_B,)] * 4
    assert 0.45 <= elapsed < 2.0


def test_a_looping_folder_starts_over(tmp_path):
    folder = imagegen.write_image_folder(tmp_path / "shots", [imagegen.SECRET_A, imagegen.SECRET_B])
    with ImageFolderSource(folder, loop=True, fps=50, seconds_per_image=0.02) as source:
        frames, _ = drain(source, seconds=0.3)
        assert not source.ended
    assert [texts(f.image) for f in frames[:3]] == [[imagegen.SECRET_A], [imagegen.SECRET_B],
                                                    [imagegen.SECRET_A]]


def test_a_folder_without_pictures_says_so(tmp_path):
    with pytest.raises(CameraError, match="contains no pictures"):
        ImageFolderSource(tmp_path).open()


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


def test_the_demo_camera_shows_each_demo_ticket_in_turn_with_empty_gaps_between():
    source = DemoTicketSource(size=(640, 360))
    source.open()
    shown = []
    for slot in range(len(DEMO_SECRETS)):
        start = slot * (source.seconds_per_code + source.gap_seconds)
        for t in (start + 0.1, start + 1.5, start + 2.9):
            assert texts(source.frame_at(t)) == [DEMO_SECRETS[slot]]
        assert texts(source.frame_at(start + 3.5)) == []
        shown.append(source.secret_at(start + 1.0))
    assert shown == list(DEMO_SECRETS)
    assert texts(source.frame_at(source.cycle_seconds + 1.0)) == [DEMO_SECRETS[0]]  # it loops


def test_the_demo_shows_all_four_outcomes_within_30_seconds():
    source = DemoTicketSource()
    first_seen = {s: i * (source.seconds_per_code + source.gap_seconds) for i, s in enumerate(source.secrets)}
    for secret in ("DEMO-VALID-0001", "DEMO-USED-0001", "DEMO-UNPAID-0001", "DEMO-UNKNOWN-0000"):
        assert first_seen[secret] + source.seconds_per_code <= 30


def test_the_demo_camera_delivers_frames_at_its_frame_rate():
    with DemoTicketSource(size=(320, 180), fps=20) as source:
        frames, elapsed = drain(source, seconds=0.5, until_ended=False)
    assert 5 <= len(frames) <= 12  # about 10; fewer only if this machine is starved
    assert not frames[0].image.flags.writeable  # shared pictures are protected from drawing on
