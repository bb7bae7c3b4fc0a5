"""The result screen as people see it: colour, icon shape, big word, names (or not), attention banner."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtGui import QColor

from kiosk.station.presenting import present
from kiosk.ui.result_view import ResultView

CASES = [("ok", None, "VALID", "#1b7a2e"), ("error", "already_redeemed", "ALREADY USED", "#ffb000"),
         ("error", "unpaid", "UNPAID", "#6a1b9a"), ("error", "unknown_ticket", "UNKNOWN TICKET", "#c62828"),
         ("error", "product", "WRONG PRODUCT", "#b71c1c")]


def outcome(status, reason, attention=False, mode="online"):
    data = {"attendee_name": "Ada Lovelace", "item": "Weekend Pass", "variation": "Red", "order": "ABC12",
            "addons_text": "Parking", "attention": attention}
    return SimpleNamespace(status=status, reason=reason, data=data if reason != "unknown_ticket" else None,
                           mode=mode, message="")


@pytest.fixture
def view(qtbot):
    widget = ResultView()
    widget.resize(1280, 720)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("status, reason, word, colour", CASES)
def test_whole_window_takes_the_outcomes_colour_with_its_word(view, status, reason, word, colour):
    view.show_result(present(outcome(status, reason)))
    image = view.grab().toImage()
    assert image.pixelColor(3, 3) == QColor(colour) == image.pixelColor(1270, 700)
    assert view.word.text() == word
    assert view.word.font().pixelSize() >= 60  # readable from 2 m at 720 p


def test_each_outcome_draws_a_different_icon_shape(view):
    shapes = set()
    for status, reason, _, _ in CASES:
        view.show_result(present(outcome(status, reason)))
        shapes.add(view.icon.shape)
    assert len(shapes) == len(CASES)


def test_ticket_details_are_shown_and_hidden_names_stay_hidden(view):
    view.show_result(present(outcome("ok", None)))
    assert [view.name.text(), view.product.text(), view.order.text(), view.addons.text()] == [
        "Ada Lovelace", "Weekend Pass – Red", "Order ABC12", "+ Parking"]
    view.show_result(present(outcome("ok", None), privacy=True))
    assert "Ada" not in view.name.text() and view.name.text() == "(name hidden)"


def test_attention_ticket_has_a_blinking_banner(qtbot, view):
    view.show_result(present(outcome("ok", None, attention=True)))
    assert view.attention.isVisible()
    first = view.attention.styleSheet()
    qtbot.waitUntil(lambda: view.attention.styleSheet() != first, timeout=2000)
    view.show_result(present(outcome("ok", None)))
    assert not view.attention.isVisible()


def test_offline_decision_says_checked_offline(view):
    info = present(SimpleNamespace(status="ok", reason=None, data={"attendee_name": "Ada"}, mode="offline",
                                   message="Valid ticket. Welcome! Checked offline against this station's copy."))
    view.show_result(info)
    assert view.note.isVisible() and "Checked offline" in view.note.text()


def test_word_name_and_icon_grow_with_the_window(qtbot, view):
    view.show_result(present(outcome("ok", None)))
    small = (view.word.font().pixelSize(), view.name.font().pixelSize(), view.icon.height())
    view.resize(1920, 1080)
    qtbot.waitUntil(lambda: view.word.font().pixelSize() > small[0], timeout=2000)
    assert view.name.font().pixelSize() > small[1] and view.icon.height() > small[2]
    assert view.word.font().pixelSize() >= 120  # readable from further than 2 m on a 1080p screen
    view.show_result(present(outcome("error", "unknown_ticket")))  # the longest word still fits the width
    assert view.word.fontMetrics().horizontalAdvance(view.word.text()) <= view.width()


def test_already_used_shows_when_and_where_under_the_word_and_the_next_result_clears_it(view):
    used = outcome("error", "already_redeemed")
    used.data["first_checkin"] = {"datetime": "2026-05-01T12:02:00Z", "station": "Door 2"}
    view.show_result(present(used))
    assert view.first_used.text().startswith("First used ") and " at Door 2 (" in view.first_used.text()
    assert view.first_used.isVisible() and view.first_used.y() > view.word.y()
    view.show_result(present(outcome("ok", None)))
    assert not view.first_used.isVisible()


def test_attention_banner_points_at_the_check_in_text_shown_below_it(view, qtbot):
    vip = outcome("ok", None, attention=True)
    vip.data["checkin_text"] = "Hand out the backstage wristband"
    view.show_result(present(vip))
    assert view.attention.text() == "⚠  ATTENTION: special ticket, see the notes  ⚠"
    assert view.checkin_text.isVisible() and view.checkin_text.text() == "Hand out the backstage wristband"
    view.show_result(present(outcome("ok", None, attention=True)))
    assert view.attention.text() == "⚠  ATTENTION: special ticket  ⚠" and not view.checkin_text.isVisible()
