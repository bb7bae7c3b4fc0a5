"""Generated camera pictures of QR codes, for decoder, camera and scanner tests.

Everything here is deterministic (fixed seeds) and built from the independent
``qrcode`` package, so a decoder bug cannot hide behind a generator bug.
``scripts/make_test_images.py`` writes the catalogue (``decoder_cases()``) to PNG
files so anyone can look at what the tests feed the decoders.

Import it as ``from tests.support import imagegen`` (the repository root is on
``sys.path`` under ``python -m pytest`` and in the scripts).

Conventions: sizes are ``(width, height)``; gray images are ``uint8`` HxW, colour
images are BGR ``uint8`` HxWx3 (what a camera source delivers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import qrcode

#: Realistic ticket secrets: pretix uses 32 lowercase letters and digits.
SECRET_A = "k24fhnz8ek5gjsarc4yqufggdtqdxzwm"
SECRET_B = "a7s2mxq9pb3ndr8tzw4kc6vhe5yufj0g"
SECRET_C = "ugnmbq2z8x4ec5yjtw7rdhp3f6kas9v1"

Corners = list[tuple[float, float]]


def qr_image(text: str, module_px: int = 8, quiet_zone: int = 4, error_correction: str = "M") -> np.ndarray:
    """Return a crisp gray QR code (black on white) for ``text`` with a quiet zone."""
    levels = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
              "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
    code = qrcode.QRCode(border=quiet_zone, error_correction=levels[error_correction])
    code.add_data(text)
    code.make(fit=True)
    modules = np.array(code.get_matrix(), dtype=bool)
    gray = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(gray, np.ones((module_px, module_px), dtype=np.uint8))


def invert(image: np.ndarray) -> np.ndarray:
    """Return the negative (light modules on a dark card, as on some phone screens)."""
    return 255 - image


def blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Return ``image`` with a Gaussian blur of ``sigma`` pixels (out of focus, motion)."""
    return cv2.GaussianBlur(image, (0, 0), sigma)


def scale(image: np.ndarray, factor: float) -> np.ndarray:
    """Return ``image`` resized by ``factor`` with smooth interpolation, like a camera sees it."""
    height, width = image.shape[:2]
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR)


def rotate(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Return ``image`` rotated by ``angle`` degrees counter-clockwise on a canvas that fits it."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos + 0.5), int(height * cos + width * sin + 0.5)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    return cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR,
                          borderValue=(fill, fill, fill) if image.ndim == 3 else fill)


def to_bgr(image: np.ndarray) -> np.ndarray:
    """Return a BGR copy of a gray or BGR image."""
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image.copy()


