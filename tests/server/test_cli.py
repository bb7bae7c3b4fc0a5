"""The ``checkin-server`` command line: each command's output contract, seen by an operator and by stations."""

from __future__ import annotations

import hashlib
import io
import json
import signal
import socket
from pathlib import Path

import psutil
import pytest
import requests

from server.cli import main
from server.cli_support import ImportProgress
from tests.server.factories import Pretixdroid
from tests.server.serve_process import ServeProcess, clean_env, run_cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pretix-samples" / "pretix-2026.8.0-order-data.json"
# Tickets of the sample event demo/fest (products: 1 Weekend Pass, 2 T-Shirt, 3 Parking add-on of the pass).
PASS = "wyrfav3cjfstbv56qhaa84mjj6fej9tp"  # Jürgen Müller, paid order AYKPG
PARKING = "2utzs6x2kygz6hrdv2svsj29kjsxdjmc"  # his Parking add-on
OTHER_PASS = "xrdhf3f7c6bxwej3rqw2g5muaxzq3gyf"  # Ada Lovelace, paid


def cli(capsys, url: str, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process on ``url``: (exit code, stdout, stderr)."""
    code = main(["--database-url", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fest(database_url, capsys) -> str:
    """The database with the real pretix sample demo/fest imported through the CLI."""
    code, out, err = cli(capsys, database_url, "import", str(SAMPLE))
    assert code == 0, err
    return database_url


def station(server_url: str, setup: dict) -> Pretixdroid:
    """A client configured the way a station is: from the setup JSON's url and key."""
    base, org, event = setup["url"].rstrip("/").rsplit("/", 2)
    assert base == f"{server_url}/pretixdroid/api"
    return Pretixdroid(server_url, org, event, setup["key"])


def test_import_prints_what_it_imported(database_url, capsys):
    code, out, err = cli(capsys, database_url, "import", str(SAMPLE))

    assert code == 0, err
    assert "demo/fest" in out and "39 added" in out
    assert "Traceback" not in err


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


def test_key_create_names_stations_in_turn_and_defaults_to_localhost(fest, capsys):
    first = json.loads(cli(capsys, fest, "key", "create", "demo", "fest")[1])
    cli(capsys, fest, "key", "create", "demo", "fest", "--no-search", "--no-info")
    code, out, err = cli(capsys, fest, "key", "list", "demo", "fest")

    assert first["url"] == "http://localhost:8000/pretixdroid/api/demo/fest/"
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[0][:5] == ["NAME", "LIST", "SEARCH", "INFO", "STATUS"]
    assert [row[:5] for row in rows[1:]] == [["station-1", "Entrance", "yes", "yes", "active"],
                                             ["station-2", "Entrance", "no", "no", "active"]]


def test_key_create_without_search_and_info_tells_the_station_so(fest, capsys):
    code, out, _ = cli(capsys, fest, "key", "create", "demo", "fest", "--name", "door", "--no-search", "--no-info")

    assert code == 0
    setup = json.loads(out)
    assert (setup["allow_search"], setup["show_info"]) == (False, False)


def test_key_list_never_shows_a_key_or_its_hash(fest, capsys):
    key = json.loads(cli(capsys, fest, "key", "create", "demo", "fest", "--name", "door")[1])["key"]

    code, out, err = cli(capsys, fest, "key", "list", "demo", "fest")

    assert code == 0 and "door" in out
    assert key not in out + err
    assert hashlib.sha256(key.encode()).hexdigest() not in out + err


def test_key_revoke_refuses_the_key_on_the_next_request_of_a_running_server(fest, capsys):
    with ServeProcess("--database-url", fest) as server:
        setup = json.loads(cli(capsys, fest, "key", "create", "demo", "fest", "--name", "door", "--url", server.url)[1])
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


def test_list_create_with_an_unknown_product_fails_and_creates_nothing(fest, capsys):
    code, out, err = cli(capsys, fest, "list", "create", "demo", "fest", "Merch", "--product", "2", "--product", "99")

    assert code == 1 and out == ""
    assert err.startswith("checkin-server: error: demo/fest has no product with id 99 (products: 1 Weekend Pass,")
    code, _, err = cli(capsys, fest, "key", "create", "demo", "fest", "--list", "Merch")
    assert code == 1 and "No check-in list 'Merch'" in err


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


@pytest.mark.parametrize("args, message", [
    (["--timezone", "Mars/Olympus"], "Unknown time zone 'Mars/Olympus'"),
    (["--date-from", "next friday"], "Cannot read date-from 'next friday'"),
    (["--date-from", "2026-07-05T10:00Z", "--date-to", "2026-07-03T10:00Z"], "end before it starts"),
    (["--url", "fest.example.org"], "must start with http:// or https://"),
])
def test_event_set_with_bad_values_says_why_and_changes_nothing(fest, capsys, args, message):
    code, out, err = cli(capsys, fest, "event", "set", "demo", "fest", "--name", "Renamed", *args)

    assert (code, out) == (1, "")
    assert message in err and len(err.splitlines()) == 1
    assert "name: Fest 2026\n" in cli(capsys, fest, "event", "set", "demo", "fest")[1]


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
        "secret,order,attendee_name,product,variation,list,time,station,forced,nonce",
        f"{PASS},AYKPG,Jürgen Müller,Weekend Pass,,Entrance,2026-07-03T18:00:00Z,gate-1,false,n-1",
        f"{OTHER_PASS},AADAX,Ada Lovelace,Weekend Pass,,Entrance,2026-07-03T18:05:00Z,gate-1,false,n-2",
        f"{PASS},AYKPG,Jürgen Müller,Weekend Pass,,Entrance,2026-07-03T18:10:00Z,gate-1,true,n-3",
    ]
    target = tmp_path / "checkins.csv"
    code, out, err = cli(capsys, fest, "export", "demo", "fest", "--output", str(target))
    assert (code, out) == (0, "") and "Wrote 3 check-ins" in err
    assert target.read_text(encoding="utf-8").splitlines()[1:] == [
        line for line in cli(capsys, fest, "export", "demo", "fest")[1].splitlines()[1:]]


