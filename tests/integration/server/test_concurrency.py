"""Stations racing for one ticket: exactly one ok, from threads and from separate server processes, on both DBs."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.support.factories import Pretixdroid, ServerProcess

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
