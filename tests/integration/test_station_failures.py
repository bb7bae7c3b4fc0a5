"""When things go wrong the station says what to do and keeps working: host gone, key revoked, no camera."""

from __future__ import annotations

from kiosk.station.screens import Screen
from tests.support.ui_support import WAIT_MS, journal_lines, video, wait_online


def test_stopped_host_turns_the_station_offline_and_it_still_admits_from_its_copy(qtbot, demo_host,
                                                                                  make_station):
    setup = demo_host.add_station("door-5")
    station = make_station("door-5", setup)
    wait_online(qtbot, station)
    assert not station.window.banner.isVisible()
    demo_host.stop()
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    view = station.window.result_view
    assert view.word.text() == "VALID" and "Checked offline" in view.note.text()
    qtbot.waitUntil(lambda: station.window.banner.isVisible(), timeout=WAIT_MS)
    banner = station.window.banner.text()
    assert "OFFLINE" in banner and "1 check-in waiting to upload" in banner
    station.redeem_by_hand("DEMO-UNKNOWN-0000")
    qtbot.waitUntil(lambda: view.word.text() == "UNKNOWN TICKET", timeout=WAIT_MS)
    assert "offline copy" in view.note.text()
    station.shutdown()
    assert [e["mode"] for e in journal_lines(station)] == ["offline", "offline"]


def test_revoked_key_is_refused_with_a_clear_message(qtbot, demo_host, make_station):
    setup = demo_host.add_station("door-6")
    station = make_station("door-6", setup)
    wait_online(qtbot, station)
    demo_host.revoke_key("door-6")
    station.redeem_by_hand("DEMO-VALID-0001")
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    view = station.window.result_view
    assert view.word.text() == "NOT CHECKED"
    assert "key is no longer valid" in view.note.text() and "Set it up again" in view.note.text()
    qtbot.waitUntil(lambda: "key is no longer valid" in station.window.banner.text(), timeout=WAIT_MS)
    assert station.window.banner.kind == "problem"


def test_missing_camera_says_unavailable_and_another_camera_can_be_chosen(qtbot, tmp_path, demo_host,
                                                                          make_station):
    setup = demo_host.add_station("door-7")
    station = make_station("door-7", setup, camera=str(tmp_path / "no-such-camera.avi"))
    scan = station.window.scan_view
    qtbot.waitUntil(lambda: "Camera unavailable" in scan.camera_state.text(), timeout=WAIT_MS)
    assert scan.change_camera.isVisible()
    station.staff.switch_camera(video(tmp_path, "spare", [(None, 0.3), ("DEMO-UNPAID-0001", 0.6), (None, 5)]))
    qtbot.waitUntil(lambda: station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    assert station.window.result_view.word.text() == "UNPAID"
    assert not scan.camera_state.isVisible() and not scan.change_camera.isVisible()
