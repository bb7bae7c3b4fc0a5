"""``--language CODE`` and the ``language`` setting: saved like the other command-line settings, checked."""

from __future__ import annotations

import pytest

from kiosk.options import parse_command_line, resolve_options, save_command_line_settings
from kiosk.settings import Settings


def test_language_given_on_the_command_line_is_used_and_saved_for_the_next_start(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.language == "system"  # the default follows the system's locale
    parsed = parse_command_line(["--language", "de"])
    assert save_command_line_settings(parsed, settings)
    assert resolve_options(parsed, settings, tmp_path).language == "de"
    again = Settings.load(tmp_path)
    assert again.language == "de"
    assert resolve_options(parse_command_line([]), again, tmp_path).language == "de"  # no option: the saved one


def test_language_is_saved_together_with_a_setup(tmp_path):
    settings = Settings.load(tmp_path)
    parsed = parse_command_line(["--server", "http://host:8000/pretixdroid/api/o/e/", "--key", "k" * 32,
                                 "--language", "en"])
    save_command_line_settings(parsed, settings)
    saved = Settings.load(tmp_path)
    assert (saved.language, saved.server_url, saved.key) == ("en", "http://host:8000/pretixdroid/api/o/e/", "k" * 32)


def test_an_unknown_language_is_a_usage_error_that_names_the_choices(capsys):
    with pytest.raises(SystemExit) as exit_:
        parse_command_line(["--language", "xx"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--language must be one of system, en, de" in err and "'xx'" in err


def test_a_settings_file_with_an_unknown_language_falls_back_to_the_system_language(tmp_path):
    (tmp_path / "settings.toml").write_text('settings_version = 2\nlanguage = "klingon"\n', encoding="utf-8")
    settings = Settings.load(tmp_path)
    assert settings.language == "system" and any("language" in p for p in settings.problems)
