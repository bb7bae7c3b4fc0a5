"""The host's admission rule and the station's offline rule answer every case of one table alike (no HTTP).

The table: tests/support/admission_cases.py. Through a real host and a real station copy:
tests/integration/test_admission_table.py.
"""

from __future__ import annotations

import pytest

from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.rules import decide_offline
from kiosk.offline.store import open_store
from server.rules.admission import decide
from tests.support.admission_cases import CASES, Case

OFFLINE_CASES = [case for case in CASES if case.offline]


def copy_entry(case: Case) -> dict:
    """The case's ticket as our host's ``download/?full=1`` lists it (the station's copy entry)."""
    f = case.facts
    paid = f.order_status == "p"
    return {"secret": case.name, "order": "ABC12", "item": "Ticket", "item_id": 1, "variation": None,
            "variation_id": None, "attendee_name": "Ada", "redeemed": f.redeemed, "paid": paid,
            "checkin_allowed": paid or (f.order_status == "n" and case.include_pending), "attention": False,
            "addons_text": "", "order_status": f.order_status, "on_list": f.on_list,
            "blocked": f.blocked, "valid_from": None if f.valid_now else "2000-01-01T00:00:00Z",
            "valid_until": None if f.valid_now else "2000-01-02T00:00:00Z"}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_host_rule_gives_each_case_its_answer(case):
    decision = decide(case.facts, case.include_pending, force=case.force, ignore_unpaid=case.ignore_unpaid)
    assert (decision.reason, decision.store) == (case.reason, case.store)
    assert decision.admitted == (case.reason is None)


@pytest.mark.parametrize("case", OFFLINE_CASES, ids=lambda case: case.name)
def test_the_station_deciding_from_its_copy_gives_the_hosts_answer(case, tmp_path):
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, "/pretixdroid/api/acme/conf/")
    copy.replace([] if case.facts is None else [copy_entry(case)], now=1000.0, include_pending=case.include_pending)
    entry = copy.get(case.name)  # what the station really holds, read back from its SQLite file
    reason = decide_offline(entry, False, case.ignore_unpaid, copy.include_pending, case.force)
    conn.close()
    assert reason == case.reason


@pytest.mark.parametrize("case", [c for c in OFFLINE_CASES if c.facts and c.facts.redeemed],
                         ids=lambda case: case.name)
def test_a_ticket_this_station_admitted_offline_counts_as_redeemed_as_on_the_host(case):
    entry = {**copy_entry(case), "redeemed": False}  # the copy predates it; the station's queue knows
    assert decide_offline(entry, True, case.ignore_unpaid, case.include_pending, case.force) == case.reason
