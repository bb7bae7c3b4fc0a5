"""A download answer is read one ticket at a time, whatever its layout (no host needed)."""

from __future__ import annotations

import pytest

from kiosk.offline.refresh import iter_results


def test_download_answer_is_read_one_ticket_at_a_time_whatever_its_layout():
    text = ' { "version" : 2 ,\n "results" : [ {"secret":"A"} ,\n{ "secret" : "B" } ] , "questions" : [] }'
    assert [(t["secret"], raw) for t, raw in iter_results(text)] == [
        ("A", '{"secret":"A"}'), ("B", '{ "secret" : "B" }')
    ]
    for broken in ('{"version": 2}', '{"results": [1]}', '{"results": [{}', "<html></html>", ""):
        with pytest.raises(ValueError):
            list(iter_results(broken))
