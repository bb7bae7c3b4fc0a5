"""Debounce by presence: a ticket in view is scanned once, again after it left and came back."""

import pytest

from kiosk.scanning.debounce import ScanDebouncer

FPS = 30


def run(debouncer, timeline, start=0.0, fps=FPS):
    """Feed one frame per entry (the codes in that frame) at ``fps``; return (time, released) pairs."""
    events = []
    for i, codes in enumerate(timeline):
        now = start + i / fps
        for code in debouncer.observe(codes, now):
            events.append((round(now, 3), code))
    return events


def frames(codes, seconds, fps=FPS):
    return [set(codes)] * round(seconds * fps)


def test_a_code_is_scanned_once_when_it_appears():
    events = run(ScanDebouncer(), frames(["A"], 1.0))
    assert events == [(0.0, "A")]


def test_a_ticket_held_for_three_seconds_is_scanned_once():
    events = run(ScanDebouncer(), frames([], 0.5) + frames(["A"], 3.0) + frames([], 0.5))
    assert [code for _, code in events] == ["A"]


def test_a_code_that_never_leaves_is_repeated_every_ten_seconds():
    events = run(ScanDebouncer(repeat_after=10.0), frames(["A"], 25.0))
    assert [t for t, _ in events] == pytest.approx([0.0, 10.0, 20.0], abs=0.05)


def test_a_ticket_taken_away_and_shown_again_is_scanned_again():
    events = run(ScanDebouncer(), frames(["A"], 1.0) + frames([], 1.0) + frames(["A"], 1.0))
    assert [code for _, code in events] == ["A", "A"]
    assert events[1][0] == pytest.approx(2.0, abs=0.05)


def test_a_decode_missing_for_a_few_frames_does_not_scan_twice():
    flicker = frames(["A"], 0.5) + frames([], 0.2) + frames(["A"], 0.5) + [set()] * 2 + frames(["A"], 0.5)
    assert [code for _, code in run(ScanDebouncer(), flicker)] == ["A"]


def test_a_slow_decoder_needs_only_a_few_empty_frames_to_see_a_code_leave():
    # 2 decoded frames per second: three empty frames (1.5 s) are enough.
    timeline = [{"A"}] * 2 + [set()] * 3 + [{"A"}]
    assert [code for _, code in run(ScanDebouncer(), timeline, fps=2)] == ["A", "A"]


def test_a_code_must_be_absent_for_enough_frames_not_just_enough_time():
    # One decoded frame after a 2 s stall (decoder was busy) is not "the code left".
    debouncer = ScanDebouncer()
    assert debouncer.observe({"A"}, 0.0) == ["A"]
    assert debouncer.observe(set(), 2.0) == []
    assert debouncer.observe({"A"}, 2.1) == []


def test_two_tickets_in_view_are_both_scanned_in_frame_order():
    debouncer = ScanDebouncer()
    assert debouncer.observe(["B", "A"], 0.0) == ["B", "A"]
    assert debouncer.observe(["A", "B"], 0.1) == []


def test_a_second_ticket_joining_the_first_is_scanned_without_rescanning_the_first():
    events = run(ScanDebouncer(), frames(["A"], 1.0) + frames(["A", "B"], 1.0))
    assert [code for _, code in events] == ["A", "B"]


def test_forget_lets_a_code_still_in_view_be_scanned_again():
    debouncer = ScanDebouncer()
    debouncer.observe({"A"}, 0.0)
    debouncer.forget("A")
    assert debouncer.observe({"A"}, 0.1) == ["A"]


def test_reset_forgets_every_code_in_view():
    debouncer = ScanDebouncer()
    debouncer.observe({"A", "B"}, 0.0)
    assert debouncer.in_view() == {"A", "B"}
    debouncer.reset()
    assert sorted(debouncer.observe({"A", "B"}, 0.1)) == ["A", "B"]


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        ScanDebouncer(repeat_after=0)
    with pytest.raises(ValueError):
        ScanDebouncer(leave_frames=0)
