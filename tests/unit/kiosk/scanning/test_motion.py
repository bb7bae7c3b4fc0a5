"""The change check: a still or noisy scene is not a change, a ticket coming into view is, light drifting is not forever."""

import numpy as np
import pytest

from kiosk.scanning.frames import GrayPyramid, halve
from kiosk.scanning.motion import ChangeGate, changed_share, thumbnail_level
from tests.support import imagegen

SIZE = (640, 360)
FPS = 30
SCENE = imagegen.scene(SIZE, seed=7)


def thumbnail(image):
    return GrayPyramid(image).level(thumbnail_level(image.shape[1]))


def reasons(gate, images, fps=FPS, start=100.0, code_in_view=False):
    """Feed one picture per frame at ``fps``; return the gate's answer for each."""
    return [gate.check(thumbnail(image), start + i / fps, code_in_view) for i, image in enumerate(images)]


@pytest.mark.parametrize(("width", "level", "small"), [(1920, 3, 240), (1280, 3, 160), (640, 2, 160), (320, 1, 160)])
def test_the_change_check_looks_at_a_picture_about_160_to_240_pixels_wide(width, level, small):
    assert thumbnail_level(width) == level
    assert GrayPyramid(np.zeros((width * 9 // 16, width, 3), np.uint8)).level(level).shape[1] == small


def test_halving_averages_two_by_two_pixels_and_drops_an_odd_edge():
    gray = np.array([[0, 2, 9], [4, 6, 9], [9, 9, 9]], np.uint8)
    assert halve(gray).tolist() == [[3]]


def test_each_gray_picture_of_a_frame_is_made_once():
    pyramid = GrayPyramid(SCENE)
    assert pyramid.level(2) is pyramid.level(2)
    assert pyramid.level(1) is pyramid.level(1)
    assert pyramid.gray.shape == (360, 640)


@pytest.mark.parametrize("size", [(640, 360), (1280, 720), (1920, 1080)])
def test_sensor_noise_is_not_a_change(size):
    scene = imagegen.scene(size, seed=3)
    first, second = (thumbnail(imagegen.with_noise(scene, 8, seed)) for seed in (1, 2))
    assert changed_share(first, second, 12) == 0


@pytest.mark.parametrize("size", [(640, 360), (1280, 720), (1920, 1080)])
def test_even_a_small_distant_ticket_coming_into_view_is_a_change(size):
    scene = imagegen.scene(size, seed=3)
    ticket = imagegen.code_frame([imagegen.SECRET_A], size, width_fraction=0.05, seed=3)
    assert changed_share(thumbnail(ticket), thumbnail(scene), 12) > 2 * ChangeGate().min_changed


@pytest.mark.parametrize(("gain", "offset"), [(1.0, 30), (1.0, -40), (1.2, 0), (0.7, 10)])
def test_the_whole_picture_getting_lighter_or_darker_is_not_a_change(gain, offset):
    after = thumbnail(imagegen.lit(SCENE, gain=gain, offset=offset))
    assert changed_share(after, thumbnail(SCENE), 12) < ChangeGate().min_changed


def test_a_still_noisy_scene_is_decoded_about_once_a_second():
    images = [imagegen.with_noise(SCENE, 6, seed) for seed in range(10 * FPS)]
    seen = reasons(ChangeGate(), images)
    decoded = [r for r in seen if r is not None]
    assert decoded[0] == "first"
    assert set(decoded[1:]) == {"refresh"}
    assert len(decoded) <= 11  # 300 pictures in 10 s: the first and one a second


def test_a_ticket_coming_into_view_is_decoded_at_once_and_while_it_settles():
    ticket = imagegen.code_frame([imagegen.SECRET_A], SIZE, width_fraction=0.3, seed=7)
    seen = reasons(ChangeGate(settle_seconds=0.5), [SCENE] * 10 + [ticket] * 30)
    assert seen[10] == "changed"
    assert set(seen[11:25]) == {"settling"}  # 0.5 s at 30 fps after the change
    assert seen[26:] == [None] * 14


def test_a_code_in_view_keeps_every_picture_decoded():
    seen = reasons(ChangeGate(), [SCENE] * 20, code_in_view=True)
    assert seen[0] == "first" and set(seen[1:]) == {"code"}


@pytest.mark.parametrize("light", ["gain", "offset"])
def test_light_slowly_changing_for_two_seconds_does_not_count_as_motion_forever(light):
    ramp = np.linspace(0, 1, 2 * FPS)
    change = (lambda f: imagegen.lit(SCENE, gain=1 + 0.4 * f)) if light == "gain" else (
        lambda f: imagegen.lit(SCENE, offset=-60 * f))
    images = ([SCENE] * FPS + [change(f) for f in ramp] + [change(1.0)] * (5 * FPS))
    images = [imagegen.with_noise(image, 4, seed) for seed, image in enumerate(images)]
    seen = reasons(ChangeGate(), images)
    during = [r for r in seen[FPS:3 * FPS] if r is not None]
    after = [r for r in seen[3 * FPS + FPS // 2:] if r is not None]  # from half a second after the light settled
    assert len(during) <= 2 * FPS // 3  # at most every third picture while the light moves
    assert set(after) <= {"refresh"} and len(after) <= 5  # then once a second, like any still scene


def test_another_picture_size_or_a_reset_starts_over():
    gate = ChangeGate()
    assert reasons(gate, [SCENE, SCENE]) == ["first", None]
    assert gate.check(thumbnail(imagegen.scene((1920, 1080), seed=7)), 200.0) == "first"
    gate.reset()
    assert gate.check(thumbnail(imagegen.scene((1920, 1080), seed=7)), 200.01) == "first"


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        ChangeGate(threshold=0)
    with pytest.raises(ValueError):
        ChangeGate(refresh_seconds=0)
