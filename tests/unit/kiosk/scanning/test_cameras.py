"""Camera choices by name: the V4L2 device names from sysfs (a fake sysfs folder here), or "Camera N"."""

from __future__ import annotations

from pathlib import Path

from kiosk.scanning.cameras import camera_choices, describe_camera, v4l2_names


def fake_sysfs(root: Path, names: dict[str, str]) -> Path:
    for node, name in names.items():
        (root / node).mkdir(parents=True)
        (root / node / "name").write_text(name + "\n")
    return root


def test_webcams_are_offered_by_their_v4l2_device_names(tmp_path):
    root = fake_sysfs(tmp_path / "video4linux", {"video0": "HD Pro Webcam C920", "video2": "Integrated Camera",
                                                  "video1": "HD Pro Webcam C920"})
    (root / "v4l-subdev0").mkdir()  # not a video node
    assert v4l2_names(root) == {0: "HD Pro Webcam C920", 1: "HD Pro Webcam C920", 2: "Integrated Camera"}
    assert [(c.spec, c.label) for c in camera_choices(root)] == [
        ("0", "Camera 0 – HD Pro Webcam C920"), ("1", "Camera 1 – HD Pro Webcam C920"),
        ("2", "Camera 2 – Integrated Camera")]


def test_without_device_names_the_choices_are_camera_0_to_3(tmp_path):
    assert v4l2_names(tmp_path / "missing") == {}
    assert [c.label for c in camera_choices(tmp_path / "missing")] == ["Camera 0", "Camera 1", "Camera 2", "Camera 3"]


def test_the_camera_in_use_is_described_as_it_is(tmp_path):
    video = tmp_path / "door.mp4"
    video.write_bytes(b"")
    choices = camera_choices(fake_sysfs(tmp_path / "sys", {"video0": "USB Cam"}))
    assert describe_camera("demo") == "Demo camera"
    assert describe_camera("0", choices) == "Camera 0 – USB Cam"
    assert describe_camera("3", choices) == "Camera 3"
    assert describe_camera(str(video)) == f"Video file: {video}"
    assert describe_camera(str(tmp_path)) == f"Picture folder: {tmp_path}"
    assert describe_camera("rtsp://10.0.0.5/door") == "Stream: rtsp://10.0.0.5/door"
