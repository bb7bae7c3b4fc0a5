"""Three real stations against a real host: what the overview and the attempts export show afterwards.

Door 1 (online, a list of the "Ticket" product only) scans one refused ticket of each kind
and retries one admission with the same nonce; Door 2 goes offline, admits two tickets (one
is canceled on the host meanwhile) and refuses an unknown code, then reconnects: uploads and
reports its refusal; Door 3 was set up and then went quiet while the others scanned.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from kiosk.offline import Gate, GateSettings
from server.overview.data import read_overview
from server.overview.export import write_attempts_csv
from server.overview.figures import floor_bucket
from server.schema import station_contacts
from server.state import server_state
from tests.integration.test_offline_stations import reconnect
from tests.support.proxy import LoopbackProxy

pytestmark = pytest.mark.slow

FAST = GateSettings(connect_timeout=0.5, read_timeout=0.5, probe_timeout=0.3, probe_interval=0.1)


def epoch(when: datetime) -> float:
    return when.replace(tzinfo=UTC).timestamp()


@pytest.fixture
def scenario(host, tmp_path):
    """Run the three stations' day; returns (host, now, T) with T the 5-minute boundary 30 minutes before now."""
    seed = host.seed
    for secret in ("VALID-1", "VALID-2", "VALID-3", "VALID-4"):
        seed.ticket(secret, attendee_name=secret.title())
    seed.ticket("PEND-1", status="n")
    seed.ticket("GONE-c", status="c")
    seed.ticket("SHIRT-1", product=seed.product("T-Shirt"))
    door1_key = seed.key(seed.checkin_list("Tickets only", products=[seed.default_product]), name="Door 1")
    door2_key, door3_key = seed.key(name="Door 2"), seed.key(name="Door 3")
    now = datetime.now(UTC).replace(tzinfo=None)
    t0 = floor_bucket(now) - timedelta(minutes=30)
    gates = []

    def gate(name: str, key: str, proxy: LoopbackProxy | None = None) -> Gate:
        made = Gate.connect(host.base_url(proxy.url if proxy else None), key, tmp_path / name, FAST,
                            cert_sha256=host.cert_sha256)
        made.proxy = proxy
        made.start()
        gates.append(made)
        return made

    door3 = gate("door3", door3_key)  # set up, then silent
    door1 = gate("door1", door1_key)
    for secret, minute in (("VALID-1", 1), ("VALID-1", 2), ("PEND-1", 6), ("GONE-c", 7), ("SHIRT-1", 8),
                           ("NOT-A-TICKET", 21)):
        door1.redeem(secret, epoch(t0 + timedelta(minutes=minute)))
    retry = host.client(door1_key)
    for _ in range(2):  # the answer was lost: the same attempt again, same nonce
        assert retry.redeem("VALID-4", "retry-nonce", when=t0 + timedelta(minutes=22)).status == "ok"
    retry.close()

    door2 = gate("door2", door2_key, LoopbackProxy(host.port).start())
    door2.proxy.mode = "drop"
    for secret, minute in (("VALID-2", 11), ("VALID-3", 12), ("NOT-A-TICKET", 13)):
        assert door2.redeem(secret, epoch(t0 + timedelta(minutes=minute))).mode == "offline"
    seed.set_order_status(seed_order(host, "VALID-3"), "c")  # canceled on the host during the outage
    reconnect(door2)
    assert door2.refusals.pending_count() == 0
    server_state(host.server._app).recorder.flush()
    door3_id = key_id(host, "Door 3")
    with host.engine.begin() as conn:  # Door 3's last contact was 5 minutes ago (a test cannot wait that long)
        conn.execute(update(station_contacts).where(station_contacts.c.key_id == door3_id)
                     .values(last_seen=now - timedelta(minutes=5)))
    yield host, now, t0
    for made in gates:
        made.close()
        if made.proxy is not None:
            made.proxy.stop()
    del door3


def seed_order(host, secret: str):
    from sqlalchemy import select

    from server.schema import orders, positions
    from tests.support.factories import Order

    with host.engine.connect() as conn:
        row = conn.execute(select(orders.c.id, orders.c.code, orders.c.status, orders.c.invoice_name)
                           .join(positions, positions.c.order_id == orders.c.id)
                           .where(positions.c.secret == secret)).one()
    return Order(*row)


def key_id(host, name: str) -> int:
    from sqlalchemy import select

    from server.schema import keys

    with host.engine.connect() as conn:
        return conn.execute(select(keys.c.id).where(keys.c.name == name)).scalar_one()


