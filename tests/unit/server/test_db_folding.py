"""Stored folded names follow the folding: a database folded before accents were dropped is refolded on start.

Not a schema version (meta's ``search_fold``): the folding can change without a migration.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from server.db import open_database, refold_names
from server.folding import FOLD_VERSION
from server.schema import meta, positions
from server.store.search import matching_tickets


def found(engine, seed, query: str) -> list[str]:
    with engine.connect() as conn:
        rows = matching_tickets(conn, seed.event_id, seed.default_list_id, True, True, query, [query])
    return [row.secret for row in rows]


def fold_version(engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.key == "search_fold")).scalar_one_or_none()


def test_names_folded_the_old_way_are_refolded_on_start_so_mueller_finds_mueller(engine, seed, database_url):
    shirt = seed.product("T-Shirt")
    parent = seed.ticket("S1", attendee_name="Jürgen Müller")
    seed.addon(parent, shirt, "S2")
    seed.ticket("S3", attendee_name="Ada", order=seed.order(invoice_name="François SARL"))
    with engine.begin() as conn:  # what the program wrote before: plain casefolding, no fold version
        for secret, old in (("S1", "jürgen müller"), ("S2", "jürgen müller"), ("S3", "ada\nfrançois sarl")):
            conn.execute(update(positions).where(positions.c.secret == secret).values(names_folded=old))
        conn.execute(delete(meta).where(meta.c.key == "search_fold"))
    assert found(engine, seed, "mueller") == [] and found(engine, seed, "francois") == []
    engine.dispose()

    reopened = open_database(database_url)
    try:
        assert fold_version(reopened) == str(FOLD_VERSION)
        assert found(reopened, seed, "mueller") == ["S1", "S2"]
        assert found(reopened, seed, "muller") == ["S1", "S2"]
        assert found(reopened, seed, "francois") == ["S3"]
        with reopened.connect() as conn:
            names = dict(conn.execute(select(positions.c.secret, positions.c.names_folded)).all())
        assert names["S1"] == names["S2"] == "jurgen muller\njuergen mueller"
        with reopened.begin() as conn:
            assert refold_names(conn) == 0  # once refolded, a start does nothing
    finally:
        reopened.dispose()


def test_a_new_database_records_its_folding(engine):
    assert fold_version(engine) == str(FOLD_VERSION)
