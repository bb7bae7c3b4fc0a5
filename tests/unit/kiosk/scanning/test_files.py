"""Video files and picture folders as cameras: played in real time, once or looping, errors in words."""


import pytest

from kiosk.scanning.files import ImageFolderSource, VideoFileSource
from kiosk.scanning.frames import CameraError
from tests.support import imagegen
from tests.support.sources import drain, texts, write_levels_video


def level(frame) -> int:
    return round(float(frame.image.mean()) / 20)


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
