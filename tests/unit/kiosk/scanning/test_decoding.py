"""Decoders find tickets in generated camera pictures (scripts/make_test_images.py shows them)."""


import cv2
import numpy as np
import pytest

from kiosk.scanning.decoding import DecoderUnavailable, PyzbarDecoder, ZxingDecoder, make_decoder
from tests.support import imagegen

CASES = {case.name: case for case in imagegen.decoder_cases()}
DECODERS = {"zxing": ZxingDecoder(), "pyzbar": PyzbarDecoder()}


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


def test_make_decoder_returns_the_named_decoder():
    assert make_decoder("zxing").name == "zxing"
    assert make_decoder("pyzbar").name == "pyzbar"
    assert make_decoder("opencv").name == "opencv"


def test_an_unknown_decoder_name_is_refused_with_the_choices():
    with pytest.raises(DecoderUnavailable) as info:
        make_decoder("zebra")
    assert "zxing" in info.value.message and "pyzbar" in info.value.message
