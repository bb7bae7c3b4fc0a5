"""The command line resolved into StationOptions: a setup code, --demo."""

from __future__ import annotations

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
