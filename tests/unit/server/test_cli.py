"""The ``checkin-server`` command line in-process: each command's output contract, as an operator sees it.

Commands run against a running server or as processes: tests/integration/server/test_cli.py.
"""

from __future__ import annotations

import hashlib
import io
import json

import pytest

from server.cli import main
from server.cli_support import ImportProgress
from tests.support.pretix_samples import PRETIX_2026
from tests.support.server_cli import cli


def test_import_prints_what_it_imported(database_url, capsys):
    code, out, err = cli(capsys, database_url, "import", str(PRETIX_2026))

    assert code == 0, err
    assert "demo/fest" in out and "39 added" in out
    assert "Traceback" not in err


def test_key_create_names_stations_in_turn_and_defaults_to_localhost(fest, capsys):
    first = json.loads(cli(capsys, fest, "key", "create", "demo", "fest")[1])
    cli(capsys, fest, "key", "create", "demo", "fest", "--no-search", "--no-info")
    code, out, err = cli(capsys, fest, "key", "list", "demo", "fest")

    assert first["url"] == "https://localhost:8000/pretixdroid/api/demo/fest/"
    assert len(first["cert_sha256"]) == 64
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


def test_list_create_with_an_unknown_product_fails_and_creates_nothing(fest, capsys):
    code, out, err = cli(capsys, fest, "list", "create", "demo", "fest", "Merch", "--product", "2", "--product", "99")

    assert code == 1 and out == ""
    assert err.startswith("checkin-server: error: demo/fest has no product with id 99 (products: 1 Weekend Pass,")
    code, _, err = cli(capsys, fest, "key", "create", "demo", "fest", "--list", "Merch")
    assert code == 1 and "No check-in list 'Merch'" in err


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
