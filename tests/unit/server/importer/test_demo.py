"""The demo event: fixed tickets the kiosk's simulated camera shows, plus N generated, reproducibly."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from server.importer import create_demo
from server.schema import checkin_lists, checkins, events, orders, positions, products, variations


def demo_tickets(engine) -> dict[str, dict]:
    """secret -> ticket with order status/attention, product, variation and its check-ins' list names."""
    query = (
        select(positions.c.secret, positions.c.attendee_name, positions.c.addon_to, positions.c.active,
               orders.c.status, orders.c.attention, products.c.name.label("product"), products.c.admission,
               variations.c.name.label("variation"))
        .select_from(positions.join(orders, positions.c.order_id == orders.c.id)
                     .join(products, positions.c.product_id == products.c.id)
                     .outerjoin(variations, positions.c.variation_id == variations.c.id))
    )
    with engine.connect() as conn:
        result = {row.secret: {**row._asdict(), "checkins": []} for row in conn.execute(query)}
        for secret, list_name, is_first in conn.execute(
            select(positions.c.secret, checkin_lists.c.name, checkins.c.is_first)
            .join(positions, checkins.c.position_id == positions.c.id)
            .join(checkin_lists, checkins.c.list_id == checkin_lists.c.id)
        ):
            result[secret]["checkins"].append((list_name, is_first))
    return result


def test_demo_has_the_fixed_tickets_in_their_states(engine):
    assert create_demo(engine, tickets=50) == ("demo", "democon")

    got = demo_tickets(engine)
    assert (got["DEMO-VALID-0001"]["status"], got["DEMO-VALID-0001"]["checkins"]) == ("p", [])
    assert (got["DEMO-USED-0001"]["status"], got["DEMO-USED-0001"]["checkins"]) == ("p", [("Entrance", True)])
    assert got["DEMO-UNPAID-0001"]["status"] == "n"
    assert (got["DEMO-ATTENTION-0001"]["status"], got["DEMO-ATTENTION-0001"]["attention"]) == ("p", True)
    assert not got["DEMO-VALID-0001"]["attention"] and not got["DEMO-USED-0001"]["attention"]
    assert "DEMO-UNKNOWN-0000" not in got


def test_demo_generates_n_varied_tickets(engine):
    create_demo(engine, tickets=300)

    got = demo_tickets(engine)
    generated = {s: t for s, t in got.items() if s.split("-")[1].isdigit()}
    assert len(got) == 304 and len(generated) == 300
    statuses = Counter(t["status"] for t in generated.values())
    assert statuses["p"] > 200 and statuses["n"] and statuses["c"] and statuses["e"]
    assert {t["variation"] for t in generated.values() if t["product"] == "T-Shirt"} == {"S", "M", "L"}
    assert not any(t["admission"] for t in generated.values() if t["product"] in ("T-Shirt", "Parking"))
    parking = [t for t in generated.values() if t["product"] == "Parking"]
    assert parking and all(t["addon_to"] is not None for t in parking)
    names = " ".join(t["attendee_name"] or "" for t in got.values())
    assert all(ch in names for ch in "üëÅŁç")


def test_demo_event_has_dates_time_zone_and_url(engine):
    create_demo(engine, tickets=0)

    with engine.connect() as conn:
        event = conn.execute(select(events).where(events.c.slug == "democon")).one()
    assert event.name == "DemoCon 2026" and event.timezone == "Europe/Berlin"
    assert event.date_from < event.date_to and event.url.startswith("https://")


def test_demo_run_again_is_the_same_event_and_keeps_checkins(engine):
    create_demo(engine, tickets=100)
    first = demo_tickets(engine)

    create_demo(engine, tickets=100)

    assert demo_tickets(engine) == first  # same secrets, states and the one check-in, not doubled


def test_demo_run_with_fewer_tickets_deactivates_the_rest(engine):
    create_demo(engine, tickets=100)

    create_demo(engine, tickets=40)

    got = demo_tickets(engine)
    active = [s for s, t in got.items() if t["active"]]
    assert len(got) == 104 and len(active) == 44
    assert {"DEMO-VALID-0001", "DEMO-USED-0001"} <= set(active)
