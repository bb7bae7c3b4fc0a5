"""The status panel's list of offline check-ins the host refused: each says who, why in words, and when."""

from __future__ import annotations

import pytest

from kiosk.offline import RejectedCheckin
from kiosk.ui.status_view import StatusView

REASONS = [("unpaid", "not paid or canceled"), ("unknown_ticket", "unknown ticket (removed or replaced on the host)"),
           ("product", "not valid at this entrance"), ("already_redeemed", "already used"),
           ("invalid", "refused as invalid by the host"), ("host_error", "the host failed on it several times")]


@pytest.mark.parametrize("reason, words", REASONS)
def test_each_refused_offline_checkin_says_why_in_words(qtbot, reason, words):
    view = StatusView()
    qtbot.addWidget(view)
    view.set_rejected([RejectedCheckin(7, "k24fhnz8ek5gjsarc4yq", reason, "2026-11-27T10:15:42", "2026-11-27T10:40:00",
                                       {"attendee_name": "Ada Lovelace"}, False)])
    assert view.rejected.item(0).text() == f"Ada Lovelace: {words} (scanned 2026-11-27 10:15 UTC)"


def test_a_refused_checkin_without_a_name_is_named_by_its_order_or_code(qtbot):
    view = StatusView()
    qtbot.addWidget(view)
    view.set_rejected([RejectedCheckin(1, "k24fhnz8ek5gjsarc4yq", "unpaid", "2026-11-27T10:15:42", "", {"order": "ABC12"},
                                       False),
                       RejectedCheckin(2, "k24fhnz8ek5gjsarc4yq", "host_error", "2026-11-27T10:16:00", "", None, False)])
    assert [view.rejected.item(i).text().split(":")[0] for i in range(2)] == ["ABC12", "k24fhnz8ek5g"]


STATUS = {"checkins": 139, "total": 225, "event": {"name": "DemoCon", "list": "Entrance"},
          "items": [{"id": 1, "name": "Weekend Pass", "admission": True, "checkins": 135, "total": 180},
                    {"id": 2, "name": "T-Shirt", "admission": False, "checkins": 3, "total": 30},
                    {"id": 3, "name": "Parking", "admission": False, "checkins": 1, "total": 15}]}


def test_status_shows_people_apart_from_t_shirts_and_parking(qtbot):
    view = StatusView()
    qtbot.addWidget(view)
    view.show()
    view.show_status(STATUS)
    assert view.overall.text() == "135 of 180 people checked in"
    assert view.others.isVisible() and view.others.text() == "T-Shirt, Parking: 4 of 45 checked in"
    assert [view.table.item(i, 0).text() for i in range(view.table.rowCount())] == [
        "Weekend Pass", "Other products (not people)", "T-Shirt", "Parking"]


def test_the_offline_copy_note_disappears_when_counts_come_from_the_host_again(qtbot):
    view = StatusView()
    qtbot.addWidget(view)
    view.show()
    view.show_status(STATUS, offline=True)
    assert view.source.isVisible() and view.source.text() == "Counts from this station's offline copy."
    view.show_status(STATUS)
    assert not view.source.isVisible()
    assert "offline copy" not in view.updated.text()


def test_each_host_connection_mode_has_a_line_saying_what_it_does(qtbot):
    view = StatusView()
    qtbot.addWidget(view)
    lines = view.mode_lines.text().split("\n")
    assert [line.split(":")[0] for line in lines] == ["Automatic", "Always online", "Force offline"]
