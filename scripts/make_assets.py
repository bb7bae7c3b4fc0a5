"""Generate assets/: result sounds (WAV), result icons and the app icon (PNG), the self-test QR image.

Run from the checkout: ``.venv/bin/python scripts/make_assets.py``. Output is deterministic
(no randomness, no timestamps), so a re-run changes no file. Icons differ by shape, not
only colour: tick, cross, "!" triangle, clock, "?", crossed-out coin.
"""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np
import qrcode
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kiosk.paths import SELFTEST_QR_TEXT as SELFTEST_TEXT  # noqa: E402 - kiosk.selftest checks this text

ASSETS = ROOT / "assets"
RATE = 44_100
VOLUME = 0.35  # of full scale: clearly audible in a foyer, never harsh
SIZE = 256
SUPERSAMPLE = 4

GREEN, RED, AMBER, BLUE, GREY, PURPLE = "#1b873f", "#c62828", "#e0a100", "#1565c0", "#546e7a", "#6a1b9a"


def _tone(freq: float, seconds: float, harmonics: tuple[float, ...] = (1.0, 0.3, 0.1)) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    wave_ = sum(a * np.sin(2 * np.pi * freq * (i + 1) * t) for i, a in enumerate(harmonics))
    return wave_ / sum(harmonics)


def _envelope(signal: np.ndarray, attack: float = 0.008, release: float = 0.04, decay: float = 0.0) -> np.ndarray:
    n = len(signal)
    env = np.ones(n)
    a, r = int(RATE * attack), int(RATE * release)
    env[:a] = np.linspace(0.0, 1.0, a)
    env[n - r :] *= np.linspace(1.0, 0.0, r)
    if decay:
        env *= np.exp(-decay * np.arange(n) / RATE)
    return signal * env


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds))


def sound_valid() -> np.ndarray:
    """A rising two-tone chime (E5 then A5), about 0.35 s."""
    first = _envelope(_tone(659.25, 0.14), decay=6)
    second = _envelope(_tone(880.0, 0.21), decay=5)
    return np.concatenate([first, second])


def sound_error() -> np.ndarray:
    """Two low descending buzzy tones, about 0.5 s."""
    buzz = (1.0, 0.5, 0.35, 0.2)
    first = _envelope(_tone(311.13, 0.22, buzz), release=0.03)
    second = _envelope(_tone(233.08, 0.26, buzz), release=0.05)
    return np.concatenate([first, _silence(0.02), second])


def sound_attention() -> np.ndarray:
    """Three quick high beeps, about 0.6 s."""
    beep = _envelope(_tone(1318.5, 0.12, (1.0, 0.15)), attack=0.005, release=0.02)
    gap = _silence(0.08)
    return np.concatenate([beep, gap, beep, gap, beep, _silence(0.04)])


def write_wav(path: Path, signal: np.ndarray) -> None:
    """16-bit mono PCM at 44.1 kHz, peak-normalised to VOLUME."""
    samples = np.round(signal / np.max(np.abs(signal)) * VOLUME * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    size = SIZE * SUPERSAMPLE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image), size


def _finish(image: Image.Image, size: int = SIZE) -> Image.Image:
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _disc(draw: ImageDraw.ImageDraw, s: int, colour: str) -> None:
    draw.ellipse((s * 0.04, s * 0.04, s * 0.96, s * 0.96), fill=colour)


def icon_valid() -> Image.Image:
    """White tick on a green disc."""
    image, draw, s = _canvas()
    _disc(draw, s, GREEN)
    draw.line([(s * 0.27, s * 0.52), (s * 0.44, s * 0.69), (s * 0.75, s * 0.34)], fill="white",
              width=int(s * 0.11), joint="curve")  # fmt: skip
    return _finish(image)


def icon_error() -> Image.Image:
    """White cross on a red disc."""
    image, draw, s = _canvas()
    _disc(draw, s, RED)
    w = int(s * 0.11)
    draw.line([(s * 0.31, s * 0.31), (s * 0.69, s * 0.69)], fill="white", width=w)
    draw.line([(s * 0.69, s * 0.31), (s * 0.31, s * 0.69)], fill="white", width=w)
    return _finish(image)


def icon_attention() -> Image.Image:
    """Black "!" in an amber warning triangle."""
    image, draw, s = _canvas()
    draw.polygon([(s * 0.5, s * 0.06), (s * 0.96, s * 0.9), (s * 0.04, s * 0.9)], fill=AMBER)
    draw.rounded_rectangle((s * 0.45, s * 0.32, s * 0.55, s * 0.66), radius=s * 0.04, fill="black")
    draw.ellipse((s * 0.445, s * 0.71, s * 0.555, s * 0.82), fill="black")
    return _finish(image)


