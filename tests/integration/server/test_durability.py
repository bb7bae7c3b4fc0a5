"""A check-in the server answered ``ok`` survives the server process being killed on the spot."""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests

from server.cli import main
from tests.support.serve_process import ServeProcess

TICKETS = 600
CLIENTS = 4
KILL_AFTER_OKS = 120


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_args(request, make_database, tmp_path):
    """Global CLI arguments for the store: a SQLite data dir, or a PostgreSQL database URL."""
    if request.param == "sqlite":
        yield ["--data-dir", str(tmp_path / "data")]
        return
    url, drop = make_database("postgresql")
    yield ["--database-url", url]
    drop()


def prepare(database_args: list[str], tmp_path, capsys) -> dict:
    """Import TICKETS paid tickets and create a key; returns the station setup JSON."""
    csv = tmp_path / "tickets.csv"
    csv.write_text("secret,order code,order status,product,variation,attendee name,email\n"
                   + "".join(f"DUR-{n:04d},O{n:04d},paid,Pass,,Guest {n},\n" for n in range(TICKETS)))
    assert main([*database_args, "import", str(csv), "--organizer", "acme", "--event", "conf"]) == 0
    assert main([*database_args, "key", "create", "acme", "conf", "--name", "gate"]) == 0
    return json.loads(capsys.readouterr().out.splitlines()[-1])


def stream_redeems(base: str, key: str, secrets: list[str], acknowledged: list[str], lock: threading.Lock) -> None:
    """Redeem each secret in turn until the server goes away; record those answered ``ok``."""
    with requests.Session() as session:
        for secret in secrets:
            try:
                answer = session.post(f"{base}redeem/", params={"key": key},
                                      data={"secret": secret, "nonce": f"n-{secret}"}, timeout=10)
            except requests.RequestException:
                return  # killed: this answer never arrived, so the station would retry it
            if answer.status_code == 200 and answer.json()["status"] == "ok":
                with lock:
                    acknowledged.append(secret)


def test_every_acknowledged_redeem_survives_a_sigkill_and_restart(database_args, tmp_path, capsys):
    setup = prepare(database_args, tmp_path, capsys)
    secrets = [f"DUR-{n:04d}" for n in range(TICKETS)]
    acknowledged: list[str] = []
    lock = threading.Lock()
    server = ServeProcess(*database_args).start()
    try:
        base = setup["url"].replace("https://localhost:8000", server.url)
        clients = [threading.Thread(target=stream_redeems, args=(base, setup["key"], secrets[i::CLIENTS],
                                                                 acknowledged, lock), daemon=True)
                   for i in range(CLIENTS)]
        for client in clients:
            client.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < KILL_AFTER_OKS and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # SIGKILL mid-stream: the clients still have requests in flight
        for client in clients:
            client.join(30)
    finally:
        server.stop()
    assert KILL_AFTER_OKS <= len(acknowledged) < TICKETS, "the kill must land mid-stream"

    with ServeProcess(*database_args) as restarted:
        base = setup["url"].replace("https://localhost:8000", restarted.url)
        download = requests.get(f"{base}download/", params={"key": setup["key"]}, timeout=30).json()["results"]
        status = requests.get(f"{base}status/", params={"key": setup["key"]}, timeout=30).json()

    redeemed = {ticket["secret"] for ticket in download if ticket["redeemed"]}
    assert set(acknowledged) <= redeemed
    assert status["checkins"] == len(redeemed) and status["total"] == TICKETS
    assert main([*database_args, "export", "acme", "conf"]) == 0
    exported = {line.split(",")[0] for line in capsys.readouterr().out.splitlines()[1:]}
    assert exported == redeemed
