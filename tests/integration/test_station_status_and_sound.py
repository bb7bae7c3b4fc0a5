"""What a steward sees of counts and sound: the offline note goes once the host answers again, and a
"sound off" mark on the scanning screen while results cannot be heard."""

from __future__ import annotations

from kiosk.offline.outcome import Answer
from kiosk.station.screens import Screen
from kiosk.ui.sounds import SILENT_NO_OUTPUT, SILENT_SETTINGS

STATUS = {"checkins": 4, "total": 12, "event": {"name": "DemoCon"},
          "items": [{"id": 1, "name": "Pass", "admission": True, "checkins": 3, "total": 10},
                    {"id": 2, "name": "Parking", "admission": False, "checkins": 1, "total": 2}]}


def test_back_online_the_status_no_longer_says_counts_from_the_offline_copy(qtbot, make_station):
    station = make_station("door")
    station.staff.open_panel(Screen.STATUS)
    view = station.window.status_view
    station.staff.show_status_answer(Answer(STATUS, "offline", "Counts from this station's offline copy."))
    assert view.source.isVisible() and view.overall.text() == "3 of 10 people checked in"
    assert "offline copy" not in view.updated.text()  # said once, on its own line
    station.staff.show_status_answer(Answer(STATUS, "online"))
    assert not view.source.isVisible()


def test_without_an_audio_output_the_scanning_screen_says_sound_off(qtbot, make_station):
    station = make_station("door", sound=True)  # offscreen: Qt finds no audio output
    mark = station.window.scan_view.sound_off
    assert not mark.isHidden() and SILENT_NO_OUTPUT in mark.text()


def test_with_sound_switched_off_in_settings_the_scanning_screen_says_so(qtbot, make_station):
    station = make_station("door", sound=False)
    mark = station.window.scan_view.sound_off
    assert not mark.isHidden() and SILENT_SETTINGS in mark.text()
    station.settings["sound"] = True  # staff switch sound on: now it is the missing output that silences it
    station.use_staff_settings()
    assert not mark.isHidden() and SILENT_NO_OUTPUT in mark.text()


def test_with_an_audio_output_there_is_no_sound_off_mark(qtbot, make_station):
    station = make_station("door", sound=True)
    station.sounds._effects = {"valid": object()}  # as if a device had been found and the sounds loaded
    station.sounds.changed.emit()
    assert station.window.scan_view.sound_off.isHidden()
