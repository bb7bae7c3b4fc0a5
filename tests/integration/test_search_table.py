"""The table of name searches through real parts: a host answering search/ over HTTP (SQLite and
PostgreSQL), and a station's offline copy filled from that host's download.

"MULLER", "Muller" and "mueller" found nothing before names were folded; stewards type what they
hear on whatever keyboard they have. The table: tests/support/search_cases.py; the foldings
alone: tests/unit/test_search_table.py.
"""

from __future__ import annotations

from tests.support.offline_copy import make_store
from tests.support.search_cases import CASES


def found_by(search, seeded: dict[str, str]) -> dict[str, tuple[bool, str | None]]:
    """For each case: whether its own ticket is among the results of its query, and why it matched."""
    answers = {}
    for case in CASES:
        results = {r["secret"]: r for r in search(case.query)}
        mine = results.get(seeded[case.name])
        answers[case.name] = (mine is not None, mine and mine["matched"])
    return answers


def seed_cases(seed) -> dict[str, str]:
    return {case.name: seed.ticket(f"CASE-{i:02d}", attendee_name=case.attendee).secret
            for i, case in enumerate(CASES)}


def test_the_host_and_a_station_copy_find_the_names_the_table_says(api, seed, tmp_path):
    seeded = seed_cases(seed)
    expected = {case.name: (case.found, "name" if case.found else None) for case in CASES}

    def host_search(query):
        response = api.search(query)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    assert found_by(host_search, seeded) == expected

    download = api.download(params={"full": "1"})
    assert download.status_code == 200
    conn, copy, _queue = make_store(tmp_path, download.json()["results"])
    try:
        assert found_by(copy.search, seeded) == expected
    finally:
        conn.close()