def test_attempts_export_has_exactly_one_row_per_attempt_of_the_three_stations(scenario):
    host, _, t0 = scenario
    out = io.StringIO()
    count = write_attempts_csv(host.engine, "acme", "conf", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    at = {minute: (t0 + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ") for minute in range(30)}
    got = [(r["time"], r["station"], r["list"], r["outcome"], r["reason"], r["secret"], r["forced"], r["offline"])
           for r in rows]
    assert got == [
        (at[1], "Door 1", "Tickets only", "ok", "", "VALID-1", "false", "false"),
        (at[2], "Door 1", "Tickets only", "refused", "already_redeemed", "VALID-1", "false", "false"),
        (at[6], "Door 1", "Tickets only", "refused", "unpaid", "PEND-1", "false", "false"),
        (at[7], "Door 1", "Tickets only", "refused", "unpaid", "GONE-c", "false", "false"),
        (at[8], "Door 1", "Tickets only", "refused", "product", "SHIRT-1", "false", "false"),
        (at[11], "Door 2", "Entrance", "ok", "", "VALID-2", "true", "false"),
        (at[12], "Door 2", "Entrance", "refused", "unpaid", "VALID-3", "true", "false"),
        (at[13], "Door 2", "Entrance", "refused", "unknown_ticket", "NOT-A-TICKET", "false", "true"),
        (at[21], "Door 1", "Tickets only", "refused", "unknown_ticket", "NOT-A-TICKET", "false", "false"),
        (at[22], "Door 1", "Tickets only", "ok", "", "VALID-4", "false", "false"),
    ]
    assert count == 10
    assert rows[-1]["nonce"] == "retry-nonce"


def test_overview_counts_each_station_and_flags_the_silent_one(scenario):
    host, now, _ = scenario
    figures = read_overview(host.engine, "acme", "conf", now=now)
    stations = {s["name"]: s for s in figures["stations"]}
    assert list(stations) == ["Door 1", "Door 2", "Door 3"]
    picked = {name: (s["admitted"], s["refused"], s["offline_uploads"], s["scans_15min"], s["silent"])
              for name, s in stations.items()}
    assert picked == {
        "Door 1": (2, {"already_redeemed": 1, "product": 1, "unknown_ticket": 1, "unpaid": 2}, 0, 2, False),
        "Door 2": (1, {"unknown_ticket": 1, "unpaid": 1}, 2, 0, False),
        "Door 3": (0, {}, 0, 0, True),
    }
    assert stations["Door 3"]["seconds_ago"] == 300
    assert stations["Door 1"]["address"] == "127.0.0.1"
    assert stations["Door 1"]["last_problem"]["text"] == "Door 1: unknown ticket NOT-A-…"
    assert stations["Door 2"]["last_problem"]["text"] == "Door 2: unknown ticket (refused offline) NOT-A-…"
    assert [(p["station"], p["kind"], p["reason"]) for p in figures["problems"]] == [
        ("Door 1", "unknown", "unknown_ticket"),
        ("Door 2", "unknown", "unknown_ticket"),
        ("Door 2", "upload_rejected", "unpaid"),
        ("Door 1", "refused", "product"),
        ("Door 1", "refused", "unpaid"),
        ("Door 1", "refused", "unpaid"),
        ("Door 1", "refused", "already_redeemed"),
    ]
    assert figures["problems"][2]["text"].startswith("Door 2: offline upload rejected (unpaid) VALID-…")
    assert figures["totals"]["silent_stations"] == 1


def test_arrivals_chart_puts_each_admission_in_its_five_minute_bucket_per_list(scenario):
    host, now, _ = scenario
    arrivals = read_overview(host.engine, "acme", "conf", now=now)["arrivals"]
    # No event dates: the last 12 hours in 5-minute steps; T (30 minutes before now's step) is bucket 138.
    assert (arrivals["buckets"], arrivals["bucket_minutes"]) == (145, 5)
    by_list = {lst["name"]: lst for lst in arrivals["lists"]}
    busy = {name: {i: n for i, n in enumerate(lst["per_bucket"]) if n} for name, lst in by_list.items()}
    assert busy == {"Entrance": {140: 1}, "Tickets only": {138: 1, 142: 1}}
    assert by_list["Tickets only"]["cumulative"][137:] == [0, 1, 1, 1, 1, 2, 2, 2]
    # Paid admission tickets on each list: VALID-1, -2, -4 (VALID-3's order was canceled), plus
    # the T-shirt on "Entrance" (an admission product here); PEND-1 and GONE-* are not expected.
    assert [(lst["name"], lst["expected"], lst["admitted"], lst["to_come"]) for lst in arrivals["lists"]] == [
        ("Entrance", 4, 1, 3), ("Tickets only", 3, 2, 1)]
