"""The staff PIN's guard: five wrong PINs in a row lock PIN entry for a minute, logged without the PIN."""

from __future__ import annotations

import logging

from kiosk.station.pin_guard import PinGuard


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def guard(clock: Clock) -> PinGuard:
    return PinGuard(lambda pin: pin == "4711", clock=clock)


def test_the_right_pin_opens_and_a_right_pin_resets_the_count_of_wrong_ones():
    clock = Clock()
    g = guard(clock)
    for _ in range(4):
        assert not g.try_pin("0000")
    assert g.try_pin("4711") and g.wrong == 0
    assert not g.try_pin("0000") and g.locked_until() is None


def test_five_wrong_pins_lock_pin_entry_for_a_minute_even_for_the_right_pin(caplog):
    clock = Clock()
    g = guard(clock)
    with caplog.at_level(logging.WARNING, logger="kiosk.station.pin_guard"):
        for _ in range(5):
            assert not g.try_pin("1234")
    assert g.locked_until() == clock.now + 60
    assert not g.try_pin("4711")  # locked: not even checked
    clock.now += 59
    assert not g.try_pin("4711")
    clock.now += 1.5
    assert g.locked_until() is None and g.try_pin("4711")
    assert "5 wrong staff PINs in a row: PIN entry locked until" in caplog.text
    assert "1234" not in caplog.text and "4711" not in caplog.text


def test_wrong_pins_while_locked_do_not_extend_the_lockout():
    clock = Clock()
    g = guard(clock)
    for _ in range(5):
        g.try_pin("1")
    until = g.locked_until()
    clock.now += 30
    for _ in range(10):
        g.try_pin("1")
    assert g.locked_until() == until
