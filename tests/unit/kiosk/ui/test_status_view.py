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
