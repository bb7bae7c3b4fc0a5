"""Host mode: the embedded server on the station's data dir, its keys and setup codes, over real HTTPS."""

from __future__ import annotations

import socket
import stat

import pytest
import requests

from kiosk.hosting.service import HostError, HostService, PortInUse
from kiosk.scanning.codes import StationSetup
from kiosk.settings import Settings
from server.tls import fingerprint_of
from tests.support.clients import pinned_session

_FINGERPRINTS: dict[int, str] = {}  # port -> the serving host's certificate fingerprint


def status(setup: dict | StationSetup) -> requests.Response:
    url, key = (setup.url, setup.key) if isinstance(setup, StationSetup) else (setup["url"], setup["key"])
    port = int(url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
    with pinned_session(_FINGERPRINTS.get(port)) as session:
        return session.get(url + "status/", params={"key": key}, timeout=5)


@pytest.fixture
def host(tmp_path):
    service = HostService(tmp_path, bind="127.0.0.1", port=0, station_name="door-1")
    service.load_demo(tickets=10)
    service.start()
    _FINGERPRINTS[service.port] = service.cert_sha256
    yield service
    service.stop()


def test_host_starts_on_a_free_port_over_https_and_answers_its_own_station_key(host, tmp_path):
    assert host.port != 0 and host.url == f"https://127.0.0.1:{host.port}"
    assert host.cert_sha256 == fingerprint_of((tmp_path / "tls" / "cert.pem").read_bytes())
    assert stat.S_IMODE((tmp_path / "tls" / "key.pem").stat().st_mode) == 0o600
    setup = host.own_station_setup()
    assert setup.url == f"https://127.0.0.1:{host.port}/pretixdroid/api/demo/democon/"
    assert (setup.origin, setup.event) == ("host", "demo/democon")
    answer = status(setup)
    assert answer.status_code == 200 and answer.json()["event"]["slug"] == "democon"
    saved = Settings.load(tmp_path)
    assert (saved.server_url, saved.key, saved.event) == (setup.url, setup.key, "demo/democon")
    assert stat.S_IMODE((tmp_path / "key").stat().st_mode) == 0o600


def test_own_station_key_is_created_once_and_reused(host):
    first = host.own_station_setup()
    second = host.own_station_setup()
    assert first.key == second.key
    assert [k["name"] for k in host.list_keys()] == ["door-1 (host)"]


def test_a_revoked_own_key_is_replaced_by_a_working_one(host):
    first = host.own_station_setup()
    host.revoke_key("door-1 (host)")
    second = host.own_station_setup()
    assert second.key != first.key and status(second).status_code == 200
    assert [k["name"] for k in host.list_keys()] == ["door-1 (host)", "door-1 (host 2)"]


def test_an_added_station_gets_a_working_setup_code_until_revoked(host):
    setup = host.add_station("door-2", allow_search=False)
    assert setup["version"] == 3 and setup["allow_search"] is False
    assert setup["url"] == f"https://127.0.0.1:{host.port}/pretixdroid/api/demo/democon/"
    assert setup["cert_sha256"] == host.cert_sha256 and len(setup["cert_sha256"]) == 64
    assert status(setup).status_code == 200
    assert {"name": "door-2", "revoked": False}.items() <= host.list_keys()[0].items()
    assert host.revoke_key("door-2") is True
    assert status(setup).status_code == 403
    assert host.revoke_key("door-2") is False


def test_a_duplicate_station_name_is_refused_plainly(host):
    host.add_station("door-2")
    with pytest.raises(HostError, match="already exists"):
        host.add_station("door-2")
    assert len(host.list_keys()) == 1


def test_a_taken_port_gives_a_message_naming_it(tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    service = HostService(tmp_path, port=port)
    try:
        with pytest.raises(PortInUse, match=f"Port {port} on 127.0.0.1 is already in use"):
            service.start()
        assert not service.running
    finally:
        service.stop()
        blocker.close()


def test_stations_on_the_lan_get_the_lan_address_not_the_wildcard(tmp_path):
    with HostService(tmp_path, bind="0.0.0.0", port=0) as service:
        assert service.url.startswith("https://0.0.0.0:")
        assert service.local_url == f"https://127.0.0.1:{service.port}"
        lan_host = service.lan_url.removeprefix("https://").rsplit(":", 1)[0]
        assert lan_host != "0.0.0.0"
        socket.inet_aton(lan_host)  # a dotted IPv4 address
        with pinned_session(service.cert_sha256) as session:
            assert session.get(service.lan_url + "/", timeout=5).status_code in (200, 404)
        assert service.insecure_warning == ""


def test_insecure_http_on_the_lan_serves_plain_http_and_warns(tmp_path, caplog):
    caplog.set_level("WARNING")
    with HostService(tmp_path, bind="0.0.0.0", port=0, insecure_http=True) as service:
        assert service.lan_url.startswith("http://") and service.cert_sha256 is None
        assert requests.get(service.lan_url + "/", timeout=5).status_code in (200, 404)
        assert "Not encrypted" in service.insecure_warning
    assert any("plain HTTP" in record.getMessage() for record in caplog.records)
    with HostService(tmp_path, bind="127.0.0.1", port=0, insecure_http=True) as local:
        assert local.insecure_warning == ""  # only this computer can connect: nothing to read on the network


def test_a_bad_import_changes_nothing_and_says_why(tmp_path):
    (tmp_path / "broken.json").write_text("{ not json")
    service = HostService(tmp_path)
    with pytest.raises(HostError, match="Import failed, nothing changed"):
        service.import_file(tmp_path / "broken.json")
    assert service.events() == [] and service.event is None
    with pytest.raises(HostError, match="No event yet"):
        service.list_keys()
    service.stop()


def test_choosing_an_unknown_event_is_refused(tmp_path):
    service = HostService(tmp_path)
    service.load_demo(tickets=5)
    with pytest.raises(HostError, match="No event nope/nothing"):
        service.select_event("nope", "nothing")
    assert service.event == ("demo", "democon")
    service.stop()


def test_own_station_setup_without_save_writes_no_settings_and_reuses_the_given_key(host, tmp_path):
    first = host.own_station_setup(save=False)
    assert not (tmp_path / "settings.toml").exists() and not (tmp_path / "key").exists()
    assert status(first).status_code == 200
    known = Settings(tmp_path, {"server_url": first.url}, key=first.key)
    assert host.own_station_setup(known, save=False) == first  # the key in use is reused, not replaced
    assert not (tmp_path / "settings.toml").exists()
    assert [k["name"] for k in host.list_keys()] == ["door-1 (host)"]


def test_a_taken_port_moves_to_a_free_one_when_allowed_and_says_which_it_wanted(tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    service = HostService(tmp_path, port=port)
    try:
        service.start(move_if_taken=True)
        assert service.running and service.port not in (port, 0) and service.moved_from == port
        assert service.url == f"https://127.0.0.1:{service.port}"
    finally:
        service.stop()
        blocker.close()
    with HostService(tmp_path, port=service.port) as again:  # its own port free: no move
        assert again.moved_from is None
