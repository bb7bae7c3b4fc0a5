"""Who may ask what: 404 before 403 before 405 on every endpoint, the JSON envelope, version, content type."""

from __future__ import annotations

import pytest
import requests

ENDPOINTS = {"redeem": "POST", "search": "GET", "download": "GET", "status": "GET"}
WRONG_METHOD = {"POST": "GET", "GET": "POST"}


def assert_envelope(response, status, error):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == 2 and body["error"] == error
    assert isinstance(body["message"], str) and body["message"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("endpoint,method", ENDPOINTS.items())
def test_every_endpoint_answers_a_valid_key_with_version_2_json(api, seed, endpoint, method):
    seed.ticket("T1")
    response = api.request(method, endpoint, data={"secret": "T1"} if method == "POST" else None,
                           params={"query": "T1xx"} if endpoint == "search" else None)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["version"] == 2


@pytest.mark.parametrize("endpoint,method", ENDPOINTS.items())
def test_unknown_event_is_404_whatever_the_key_or_method(api, seed, endpoint, method):
    url = api.url(endpoint, event="nope")
    for verb in (method, WRONG_METHOD[method], "PUT", "PATCH"):
        for params in ({"key": api.key}, {"key": "wrong"}, {}):
            assert_envelope(requests.request(verb, url, params=params, timeout=10), 404, "not_found")
    assert_envelope(requests.get(api.url(endpoint, organizer="nope"), params={"key": api.key}, timeout=10),
                    404, "not_found")


@pytest.mark.parametrize("endpoint,method", ENDPOINTS.items())
def test_missing_unknown_or_foreign_key_is_403_even_with_a_wrong_method(api, seed, engine, endpoint, method):
    from tests.support.factories import EventSeed

    foreign = EventSeed(engine, "acme", "other").key()
    for verb in (method, WRONG_METHOD[method]):
        for key in (None, "", "x" * 32, api.key.lower(), foreign):
            assert_envelope(api.request(verb, endpoint, key=key), 403, "invalid_key")


@pytest.mark.parametrize("endpoint,method", ENDPOINTS.items())
def test_wrong_method_with_a_valid_key_is_405(api, seed, endpoint, method):
    response = api.request(WRONG_METHOD[method], endpoint)
    assert_envelope(response, 405, "method_not_allowed")
    assert method in response.headers["Allow"]
    for verb in ("PUT", "DELETE", "OPTIONS", "BREW"):
        assert_envelope(api.request(verb, endpoint), 405, "method_not_allowed")


@pytest.mark.parametrize("form", [{"secret": "T1"}, {"secret": "T1", "nonce": "n" * 191}, {"secret": "T" * 300},
                                  {"secret": ""}, {}, {"secret": "T1", "datetime": "yesterday"}])
def test_a_redeem_is_refused_404_then_403_before_its_form_is_judged(api, seed, form):
    ticket = seed.ticket("T1")
    assert_envelope(requests.post(api.url("redeem", event="nope"), params={"key": api.key}, data=form, timeout=10),
                    404, "not_found")
    for key in (None, "x" * 32, api.key.upper()):
        assert_envelope(api.request("POST", "redeem", key=key, data=form), 403, "invalid_key")
    assert seed.checkins(ticket) == []


def test_head_on_a_get_endpoint_is_allowed(api, seed):
    response = api.request("HEAD", "status")
    assert response.status_code == 200 and response.content == b""


def test_key_is_only_read_from_the_query_string(api, seed):
    seed.ticket("T1")
    response = api.request("POST", "redeem", key=None, data={"secret": "T1", "key": api.key})
    assert_envelope(response, 403, "invalid_key")


def test_revoked_key_is_403_on_the_next_request(api, seed):
    seed.ticket("T1")
    assert api.status().status_code == 200
    seed.revoke(api.key)
    assert_envelope(api.status(), 403, "invalid_key")
    assert_envelope(api.redeem("T1"), 403, "invalid_key")
    assert seed.checkin_count() == 0


def test_new_key_works_on_the_next_request_without_restart(api, seed):
    key = seed.key(seed.checkin_list("Late list"))
    assert api.status(key=key).json()["event"]["list"] == "Late list"


def test_unknown_endpoint_is_404(api, seed):
    response = requests.get(api.url("status").replace("/status/", "/secrets/"), params={"key": api.key}, timeout=10)
    assert_envelope(response, 404, "not_found")
    assert_envelope(requests.get(api.base_url + "/pretixdroid/api/", timeout=10), 404, "not_found")


def test_body_over_64_kib_is_413_and_changes_nothing(api, seed):
    ticket = seed.ticket("T1")
    response = api.redeem("T1", nonce="n", padding="x" * (65 * 1024))
    assert_envelope(response, 413, "request_entity_too_large")
    assert seed.checkins(ticket) == []
    assert api.redeem("T1", padding="x" * (60 * 1024)).json()["status"] == "ok"


def test_root_page_tells_a_browser_what_this_is(live_server):
    response = requests.get(live_server.url + "/", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "/pretixdroid/api/" in response.text


def test_healthz_says_ok_while_the_database_answers(live_server):
    response = requests.get(live_server.url + "/healthz", timeout=10)
    assert (response.status_code, response.text) == (200, "ok\n")


def test_unknown_paths_and_methods_outside_the_api_get_the_json_envelope(live_server):
    assert_envelope(requests.get(live_server.url + "/favicon.ico", timeout=10), 404, "not_found")
    assert_envelope(requests.post(live_server.url + "/healthz", timeout=10), 405, "method_not_allowed")
