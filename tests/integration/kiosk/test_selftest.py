"""``checkin-kiosk --self-test``: a checklist that passes on a working demo and names what is broken."""

from __future__ import annotations

import subprocess
import sys

KEY = "Qw3eRt6yUi9oPa2sDf5gHj8kLz1xCv4b"


def self_test(*args: str) -> subprocess.CompletedProcess:
    language = () if "--language" in args else ("--language", "en")  # English whatever this machine's locale
    return subprocess.run([sys.executable, "-m", "kiosk", "--self-test", *args, *language], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def checklist(result: subprocess.CompletedProcess) -> dict[str, str]:
    lines = [line for line in result.stdout.splitlines() if line.startswith(("[ OK ]", "[FAIL]"))]
    return {line[7:].split(":", 1)[0]: line[:6] for line in lines}


def test_self_test_passes_for_the_demo_without_a_display(tmp_path):
    result = self_test("--demo", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert checklist(result) == dict.fromkeys(("settings", "camera", "decoder", "host", "assets", "qt"), "[ OK ]")
    assert "opened demo camera" in result.stdout and "platform offscreen" in result.stdout
    assert result.stdout.rstrip().endswith("Self-test passed")


def test_a_missing_camera_file_fails_the_camera_check_and_the_others_still_run(tmp_path):
    result = self_test("--demo", "--data-dir", str(tmp_path), "--camera", str(tmp_path / "missing.avi"))
    assert result.returncode == 1
    checks = checklist(result)
    assert checks["camera"] == "[FAIL]" and checks["decoder"] == "[ OK ]" and checks["host"] == "[ OK ]"
    assert f"[FAIL] camera: There is no camera, video file or folder called '{tmp_path / 'missing.avi'}'" in result.stdout
    assert "Self-test FAILED: 1 of 6 checks" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unreachable_server_fails_the_host_check_without_showing_the_key(tmp_path):
    result = self_test("--data-dir", str(tmp_path), "--camera", "demo",
                       "--server", "http://127.0.0.1:9/pretixdroid/api/demo/democon/", "--key", KEY)  # fmt: skip
    assert result.returncode == 1
    assert "[FAIL] host: The host does not answer" in result.stdout
    assert checklist(result)["camera"] == "[ OK ]"
    assert KEY not in result.stdout + result.stderr
    assert KEY not in (tmp_path / "logs" / "checkin-kiosk.log").read_text()


def test_a_station_that_was_never_set_up_fails_the_host_check(tmp_path):
    result = self_test("--data-dir", str(tmp_path), "--camera", "demo")
    assert result.returncode == 1
    assert "[FAIL] host: this station is not set up" in result.stdout


def test_a_corrupt_settings_file_fails_the_settings_check_once(tmp_path):
    (tmp_path / "settings.toml").write_text("sound = [[[")
    first = self_test("--demo", "--data-dir", str(tmp_path))
    assert first.returncode == 1 and checklist(first)["settings"] == "[FAIL]"
    assert "not valid TOML" in first.stdout
    second = self_test("--demo", "--data-dir", str(tmp_path))  # backed up and replaced by defaults
    assert second.returncode == 0, second.stdout


def test_the_checklist_speaks_the_stations_language_and_the_log_stays_english(tmp_path):
    result = self_test("--demo", "--data-dir", str(tmp_path), "--language", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    assert checklist(result) == dict.fromkeys(("Einstellungen", "Kamera", "Decoder", "Host", "Dateien", "Qt"), "[ OK ]")
    assert "hat das Testbild in" in result.stdout and "Plattform offscreen" in result.stdout
    assert result.stdout.rstrip().endswith("Selbsttest bestanden")
    log = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*.log"))
    assert "self-test [ OK ] camera: opened demo camera" in log and "Kamera" not in log