def test_export_to_a_missing_directory_fails_with_one_line(fest, capsys, tmp_path):
    code, out, err = cli(capsys, fest, "export", "demo", "fest", "--output", str(tmp_path / "no" / "x.csv"))

    assert (code, out) == (1, "")
    assert err.startswith("checkin-server: error: No such file or directory") and len(err.splitlines()) == 1
    assert not (tmp_path / "no").exists()


def test_demo_creates_an_event_stations_can_use(database_url, capsys):
    code, out, err = cli(capsys, database_url, "demo", "--tickets", "25")

    assert code == 0, err
    assert "demo/democon" in out and "checkin-server key create demo democon" in err
    code, out, _ = cli(capsys, database_url, "key", "create", "demo", "democon")
    assert code == 0 and json.loads(out)["url"].endswith("/pretixdroid/api/demo/democon/")


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


def test_import_progress_updates_one_line_in_place_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    progress = ImportProgress(out)
    for done in range(0, 5001, 50):
        progress(done, 5000)
    progress.finish()

    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("100% (5000/5000)\n")
    assert text.count("\r") == 101


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


@pytest.mark.parametrize("args", [
    ["key", "create", "demo"],
    ["key", "create", "demo", "fest", "--url", "localhost:8000"],
    ["key", "create", "demo", "fest", "--url", "http://h:8000/pretixdroid/api/demo/fest/"],
    ["serve", "--port", "http"],
    ["list", "create", "demo", "fest", "L", "--product", "parking"],
    ["demo", "--tickets", "-3"],
])
def test_malformed_command_lines_exit_2_with_usage_and_change_nothing(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path / "data"), *args])

    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert "usage: checkin-server" in err and "error:" in err
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_logs_its_url_binds_to_loopback_by_default_and_stops_cleanly(tmp_path, signum):
    server = ServeProcess("--data-dir", str(tmp_path)).start()
    try:
        assert server.url.startswith("http://127.0.0.1:")
        port = int(server.url.rsplit(":", 1)[1])
        listening = {c.laddr for c in psutil.Process(server.process.pid).net_connections("inet")
                     if c.status == psutil.CONN_LISTEN}
        assert listening == {("127.0.0.1", port)}
        assert requests.get(server.url + "/pretixdroid/api/x/y/status/", timeout=10).status_code == 404
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
