"""A keyboard-wedge scanner's fast burst ending in Enter is a scan; typing is not (pure)."""

from __future__ import annotations

import pytest

from kiosk.scanning.keywedge import KeyBurstDetector


@pytest.mark.parametrize("gap, expected", [(0.01, "ABCDE"), (0.2, None)])
def test_fast_burst_with_enter_is_a_scan_slow_typing_is_not(gap, expected):
    det = KeyBurstDetector()
    t = 0.0
    for ch in "ABCDE":
        det.typed(ch, t)
        t += gap
    assert det.enter(t - gap + 0.01) == expected


def test_short_burst_is_not_a_scan():
    det = KeyBurstDetector(min_chars=4)
    for i, ch in enumerate("abc"):
        det.typed(ch, i * 0.01)
    assert det.enter(0.03) is None
