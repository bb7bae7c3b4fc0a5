"""Camera names for the settings: the system's device names where it has them, and a camera value in words (no Qt).

On Linux each V4L2 device has ``/sys/class/video4linux/videoN/name`` ("HD Pro Webcam C920").
Elsewhere, or where that folder is missing, the choices are "Camera 0" to "Camera 3".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n import QT_TRANSLATE_NOOP, translate

SYSFS_VIDEO = Path("/sys/class/video4linux")
FALLBACK_COUNT = 4  # "Camera 0" .. "Camera 3" where the system names none
DEMO_LABEL = QT_TRANSLATE_NOOP("Camera", "Demo camera")


@dataclass(frozen=True)
class CameraChoice:
    """One camera offered to staff: the value stored in settings (``spec``) and what staff read (``label``)."""

    spec: str
    label: str


def v4l2_names(sysfs_root: Path = SYSFS_VIDEO) -> dict[int, str]:
    """Device index -> name from ``<sysfs_root>/videoN/name`` ({} where there is no such folder).

    A webcam often has two nodes (video0 picture, video1 metadata) with the same name; both are
    listed, as OpenCV numbers them, so the index stays what ``--camera N`` opens.
    """
    names: dict[int, str] = {}
    try:
        entries = list(Path(sysfs_root).iterdir())
    except OSError:
        return names
    for entry in entries:
        match = re.fullmatch(r"video(\d+)", entry.name)
        if not match:
            continue
        try:
            name = (entry / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            name = ""
        names[int(match.group(1))] = name
    return dict(sorted(names.items()))


def camera_choices(sysfs_root: Path = SYSFS_VIDEO) -> list[CameraChoice]:
    """The webcams to offer: "Camera 0 – HD Pro Webcam C920" where named, else "Camera 0" to "Camera 3"."""
    names = v4l2_names(sysfs_root)
    if not names:
        return [CameraChoice(str(i), _camera(i)) for i in range(FALLBACK_COUNT)]
    return [CameraChoice(str(i), _camera(i, name)) for i, name in names.items()]


def _camera(index: int | str, name: str = "") -> str:
    if name:
        return translate("Camera", "Camera {index} – {name}").format(index=index, name=name)
    return translate("Camera", "Camera {index}").format(index=index)


def describe_camera(spec: object, choices: list[CameraChoice] | None = None) -> str:
    """A camera value as staff should read it: "Demo camera", "Camera 0 – …", "Video file: door.mp4", "Stream: …"."""
    text = str(spec).strip() if spec is not None else ""
    if text.lower() == "demo":
        return translate("Camera", DEMO_LABEL)
    if text.isdigit():
        match = next((c for c in choices or [] if c.spec == text), None)
        return match.label if match else _camera(text)
    if text.lower().startswith(("http://", "https://", "rtsp://", "rtsps://")):
        return translate("Camera", "Stream: {address}").format(address=text)
    if not text:
        return translate("Camera", "No camera")
    if not isinstance(spec, str):  # a FrameSource object (tests, tools)
        return type(spec).__name__
    path = Path(text).expanduser()
    if path.is_dir():
        return translate("Camera", "Picture folder: {path}").format(path=path)
    return translate("Camera", "Video file: {path}").format(path=path)
