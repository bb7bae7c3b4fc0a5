"""The host's folding and the station's answer every case of one search table alike (no HTTP, no database).

The table: tests/support/search_cases.py. Through a real host and a real station copy:
tests/integration/test_search_table.py.
"""

from __future__ import annotations

import pytest

from kiosk.offline import folding as station
from server import folding as host
from tests.support.search_cases import CASES


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_hosts_folding_finds_each_name_as_the_table_says(case):
    assert host.names_match(host.fold_variants(case.query), case.attendee) == case.found


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_stations_folding_finds_each_name_as_the_table_says(case):
    assert station.names_match(station.fold_variants(case.query), case.attendee) == case.found


@pytest.mark.parametrize("text", sorted({c.query for c in CASES} | {c.attendee for c in CASES}))
def test_both_fold_every_text_alike(text):
    assert station.fold_variants(text) == host.fold_variants(text)
    assert station.fold_names(text, "Zoë") == host.fold_names(text, "Zoë")
    assert station.FOLD_VERSION == host.FOLD_VERSION


def test_a_name_with_an_umlaut_is_stored_in_both_spellings():
    assert host.fold_names("Jürgen Müller", None, "Müller GmbH") == (
        "jurgen muller\njuergen mueller\nmuller gmbh\nmueller gmbh")
    assert host.fold_names("François", "", "François") == "francois"
