"""The host panel says each overview problem from its parts, so it can say it in the station's language; in
English it says exactly what the host's own text (the web page, ``checkin-server overview``) says."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk import i18n
from kiosk.ui.overview_view import problem_words
from server.overview.figures import ProblemRow, _problem

WHEN = datetime(2026, 5, 1, 14, 2)
ROWS = [
    ProblemRow(WHEN, 1, "unknown_ticket", secret="4fXk2aQ9"),
    ProblemRow(WHEN, 1, "already_redeemed", secret="DEMO-VALID-0001", order_code="K3QZN"),
    ProblemRow(WHEN, 1, "unpaid", secret="abc", order_code="HW7PA", offline=True),
    ProblemRow(WHEN, 1, "unknown_ticket", secret="FORGED-1234", forced=True),
    ProblemRow(WHEN, 1, "blocked", secret="zz9", order_code="T9LXC"),
    ProblemRow(WHEN, 1, "some_new_reason", secret="q"),
    ProblemRow(WHEN, None, "pretix_sync", text="pretix sync: pretix did not answer", kind="sync"),
    ProblemRow(WHEN, None, "invalid", text="pretix rejected a check-in (invalid)", kind="sync"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.reason)
def test_in_english_a_problem_reads_as_the_host_says_it(row):
    problem = _problem(row, {1: "Door 2"})
    expected = problem["text"].replace("(invalid)", "(unknown to pretix)")  # the panel says pretix's reason in words
    assert problem_words(problem) == expected
    if row.key_id is not None:
        assert problem_words(problem, with_station=False) == expected.removeprefix("Door 2: ")


def test_in_german_a_problem_is_said_in_german_with_the_code_and_order_as_they_are():
    german = {("Overview", "already used"): "bereits eingelöst",
              ("Overview", "{what}, order {order}"): "{what}, Bestellung {order}"}
    i18n.install(lambda context, source, _d, _n: german.get((context, source), source))
    try:
        assert problem_words(_problem(ROWS[1], {1: "Tür 2"})) == "Tür 2: bereits eingelöst DEMO-V…, Bestellung K3QZN"
    finally:
        i18n.install(None)


def test_figures_from_a_host_without_the_parts_show_its_text():
    assert problem_words({"station": "Door 2", "reason": "unpaid", "kind": "refused", "text": "Door 2: unpaid x"}) \
        == "Door 2: unpaid x"