def icon_used() -> Image.Image:
    """A clock face (already checked in) on a purple disc."""
    image, draw, s = _canvas()
    _disc(draw, s, PURPLE)
    draw.ellipse((s * 0.2, s * 0.2, s * 0.8, s * 0.8), outline="white", width=int(s * 0.06))
    w = int(s * 0.06)
    draw.line([(s * 0.5, s * 0.5), (s * 0.5, s * 0.3)], fill="white", width=w)
    draw.line([(s * 0.5, s * 0.5), (s * 0.65, s * 0.58)], fill="white", width=w)
    draw.ellipse((s * 0.46, s * 0.46, s * 0.54, s * 0.54), fill="white")
    return _finish(image)


def icon_unknown() -> Image.Image:
    """A white "?" on a grey square (unknown ticket)."""
    image, draw, s = _canvas()
    draw.rounded_rectangle((s * 0.06, s * 0.06, s * 0.94, s * 0.94), radius=s * 0.14, fill=GREY)
    w = int(s * 0.1)
    draw.arc((s * 0.32, s * 0.18, s * 0.68, s * 0.5), start=180, end=90, fill="white", width=w)
    draw.line([(s * 0.5, s * 0.48), (s * 0.5, s * 0.63)], fill="white", width=w)
    draw.ellipse((s * 0.445, s * 0.71, s * 0.555, s * 0.82), fill="white")
    return _finish(image)


def icon_unpaid() -> Image.Image:
    """A coin with "$" struck through by a slash (unpaid), on blue."""
    image, draw, s = _canvas()
    _disc(draw, s, BLUE)
    draw.ellipse((s * 0.22, s * 0.22, s * 0.78, s * 0.78), outline="white", width=int(s * 0.05))
    w = int(s * 0.055)
    draw.arc((s * 0.38, s * 0.33, s * 0.62, s * 0.5), start=20, end=270, fill="white", width=w)
    draw.arc((s * 0.38, s * 0.48, s * 0.62, s * 0.67), start=200, end=90, fill="white", width=w)
    draw.line([(s * 0.5, s * 0.28), (s * 0.5, s * 0.72)], fill="white", width=int(s * 0.04))
    draw.line([(s * 0.2, s * 0.8), (s * 0.8, s * 0.2)], fill=BLUE, width=int(s * 0.12))
    draw.line([(s * 0.2, s * 0.8), (s * 0.8, s * 0.2)], fill="white", width=int(s * 0.06))
    return _finish(image)


def icon_app(size: int) -> Image.Image:
    """The app icon: a QR finder-pattern corner and a green tick on a white rounded tile."""
    image, draw, s = _canvas()
    draw.rounded_rectangle((s * 0.03, s * 0.03, s * 0.97, s * 0.97), radius=s * 0.18, fill="white",
                           outline="#263238", width=int(s * 0.03))  # fmt: skip
    draw.rectangle((s * 0.14, s * 0.14, s * 0.5, s * 0.5), fill="#263238")
    draw.rectangle((s * 0.2, s * 0.2, s * 0.44, s * 0.44), fill="white")
    draw.rectangle((s * 0.26, s * 0.26, s * 0.38, s * 0.38), fill="#263238")
    for x, y in ((0.58, 0.14), (0.72, 0.24), (0.14, 0.6), (0.26, 0.74)):
        draw.rectangle((s * x, s * y, s * (x + 0.1), s * (y + 0.1)), fill="#263238")
    draw.line([(s * 0.5, s * 0.7), (s * 0.62, s * 0.82), (s * 0.86, s * 0.52)], fill=GREEN,
              width=int(s * 0.09), joint="curve")  # fmt: skip
    return _finish(image, size)


def selftest_qr() -> Image.Image:
    """A QR code of SELFTEST_TEXT, black on white with a quiet zone, 8 px per module."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    qr.add_data(SELFTEST_TEXT)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


SOUNDS = {"valid.wav": sound_valid, "error.wav": sound_error, "attention.wav": sound_attention}
ICONS = {
    "icon-valid.png": icon_valid,
    "icon-error.png": icon_error,
    "icon-attention.png": icon_attention,
    "icon-used.png": icon_used,
    "icon-unknown.png": icon_unknown,
    "icon-unpaid.png": icon_unpaid,
}
APP_ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _save_png(image: Image.Image, path: Path) -> None:
    image.save(path, format="PNG", optimize=True)  # Pillow writes no timestamp chunk


def main(out: Path = ASSETS) -> list[Path]:
    """Write every asset into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SOUNDS.items():
        write_wav(out / name, make())
        written.append(out / name)
    for name, make in ICONS.items():
        _save_png(make(), out / name)
        written.append(out / name)
    for size in APP_ICON_SIZES:
        _save_png(icon_app(size), out / f"app-icon-{size}.png")
        written.append(out / f"app-icon-{size}.png")
    icon_app(256).save(out / "app-icon.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
    written.append(out / "app-icon.ico")
    _save_png(selftest_qr(), out / "selftest-qr.png")
    written.append(out / "selftest-qr.png")
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ASSETS):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
