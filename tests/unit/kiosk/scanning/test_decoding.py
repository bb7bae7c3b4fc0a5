"""Decoders find tickets in generated camera pictures (scripts/make_test_images.py shows them)."""


import cv2
import numpy as np
import pytest

from kiosk.scanning.decoding import DecoderUnavailable, HalfFirst, PyzbarDecoder, ZxingDecoder, make_decoder
from tests.support import imagegen

CASES = {case.name: case for case in imagegen.decoder_cases()}  # 1280x720: the station tries half size first
DECODERS = {"zxing": ZxingDecoder(), "pyzbar": PyzbarDecoder(),
            "zxing half first": make_decoder("zxing"), "pyzbar half first": make_decoder("pyzbar")}


def gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


@pytest.mark.parametrize("case_name", sorted(CASES))
@pytest.mark.parametrize("decoder_name", sorted(DECODERS))
def test_decoder_finds_exactly_the_tickets_in_view(decoder_name, case_name):
    """Clean, rotated, tilted, blurred, inverted, small and paired codes are found; empty frames give nothing."""
    case = CASES[case_name]
    found = [code.text for code in DECODERS[decoder_name].decode(gray(case.image))]
    assert sorted(found) == sorted(case.expected)


@pytest.mark.parametrize("decoder_name", sorted(DECODERS))
def test_the_reported_corners_outline_the_code_in_the_picture(decoder_name):
    qr = imagegen.qr_image(imagegen.SECRET_A)  # 37 modules incl. 4 quiet-zone modules each side
    frame, _ = imagegen.place(imagegen.scene(), qr, center=(400, 300), width=370)
    (code,) = DECODERS[decoder_name].decode(gray(frame))
    xs, ys = [x for x, _ in code.corners], [y for _, y in code.corners]
    assert len(code.corners) == 4
    assert abs(np.mean(xs) - 400) < 6 and abs(np.mean(ys) - 300) < 6
    assert max(xs) - min(xs) == pytest.approx(290, abs=12)  # 29 modules of 10 px: the symbol without quiet zone


@pytest.mark.parametrize("decoder_name", sorted(DECODERS))
def test_an_inverted_code_on_a_phone_in_dark_mode_is_found(decoder_name):
    frame = imagegen.code_frame([imagegen.SECRET_C], inverted=True, angle=20, seed=5)
    assert [c.text for c in DECODERS[decoder_name].decode(gray(frame))] == [imagegen.SECRET_C]


def test_a_code_filling_most_of_the_picture_is_found():
    """A phone held very close to the camera."""
    frame = imagegen.code_frame([imagegen.SECRET_B], width_fraction=0.55, blur_sigma=2.0)
    assert [c.text for c in ZxingDecoder().decode(gray(frame))] == [imagegen.SECRET_B]


def test_non_ascii_text_is_decoded_as_text():
    frame = imagegen.code_frame(["Karte für Ärzte ✓"], width_fraction=0.3)
    assert [c.text for c in ZxingDecoder().decode(gray(frame))] == ["Karte für Ärzte ✓"]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("width_fraction", [0.05, 0.07, 0.10])
@pytest.mark.parametrize("seed", [0, 1])
def test_small_distant_codes_are_still_found_by_the_full_size_pass(size, width_fraction, seed):
    """Too few pixels per module at half size: the full picture is decoded, as by the decoder alone."""
    frame = gray(imagegen.code_frame([imagegen.SECRET_A], size, width_fraction=width_fraction, seed=seed))
    alone = [c.text for c in ZxingDecoder().decode(frame)]
    assert alone == [imagegen.SECRET_A]  # the case is one the full picture decodes
    assert [c.text for c in make_decoder("zxing").decode(frame)] == alone


class Counting:
    """A decoder that records the width of each picture it is given."""

    name = "counting"

    def __init__(self, inner):
        self.inner, self.widths = inner, []

    def decode(self, picture):
        self.widths.append(picture.shape[1])
        return self.inner.decode(picture)


def test_a_large_code_is_found_at_half_size_alone_with_corners_in_full_size_pixels():
    qr = imagegen.qr_image(imagegen.SECRET_A)
    frame, _ = imagegen.place(imagegen.scene((1920, 1080)), qr, center=(800, 500), width=740)
    coarse, fine = Counting(ZxingDecoder()), Counting(ZxingDecoder(try_downscale=False))
    (code,) = HalfFirst(coarse, fine).decode(gray(frame))
    assert coarse.widths == [960] and fine.widths == []
    (alone,) = ZxingDecoder().decode(gray(frame))
    for (x, y), (ax, ay) in zip(code.corners, alone.corners, strict=True):
        assert abs(x - ax) <= 3 and abs(y - ay) <= 3


def test_a_picture_narrower_than_1280_is_decoded_once_at_full_size():
    coarse, fine = Counting(ZxingDecoder()), Counting(ZxingDecoder())
    HalfFirst(coarse, fine).decode(gray(imagegen.code_frame([], (640, 360))))
    assert coarse.widths == [640] and fine.widths == []


def test_make_decoder_returns_the_named_decoder():
    assert make_decoder("zxing").name == "zxing"
    assert make_decoder("pyzbar").name == "pyzbar"
    assert make_decoder("opencv").name == "opencv"


def test_an_unknown_decoder_name_is_refused_with_the_choices():
    with pytest.raises(DecoderUnavailable) as info:
        make_decoder("zebra")
    assert "zxing" in info.value.message and "pyzbar" in info.value.message
