"""The table of admission cases through real parts: a host answering redeems over HTTP, and stations
deciding from the offline copy they fetched from it (``download/?full=1``) while it is stopped.

Before the copy held order status and list membership, a pending, canceled, expired or refunded
ticket (or another product's) scanned UNKNOWN TICKET offline where the host says UNPAID.
The table: tests/support/admission_cases.py; the rules alone: tests/unit/test_admission_table.py.
"""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from kiosk.client import new_nonce
from kiosk.offline import Gate, GateSettings
from tests.support.admission_cases import CASES, Case

FAST = dict(connect_timeout=0.5, read_timeout=2.0, probe_timeout=0.3, probe_interval=0.1, probe_max_interval=0.3,
            busy_retry_delay=0.05)


class Seeded:
    """One ticket per case on a host: the case's order status, product and earlier check-ins."""

    def __init__(self, host) -> None:
        seed = host.seed
        self.host = host
        other = seed.product("T-Shirt")
        self.lists = {flag: seed.checkin_list(f"Tickets (pending: {flag})", products=[seed.default_product],
                                              include_pending=flag) for flag in (False, True)}
        self.keys = {flag: seed.key(list_id) for flag, list_id in self.lists.items()}
        self.tickets = {}
        for case in CASES:
            if case.facts is None:
                continue
            f = case.facts
            window = {} if f.valid_now else {"valid_from": datetime(2000, 1, 1), "valid_until": datetime(2000, 1, 2)}
            ticket = seed.ticket(case.name, status=f.order_status, product=None if f.on_list else other,
                                 blocked=f.blocked, **window)
            if f.redeemed:
                seed.checkin(ticket, self.lists[case.include_pending], nonce=self.nonce(case))
            self.tickets[case.name] = ticket

    @staticmethod
    def nonce(case: Case) -> str | None:
        """The nonce an earlier check-in carries: the one a retry sends again."""
        return f"nonce-{case.name}" if case.facts is not None and case.facts.nonce_seen else None

    def rows(self, case: Case) -> list[dict]:
        ticket = self.tickets.get(case.name)
        return [] if ticket is None else self.host.seed.checkins(ticket, self.lists[case.include_pending])


@pytest.fixture
def seeded(host):
    return Seeded(host)


def test_the_host_answers_every_case_of_the_table_over_http_and_stores_what_the_rule_says(seeded, host):
    answers, stored = {}, {}
    for case in CASES:
        client = host.client(seeded.keys[case.include_pending])
        before = seeded.rows(case)
        result = client.redeem(case.name, seeded.nonce(case) or new_nonce(), force=case.force,
                               ignore_unpaid=case.ignore_unpaid)
        client.close()
        answers[case.name] = result.reason if result.status == "error" else None
        new = seeded.rows(case)[len(before):]
        stored[case.name] = None if not new else "first" if new[0]["is_first"] else "forced"
        assert len(new) <= 1 and all(row["forced"] == case.force for row in new)
    assert answers == {case.name: case.reason for case in CASES}
    assert stored == {case.name: case.store for case in CASES}


def test_with_the_host_stopped_a_station_decides_every_case_from_its_copy_as_the_host_would(seeded, host,
                                                                                             tmp_path):
    gates = {}
    for flag, key in seeded.keys.items():
        gates[flag] = Gate(host.client(key), tmp_path / f"station-{flag}", GateSettings(**FAST))
        gates[flag].start()
        assert gates[flag].copy.full  # our host sent the facts the rule needs
    host.stop()
    cases = [case for case in CASES if case.offline and not case.force]
    try:
        outcomes = {case.name: gates[case.include_pending].redeem(case.name, time.time(),
                                                                 ignore_unpaid=case.ignore_unpaid)
                    for case in cases}
    finally:
        for gate in gates.values():
            gate.close()
    assert {name: o.mode for name, o in outcomes.items()} == {case.name: "offline" for case in cases}
    assert {name: o.reason for name, o in outcomes.items()} == {case.name: case.reason for case in cases}
