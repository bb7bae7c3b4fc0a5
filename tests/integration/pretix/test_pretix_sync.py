"""The host in sync with a real pretix 2026.8.0: connect, pull, and every check-in in pretix exactly once.

One pretix per module (tests/integration/pretix/conftest.py), a fresh event in it per test.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from server.admin import create_key
from server.pretix import credentials as creds
from server.pretix.connect import connect
from server.pretix.errors import PretixError
from server.pretix.status import statuses
from server.pretix.sync import SyncRunner, run_cycle
from server.schema import checkins, events, positions, pretix_connections
from server.serving import BackgroundServer
from tests.integration.pretix.conftest import unique
from tests.support import pretix as px
from tests.support.clients import Pretixdroid
from tests.support.proxy import RETRY_AFTER, LoopbackProxy


def device_connect(pretix, seeded, engine, data_dir):
    device = px.create_device(pretix, [seeded.event])
    result = connect(engine, data_dir=data_dir, url=pretix.url, device_token=device["initialization_token"],
                     event=seeded.event)
    return result, device


def team_connect(pretix, seeded, engine, data_dir):
    return connect(engine, data_dir=data_dir, url=pretix.url, api_token=pretix.token, organizer=seeded.org,
                   event=seeded.event)


def pretix_positions(pretix, seeded) -> dict[str, dict]:
    """secret -> (attendee, status, item, variation) of every position pretix has for the event."""
    result = {}
    for order in pretix.all(f"organizers/{seeded.org}/events/{seeded.event}/orders/", testmode="false"):
        for p in order["positions"]:
            result[p["secret"]] = {"order": order["code"], "status": order["status"], "item": p["item"],
                                   "variation": p["variation"], "name": p["attendee_name"] or None,
                                   "addon_to": p["addon_to"]}
    return result


def our_positions(engine, seeded) -> dict[str, dict]:
    from server.schema import orders, products, variations

    with engine.connect() as conn:
        rows = conn.execute(
            select(positions.c.secret, orders.c.code, orders.c.status, products.c.pretix_id,
                   variations.c.pretix_id, positions.c.attendee_name, positions.c.addon_to)
            .join(orders, orders.c.id == positions.c.order_id).join(products, products.c.id == positions.c.product_id)
            .outerjoin(variations, variations.c.id == positions.c.variation_id)
            .where(positions.c.active)).all()
    return {secret: {"order": code, "status": status, "item": item, "variation": variation, "name": name,
                     "addon_to": addon_to} for secret, code, status, item, variation, name, addon_to in rows}


def pretix_checkins(pretix, seeded, successful=True) -> list[dict]:
    rows = pretix.all(f"organizers/{seeded.org}/events/{seeded.event}/checkins/")
    return [row for row in rows if row["successful"] == successful]


def station(host_url, engine, seeded, list_name="Main entrance"):
    key = create_key(engine, seeded.org, seeded.event, list_name=list_name)
    return Pretixdroid(host_url, seeded.org, seeded.event, key)


def wait_for(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status_of(engine, data_dir, seeded):
    return next(s for s in statuses(engine, data_dir) if s.event == seeded.event)


def first_secret(seeded) -> str:
    return seeded.orders[0]["positions"][0]["secret"]


# -- connect ----------------------------------------------------------------------------------------------

def test_a_device_token_connects_once_and_a_second_use_elsewhere_fails_cleanly_changing_nothing(
    pretix, pretix_event, host_db, make_database, tmp_path
):
    engine, _, data_dir = host_db
    result, device = device_connect(pretix, pretix_event, engine, data_dir)

    assert (result.organizer, result.event, result.pretix_url) == ("demo", pretix_event.event, pretix.url)
    assert result.tickets == 6  # 5 tickets + one add-on
    assert set(result.lists) == {"Entrance", "Main entrance", "VIP lounge"}
    assert any("Entrance: no namesake in pretix, uses pretix list Main entrance" in line for line in result.mappings)
    info = pretix.all("organizers/demo/devices/")
    ours = next(d for d in info if d["device_id"] == device["device_id"])
    assert ours["software_brand"] == "checkin-kiosk" and "pretixscan" not in ours["software_brand"].lower()
    stored = (data_dir / creds.FILENAME)
    assert stored.stat().st_mode & 0o777 == 0o600
    assert device["initialization_token"] not in stored.read_text()

    # The same token on another host: pretix refuses it, that host changes nothing.
    from server.db import open_database

    other_url, drop = make_database("sqlite")
    other = open_database(other_url)
    try:
        with pytest.raises(PretixError, match="already been used"):
            connect(other, data_dir=tmp_path / "other", url=pretix.url,
                    device_token=device["initialization_token"], event=pretix_event.event)
        with other.connect() as conn:
            assert conn.execute(select(events.c.id)).all() == []
        assert not (tmp_path / "other" / creds.FILENAME).exists()
    finally:
        other.dispose()
        drop()


def test_a_device_for_several_events_asks_for_one_and_the_rerun_with_the_same_token_works(
    pretix, host_db
):
    from server.pretix.errors import ChoiceNeeded

    engine, _, data_dir = host_db
    first = px.seed_event(pretix, event=unique("multi"), orders=1)
    second = px.seed_event(pretix, event=unique("multi"), orders=1)
    device = px.create_device(pretix, [first.event, second.event])
    with pytest.raises(ChoiceNeeded) as asked:
        connect(engine, data_dir=data_dir, url=pretix.url, device_token=device["initialization_token"])
    assert asked.value.kind == "event" and {v for v, _ in asked.value.options} == {first.event, second.event}
    with engine.connect() as conn:
        assert conn.execute(select(events.c.id)).all() == []  # nothing changed locally

    result = connect(engine, data_dir=data_dir, url=pretix.url, device_token=device["initialization_token"],
                     event=first.event)
    assert result.event == first.event and result.tickets == 2


def test_a_wrong_url_or_token_is_one_clear_line_and_changes_nothing_here(pretix, pretix_event, host_db):
    engine, _, data_dir = host_db
    closed = px.free_port()
    with pytest.raises(PretixError, match="unreachable"):
        connect(engine, data_dir=data_dir, url=f"http://127.0.0.1:{closed}", device_token="abcdefgh")
    with pytest.raises(PretixError, match="Unknown initialization token"):
        connect(engine, data_dir=data_dir, url=pretix.url, device_token="no-such-token")
    with pytest.raises(PretixError, match="credentials") as wrong:
        connect(engine, data_dir=data_dir, url=pretix.url, api_token="x" * 64, organizer="demo",
                event=pretix_event.event)
    assert "x" * 64 not in str(wrong.value)
    with pytest.raises(PretixError, match="no event demo/nope"):
        connect(engine, data_dir=data_dir, url=pretix.url, api_token=pretix.token, organizer="demo", event="nope")
    with engine.connect() as conn:
        assert conn.execute(select(events.c.id)).all() == []
    assert not (data_dir / creds.FILENAME).exists()


# -- pull -------------------------------------------------------------------------------------------------

def test_the_first_pull_equals_pretix_over_several_pages_of_orders(pretix, big_event, host_db):
    engine, _, data_dir = host_db
    seeded = big_event  # 3 pages of 50 orders
    team_connect(pretix, seeded, engine, data_dir)

    theirs, ours = pretix_positions(pretix, seeded), our_positions(engine, seeded)
    assert len(theirs) == 105 + 21 + 1
    assert ours == theirs

    with BackgroundServer(str(engine.url)) as server:
        vip = station(server.url, engine, seeded, "VIP lounge")
        data = vip.download(params={"full": "1"}).json()
        vip.close()
    tickets = {entry["secret"]: entry for entry in data["results"]}
    addon = next(s for s, p in theirs.items() if p["addon_to"] is not None)
    assert tickets[addon]["on_list"] is False  # the VIP lounge list is limited to tickets
    parent = next(s for s, p in theirs.items() if p["order"] == theirs[addon]["order"] and p["addon_to"] is None)
    assert tickets[parent]["addons_text"] == "T-Shirt"
    assert tickets[parent]["variation"] in ("Regular", "VIP")
    assert data["include_pending"] is True and tickets[parent]["blocked"] is False


def test_changes_in_pretix_reach_our_stations_in_one_cycle(pretix, pretix_event, host_db):
    engine, url, data_dir = host_db
    seeded = pretix_event
    device_connect(pretix, seeded, engine, data_dir)
    base = f"organizers/{seeded.org}/events/{seeded.event}"
    new = px.create_order(pretix, seeded, "Latecomer")
    canceled = seeded.orders[1]
    pretix.api("POST", f"{base}/orders/{canceled['code']}/mark_canceled/", {})
    renamed = seeded.orders[2]["positions"][0]
    pretix.api("PATCH", f"{base}/orderpositions/{renamed['id']}/",
               {"attendee_name_parts": {"given_name": "Grace", "family_name": "Hopper"}})
    regenerated = seeded.orders[3]["positions"][0]
    pretix.api("POST", f"{base}/orderpositions/{regenerated['id']}/regenerate_secrets/", {})
    new_secret = pretix.api("GET", f"{base}/orderpositions/{regenerated['id']}/")["secret"]
    elsewhere = seeded.orders[4]["positions"][0]
    other = px.initialize_device(pretix, px.create_device(pretix, [seeded.event], "gate-2")["initialization_token"])
    answer = pretix.api("POST", f"organizers/{seeded.org}/checkinrpc/redeem/", {
        "secret": elsewhere["secret"], "lists": [seeded.lists["Main entrance"]]}, device=other["api_token"])
    assert answer["status"] == "ok"

    result = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert result.reached, result.error
    assert result.pulled_orders == 5  # only what changed: new, canceled, renamed, regenerated, checked in

    with BackgroundServer(url) as server:
        gate = station(server.url, engine, seeded)
        assert gate.redeem(new["positions"][0]["secret"]).json()["status"] == "ok"
        assert gate.redeem(canceled["positions"][0]["secret"]).json()["reason"] == "unpaid"
        assert gate.redeem(regenerated["secret"]).json()["reason"] == "unknown_ticket"
        assert gate.redeem(new_secret).json()["status"] == "ok"
        assert gate.redeem(elsewhere["secret"]).json()["reason"] == "already_redeemed"
        found = gate.search("Hopper").json()["results"]
        gate.close()
    assert [r["attendee_name"] for r in found] == ["Grace Hopper"]

    quiet = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert quiet.reached and quiet.pulled_orders <= 5  # our own uploads touched those orders


# -- push -------------------------------------------------------------------------------------------------

def test_a_scan_appears_in_pretix_once_with_our_scan_time_and_our_device(pretix, pretix_event, host_db):
    engine, url, data_dir = host_db
    seeded = pretix_event
    _, device = device_connect(pretix, seeded, engine, data_dir)
    runner = SyncRunner(engine, data_dir, interval=30)
    runner.start()
    scanned_at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=3)  # an offline station's upload
    try:
        with BackgroundServer(url) as server:
            gate = station(server.url, engine, seeded)
            assert gate.redeem(first_secret(seeded), nonce="n-1",
                               datetime=scanned_at.strftime("%Y-%m-%dT%H:%M:%SZ")).json()["status"] == "ok"
            gate.close()
            rows = wait_for(lambda: pretix_checkins(pretix, seeded), what="the check-in in pretix")
    finally:
        runner.stop()
    time.sleep(0.5)
    rows = pretix_checkins(pretix, seeded)
    assert len(rows) == 1
    assert datetime.fromisoformat(rows[0]["datetime"]) == scanned_at
    assert rows[0]["device_id"] == device["device_id"] or rows[0]["device"] is not None
    assert rows[0]["list"] == seeded.lists["Main entrance"]
    assert status_of(engine, data_dir, seeded).outbox == 0


def test_a_lost_upload_answer_is_sent_again_and_pretix_has_the_scan_once(pretix, pretix_event, host_db):
    engine, url, data_dir = host_db
    seeded = pretix_event
    device_connect(pretix, seeded, engine, data_dir)
    with LoopbackProxy(pretix.port) as proxy, BackgroundServer(url) as server:
        with engine.begin() as conn:
            conn.execute(update(pretix_connections).values(pretix_url=proxy.url))
        gate = station(server.url, engine, seeded)
        assert gate.redeem(first_secret(seeded)).json()["status"] == "ok"
        gate.close()
        proxy.plan("cut")  # pretix stores the check-in, its answer never arrives
        lost = run_cycle(engine, data_dir, seeded.org, seeded.event)
        assert not lost.reached and proxy.applied["cut"] == 1
        assert len(pretix_checkins(pretix, seeded)) == 1  # pretix did act
        again = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert again.reached and again.uploaded == 1, again.error
    assert len(pretix_checkins(pretix, seeded)) == 1
    with engine.connect() as conn:
        assert conn.execute(select(checkins.c.upload)).scalars().all() == ["u"]


def test_scans_while_pretix_is_down_are_admitted_here_and_arrive_once_when_it_is_back(
    pretix, pretix_event, host_db
):
    engine, url, data_dir = host_db
    seeded = pretix_event
    device_connect(pretix, seeded, engine, data_dir)
    secrets_ = [order["positions"][0]["secret"] for order in seeded.orders[:3]]
    with BackgroundServer(url) as server:
        gate = station(server.url, engine, seeded)
        assert gate.redeem(secrets_[0]).json()["status"] == "ok"
        pretix.stop()
        try:
            for secret in secrets_[1:]:
                assert gate.redeem(secret).json()["status"] == "ok"  # decisions stay local
            down = run_cycle(engine, data_dir, seeded.org, seeded.event)
            status = status_of(engine, data_dir, seeded)
        finally:
            pretix.start()
        gate.close()
    assert not down.reached and "unreachable" in down.error
    assert status.outbox == 3 and status.unreachable_since is not None
    back = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert back.reached and back.uploaded == 3
    rows = pretix_checkins(pretix, seeded)
    assert sorted(r["position"] for r in rows) == sorted(o["positions"][0]["id"] for o in seeded.orders[:3])
    after = status_of(engine, data_dir, seeded)
    assert (after.outbox, after.error, after.unreachable_since) == (0, None, None)


def test_a_check_in_made_before_connecting_an_imported_event_is_uploaded_and_its_key_keeps_working(
    pretix, pretix_event, host_db, tmp_path
):
    from server.importer import import_file

    engine, url, data_dir = host_db
    seeded = pretix_event
    base = f"organizers/{seeded.org}/events/{seeded.event}"
    job = pretix.api("POST", f"{base}/exporters/json/run/", {}, expect=(200, 202))
    export = wait_for(lambda: _download(pretix, job["download"]), what="pretix's JSON export")
    path = tmp_path / "export.json"
    path.write_bytes(export)
    import_file(engine, path)
    key = create_key(engine, seeded.org, seeded.event)  # on "Entrance", made by the import
    with BackgroundServer(url) as server:
        gate = Pretixdroid(server.url, seeded.org, seeded.event, key)
        assert gate.redeem(first_secret(seeded)).json()["status"] == "ok"
        result = team_connect(pretix, seeded, engine, data_dir)
        assert result.tickets == 6  # matched by secret: nothing twice
        assert gate.redeem(seeded.orders[1]["positions"][0]["secret"]).json()["status"] == "ok"
        gate.close()
    cycle = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert cycle.reached and cycle.uploaded == 2
    assert len(pretix_checkins(pretix, seeded)) == 2


def _download(pretix, url):
    import requests

    answer = requests.get(url, headers={"Authorization": f"Token {pretix.token}"}, timeout=30)
    return answer.content if answer.status_code == 200 else None


# -- faults and etiquette ---------------------------------------------------------------------------------

def test_a_429_with_retry_after_holds_back_every_request_for_that_long(pretix, pretix_event, host_db):
    engine, _, data_dir = host_db
    seeded = pretix_event
    team_connect(pretix, seeded, engine, data_dir)
    with LoopbackProxy(pretix.port) as proxy:
        with engine.begin() as conn:
            conn.execute(update(pretix_connections).values(pretix_url=proxy.url))
        proxy.plan("ratelimit")
        limited = run_cycle(engine, data_dir, seeded.org, seeded.event)
        refused_at = time.monotonic()
        assert not limited.reached and limited.retry_after == RETRY_AFTER
        assert "slow down" in status_of(engine, data_dir, seeded).error
        again = run_cycle(engine, data_dir, seeded.org, seeded.event)
        waited = time.monotonic() - refused_at
    assert again.reached, again.error
    assert waited >= RETRY_AFTER - 0.2  # nothing went out before pretix's Retry-After passed
    assert proxy.applied["ratelimit"] == 1


def test_a_revoked_device_stops_syncing_with_a_clear_message_and_keeps_what_waits(pretix, pretix_event, host_db):
    engine, url, data_dir = host_db
    seeded = pretix_event
    device_connect(pretix, seeded, engine, data_dir)
    with engine.connect() as conn:
        row = conn.execute(select(pretix_connections)).one()
    token = creds.load(data_dir, row.credential_id)["api_token"]
    pretix.api("POST", "device/revoke", {}, device=token)
    with BackgroundServer(url) as server:
        gate = station(server.url, engine, seeded)
        assert gate.redeem(first_secret(seeded)).json()["status"] == "ok"
        gate.close()

    result = run_cycle(engine, data_dir, seeded.org, seeded.event)
    status = status_of(engine, data_dir, seeded)
    assert not result.reached and "revoked" in result.error
    assert status.paused and "revoked" in status.error and status.outbox == 1
    later = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert not later.reached and later.requests == 0  # no more requests to pretix


def test_the_command_line_connects_reports_syncs_and_disconnects(pretix, pretix_event, host_db, capsys):
    from server.cli import main

    _, url, data_dir = host_db
    seeded = pretix_event
    common = ["--database-url", url, "--data-dir", str(data_dir)]
    device = px.create_device(pretix, [seeded.event])
    code = main([*common, "pretix", "connect", pretix.url, "--device-token", device["initialization_token"]])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out) == {"organizer": "demo", "event": seeded.event, "pretix_url": pretix.url, "tickets": 6,
                               "lists": ["Entrance", "Main entrance", "VIP lounge"]}
    assert "VIP lounge" in err and device["initialization_token"] not in out + err

    assert main([*common, "import", str(data_dir / "nothing.json")]) == 1
    capsys.readouterr()
    assert main([*common, "list", "create", "demo", seeded.event, "Side door"]) == 1
    assert "connected to pretix" in capsys.readouterr().err

    assert main([*common, "pretix", "status"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert (line["organizer"], line["event"], line["outbox"], line["rejected"], line["error"]) == (
        "demo", seeded.event, 0, 0, None)
    assert line["last_pull"].endswith("Z") and line["last_push"] is None

    assert main([*common, "pretix", "sync"]) == 0
    assert json.loads(capsys.readouterr().out)["reached"] is True
    assert main([*common, "pretix", "disconnect", "demo", seeded.event]) == 0
    capsys.readouterr()
    assert main([*common, "pretix", "status"]) == 0
    assert capsys.readouterr().out == ""
    assert main([*common, "pretix", "sync"]) == 1
    assert "no event is connected" in capsys.readouterr().err


def test_a_ticket_pretix_does_not_know_is_rejected_for_good_shown_and_never_sent_again(
    pretix, pretix_event, host_db
):
    from server.schema import orders, products

    engine, url, data_dir = host_db
    seeded = pretix_event
    team_connect(pretix, seeded, engine, data_dir)
    with engine.begin() as conn:  # a ticket only this host knows (e.g. from an old file import)
        event_id, product_id = conn.execute(select(products.c.event_id, products.c.id)).first()
        order_id = conn.execute(orders.insert().values(event_id=event_id, code="GHOST", status="p")
                                ).inserted_primary_key[0]
        conn.execute(positions.insert().values(
            event_id=event_id, order_id=order_id, pretix_id=999999, secret="LOCAL-ONLY-1", product_id=product_id,
            attendee_name="Ghost", secret_folded="local-only-1", order_code_folded="ghost", names_folded="ghost"))
    with BackgroundServer(url) as server:
        gate = station(server.url, engine, seeded)
        assert gate.redeem("LOCAL-ONLY-1").json()["status"] == "ok"  # the gate decided; it stays admitted
        assert gate.redeem(first_secret(seeded)).json()["status"] == "ok"
        gate.close()
    result = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert result.reached and (result.uploaded, result.rejected) == (1, 1)
    status = status_of(engine, data_dir, seeded)
    assert (status.outbox, status.rejected) == (0, 1)
    assert status.rejected_checkins == [{"time": status.rejected_checkins[0]["time"], "secret": "LOCAL-…",
                                         "attendee": "Ghost", "reason": "invalid"}]
    again = run_cycle(engine, data_dir, seeded.org, seeded.event)
    assert again.reached and (again.uploaded, again.rejected) == (0, 0)
    assert len(pretix_checkins(pretix, seeded, successful=False)) == 1


def test_a_list_pretix_no_longer_has_pauses_uploads_and_says_what_to_fix(pretix, pretix_event, host_db):
    engine, url, data_dir = host_db
    seeded = pretix_event
    team_connect(pretix, seeded, engine, data_dir)
    pretix.api("DELETE", f"organizers/{seeded.org}/events/{seeded.event}/checkinlists/{seeded.lists['VIP lounge']}/")
    with BackgroundServer(url) as server:
        gate = station(server.url, engine, seeded, "VIP lounge")
        assert gate.redeem(first_secret(seeded)).json()["status"] == "ok"
        gate.close()
    result = run_cycle(engine, data_dir, seeded.org, seeded.event)
    status = status_of(engine, data_dir, seeded)
    assert not result.reached and status.paused and "paused" in status.error
    assert status.outbox == 1  # kept, not rejected


def test_two_runners_on_one_database_upload_each_scan_once(pretix, pretix_event, host_db):
    from server.db import open_database

    engine, url, data_dir = host_db
    seeded = pretix_event
    device_connect(pretix, seeded, engine, data_dir)
    second_engine = open_database(url)  # as a second `serve` process would have
    runners = [SyncRunner(engine, data_dir, interval=1), SyncRunner(second_engine, data_dir, interval=1)]
    for runner in runners:
        runner.start()
    try:
        with BackgroundServer(url) as server:
            gate = station(server.url, engine, seeded)
            for order in seeded.orders:
                assert gate.redeem(order["positions"][0]["secret"]).json()["status"] == "ok"
            gate.close()
        wait_for(lambda: status_of(engine, data_dir, seeded).outbox == 0, what="an empty outbox")
        time.sleep(2)  # a few more cycles of both
    finally:
        for runner in runners:
            runner.stop()
        second_engine.dispose()
    rows = pretix_checkins(pretix, seeded)
    assert sorted(r["position"] for r in rows) == sorted(o["positions"][0]["id"] for o in seeded.orders)


def test_serve_pulls_every_interval_and_uploads_scans_until_it_is_stopped(pretix, pretix_event, host_db):
    import re
    import signal
    import subprocess
    import sys
    import threading

    engine, url, data_dir = host_db
    seeded = pretix_event
    team_connect(pretix, seeded, engine, data_dir)
    key = create_key(engine, seeded.org, seeded.event, list_name="Main entrance")
    root = __import__("pathlib").Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-m", "server", "--database-url", url, "--data-dir", str(data_dir),
                             "serve", "--port", "0", "--sync-interval", "1"], cwd=root, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in proc.stderr:
            lines.append(line)
            found = re.search(r"Listening on (http://\S+)", line)
            if found:
                break
        else:
            raise AssertionError("serve exited: " + "".join(lines))
        threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
        gate = Pretixdroid(found.group(1), seeded.org, seeded.event, key)
        sold = px.create_order(pretix, seeded, "Lastminute")["positions"][0]["secret"]
        wait_for(lambda: gate.search("Lastminute").json()["results"], what="the new ticket at our host")
        assert gate.redeem(sold).json()["status"] == "ok"
        gate.close()
        wait_for(lambda: pretix_checkins(pretix, seeded), what="the scan in pretix")
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
    assert code == 0, "".join(lines)
    assert len(pretix_checkins(pretix, seeded)) == 1
    assert pretix.token not in "".join(lines)
