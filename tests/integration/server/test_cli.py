"""The ``checkin-server`` command line with a running server or as a process: what stations and operators see.

The commands' in-process output contracts: tests/unit/server/test_cli.py.
"""

from __future__ import annotations

import json
import signal
import socket

import psutil
import pytest
import requests

from tests.support.factories import Pretixdroid
from tests.support.pretix_samples import OTHER_PASS, PARKING, PASS
from tests.support.serve_process import ServeProcess, clean_env, run_cli
from tests.support.server_cli import cli


def station(server_url: str, setup: dict) -> Pretixdroid:
    """A client configured the way a station is: from the setup JSON's url and key."""
    base, org, event = setup["url"].rstrip("/").rsplit("/", 2)
    assert base == f"{server_url}/pretixdroid/api"
    return Pretixdroid(server_url, org, event, setup["key"])


def test_key_create_prints_the_setup_json_as_the_only_stdout_line_and_a_station_can_use_it(fest, live_server):
    result = run_cli("--database-url", fest, "key", "create", "demo", "fest", "--url", live_server.url + "/")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    setup = json.loads(lines[0])
    assert setup == {"version": 3, "url": f"{live_server.url}/pretixdroid/api/demo/fest/", "key": setup["key"],
                     "allow_search": True, "show_info": True}
    assert len(setup["key"]) == 32 and setup["key"].isalnum()
    assert "QR code" in result.stderr and setup["key"] not in result.stderr
    answer = station(live_server.url, setup).redeem(PASS).json()
    assert answer["status"] == "ok" and answer["data"]["attendee_name"] == "Jürgen Müller"


def test_key_revoke_refuses_the_key_on_the_next_request_of_a_running_server(fest, capsys):
    with ServeProcess("--database-url", fest) as server:
        setup = json.loads(cli(capsys, fest, "key", "create", "demo", "fest", "--name", "door", "--url", server.url)[1])
        assert setup["name"] == "door"  # the station set up with this code calls itself "door"
        client = station(server.url, setup)
        assert client.status().status_code == 200

        result = run_cli("--database-url", fest, "key", "revoke", "demo", "fest", "door")

        assert result.returncode == 0 and "Revoked key 'door'" in result.stdout
        assert client.status().status_code == 403
        assert client.redeem(PASS).status_code == 403
        client.close()


def test_list_create_limits_a_key_to_its_products_through_the_api(fest, capsys, live_server):
    code, out, err = cli(capsys, fest, "list", "create", "demo", "fest", "Parking", "--product", "3")
    assert code == 0, err
    assert "Created check-in list 'Parking'" in out and "--list Parking" in err
    setup = json.loads(cli(capsys, fest, "key", "create", "demo", "fest", "--list", "Parking",
                           "--url", live_server.url)[1])
    client = station(live_server.url, setup)

    assert client.redeem(PASS).json()["reason"] == "product"
    assert client.redeem(PARKING).json()["status"] == "ok"
    status = client.status().json()
    assert (status["event"]["list"], status["checkins"], status["total"]) == ("Parking", 1, 1)
    assert [r["secret"] for r in client.download().json()["results"]] == [PARKING]
    client.close()


def test_event_set_is_reflected_in_the_station_status(fest, capsys, api_station):
    code, out, err = cli(capsys, fest, "event", "set", "demo", "fest", "--name", "Fest 2026 Summer",
                         "--timezone", "Europe/Berlin", "--date-from", "2026-07-03T16:00",
                         "--date-to", "2026-07-05T23:00+02:00", "--url", "https://fest.example.org/")

    assert code == 0, err
    assert "date_from: 2026-07-03T14:00:00Z" in out
    event = api_station.status().json()["event"]
    assert event["name"] == "Fest 2026 Summer" and event["timezone"] == "Europe/Berlin"
    assert (event["date_from"], event["date_to"]) == ("2026-07-03T14:00:00Z", "2026-07-05T21:00:00Z")
    assert event["url"] == "https://fest.example.org/"


@pytest.fixture
def api_station(fest, capsys, live_server) -> Pretixdroid:
    """A station on demo/fest's Entrance list, keyed through the CLI, talking to a live server."""
    setup = json.loads(cli(capsys, fest, "key", "create", "demo", "fest", "--name", "gate-1",
                           "--url", live_server.url)[1])
    client = station(live_server.url, setup)
    yield client
    client.close()


