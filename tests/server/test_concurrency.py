"""Stations racing for one ticket: exactly one ok, from threads and from separate server processes, on both DBs."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.server.factories import Pretixdroid, ServerProcess

ROUNDS = 4


def race(clients: list[Pretixdroid], secret: str, **form) -> list[dict]:
    """Fire one redeem per client at the same moment; the answers, in client order."""
    barrier = threading.Barrier(len(clients))

    def attempt(client: Pretixdroid) -> dict:
        barrier.wait()
        response = client.redeem(secret, **form)
        assert response.status_code == 200, response.text
        return response.json()

    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(attempt, clients))


def outcomes(answers: list[dict]) -> list[str]:
    return sorted(answer["status"] if answer["status"] == "ok" else answer["reason"] for answer in answers)


def test_threads_redeeming_one_ticket_at_once_get_exactly_one_ok(api, seed):
    clients = [Pretixdroid(api.base_url, seed.organizer, seed.event, api.key) for _ in range(6)]
    for round_number in range(ROUNDS):
        ticket = seed.ticket(f"RACE-{round_number}")
        assert outcomes(race(clients, ticket.secret)) == ["already_redeemed"] * 5 + ["ok"]
        assert len(seed.checkins(ticket)) == 1
    for client in clients:
        client.close()


def test_concurrent_retries_with_one_nonce_are_all_ok_and_store_one_checkin(api, seed):
    clients = [Pretixdroid(api.base_url, seed.organizer, seed.event, api.key) for _ in range(4)]
    for round_number in range(ROUNDS):
        ticket = seed.ticket(f"NONCE-{round_number}")
        assert outcomes(race(clients, ticket.secret, nonce=f"n-{round_number}")) == ["ok"] * 4
        assert len(seed.checkins(ticket)) == 1
    for client in clients:
        client.close()


@pytest.mark.slow
def test_two_server_processes_redeeming_one_ticket_at_once_get_exactly_one_ok(database_url, seed):
    key = seed.key()
    servers = [ServerProcess(database_url), ServerProcess(database_url)]
    try:
        clients = [Pretixdroid(server.url, seed.organizer, seed.event, key) for server in servers for _ in range(2)]
        for round_number in range(ROUNDS):
            ticket = seed.ticket(f"PROC-{round_number}")
            assert outcomes(race(clients, ticket.secret)) == ["already_redeemed"] * 3 + ["ok"]
            assert len(seed.checkins(ticket)) == 1
        for client in clients:
            client.close()
    finally:
        codes = [server.stop() for server in servers]
    assert codes == [0, 0]
    with pytest.raises(requests.ConnectionError):
        requests.get(servers[0].url + "/healthz", timeout=2)


def test_stations_checking_in_different_tickets_at_once_are_all_admitted_and_stored(api, seed):
    clients = [Pretixdroid(api.base_url, seed.organizer, seed.event, api.key) for _ in range(8)]
    tickets = [seed.ticket(f"MANY-{number}") for number in range(8)]
    barrier = threading.Barrier(len(clients))

    def attempt(pair) -> str:
        client, ticket = pair
        barrier.wait()
        return client.redeem(ticket.secret).json()["status"]

    with ThreadPoolExecutor(len(clients)) as pool:
        assert list(pool.map(attempt, zip(clients, tickets, strict=True))) == ["ok"] * 8
    assert [len(seed.checkins(ticket)) for ticket in tickets] == [1] * 8
    for client in clients:
        client.close()


def test_group_commit_gives_each_row_its_own_outcome_and_stores_every_winner(tmp_path):
    import sqlite3

    from server.store.group_commit import GroupCommitter

    path = tmp_path / "rows.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE rows (value INTEGER UNIQUE)")
    committer = GroupCommitter()
    values = [number // 2 for number in range(40)]  # every value twice: one insert of each pair must lose
    barrier = threading.Barrier(len(values))

    def insert(value: int) -> str:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        try:
            barrier.wait()
            committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [value])
            return "stored"
        except sqlite3.IntegrityError:
            return "duplicate"
        finally:
            conn.close()

    with ThreadPoolExecutor(len(values)) as pool:
        outcomes = list(pool.map(insert, values))
    assert outcomes.count("stored") == 20 and outcomes.count("duplicate") == 20
    with sqlite3.connect(path) as check:
        assert sorted(value for (value,) in check.execute("SELECT value FROM rows")) == list(range(20))


def test_group_commit_that_cannot_write_fails_the_row_and_leaves_no_transaction_open(tmp_path):
    import sqlite3

    from server.store.group_commit import GroupCommitter

    path = tmp_path / "rows.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE rows (value INTEGER)")
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    committer = GroupCommitter()
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    with pytest.raises(sqlite3.OperationalError):
        committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [1])
    assert not conn.in_transaction
    holder.execute("COMMIT")
    committer.insert(conn, "INSERT INTO rows (value) VALUES (?)", [2])
    assert [value for (value,) in holder.execute("SELECT value FROM rows")] == [2]
    conn.close()
    holder.close()
