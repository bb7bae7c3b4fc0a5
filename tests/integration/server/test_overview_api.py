"""The overview over HTTP: who may see it (403s both ways), what the host records, the CLI around it."""

from __future__ import annotations

import csv
import io
import json
import time

import requests
from sqlalchemy import func, select

from server.overview.keys import create_overview_key
from server.schema import attempts, station_contacts
from server.state import server_state
from tests.support.server_cli import cli


def flush(live_server) -> None:
    server_state(live_server._app).recorder.flush()


def overview(live_server, key: str | None, path: str = "data.json", event: str = "conf") -> requests.Response:
    params = {} if key is None else {"key": key}
    return requests.get(f"{live_server.url}/overview/acme/{event}/{path}", params=params, timeout=10)


def test_an_overview_key_gets_403_from_every_pretixdroid_endpoint(api, seed, engine):
    seed.ticket("T-1")
    key = create_overview_key(engine, "acme", "conf", name="lead")
    answers = [
        api.redeem("T-1", key=key).status_code,
        api.search("T-1-x", key=key).status_code,
        api.download(key=key).status_code,
        api.status(key=key).status_code,
        api.request("POST", "refusals", key=key, data={"refusals": "[]"}).status_code,
    ]
    assert answers == [403] * 5
    assert seed.checkin_count() == 0


def test_a_station_key_gets_403_from_the_overview_page_and_its_data(api, seed, engine, live_server):
    lead = create_overview_key(engine, "acme", "conf", name="lead")
    assert overview(live_server, api.key).status_code == 403
    page = overview(live_server, api.key, path="")
    assert page.status_code == 403 and "not valid" in page.text and api.key not in page.text
    assert overview(live_server, None).status_code == 403
    assert overview(live_server, lead, event="nope").status_code == 404
    assert overview(live_server, lead).status_code == 200
    assert overview(live_server, lead, path="").headers["Content-Type"].startswith("text/html")


def test_a_revoked_overview_key_gets_403_at_once(api, seed, engine, live_server, capsys, database_url):
    lead = create_overview_key(engine, "acme", "conf", name="lead")
    assert overview(live_server, lead).status_code == 200
    code, out, _ = cli(capsys, database_url, "key", "revoke", "acme", "conf", "lead")
    assert code == 0 and "Revoked overview key 'lead'" in out
    assert overview(live_server, lead).status_code == 403
    assert api.status().status_code == 200  # station keys are untouched


def test_a_retry_with_the_same_nonce_is_one_attempt(api, seed, engine, live_server):
    for _ in range(3):
        assert api.redeem("NOPE", nonce="n-1").json()["reason"] == "unknown_ticket"
    assert api.redeem("NOPE", nonce="n-2").json()["reason"] == "unknown_ticket"
    report = json.dumps([{"secret": "X", "reason": "unpaid", "datetime": "2026-05-01T18:03Z", "nonce": "o-1"}])
    for _ in range(2):  # a report whose answer was lost, sent again
        assert api.request("POST", "refusals", data={"refusals": report}).json() == {"version": 2, "stored": 1}
    flush(live_server)
    with engine.connect() as conn:
        rows = conn.execute(select(attempts.c.nonce, attempts.c.reason, attempts.c.offline)
                            .order_by(attempts.c.id)).all()
    assert [tuple(r) for r in rows] == [("n-1", "unknown_ticket", False), ("n-2", "unknown_ticket", False),
                                        ("o-1", "unpaid", True)]


def test_a_refusals_report_with_one_bad_item_is_refused_whole(api, seed, engine, live_server):
    good = {"secret": "X", "reason": "unpaid", "datetime": "2026-05-01T18:03Z", "nonce": "o-1"}
    for bad in ([good, {**good, "datetime": "yesterday", "nonce": "o-2"}], [good, {"secret": "Y"}], {"a": 1},
                [good] * 201):
        answer = api.request("POST", "refusals", data={"refusals": json.dumps(bad)})
        assert answer.status_code == 400 and answer.json()["error"] in ("invalid_refusals", "invalid_datetime")
    assert api.request("POST", "refusals", data={"refusals": "not json"}).status_code == 400
    flush(live_server)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(attempts)).scalar() == 0


def test_any_request_of_a_station_counts_as_its_last_contact(api, seed, engine, live_server):
    assert api.download().status_code == 200
    flush(live_server)
    with engine.connect() as conn:
        first = conn.execute(select(station_contacts.c.last_seen, station_contacts.c.address)).one()
    assert first.address == "127.0.0.1"
    assert api.search("abcd").status_code == 200
    flush(live_server)
    with engine.connect() as conn:
        assert conn.execute(select(station_contacts.c.last_seen)).scalar_one() >= first.last_seen


def test_key_create_overview_prints_the_page_address_that_opens_the_overview(fest, capsys, live_server):
    code, out, err = cli(capsys, fest, "key", "create", "demo", "fest", "--overview", "--name", "lead",
                         "--url", live_server.url)
    assert code == 0, err
    (line,) = out.splitlines()
    prefix = f"{live_server.url}/overview/demo/fest/?key="
    assert line.startswith(prefix) and len(line) == len(prefix) + 32
    key = line[len(prefix):]
    assert key not in err
    page = requests.get(line, timeout=10)
    assert page.status_code == 200 and "<canvas" in page.text
    data = requests.get(line.replace("/?key=", "/data.json?key="), timeout=10).json()
    assert data["event"]["slug"] == "fest" and data["totals"]["expected"] > 0
    code, out, _ = cli(capsys, fest, "key", "list", "demo", "fest")
    assert [row.split()[:2] for row in out.splitlines()[1:]] == [["lead", "(overview)"]]
    code, _, err = cli(capsys, fest, "key", "create", "demo", "fest", "--name", "lead")
    assert code == 1 and "already exists" in err


def test_overview_and_export_attempts_commands_print_the_recorded_figures(api, seed, engine, live_server, capsys,
                                                                         database_url, tmp_path):
    seed.ticket("T-1")
    assert api.redeem("T-1", nonce="a").json()["status"] == "ok"
    assert api.redeem("T-1", nonce="b").json()["reason"] == "already_redeemed"
    flush(live_server)
    code, out, err = cli(capsys, database_url, "overview", "acme", "conf")
    assert code == 0, err
    assert "Checked in 1 of 1, 0 still to come" in out
    station = next(line for line in out.splitlines() if line.strip().startswith("station-"))
    tokens = station.split()  # NAME, LAST SEEN ("0 s ago"), 15 MIN, ADMITTED, REFUSED, ...
    assert tokens[2:6] == ["s", "ago", "2", "1"] and "1 already used" in station
    target = tmp_path / "attempts.csv"
    code, _, err = cli(capsys, database_url, "export", "acme", "conf", "--attempts", "--output", str(target))
    assert code == 0 and "Wrote 2 attempts" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [(r["outcome"], r["reason"], r["nonce"]) for r in rows] == [("ok", "", "a"),
                                                                         ("refused", "already_redeemed", "b")]


def test_a_refusal_reaches_the_database_within_about_a_second_without_anyone_asking(api, seed, engine):
    assert api.redeem("NOPE", nonce="late").json()["reason"] == "unknown_ticket"
    deadline = time.monotonic() + 5  # the batch is written every second
    count = 0
    while count == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
        with engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(attempts)).scalar()
    assert count == 1
