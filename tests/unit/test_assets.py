"""The generated assets: sounds, icons, the self-test QR image."""

from __future__ import annotations

import wave

import cv2
import numpy as np
import pytest
from PIL import Image

from kiosk.paths import SELFTEST_QR_TEXT, SOUND_NAMES, asset_path
from kiosk.scanning.decoding import make_decoder

ICONS = ("icon-valid.png", "icon-error.png", "icon-attention.png", "icon-used.png", "icon-unknown.png",
         "icon-unpaid.png")  # fmt: skip
DURATIONS = {"valid.wav": (0.25, 0.45), "error.wav": (0.4, 0.6), "attention.wav": (0.5, 0.7)}


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_each_result_sound_is_a_short_clickless_16_bit_mono_wav(name):
    with wave.open(str(asset_path(name)), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 44_100)
        seconds = sound.getnframes() / sound.getframerate()
        samples = np.frombuffer(sound.readframes(sound.getnframes()), dtype="<i2").astype(float) / 32767
    low, high = DURATIONS[name]
    assert low <= seconds <= high
    assert 0.2 < np.abs(samples).max() < 0.6  # audible, never full scale
    assert abs(samples[0]) < 0.01 and abs(samples[-1]) < 0.01  # faded in and out: no click


def test_the_three_sounds_differ_in_pitch_so_results_are_told_apart_by_ear():
    def dominant_hz(name: str) -> float:
        with wave.open(str(asset_path(name)), "rb") as sound:
            samples = np.frombuffer(sound.readframes(sound.getnframes()), dtype="<i2").astype(float)
        spectrum = np.abs(np.fft.rfft(samples))
        return float(np.fft.rfftfreq(len(samples), 1 / 44_100)[spectrum.argmax()])

    error, valid, attention = dominant_hz("error.wav"), dominant_hz("valid.wav"), dominant_hz("attention.wav")
    assert error < 400 < valid < 1000 < attention


def test_result_icons_have_distinct_shapes_not_only_colours():
    masks = []
    for name in ICONS:
        image = Image.open(asset_path(name)).convert("RGBA")
        assert image.size == (256, 256)
        grey = np.asarray(image.convert("L"), dtype=float) * (np.asarray(image)[..., 3] / 255)
        masks.append(grey > 160)  # the light symbol (or the light triangle), whatever the hue
    for i in range(len(masks)):
        for j in range(i + 1, len(masks)):
            differing = np.mean(masks[i] != masks[j])
            assert differing > 0.03, f"{ICONS[i]} and {ICONS[j]} look alike in grey"


def test_app_icon_exists_in_every_size():
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert Image.open(asset_path(f"app-icon-{size}.png")).size == (size, size)


def test_the_self_test_image_decodes_to_the_known_text():
    gray = cv2.imread(str(asset_path("selftest-qr.png")), cv2.IMREAD_GRAYSCALE)
    assert [code.text for code in make_decoder("zxing").decode(gray)] == [SELFTEST_QR_TEXT]
