"""The arrivals chart's scales label each of their four grid steps with a whole count."""

import pytest

from kiosk.ui.arrivals_chart import scale_top


@pytest.mark.parametrize(("largest", "top"), [(0, 4), (1, 4), (3, 4), (4, 4), (5, 8), (37, 40), (400, 400)])
def test_the_chart_scale_reaches_the_largest_count_in_whole_steps(largest, top):
    assert scale_top(largest) == top
    steps = [top * k / 4 for k in range(5)]
    assert all(step == int(step) for step in steps)  # no "1, 1, 1, 0, 0" on a quiet event
    assert steps[-1] >= largest