def test_export_lists_every_checkin_with_its_station_including_a_forced_duplicate(fest, capsys, api_station,
                                                                                tmp_path):
    assert api_station.redeem(PASS, nonce="n-1", datetime="2026-07-03T18:00Z").json()["status"] == "ok"
    assert api_station.redeem(OTHER_PASS, nonce="n-2", datetime="2026-07-03T18:05Z").json()["status"] == "ok"
    assert api_station.redeem(PASS, nonce="n-3", force="true", datetime="2026-07-03T18:10Z").json()["status"] == "ok"

    code, out, err = cli(capsys, fest, "export", "demo", "fest")

    assert code == 0, err
    assert out.splitlines() == [
        "secret,order,attendee_name,product,variation,list,time,station,forced,nonce,source,pretix_upload",
        f"{PASS},AYKPG,Jürgen Müller,Weekend Pass,,Entrance,2026-07-03T18:00:00Z,gate-1,false,n-1,here,",
        f"{OTHER_PASS},AADAX,Ada Lovelace,Weekend Pass,,Entrance,2026-07-03T18:05:00Z,gate-1,false,n-2,here,",
        f"{PASS},AYKPG,Jürgen Müller,Weekend Pass,,Entrance,2026-07-03T18:10:00Z,gate-1,true,n-3,here,",
    ]
    target = tmp_path / "checkins.csv"
    code, out, err = cli(capsys, fest, "export", "demo", "fest", "--output", str(target))
    assert (code, out) == (0, "") and "Wrote 3 check-ins" in err
    assert target.read_text(encoding="utf-8").splitlines()[1:] == [
        line for line in cli(capsys, fest, "export", "demo", "fest")[1].splitlines()[1:]]


def test_import_of_a_large_file_shows_progress_lines_when_stderr_is_not_a_terminal(tmp_path):
    csv = tmp_path / "tickets.csv"
    rows = "".join(f"s{n:05d},O{n},paid,Pass,,Person {n},\n" for n in range(3000))
    csv.write_text("secret,order code,order status,product,variation,attendee name,email\n" + rows)

    result = run_cli("--data-dir", str(tmp_path / "data"), "import", str(csv), "--organizer", "o", "--event", "e")

    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("Importing...")]
    assert progress[0].startswith("Importing... 0%") and progress[-1] == "Importing... 100% (3000/3000)"
    assert len(progress) <= 11
    assert "3000 added" in result.stdout and "Importing" not in result.stdout


def test_database_url_beats_the_environment_which_beats_the_data_dir(tmp_path):
    flag, env_db, data = tmp_path / "flag.sqlite3", tmp_path / "env.sqlite3", tmp_path / "missing" / "data"
    env = clean_env(CHECKIN_DATABASE_URL=f"sqlite:///{env_db}", CHECKIN_DATA_DIR=str(data))

    run_cli("--database-url", f"sqlite:///{flag}", "demo", "--tickets", "1", env=env)
    assert flag.exists() and not env_db.exists()
    run_cli("--data-dir", str(data), "demo", "--tickets", "1", env=env)
    assert env_db.exists() and not data.exists()
    run_cli("demo", "--tickets", "1", env=clean_env(CHECKIN_DATA_DIR=str(data)))
    assert (data / "checkin.sqlite3").exists()


@pytest.mark.parametrize("args, message", [
    (["key", "create", "demo", "fest"], "No event demo/fest. Import one first with: checkin-server import FILE"),
    (["import", "/nonexistent/tickets.json"], "file not found: /nonexistent/tickets.json"),
    (["--database-url", "postgresql://checkin:s3cr3t-pw@127.0.0.1:1/x", "key", "list", "a", "b"],
     "Cannot open the database"),
])
def test_errors_are_one_line_on_stderr_with_exit_code_1_and_no_traceback(tmp_path, args, message):
    result = run_cli("--data-dir", str(tmp_path), *args)

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"checkin-server: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert "s3cr3t-pw" not in result.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_logs_its_url_binds_to_loopback_by_default_serves_https_and_stops_cleanly(tmp_path, signum):
    server = ServeProcess("--data-dir", str(tmp_path), serve_args=("--port", "0")).start()
    try:
        assert server.url.startswith("https://127.0.0.1:")
        port = int(server.url.rsplit(":", 1)[1])
        listening = {c.laddr for c in psutil.Process(server.process.pid).net_connections("inet")
                     if c.status == psutil.CONN_LISTEN}
        assert listening == {("127.0.0.1", port)}
        # The certificate made in the data directory, trusted as itself: its names include 127.0.0.1.
        cert = tmp_path / "tls" / "cert.pem"
        assert requests.get(server.url + "/pretixdroid/api/x/y/status/", timeout=10, verify=str(cert)).status_code \
            == 404
    finally:
        code = server.signal(signum)

    assert code == 0
    assert "Traceback" not in server.output
    assert str(tmp_path) in server.output  # the database it serves


@pytest.mark.postgres
def test_serve_never_prints_the_database_password(make_database):
    url, drop = make_database("postgresql")
    try:
        with ServeProcess("--database-url", url) as server:
            pass
        password = url.split("@", 1)[0].rsplit(":", 1)[1]
        assert f":{password}@" not in server.output and ":***@" in server.output
    finally:
        drop()


def test_serve_on_a_taken_port_fails_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("--data-dir", str(tmp_path), "serve", "--port", str(port))

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"checkin-server: error: Port {port} on 127.0.0.1 is already in use" in result.stderr
