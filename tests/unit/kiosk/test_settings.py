"""Station settings: declared defaults, TOML round trip, migrations, the owner-only key file."""

from __future__ import annotations

import logging
import stat
import tomllib

import pytest

from kiosk.client import PretixdroidClient
from kiosk.offline import MODES, GateSettings
from kiosk.settings import OPTIONS, OPTIONS_BY_NAME, SETTINGS_VERSION, Settings, SettingsError

KEY = "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"


def test_a_fresh_data_dir_gives_every_declared_default(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.result_seconds == 3.0
    assert settings.privacy is False
    assert settings.sound is True
    assert settings.offline_mode == "automatic"
    assert settings.refresh_interval == 30
    assert settings.decoder == "zxing"
    assert settings.station_name  # the host name
    assert settings.key is None
    assert settings.problems == []
    assert set(settings.as_dict()) == {option.name for option in OPTIONS}


def test_saved_settings_and_key_come_back_after_a_restart(tmp_path):
    settings = Settings.load(tmp_path)
    settings["server_url"] = "http://10.0.0.2:8000/pretixdroid/api/demo/democon/"
    settings.result_seconds = 4.5
    settings["privacy"] = True
    settings["offline_mode"] = "offline"
    settings.set_key(KEY)
    settings.save()
    again = Settings.load(tmp_path)
    assert again.server_url == "http://10.0.0.2:8000/pretixdroid/api/demo/democon/"
    assert again.result_seconds == 4.5
    assert again.privacy is True
    assert again.offline_mode == "offline"
    assert again.key == KEY
    assert tomllib.loads((tmp_path / "settings.toml").read_text())["settings_version"] == SETTINGS_VERSION


def test_key_file_is_owner_only_and_the_key_is_nowhere_else(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    settings = Settings.load(tmp_path)
    settings.set_key(KEY)
    settings.save()
    mode = stat.S_IMODE((tmp_path / "key").stat().st_mode)
    assert mode == 0o600
    assert KEY not in (tmp_path / "settings.toml").read_text()
    assert KEY not in repr(settings) and KEY not in str(settings)
    assert KEY not in repr(Settings.load(tmp_path))
    assert KEY not in caplog.text


def test_a_world_readable_key_file_is_made_owner_only_on_load(tmp_path):
    (tmp_path / "key").write_text(KEY + "\n")
    (tmp_path / "key").chmod(0o644)
    settings = Settings.load(tmp_path)
    assert settings.key == KEY
    assert stat.S_IMODE((tmp_path / "key").stat().st_mode) == 0o600
    assert any("owner-only" in problem for problem in settings.problems)


def test_a_version_1_file_is_migrated(tmp_path):
    (tmp_path / "settings.toml").write_text(
        'settings_version = 1\ncamera_index = 2\nhide_names = true\noffline = true\nsound = false\n'
    )
    settings = Settings.load(tmp_path)
    assert settings.camera == "2"
    assert settings.privacy is True
    assert settings.offline_mode == "offline"
    assert settings.sound is False
    settings.save()
    written = tomllib.loads((tmp_path / "settings.toml").read_text())
    assert written["settings_version"] == SETTINGS_VERSION
    assert "camera_index" not in written and "hide_names" not in written


def test_a_corrupt_file_is_backed_up_and_defaults_are_used(tmp_path, caplog):
    (tmp_path / "settings.toml").write_text("result_seconds = = 3\n[[[")
    with caplog.at_level(logging.WARNING):
        settings = Settings.load(tmp_path)
    assert settings.result_seconds == 3.0
    backups = list(tmp_path.glob("settings.toml.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text().startswith("result_seconds = = 3")
    assert not (tmp_path / "settings.toml").exists()
    assert "not valid TOML" in settings.problems[0] and "not valid TOML" in caplog.text


def test_one_bad_value_in_the_file_falls_back_to_its_default_only(tmp_path):
    (tmp_path / "settings.toml").write_text(
        f'settings_version = {SETTINGS_VERSION}\nresult_seconds = "long"\nprivacy = true\n'
    )
    settings = Settings.load(tmp_path)
    assert settings.result_seconds == 3.0
    assert settings.privacy is True
    assert "result_seconds" in settings.problems[0]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("result_seconds", -1.0),
        ("decoder", "tesseract"),
        ("offline_mode", "sometimes"),
        ("sound", "yes"),
        ("refresh_interval", True),
        ("server_url", "ftp://host/"),
        ("event", "no-slash"),
        ("staff_pin", "1234"),
    ],
)
def test_setting_a_bad_value_raises_and_changes_nothing(tmp_path, name, value):
    settings = Settings.load(tmp_path)
    before = settings.as_dict()
    with pytest.raises(SettingsError, match=name):
        settings[name] = value
    assert settings.as_dict() == before


def test_a_bad_key_is_refused(tmp_path):
    settings = Settings.load(tmp_path)
    with pytest.raises(SettingsError):
        settings.set_key("has space")
    assert settings.key is None


def test_staff_pin_is_stored_hashed_and_checked(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.check_staff_pin("anything")  # no PIN set
    settings.set_staff_pin("4711")
    settings.save()
    assert "4711" not in (tmp_path / "settings.toml").read_text()
    again = Settings.load(tmp_path)
    assert again.check_staff_pin("4711")
    assert not again.check_staff_pin("4712")
    with pytest.raises(SettingsError):
        again.set_staff_pin("12")


def test_settings_from_a_newer_version_are_kept_when_saving(tmp_path):
    (tmp_path / "settings.toml").write_text(f"settings_version = {SETTINGS_VERSION + 1}\nfuture_thing = 7\n")
    settings = Settings.load(tmp_path)
    settings.save()
    assert tomllib.loads((tmp_path / "settings.toml").read_text())["future_thing"] == 7


def test_the_offline_machinery_runs_with_the_stations_offline_settings(tmp_path):
    settings = Settings(tmp_path, {"offline_mode": "online", "connect_timeout": 0.7, "read_timeout": 9.0,
                                   "refresh_interval": 60, "probe_interval": 11})  # fmt: skip
    gate = GateSettings.from_settings(settings, refresh_batch=10)
    assert (gate.mode, gate.connect_timeout, gate.read_timeout) == ("online", 0.7, 9.0)
    assert (gate.refresh_interval, gate.probe_interval, gate.refresh_batch) == (60, 11, 10)
    assert gate.upload_batch == GateSettings().upload_batch  # an internal tunable keeps its default


def test_each_offline_setting_has_one_default_the_stations(tmp_path):
    assert GateSettings() == GateSettings.from_settings(Settings(tmp_path))
    assert GateSettings().probe_interval == OPTIONS_BY_NAME["probe_interval"].default == 5
    assert MODES == OPTIONS_BY_NAME["offline_mode"].choices
    client = PretixdroidClient("http://127.0.0.1:1/", KEY)
    assert client.timeout == (GateSettings().connect_timeout, GateSettings().read_timeout)
    client.close()
