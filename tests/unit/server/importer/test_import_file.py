"""Bad import files are refused with a message naming the problem, and change nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from server.importer import ImportFailed, import_file
from server.schema import metadata
from tests.support.pretix_samples import PRETIX_3_11

HEADER = "secret,order code,order status,product,variation,attendee name,email"


@pytest.fixture
def db(engine):
    """A store already holding the sample event, so 'nothing changed' means something."""
    import_file(engine, PRETIX_3_11)
    return engine


def snapshot(engine) -> dict[str, list]:
    """Every row of every table."""
    with engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr) for t in metadata.sorted_tables}


def sample_with(change) -> str:
    doc = json.loads(PRETIX_3_11.read_text(encoding="utf-8"))
    change(doc)
    return json.dumps(doc)


def _set(path: list, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return change


def _renamed_orders(doc):
    doc["event"]["orders"][-1]["positions"][1]["secret"] = doc["event"]["orders"][0]["positions"][0]["secret"]


PRETTY = json.dumps(json.loads(PRETIX_3_11.read_text(encoding="utf-8")), indent=1, ensure_ascii=False)
TRUNCATED = PRETTY[: PRETTY.index('"John Smith 18",') + len('"John Smith 18",')]  # a download cut short
BAD_JSON = {
    "truncated": (TRUNCATED, rf"^truncated or not valid JSON at line {TRUNCATED.count(chr(10)) + 1} column "
                             rf"{len(TRUNCATED.rsplit(chr(10), 1)[1]) + 1}: "),
    "a list": ("[]", r"not a pretix order data export .*found a list"),
    "other object": ('{"foo": 1}', r'not a pretix order data export .*"event" object, found an object with keys foo'),
    "missing secret": (sample_with(_set(["event", "orders", 3, "positions", 0, "secret"], KeyError)),
                       r"^event\.orders\[3\]\.positions\[0\]\.secret: missing$"),
    "None secret": (sample_with(_set(["event", "orders", 3, "positions", 0, "secret"], "None")),
                    r"^event\.orders\[3\]\.positions\[0\]\.secret: missing$"),
    "unknown item": (sample_with(_set(["event", "orders", 2, "positions", 0, "item"], 99)),
                     r"^event\.orders\[2\]\.positions\[0\]\.item: product 99 is not in event\.items$"),
    "bad status": (sample_with(_set(["event", "orders", 5, "status"], "x")),
                   r"^event\.orders\[5\]\.status: unknown order status 'x'"),
    "id as text": (sample_with(_set(["event", "items", 0, "id"], "two")),
                   r"^event\.items\[0\]\.id: expected a whole number, found text$"),
    "duplicate secret": (sample_with(_renamed_orders),
                         r"^event\.orders\[36\]\.positions\[1\]\.secret: secret already used by "
                         r"event\.orders\[0\]\.positions\[0\]$"),
    "no orders": (sample_with(_set(["event", "orders"], KeyError)), r"^event\.orders: missing$"),
}


@pytest.mark.parametrize("content, message", BAD_JSON.values(), ids=BAD_JSON.keys())
def test_bad_json_is_refused_naming_the_path_and_changes_nothing(db, tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    before = snapshot(db)

    with pytest.raises(ImportFailed, match=message):
        import_file(db, path)

    assert snapshot(db) == before


BAD_CSV = {
    "missing column": ("secret,order code,product,variation,attendee name,email\ns1,O1,Pass,,Ann,\n",
                       r"^line 1: missing column 'order status'"),
    "bad status": (f"{HEADER}\ns1,O1,paid,Pass,,Ann,\ns2,O2,paid,Pass,,Bob,\ns3,O3,payed,Pass,,Cy,\n",
                   r"^line 4: order status 'payed' is not one of"),
    "bad status after a quoted newline": (f'{HEADER}\ns1,O1,paid,Pass,,"Ann\nSmith",\ns2,O2,x,Pass,,Bob,\n',
                                          r"^line 4: order status 'x'"),
    "status differs within an order": (f"{HEADER}\ns1,O1,paid,Pass,,Ann,\ns2,O1,pending,Pass,,Bob,\n",
                                       r"^line 3: order O1 has status 'pending' here but 'p' on line 2$"),
    "duplicate secret": (f"{HEADER}\ns1,O1,paid,Pass,,Ann,\ns1,O2,paid,Pass,,Bob,\n",
                         r"^line 3: secret 's1' already appears on line 2$"),
    "empty secret": (f"{HEADER}\n,O1,paid,Pass,,Ann,\n", r"^line 2: secret is empty$"),
    "extra field": (f"{HEADER}\ns1,O1,paid,Pass,,Ann,,oops\n", r"^line 2: 8 fields, but the header has 7"),
    "unknown add-on parent": (f"{HEADER},addon to\ns1,O1,paid,Pass,,Ann,,nope\n",
                              r"^line 2: addon to 'nope' is not a ticket of order O1$"),
}


@pytest.mark.parametrize("content, message", BAD_CSV.values(), ids=BAD_CSV.keys())
def test_bad_csv_is_refused_naming_the_line_and_changes_nothing(db, tmp_path, content, message):
    path = tmp_path / "tickets.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(db)

    with pytest.raises(ImportFailed, match=message):
        import_file(db, path, organizer="demo", event="fest")

    assert snapshot(db) == before


def test_non_utf8_file_is_refused_naming_the_line(db, tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_bytes(f"{HEADER}\ns1,O1,paid,Pass,,Ann,\ns2,O2,paid,Pass,,Jürgen,\n".encode("latin-1"))
    before = snapshot(db)

    with pytest.raises(ImportFailed, match=r"^not UTF-8 text: byte 0xfc at line 3 .*save the file as UTF-8"):
        import_file(db, path, organizer="demo", event="fest")

    assert snapshot(db) == before


@pytest.mark.parametrize("name, content, message", [
    ("missing.json", None, r"^file not found: .*missing\.json$"),
    ("empty.json", "  \n", r"^the file is empty"),
])
def test_missing_or_empty_file_is_refused(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(ImportFailed, match=message):
        import_file(db, path)


def test_invalid_slug_option_is_refused(db):
    with pytest.raises(ImportFailed, match=r"^event slug 'my fest' is not valid"):
        import_file(db, PRETIX_3_11, event="my fest")


def test_import_interrupted_midway_changes_nothing(db, tmp_path):
    rows = "".join(f"sec{n:05d},O{n},paid,Pass,,Person {n},\n" for n in range(5000))
    path = tmp_path / "big.csv"
    path.write_text(f"{HEADER}\n{rows}", encoding="utf-8")
    before = snapshot(db)

    def stop_after_first_chunk(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(db, path, organizer="demo", event="fest", progress=stop_after_first_chunk)

    assert snapshot(db) == before
