"""Importing pretix "Order data (JSON)" exports: the real samples and variations of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.importer import import_file
from server.schema import events, orders, organizers, positions, products, variations
from tests.support.pretix_samples import SAMPLES

# Real exports from pretix servers, copied from ../shared/samples (see tests/data/pretix-samples/README.md).
SAMPLE_FILES = ["pretix-3.11.1-order-data.json", "pretix-2026.8.0-order-data.json"]


def load_sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def write_json(tmp_path: Path, doc: dict, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def stored_tickets(engine) -> dict[str, dict]:
    """secret -> the stored ticket with its order and product, as the API would see it."""
    query = (
        select(positions, orders.c.code, orders.c.status, orders.c.email, orders.c.testmode,
               orders.c.attention.label("order_attention"), products.c.pretix_id.label("item_id"),
               products.c.name.label("item"), variations.c.pretix_id.label("variation_pid"))
        .select_from(positions.join(orders, positions.c.order_id == orders.c.id)
                     .join(products, positions.c.product_id == products.c.id)
                     .outerjoin(variations, positions.c.variation_id == variations.c.id))
    )
    with engine.connect() as conn:
        return {row.secret: row._asdict() for row in conn.execute(query)}


@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_sample_export_imports_every_ticket_with_pretix_ids_and_statuses(engine, sample):
    doc = load_sample(sample)
    expected = {
        pos["secret"]: (pos["id"], pos["item"], pos["variation"], pos["addon_to"], order["code"], order["status"])
        for order in doc["event"]["orders"] if not order.get("testmode")
        for pos in order["positions"]
    }

    summary = import_file(engine, SAMPLES / sample)

    tickets = stored_tickets(engine)
    assert {
        secret: (t["pretix_id"], t["item_id"], t["variation_pid"], t["addon_to"], t["code"], t["status"])
        for secret, t in tickets.items()
    } == expected
    assert all(t["active"] for t in tickets.values())
    assert summary.tickets_added == len(expected) == summary.tickets_in_file
    assert summary.orders_added == len(doc["event"]["orders"])


@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_sample_export_creates_event_products_and_variations_as_in_pretix(engine, sample):
    doc = load_sample(sample)
    import_file(engine, SAMPLES / sample)

    with engine.connect() as conn:
        org = conn.execute(select(organizers.c.slug, organizers.c.name)).one()
        event = conn.execute(select(events.c.slug, events.c.name)).one()
        items = {r.pretix_id: (r.name, r.admission) for r in conn.execute(select(products))}
        variants = {(r.product, r.pretix_id): r.name for r in conn.execute(
            select(products.c.pretix_id.label("product"), variations.c.pretix_id, variations.c.name)
            .join(products, variations.c.product_id == products.c.id))}
    assert tuple(org) == (doc["event"]["organizer"]["slug"], doc["event"]["organizer"]["name"])
    assert tuple(event) == (doc["event"]["slug"], doc["event"]["name"])
    assert items == {i["id"]: (i["name"], i["admission"]) for i in doc["event"]["items"]}
    assert variants == {(i["id"], v["id"]): v["name"] for i in doc["event"]["items"] for v in i["variations"]}


def test_addon_without_name_is_found_by_its_parents_name(engine):
    import_file(engine, SAMPLES / "pretix-3.11.1-order-data.json")

    tickets = stored_tickets(engine)
    parking = tickets["7pnmqt7a7hvwtcs2aa9ckuhhmu6nc29c"]
    assert parking["attendee_name"] is None
    assert parking["addon_to"] == 1
    assert parking["names_folded"] == "jurgen muller\njuergen mueller"
    assert tickets["jur4rmma8qdw5za8s8nuzjy3th7bvnvd"]["secret_folded"] == "jur4rmma8qdw5za8s8nuzjy3th7bvnvd"
    assert parking["order_code_folded"] == "twa3j"


def test_none_strings_are_stored_as_missing_values(engine, tmp_path):
    doc = load_sample("pretix-2026.8.0-order-data.json")
    order = doc["event"]["orders"][0]
    order["email"] = order["user"] = "None"
    order["positions"][0]["attendee_name"] = "None"

    import_file(engine, write_json(tmp_path, doc))

    ticket = stored_tickets(engine)[order["positions"][0]["secret"]]
    assert ticket["attendee_name"] is None
    assert ticket["email"] is None
    assert ticket["names_folded"] == ""


def test_old_refunded_status_r_is_imported_as_refunded(engine, tmp_path):
    doc = load_sample("pretix-3.11.1-order-data.json")
    doc["event"]["orders"][0]["status"] = "r"

    import_file(engine, write_json(tmp_path, doc))

    ticket = stored_tickets(engine)[doc["event"]["orders"][0]["positions"][0]["secret"]]
    assert ticket["status"] == "r"


def _with_test_mode_orders(count: int) -> tuple[dict, set[str]]:
    doc = load_sample("pretix-2026.8.0-order-data.json")
    test_orders = doc["event"]["orders"][:count]
    for order in test_orders:
        order["testmode"] = True
    return doc, {pos["secret"] for order in test_orders for pos in order["positions"]}


def test_test_mode_orders_are_skipped_and_counted(engine, tmp_path):
    doc, test_secrets = _with_test_mode_orders(2)

    summary = import_file(engine, write_json(tmp_path, doc))

    assert not test_secrets & set(stored_tickets(engine))
    assert summary.testmode_skipped == 2
    assert "Test-mode orders skipped: 2 (import them with --include-test-mode)" in summary.lines()


def test_test_mode_orders_are_imported_with_their_flag_when_asked(engine, tmp_path):
    doc, test_secrets = _with_test_mode_orders(2)

    summary = import_file(engine, write_json(tmp_path, doc), include_test_mode=True)

    tickets = stored_tickets(engine)
    assert {s for s, t in tickets.items() if t["testmode"]} == test_secrets
    assert summary.testmode_included == 2 and summary.testmode_skipped == 0


def test_name_parts_invoice_name_and_attention_flags_are_used(engine, tmp_path):
    doc = load_sample("pretix-2026.8.0-order-data.json")
    order = doc["event"]["orders"][0]
    position = order["positions"][0]
    del position["attendee_name"]
    position["attendee_name_parts"] = {"_scheme": "title_given_family", "title": "Dr.",
                                       "given_name": "Zoë", "family_name": "Åberg"}
    order["invoice_address"] = {"name_parts": {"_scheme": "full", "full_name": "Łukasz Nowak"}}
    order["checkin_attention"] = True
    doc["event"]["items"][0]["checkin_attention"] = True  # T-Shirt

    import_file(engine, write_json(tmp_path, doc))

    ticket = stored_tickets(engine)[position["secret"]]
    assert ticket["attendee_name"] == "Dr. Zoë Åberg"
    assert ticket["names_folded"] == "dr. zoe aberg\nlukasz nowak"
    assert ticket["order_attention"] is True
    with engine.connect() as conn:
        flagged = conn.execute(select(products.c.name).where(products.c.attention)).scalars().all()
    assert flagged == ["T-Shirt"]


def test_organizer_and_event_options_override_the_files_slugs(engine):
    summary = import_file(engine, SAMPLES / "pretix-3.11.1-order-data.json", organizer="acme", event="fest-copy")

    with engine.connect() as conn:
        org = conn.execute(select(organizers.c.slug, organizers.c.name)).one()
        event = conn.execute(select(events.c.slug, events.c.name)).one()
        count = conn.execute(select(func.count()).select_from(positions)).scalar_one()
    assert tuple(org) == ("acme", "acme")  # not renamed after the file's organizer
    assert tuple(event) == ("fest-copy", "Fest 2026")
    assert count == 39
    assert summary.lines()[0].startswith("Event acme/fest-copy (Fest 2026): 39 tickets in 37 orders")


def test_variation_attention_flag_is_imported_and_cleared_by_a_later_export(engine, tmp_path):
    doc = load_sample("pretix-2026.8.0-order-data.json")
    shirt = next(item for item in doc["event"]["items"] if item["name"] == "T-Shirt")
    shirt["variations"][1]["checkin_attention"] = True  # Blue

    def flags() -> dict[str, bool]:
        with engine.connect() as conn:
            return dict(conn.execute(select(variations.c.name, variations.c.attention)).all())

    import_file(engine, write_json(tmp_path, doc))
    assert flags() == {"Red": False, "Blue": True}
    shirt["variations"][1]["checkin_attention"] = False  # the organiser unflagged it in pretix
    summary = import_file(engine, write_json(tmp_path, doc, "again.json"))
    assert flags() == {"Red": False, "Blue": False}
    assert summary.products_updated == 1


def checkin_texts(engine) -> dict[str, dict]:
    """The stored check-in texts: products, variations and orders by name / code."""
    with engine.connect() as conn:
        return {
            "products": dict(conn.execute(select(products.c.name, products.c.checkin_text)).all()),
            "variations": dict(conn.execute(select(variations.c.name, variations.c.checkin_text)).all()),
            "orders": {code: text for code, text in conn.execute(select(orders.c.code, orders.c.checkin_text))
                       if text is not None},
        }


@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_the_real_exports_have_no_check_in_texts_and_import_none(engine, sample):
    # 2026.8.0 writes "checkin_text": null on items, variations and orders; 3.11.1 has no such field.
    import_file(engine, SAMPLES / sample)

    texts = checkin_texts(engine)
    assert set(texts["products"].values()) == {None} and set(texts["variations"].values()) == {None}
    assert texts["orders"] == {}


def test_check_in_texts_of_product_variation_and_order_are_imported_and_kept_on_re_import(engine, tmp_path):
    doc = load_sample("pretix-2026.8.0-order-data.json")
    items = doc["event"]["items"]
    weekend = next(item for item in items if item["name"] == "Weekend Pass")
    shirt = next(item for item in items if item["name"] == "T-Shirt")
    weekend["checkin_text"] = "Hand out a wristband"
    shirt["variations"][1]["checkin_text"] = {"en": "Blue shirts from desk B", "de": "Blaue Shirts: Tisch B"}
    order = doc["event"]["orders"][0]
    order["checkin_text"] = "Wheelchair user: open the side gate"

    import_file(engine, write_json(tmp_path, doc))
    summary = import_file(engine, write_json(tmp_path, doc, "again.json"))

    texts = checkin_texts(engine)
    assert texts["products"]["Weekend Pass"] == "Hand out a wristband"
    assert texts["products"]["T-Shirt"] is None
    assert texts["variations"] == {"Red": None, "Blue": "Blue shirts from desk B"}
    assert texts["orders"] == {order["code"]: "Wheelchair user: open the side gate"}
    assert summary.products_updated == 0 and summary.orders_updated == 0  # kept, not rewritten

    weekend["checkin_text"] = None  # the organiser removed it in pretix
    summary = import_file(engine, write_json(tmp_path, doc, "third.json"))
    assert checkin_texts(engine)["products"]["Weekend Pass"] is None
    assert summary.products_updated == 1
