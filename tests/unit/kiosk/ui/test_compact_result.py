"""The compact result strip as staff see it in a panel: the outcome's colour, who scanned, the word, the name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from kiosk.station.presenting import present
from kiosk.ui.compact_result import STRIP_HEIGHT, CompactResult
from tests.support.scans import outcome


def test_strip_shows_colour_scanner_word_and_name_and_never_takes_the_focus(qtbot):
    strip = CompactResult()
    qtbot.addWidget(strip)
    strip.resize(1024, STRIP_HEIGHT)
    strip.show_result(present(outcome("error", "already_redeemed", attendee_name="Zoë Lefèvre")), "camera")
    strip.show()
    image = strip.grab().toImage()
    assert image.pixelColor(strip.width() - 40, STRIP_HEIGHT // 2) == QColor("#ffb000")  # past the text
    assert image.pixelColor(1, 1) == QColor("#1a1a1a")  # framed in its text colour: a card of its own
    assert (strip.source.text(), strip.word.text()) == ("Camera", "ALREADY USED")
    assert strip.details.text().startswith("Zoë Lefèvre")
    assert strip.focusPolicy() is Qt.FocusPolicy.NoFocus


def test_a_long_name_is_cut_not_widening_the_window(qtbot):
    strip = CompactResult()
    qtbot.addWidget(strip)
    strip.resize(600, STRIP_HEIGHT)
    strip.show()
    strip.show_result(present(outcome(attendee_name="Maximiliane " * 12, item="Weekend Pass")), "keyboard")
    assert strip.minimumSizeHint().width() <= 600
    assert strip.details.text().endswith("…") and strip.source.text() == "Scanner"


def test_click_sends_it_away(qtbot):
    strip = CompactResult()
    qtbot.addWidget(strip)
    strip.show_result(present(outcome()), "camera")
    strip.show()
    with qtbot.waitSignal(strip.clicked, timeout=1000):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton)
