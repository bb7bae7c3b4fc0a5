"""Importing an event again: updates in place, deactivates vanished tickets, never loses check-ins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.db import utcnow
from server.events import default_list_id
from server.importer import import_file
from server.schema import checkins, orders, positions, products, variations
from tests.support.pretix_samples import PRETIX_2026

JUERGEN, PARKING = "wyrfav3cjfstbv56qhaa84mjj6fej9tp", "2utzs6x2kygz6hrdv2svsj29kjsxdjmc"  # order AYKPG


@pytest.fixture
def doc() -> dict:
    return json.loads(PRETIX_2026.read_text(encoding="utf-8"))


def write(tmp_path: Path, doc: dict, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def check_in(engine, secret: str) -> None:
    with engine.begin() as conn:
        row = conn.execute(select(positions.c.id, positions.c.event_id).where(positions.c.secret == secret)).one()
        now = utcnow()
        conn.execute(checkins.insert().values(position_id=row.id, list_id=default_list_id(conn, row.event_id),
                                              datetime=now, forced=False, is_first=True, received_at=now))


def ticket(engine, secret: str) -> dict:
    query = (select(positions, orders.c.code, orders.c.status, products.c.name.label("product"))
             .join(orders, positions.c.order_id == orders.c.id)
             .join(products, positions.c.product_id == products.c.id)
             .where(positions.c.secret == secret))
    with engine.connect() as conn:
        return conn.execute(query).one()._asdict()


def checkin_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(checkins)).scalar_one()


def without_order(doc: dict, code: str) -> dict:
    reduced = json.loads(json.dumps(doc))
    reduced["event"]["orders"] = [o for o in reduced["event"]["orders"] if o["code"] != code]
    return reduced


def test_reimport_deactivates_vanished_tickets_and_keeps_their_checkins(engine, doc, tmp_path):
    import_file(engine, write(tmp_path, doc, "first.json"))
    check_in(engine, JUERGEN)
    check_in(engine, PARKING)

    summary = import_file(engine, write(tmp_path, without_order(doc, "AYKPG"), "second.json"))

    assert ticket(engine, JUERGEN)["active"] is False
    assert ticket(engine, PARKING)["active"] is False
    assert checkin_count(engine) == 2
    assert summary.tickets_deactivated == 3 and summary.tickets_unchanged == 36
    lines = summary.lines()
    assert "Tickets: 0 added, 0 updated, 0 reactivated, 36 unchanged" in lines
    assert "Tickets no longer in the file, deactivated (they now scan as unknown): 3" in lines
    assert "Check-ins kept: 2" in lines


def test_ticket_back_in_a_later_file_is_reactivated_with_its_checkin(engine, doc, tmp_path):
    import_file(engine, write(tmp_path, doc, "first.json"))
    check_in(engine, JUERGEN)
    import_file(engine, write(tmp_path, without_order(doc, "AYKPG"), "second.json"))

    summary = import_file(engine, write(tmp_path, doc, "third.json"))

    assert ticket(engine, JUERGEN)["active"] is True
    assert summary.tickets_reactivated == 3 and summary.tickets_unchanged == 36
    assert checkin_count(engine) == 1


def test_same_file_again_changes_nothing(engine, doc, tmp_path):
    path = write(tmp_path, doc, "export.json")
    import_file(engine, path)

    summary = import_file(engine, path)

    assert summary.lines()[1:5] == [
        "Tickets: 0 added, 0 updated, 0 reactivated, 39 unchanged",
        "Tickets no longer in the file, deactivated (they now scan as unknown): 0",
        "Orders: 0 added, 0 updated",
        "Products: 0 added, 0 updated",
    ]


def test_reimport_updates_status_product_name_attendee_and_moved_tickets(engine, doc, tmp_path):
    import_file(engine, write(tmp_path, doc, "first.json"))
    check_in(engine, JUERGEN)
    by_code = {o["code"]: o for o in doc["event"]["orders"]}
    by_code["AYKPG"]["status"] = "c"  # paid -> canceled
    next(i for i in doc["event"]["items"] if i["id"] == 1)["name"] = "Festival Pass"
    next(i for i in doc["event"]["items"] if i["id"] == 2)["variations"][0]["name"] = "Crimson"
    by_code["AYKPG"]["positions"][0]["attendee_name"] = "Jürgen Müller-Lüdenscheidt"
    moved = by_code["AYKPG"]["positions"].pop(2)  # the T-Shirt goes to Ada's order
    ada = next(o for o in doc["event"]["orders"] if o["positions"][0]["attendee_name"] == "Ada Lovelace")
    ada["positions"].append(moved)

    summary = import_file(engine, write(tmp_path, doc, "second.json"))

    juergen = ticket(engine, JUERGEN)
    assert (juergen["status"], juergen["product"], juergen["attendee_name"]) == (
        "c", "Festival Pass", "Jürgen Müller-Lüdenscheidt")
    assert ticket(engine, PARKING)["names_folded"] == "jurgen muller-ludenscheidt\njuergen mueller-luedenscheidt"  # the add-on follows its parent
    assert ticket(engine, moved["secret"])["code"] == ada["code"]
    assert checkin_count(engine) == 1
    with engine.connect() as conn:
        assert conn.execute(select(variations.c.name).where(variations.c.pretix_id == 1)).scalar_one() == "Crimson"
    assert (summary.orders_updated, summary.products_updated) == (1, 2)
    assert summary.tickets_updated == 3  # Jürgen, his parking add-on's parent name, the moved T-Shirt


def test_regenerated_secret_replaces_the_old_one_which_keeps_its_checkin(engine, doc, tmp_path):
    import_file(engine, write(tmp_path, doc, "first.json"))
    check_in(engine, JUERGEN)
    position = doc["event"]["orders"][-1]["positions"][0]
    assert position["secret"] == JUERGEN
    position["secret"] = "newsecretfromregeneration0000001"

    summary = import_file(engine, write(tmp_path, doc, "second.json"))

    old, new = ticket(engine, JUERGEN), ticket(engine, "newsecretfromregeneration0000001")
    assert old["active"] is False and old["pretix_id"] < 0
    assert new["active"] is True and new["pretix_id"] == position["id"]
    assert (summary.tickets_added, summary.tickets_deactivated) == (1, 1)
    with engine.connect() as conn:
        assert conn.execute(select(checkins.c.position_id)).scalar_one() == old["id"]
