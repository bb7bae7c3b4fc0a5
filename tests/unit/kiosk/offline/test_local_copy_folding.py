"""Offline search ignores accents and spelled-out umlauts, says why a ticket matched, and an older
copy (names casefolded only) is refolded when the station opens it."""

from __future__ import annotations

from kiosk.offline.folding import FOLD_VERSION
from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.store import get_meta, open_store, refold_names
from tests.support.offline_copy import SOURCE, make_store, ticket


def test_offline_search_says_why_each_ticket_matched(tmp_path):
    _, copy, _ = make_store(tmp_path, [ticket("MULLER-1", order="ORDX1", name="Ada"),
                                       ticket("S2", order="MULLO", name="Bob"),
                                       ticket("S3", order="ORDX2", name="Jürgen Müller")])
    assert [(t["secret"], t["matched"]) for t in copy.search("mull")] == [
        ("MULLER-1", "secret"), ("S2", "order"), ("S3", "name")]
    assert [(t["secret"], t["matched"]) for t in copy.search("MUELLER")] == [("S3", "name")]
    assert copy.get("S3") is not None and "matched" not in copy.get("S3")  # only search results say it


def test_a_copy_folded_the_old_way_is_refolded_when_the_station_opens_it(tmp_path):
    conn, copy, _ = make_store(tmp_path, [ticket("S1", name="François Müller"), ticket("S2", name="Ada")])
    conn.execute("UPDATE tickets SET name_folded = 'françois müller' WHERE secret = 'S1'")  # as before
    conn.execute("DELETE FROM meta WHERE key = 'search_fold'")
    assert copy.search("francois") == [] and copy.search("mueller") == []
    conn.close()

    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    assert get_meta(conn, "search_fold") == str(FOLD_VERSION)
    assert [t["secret"] for t in copy.search("francois")] == ["S1"]
    assert [t["secret"] for t in copy.search("Mueller")] == ["S1"]
    assert refold_names(conn) == 0  # already current: nothing to do
    conn.close()
