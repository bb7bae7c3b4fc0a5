"""The decode thread skips unchanged pictures, and never a ticket: real generated frames with sensor noise, 30 fps.

Each test feeds ``DecodeWorker.process`` one picture per frame (as the thread does,
without the thread), with capture times 1/30 s apart, and compares what it scans
with what decoding every picture would give.
"""

import numpy as np

from kiosk.scanning.capture import LatestFrame
from kiosk.scanning.decoder import DecodeWorker
from kiosk.scanning.decoding import ZxingDecoder
from kiosk.scanning.frames import Frame, GrayPyramid
from tests.support import imagegen

A = imagegen.SECRET_A
FPS = 30
NOISE = 5  # gray levels of sensor noise, fresh in every frame


class Station:
    """A decode worker fed frame by frame; records which frames were decoded and what was scanned when."""

    def __init__(self, **options):
        self.worker = DecodeWorker(LatestFrame(), on_scan=self._scanned, on_detections=self._detected, **options)
        self.scans: list[tuple[int, str]] = []  # (frame number, text)
        self.decoded: dict[int, list[str]] = {}  # frame number -> texts found
        self._number = 0

    def _scanned(self, text, t_captured, t_decoded):
        self.scans.append((self._number, text))

    def _detected(self, index, codes, t_captured, t_decoded):
        self.decoded[index] = [c.text for c in codes]

    def show(self, images):
        """Feed the pictures one frame apart, with fresh noise in each."""
        for image in images:
            noisy = imagegen.with_noise(image, NOISE, seed=self._number)
            self.worker.process(Frame(noisy, 1000.0 + self._number / FPS, self._number))
            self._number += 1


def first_decodable(images):
    """Index of the first picture a decoder given every picture (the old station) reads A in."""
    decoder = ZxingDecoder()
    return next(i for i, image in enumerate(images) if [c.text for c in decoder.decode(GrayPyramid(image).gray)] == [A])


def sliding_in(background, size, frames, width_fraction, blur_while_moving=0.0):
    """A ticket moved in from the right edge over ``frames`` frames, then held still.

    With ``blur_while_moving`` it is blurred until it has stopped for a frame (a
    hand coming to rest), then sharp: in the small picture of the change check the
    sharp picture hardly differs from the blurred one before it.
    """
    code = imagegen.qr_image(A)
    end, start = size[0] * 0.45, size[0] * 1.1
    steps = [start + (end - start) * i / frames for i in range(frames + 1)]
    if blur_while_moving:
        steps.append(end)
    pictures = []
    for i, x in enumerate(steps):
        shown = imagegen.blur(code, blur_while_moving) if blur_while_moving and i < len(steps) - 1 else code
        picture, _ = imagegen.place(background, shown, (x, size[1] * 0.5), size[0] * width_fraction)
        pictures.append(picture)
    return pictures


def test_a_still_scene_is_decoded_rarely():
    station = Station()
    station.show([imagegen.scene((640, 360), seed=1)] * (5 * FPS))
    stats = station.worker.stats()
    assert stats.frames <= 6  # the first picture and one a second, of 150
    assert stats.skipped == 5 * FPS - stats.frames


def test_a_ticket_moved_into_a_still_scene_is_scanned_within_two_frames_of_becoming_readable():
    size = (1280, 720)
    background = imagegen.scene(size, seed=2)
    moving = sliding_in(background, size, frames=6, width_fraction=0.25, blur_while_moving=6.0)
    pictures = [background] * 20 + moving + [moving[-1]] * 20  # blurred while it moves, sharp once it stops
    station = Station()
    station.show(pictures)
    readable = first_decodable(pictures)
    assert readable >= 20
    assert station.scans and station.scans[0][1] == A
    assert station.scans[0][0] <= readable + 1
    assert station.worker.stats().frames < len(pictures)  # the still start was skipped


def test_a_small_distant_ticket_moved_into_a_still_1080p_scene_is_scanned_within_two_frames():
    size = (1920, 1080)
    background = imagegen.scene(size, seed=3)
    moving = sliding_in(background, size, frames=3, width_fraction=0.05, blur_while_moving=4.0)
    pictures = [background] * 8 + moving + [moving[-1]] * 4
    station = Station()
    station.show(pictures)
    readable = first_decodable(pictures)
    assert station.scans and station.scans[0][0] <= readable + 1


def test_a_ticket_held_still_in_view_keeps_being_seen_and_is_scanned_once():
    background = imagegen.scene((640, 360), seed=4)
    held = imagegen.code_frame([A], (640, 360), width_fraction=0.3, seed=4)
    station = Station()
    station.show([background] * 10 + [held] * (3 * FPS))
    assert [text for _, text in station.scans] == [A]
    assert all(station.decoded.get(n) == [A] for n in range(10, 10 + 3 * FPS))  # every picture, never "gone"
    assert station.worker._debouncer.in_view() == {A}


def test_a_ticket_taken_away_from_a_still_scene_and_shown_again_is_scanned_again():
    background = imagegen.scene((640, 360), seed=5)
    held = imagegen.code_frame([A], (640, 360), width_fraction=0.3, seed=5)
    station = Station()
    station.show([background] * 10 + [held] * FPS + [background] * (2 * FPS) + [held] * FPS)
    assert [text for _, text in station.scans] == [A, A]
    assert station.scans[1][0] == 10 + 3 * FPS  # the picture it came back in
    # After it left, decoding went on only until the debounce saw it gone (0.5 s), then about once a second.
    gone = [n for n in range(10 + FPS, 10 + 3 * FPS) if n in station.decoded]
    assert len(gone) <= FPS // 2 + 3


def test_light_slowly_changing_does_not_keep_the_decoder_busy():
    background = imagegen.scene((640, 360), seed=6)
    ramp = [imagegen.lit(background, gain=g) for g in np.linspace(1.0, 1.3, 3 * FPS)]
    station = Station()
    station.show([background] * FPS + ramp + [ramp[-1]] * (4 * FPS))
    decoded_after = [n for n in station.decoded if n >= 4 * FPS + FPS // 2]  # half a second after the light settled
    assert len(decoded_after) <= 4  # once a second, as in any still scene
    assert station.worker.stats().frames <= 2 * FPS


def test_every_frame_decodes_each_picture_as_before():
    station = Station(every_frame=True)
    station.show([imagegen.scene((640, 360), seed=1)] * 20)
    assert station.worker.stats().frames == 20 and station.worker.stats().skipped == 0