def scene(size: tuple[int, int] = (1280, 720), seed: int = 0) -> np.ndarray:
    """Return a photographic-ish BGR background: lit gradient, shapes, texture and sensor noise.

    It has edges, corners and dark/light blobs (people, furniture, a window) but no
    QR code, so it doubles as the "empty frame" for false-positive tests.
    """
    width, height = size
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 90 + 90 * (xs / width) * 0.6 + 50 * (1 - ys / height)
    image = np.stack([light * f for f in rng.uniform(0.7, 1.1, 3)], axis=-1)
    for _ in range(12):
        colour = [float(c) for c in rng.uniform(20, 235, 3)]
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(width // 20, width // 3)), int(rng.integers(height // 20, height // 2))
        if rng.random() < 0.5:
            cv2.rectangle(image, (x0, y0), (x0 + w, y0 + h), colour, -1)
        else:
            cv2.ellipse(image, (x0, y0), (w // 2, h // 2), float(rng.uniform(0, 180)), 0, 360, colour, -1)
    for _ in range(8):
        p1 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        p2 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.line(image, p1, p2, [float(c) for c in rng.uniform(0, 255, 3)], int(rng.integers(1, 6)))
    texture = cv2.GaussianBlur(rng.normal(0, 25, (height, width)).astype(np.float32), (0, 0), 3)
    image = cv2.GaussianBlur(image, (0, 0), 1.5) + texture[..., None]
    image += rng.normal(0, 3, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


def place(background: np.ndarray, code: np.ndarray, center: tuple[float, float], width: float,
          angle: float = 0.0, tilt: float = 0.0) -> tuple[np.ndarray, Corners]:
    """Paste a code picture onto a copy of ``background`` as a held-up ticket would appear.

    ``width`` is the drawn side length in pixels, ``angle`` a rotation in degrees
    (counter-clockwise), ``tilt`` a perspective lean (0.3 = the top edge is 30 %
    narrower, as when the ticket leans away). Returns the picture and the four
    corners of the pasted card (top-left, top-right, bottom-right, bottom-left
    before rotation) in picture coordinates.
    """
    half = width / 2
    top = half * (1 - tilt)
    quad = np.array([[-top, -half], [top, -half], [half, half], [-half, half]], dtype=np.float32)
    rad = np.deg2rad(-angle)
    rotation = np.array([[np.cos(rad), -np.sin(rad)], [np.sin(rad), np.cos(rad)]], dtype=np.float32)
    quad = quad @ rotation.T + np.array(center, dtype=np.float32)
    src_h, src_w = code.shape[:2]
    src = np.array([[0, 0], [src_w, 0], [src_w, src_h], [0, src_h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    out_size = (background.shape[1], background.shape[0])
    warped = cv2.warpPerspective(to_bgr(code), matrix, out_size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((src_h, src_w), 255, np.uint8), matrix, out_size, flags=cv2.INTER_AREA)
    alpha = (mask.astype(np.float32) / 255)[..., None]
    result = background.astype(np.float32) * (1 - alpha) + warped.astype(np.float32) * alpha
    return result.astype(np.uint8), [(float(x), float(y)) for x, y in quad]


def code_frame(texts: Sequence[str], size: tuple[int, int] = (1280, 720), width_fraction: float = 0.25,
               angle: float = 0.0, tilt: float = 0.0, inverted: bool = False, blur_sigma: float = 0.0,
               seed: int = 0) -> np.ndarray:
    """Return a BGR camera frame showing each text as a QR code, side by side on a scene.

    Each code is ``width_fraction`` of the frame width. An empty ``texts`` gives an
    empty scene.
    """
    frame = scene(size, seed)
    for i, text in enumerate(texts):
        code = qr_image(text)
        if inverted:
            code = invert(code)
        center = (size[0] * (i + 1) / (len(texts) + 1), size[1] / 2)
        frame, _ = place(frame, code, center, size[0] * width_fraction, angle=angle, tilt=tilt)
    return blur(frame, blur_sigma) if blur_sigma > 0 else frame


@dataclass(frozen=True)
class DecoderCase:
    """One generated decoder test picture and the texts a decoder must find in it."""

    name: str
    image: np.ndarray  # BGR
    expected: tuple[str, ...]


def decoder_cases(size: tuple[int, int] = (1280, 720)) -> list[DecoderCase]:
    """Return the decoder test catalogue: clean, rotated, tilted, blurred, inverted, small, two, empty."""
    a, b = SECRET_A, SECRET_B
    return [
        DecoderCase("clean", code_frame([a], size), (a,)),
        DecoderCase("rotated_30", code_frame([a], size, angle=30), (a,)),
        DecoderCase("rotated_90", code_frame([a], size, angle=90), (a,)),
        DecoderCase("rotated_180", code_frame([a], size, angle=180), (a,)),
        DecoderCase("tilted", code_frame([a], size, tilt=0.3, angle=10), (a,)),
        DecoderCase("blurred", code_frame([a], size, blur_sigma=2.5), (a,)),
        DecoderCase("inverted", code_frame([a], size, inverted=True), (a,)),
        DecoderCase("small", code_frame([a], size, width_fraction=0.10, seed=1), (a,)),
        DecoderCase("two_codes", code_frame([a, b], size, width_fraction=0.2, angle=8), (a, b)),
        DecoderCase("empty_scene", code_frame([], size, seed=2), ()),
        DecoderCase("empty_scene_busy", code_frame([], size, seed=3), ()),
        DecoderCase("empty_flat_gray", np.full((size[1], size[0], 3), 128, np.uint8), ()),
        DecoderCase("empty_noise", _noise_frame(size, seed=4), ()),
    ]


def with_noise(image: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Return ``image`` plus Gaussian sensor noise of ``sigma`` gray levels (fresh for each ``seed``, as in every frame)."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(0, sigma, image.shape).astype(np.float32)
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def lit(image: np.ndarray, gain: float = 1.0, offset: float = 0.0) -> np.ndarray:
    """Return ``image`` under other light: every level times ``gain`` plus ``offset`` (clipped)."""
    return np.clip(image.astype(np.float32) * gain + offset, 0, 255).astype(np.uint8)


def _noise_frame(size: tuple[int, int], seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.integers(0, 256, (size[1] // 4, size[0] // 4, 3), dtype=np.uint8)
    return cv2.resize(noise, size, interpolation=cv2.INTER_NEAREST)


def write_video(path: Path | str, segments: Iterable[tuple[str | None, float]], fps: float = 10.0,
                size: tuple[int, int] = (480, 270), width_fraction: float = 0.4, seed: int = 0) -> Path:
    """Write an MJPG ``.avi`` showing each ``(text, seconds)`` segment in turn; ``None`` = empty scene.

    Codes sway slightly from frame to frame (a hand holding a ticket), so frames
    differ. MJPG in AVI is what opencv-python-headless can always write and read.
    Returns the path.
    """
    path = Path(path)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    if not writer.isOpened():
        raise OSError(f"cannot write video {path}")
    background = scene(size, seed)
    codes: dict[str, np.ndarray] = {}
    frame_no = 0
    try:
        for text, seconds in segments:
            for _ in range(round(seconds * fps)):
                if text is None:
                    frame = background
                else:
                    code = codes.setdefault(text, qr_image(text))
                    sway = 3.0 * np.sin(frame_no / 4)
                    center = (size[0] / 2 + 4 * np.cos(frame_no / 5), size[1] / 2)
                    frame, _ = place(background, code, center, size[0] * width_fraction, angle=sway)
                writer.write(frame)
                frame_no += 1
    finally:
        writer.release()
    return path


def write_image_folder(folder: Path | str, texts: Sequence[str | None], size: tuple[int, int] = (480, 270)) -> Path:
    """Write one PNG per entry (``None`` = empty scene) named ``00.png``, ``01.png`` ... into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        frame = code_frame([text] if text else [], size, width_fraction=0.4, seed=i)
        cv2.imwrite(str(folder / f"{i:02d}.png"), frame)
    return folder


def jpeg(image: np.ndarray, quality: int = 85) -> bytes:
    """Return ``image`` encoded as JPEG bytes (for MJPEG stream servers in tests)."""
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise OSError("JPEG encoding failed")
    return buffer.tobytes()
