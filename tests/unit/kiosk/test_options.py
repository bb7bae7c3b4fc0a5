"""The command line resolved into StationOptions: a setup code, --demo."""

from __future__ import annotations

import pytest

from kiosk.options import parse_command_line, resolve_options
from kiosk.settings import Settings

KEY = "Zy4xWv7uTs0rQp3oNm6lKj9iHg2fEd5c"
URL = "http://127.0.0.1:9/pretixdroid/api/demo/democon/"


def test_setup_code_fills_the_station_options(tmp_path):
    setup = f'{{"version": 3, "url": "{URL}", "key": "{KEY}", "allow_search": false, "show_info": true}}'
    parsed = parse_command_line(["--setup", setup, "--data-dir", str(tmp_path)])
    options = resolve_options(parsed, Settings.load(tmp_path), tmp_path)
    assert (options.server_url, options.key, options.host) == (URL, KEY, False)
    assert KEY not in repr(options) and KEY not in repr(parsed)


def test_demo_picks_a_free_port_and_the_simulated_camera(tmp_path):
    options = resolve_options(parse_command_line(["--demo"]), Settings.load(tmp_path), tmp_path)
    assert options.demo and options.host and options.port == 0 and options.camera == "demo"
    assert options.server_url is None


def test_a_host_asks_for_the_port_it_used_last_time_unless_the_command_line_names_one(tmp_path):
    fresh = Settings(tmp_path)
    host = resolve_options(parse_command_line(["--host"]), fresh, tmp_path)
    assert (host.port, host.port_given) == (8000, False)  # the host_port setting, the first time
    used = Settings(tmp_path, {"host_last_port": 43127})
    assert resolve_options(parse_command_line(["--host"]), used, tmp_path).port == 43127
    assert resolve_options(parse_command_line(["--demo"]), used, tmp_path).port == 43127  # a demo with a data dir
    given = resolve_options(parse_command_line(["--host", "--port", "9000"]), used, tmp_path)
    assert (given.port, given.port_given) == (9000, True)
    assert resolve_options(parse_command_line(["--demo", "--port", "0"]), used, tmp_path).port == 0


def test_a_setup_code_on_the_command_line_gives_the_station_its_name(tmp_path):
    from kiosk.options import save_command_line_settings

    setup = ('{"version":3,"url":"http://10.0.0.5:8000/pretixdroid/api/demo/democon/",'
             '"key":"Zq8R2mX4pLk9Vt7Bn3Hc6Wd1Fy5Gs0Ja","name":"Door 2"}')
    settings = Settings(tmp_path)
    assert save_command_line_settings(parse_command_line(["--setup", setup]), settings)
    assert Settings.load(tmp_path).station_name == "Door 2"


FINGERPRINT = "0f" * 32
HTTPS = "https://10.0.0.5:8000/pretixdroid/api/demo/democon/"


def test_cert_sha256_on_the_command_line_is_pinned_and_saved(tmp_path):
    from kiosk.options import save_command_line_settings

    parsed = parse_command_line(["--server", HTTPS, "--key", KEY, "--cert-sha256", FINGERPRINT.upper()])
    settings = Settings(tmp_path)
    assert save_command_line_settings(parsed, settings)
    saved = Settings.load(tmp_path)
    assert (saved.server_url, saved.cert_sha256) == (HTTPS, FINGERPRINT)
    assert resolve_options(parse_command_line([]), saved, tmp_path).cert_sha256 == FINGERPRINT


def test_a_setup_code_with_a_fingerprint_on_the_command_line_pins_it(tmp_path):
    setup = f'{{"version": 3, "url": "{HTTPS}", "key": "{KEY}", "cert_sha256": "{FINGERPRINT}"}}'
    options = resolve_options(parse_command_line(["--setup", setup]), Settings(tmp_path), tmp_path)
    assert options.cert_sha256 == FINGERPRINT


def test_a_new_server_without_fingerprint_drops_the_old_pin(tmp_path):
    from kiosk.options import save_command_line_settings

    settings = Settings(tmp_path, {"server_url": HTTPS, "cert_sha256": FINGERPRINT})
    assert save_command_line_settings(parse_command_line(["--server", URL, "--key", KEY]), settings)
    assert Settings.load(tmp_path).cert_sha256 == ""


@pytest.mark.parametrize(("argv", "says"), [
    (["--cert-sha256", FINGERPRINT], "--cert-sha256 needs --server"),
    (["--server", HTTPS, "--key", KEY, "--cert-sha256", "abc"], "64 hex digits"),
    (["--server", URL, "--key", KEY, "--cert-sha256", FINGERPRINT], "https://"),
])
def test_a_bad_cert_sha256_is_one_line_and_status_2(argv, says, capsys):
    with pytest.raises(SystemExit) as ended:
        parse_command_line(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_a_host_serves_https_unless_told_insecure_http_which_only_a_host_takes(tmp_path, capsys):
    import pytest

    assert resolve_options(parse_command_line(["--host"]), Settings(tmp_path), tmp_path).insecure_http is False
    options = resolve_options(parse_command_line(["--host", "--insecure-http"]), Settings(tmp_path), tmp_path)
    assert options.host and options.insecure_http
    with pytest.raises(SystemExit) as exited:
        parse_command_line(["--insecure-http"])
    assert exited.value.code == 2
    assert "--insecure-http only applies with --host or --demo" in capsys.readouterr().err
