"""Importing CSV ticket lists with the header documented in docs/import-formats.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from server.importer import ImportFailed, import_file
from server.schema import orders, positions, products, variations
from tests.support.pretix_samples import PRETIX_2026

DOC = Path(__file__).resolve().parents[4] / "docs" / "import-formats.md"
HEADER = "secret,order code,order status,product,variation,attendee name,email"


def write_csv(tmp_path: Path, text: str, name: str = "tickets.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def tickets(engine) -> dict[str, dict]:
    query = (
        select(positions.c.secret, positions.c.pretix_id, positions.c.attendee_name, positions.c.addon_to,
               positions.c.names_folded, orders.c.code, orders.c.status, orders.c.email, orders.c.invoice_name,
               orders.c.attention, products.c.name.label("product"), products.c.pretix_id.label("product_id"),
               products.c.admission, variations.c.name.label("variation"))
        .select_from(positions.join(orders, positions.c.order_id == orders.c.id)
                     .join(products, positions.c.product_id == products.c.id)
                     .outerjoin(variations, positions.c.variation_id == variations.c.id))
    )
    with engine.connect() as conn:
        return {row.secret: row._asdict() for row in conn.execute(query)}


def test_the_documented_example_csv_imports(engine, tmp_path):
    example = re.search(r"```csv\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)

    summary = import_file(engine, write_csv(tmp_path, example), organizer="acme", event="summit")

    got = tickets(engine)
    assert summary.tickets_added == 5 and summary.orders_added == 3 and summary.products_added == 4
    assert got["k4mz8q2w"]["attendee_name"] == "Jürgen Müller"
    assert got["p7rt3xya"]["addon_to"] == got["k4mz8q2w"]["pretix_id"]
    assert got["p7rt3xya"]["names_folded"] == "jurgen muller\njuergen mueller"
    assert (got["t2vn9qhs"]["product"], got["t2vn9qhs"]["variation"]) == ("T-Shirt", "M")
    assert got["w9cd4kfe"]["status"] == "n"
    assert got["w9cd4kfe"]["names_folded"] == "zoe aberg\naberg consulting"
    assert got["f3hq8mzu"]["attendee_name"] == "Dupont, François"
    assert got["f3hq8mzu"]["status"] == "c"


def test_semicolon_csv_with_bom_and_quoted_fields_imports(engine, tmp_path):
    text = ("\ufeffSecret;Order_Code;Order-Status;Product;Variation;Attendee Name;EMAIL\r\n"
            'aaa1;O1;PAID;"Pass; Weekend";;"Müller; Jürgen";j@example.org\r\n'
            'aaa2;O2;Pending;"Pass; Weekend";;"multi\nline";\r\n')

    import_file(engine, write_csv(tmp_path, text), organizer="acme", event="summit")

    got = tickets(engine)
    assert got["aaa1"]["product"] == "Pass; Weekend"
    assert got["aaa1"]["attendee_name"] == "Müller; Jürgen"
    assert got["aaa2"]["attendee_name"] == "multi\nline"
    assert got["aaa2"]["email"] is None


STATUS_WORDS = {"p": "p", "Paid": "p", "n": "n", "PENDING": "n", "c": "c", "canceled": "c", "Cancelled": "c",
                "e": "e", "expired": "e", "R": "r", "refunded": "r"}


def test_order_status_accepts_pretix_letters_and_words_in_any_case(engine, tmp_path):
    rows = "".join(f"sec{i},O{i}, {word} ,Pass,,Ann,\n" for i, word in enumerate(STATUS_WORDS))

    import_file(engine, write_csv(tmp_path, f"{HEADER}\n{rows}"), organizer="o", event="e")

    got = tickets(engine)
    assert {word: got[f"sec{i}"]["status"] for i, word in enumerate(STATUS_WORDS)} == STATUS_WORDS


def test_csv_without_organizer_and_event_is_refused_with_a_hint(engine, tmp_path):
    path = write_csv(tmp_path, f"{HEADER}\nsec1,O1,paid,Pass,,Ann,\n")

    with pytest.raises(ImportFailed, match=r"--organizer ORG --event EVENT"):
        import_file(engine, path, organizer="acme")

    assert tickets(engine) == {}


def test_ids_are_assigned_by_first_appearance_and_reused_on_reimport(engine, tmp_path):
    first = (f"{HEADER}\n"
             "s1,O1,paid,Weekend Pass,,Ann,\n"
             "s2,O1,paid,T-Shirt,L,,\n"
             "s3,O2,paid,Day Ticket,,Bob,\n")
    import_file(engine, write_csv(tmp_path, first), organizer="o", event="e")
    before = tickets(engine)
    # The next file lists products in another order and adds a ticket.
    second = (f"{HEADER}\n"
              "s3,O2,paid,Day Ticket,,Bob,\n"
              "s4,O3,paid,Parking,,,\n"
              "s1,O1,paid,Weekend Pass,,Ann,\n"
              "s2,O1,paid,T-Shirt,L,,\n")

    summary = import_file(engine, write_csv(tmp_path, second, "again.csv"), organizer="o", event="e")

    after = tickets(engine)
    assert [before[s]["product_id"] for s in ("s1", "s2", "s3")] == [1, 2, 3]
    assert [before[s]["pretix_id"] for s in ("s1", "s2", "s3")] == [1, 2, 3]
    for secret in ("s1", "s2", "s3"):
        assert (after[secret]["product_id"], after[secret]["pretix_id"]) == (
            before[secret]["product_id"], before[secret]["pretix_id"])
    assert (after["s4"]["product_id"], after["s4"]["pretix_id"]) == (4, 4)
    assert summary.tickets_unchanged == 3 and summary.tickets_added == 1 and summary.products_added == 1


def test_optional_id_admission_and_attention_columns_are_kept(engine, tmp_path):
    text = ("secret,order code,order status,product,variation,attendee name,email,"
            "product id,variation id,position id,admission,attention\n"
            "s1,O1,p,Workshop,,Ann,,17,,501,no,yes\n"
            "s2,O2,p,T-Shirt,Red,Bob,,8,3,502,,\n")

    import_file(engine, write_csv(tmp_path, text), organizer="o", event="e")

    got = tickets(engine)
    assert (got["s1"]["product_id"], got["s1"]["pretix_id"], got["s1"]["admission"]) == (17, 501, False)
    assert got["s1"]["attention"] is True and got["s2"]["attention"] is False
    assert (got["s2"]["product_id"], got["s2"]["pretix_id"], got["s2"]["admission"]) == (8, 502, True)
    with engine.connect() as conn:
        assert conn.execute(select(variations.c.pretix_id, variations.c.name)).one() == (3, "Red")


def test_progress_is_reported_while_a_large_file_is_imported(engine, tmp_path):
    rows = "".join(f"sec{n:05d},O{n // 2},paid,Pass,,Person {n},\n" for n in range(5000))
    calls: list[tuple[int, int]] = []

    import_file(engine, write_csv(tmp_path, f"{HEADER}\n{rows}"), organizer="o", event="e",
                progress=lambda done, total: calls.append((done, total)))

    assert len(calls) >= 4
    assert calls[0] == (0, 5000) and calls[-1] == (5000, 5000)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(tickets(engine)) == 5000


def test_csv_reimport_keeps_a_variation_attention_flag_from_a_pretix_export(engine, tmp_path):
    import json

    doc = json.loads(PRETIX_2026.read_text(encoding="utf-8"))
    shirt = next(item for item in doc["event"]["items"] if item["name"] == "T-Shirt")
    shirt["variations"][1]["checkin_attention"] = True  # Blue
    (tmp_path / "export.json").write_text(json.dumps(doc), encoding="utf-8")
    import_file(engine, tmp_path / "export.json")
    text = (f"{HEADER},product id,variation id\n"
            "hsxrf2az9nuj3b3jj6m9fn5s2ch3wvky,PVWBD,p,T-Shirt,Blue,Blue Shirt Buyer,,2,2\n")

    import_file(engine, write_csv(tmp_path, text), organizer="demo", event="fest")

    with engine.connect() as conn:
        assert conn.execute(select(variations.c.attention).where(variations.c.name == "Blue")).scalar_one() is True


def test_csv_reimport_keeps_product_check_in_texts_and_reads_an_order_check_in_text_column(engine, tmp_path):
    import json

    doc = json.loads(PRETIX_2026.read_text(encoding="utf-8"))
    shirt = next(item for item in doc["event"]["items"] if item["name"] == "T-Shirt")
    shirt["checkin_text"] = "Sizes at desk B"
    shirt["variations"][1]["checkin_text"] = "Blue ones are in the back"
    (tmp_path / "export.json").write_text(json.dumps(doc), encoding="utf-8")
    import_file(engine, tmp_path / "export.json")
    text = (f"{HEADER},product id,variation id,checkin text\n"
            "hsxrf2az9nuj3b3jj6m9fn5s2ch3wvky,PVWBD,p,T-Shirt,Blue,Blue Shirt Buyer,,2,2,Collect the cap too\n")

    import_file(engine, write_csv(tmp_path, text), organizer="demo", event="fest")

    with engine.connect() as conn:
        assert conn.execute(select(products.c.checkin_text).where(products.c.name == "T-Shirt")).scalar_one() == (
            "Sizes at desk B")
        assert conn.execute(select(variations.c.checkin_text).where(variations.c.name == "Blue")).scalar_one() == (
            "Blue ones are in the back")
        assert conn.execute(select(orders.c.checkin_text).where(orders.c.code == "PVWBD")).scalar_one() == (
            "Collect the cap too")
