"""A station started with ``--language de`` (StationOptions.language): every screen speaks German and
nothing is cut off at 1280x720 (nor at 1024x600) — result screens of every outcome (attention too), the OFFLINE banner,
the staff panels, the settings with Qt's own German buttons, and the host panel.

Each check lists what is wrong: a text still in English (a source text the German catalog translates
otherwise) or a label/button whose text needs more room than it has (font metrics against its size).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from kiosk.client.errors import HostUnreachable
from kiosk.station.presenting import offline_banner, present
from kiosk.station.screens import Screen
from kiosk.ui.search_view import STATE_ROLE, badge_width
from tests.support.catalogs import TRANSLATIONS, read_catalog
from tests.support.clipping import clipped, english_left
from tests.support.ui_support import WAIT_MS, wait_online

SIZES = [(1280, 720), (1024, 600)]  # the size, and the smallest common kiosk screen
GERMAN = {source: m.translations[0] for (_, source), m in read_catalog(TRANSLATIONS / "checkin_kiosk_de.ts").items()
          if not m.plural}


@pytest.fixture
def german():
    """The stations below speak German; English again afterwards (the translator is process-wide)."""
    yield
    from kiosk.ui.language import use_language

    use_language("en")


def looks_right(window) -> None:
    assert not english_left(window, GERMAN), f"still English: {english_left(window, GERMAN)}"
    assert not clipped(window), "cut off:\n" + "\n".join(clipped(window))


def scan(qtbot, station, secret: str) -> None:
    shown = []
    station.result_shown.connect(shown.append)
    now = time.time()
    station.code_read(secret, now, now)
    qtbot.waitUntil(lambda: bool(shown) and station.flow.screen is Screen.RESULT, timeout=WAIT_MS)
    station.result_shown.disconnect(shown.append)
    qtbot.wait(50)  # the fonts follow the label's final size


RESULTS = [("DEMO-VALID-0001", "GÜLTIG"), ("DEMO-VALID-0001", "BEREITS EINGELÖST"), ("DEMO-UNPAID-0001", "NICHT BEZAHLT"),
           ("DEMO-UNKNOWN-0000", "UNBEKANNTES TICKET"), ("DEMO-ATTENTION-0001", "GÜLTIG")]


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_every_result_screen_speaks_german_and_fits(qtbot, size, demo_host, make_station, german):
    station = make_station("eingang-1", demo_host.add_station("Eingang 1"), language="de", size=size, result_seconds=60)
    wait_online(qtbot, station)
    view = station.window.result_view
    for secret, word in RESULTS:
        scan(qtbot, station, secret)
        assert view.word.text() == word
        assert view.countdown.text().startswith("Zurück zum Scannen in ") and "Leertaste: weiter" in view.countdown.text()
        if secret != "DEMO-UNKNOWN-0000":
            assert view.order.text().startswith("Bestellung ")
        looks_right(station.window)
    assert view.attention.isVisible() and view.attention.text() == "⚠  ACHTUNG: besonderes Ticket, siehe Hinweis  ⚠"
    scan(qtbot, station, "DEMO-USED-0001")
    assert view.word.text() == "BEREITS EINGELÖST" and view.first_used.text().startswith("Zuerst eingelöst um ")
    looks_right(station.window)
    # The outcomes the demo event cannot produce, on the same screen.
    data = {"attendee_name": "Maximiliane Schmidt-Wittgenstein", "item": "Wochenendticket", "variation": "Ermäßigt",
            "order": "Q7X2M", "addons_text": "Parkplatz", "attention": False}
    others = [(SimpleNamespace(status="error", reason="product", data=data, mode="online", message=""),
               "TICKETART NICHT ERLAUBT", ""),
              (SimpleNamespace(status="error", reason="host_error", data=None, mode="online",
                               message=HostUnreachable.operator_message), "NICHT GEPRÜFT", "Die Host-Station antwortet nicht"),
              (SimpleNamespace(status="error", reason="unusable_setup_code", data=None, mode=None,
                               message="Nothing was changed. This setup code has no station key."),
               "EINRICHTUNGSCODE UNBRAUCHBAR", "")]
    for outcome, word, note in others:
        view.show_result(present(outcome))
        qtbot.wait(20)
        assert view.word.text() == word and view.note.text().startswith(note)
        looks_right(station.window)


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_offline_banner_speaks_german_with_plural_forms_and_fits(qtbot, size, demo_host, make_station, german):
    station = make_station("eingang-2", demo_host.add_station("Eingang 2"), language="de", size=size)
    wait_online(qtbot, station)
    station.staff.choose_mode("offline")
    banner = station.window.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.text().startswith("OFFLINE"), timeout=WAIT_MS)
    assert banner.text().startswith("OFFLINE (vom Personal erzwungen) · Offline-Kopie ")
    assert "0 Check-ins warten auf Übertragung" in banner.text()
    looks_right(station.window)
    assert "· 1 Check-in wartet auf Übertragung" in offline_banner(True, 90.0, 1)
    assert "· 37 Check-ins warten auf Übertragung" in offline_banner(True, 7200.0, 37, "automatic")
    assert "Offline-Kopie 2 Std. 0 Min. alt" in offline_banner(True, 7200.0, 37, "automatic")


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_staff_panels_and_settings_speak_german_and_fit(qtbot, size, demo_host, make_station, german):
    station = make_station("eingang-3", demo_host.add_station("Eingang 3"), language="de", size=size)
    wait_online(qtbot, station)
    window = station.window
    looks_right(window)  # the scanning screen and the staff bar
    assert window.scan_view.prompt.text() == "Halten Sie den QR-Code Ihres Tickets vor die Kamera"
    assert window.search_action.iconText() == "Suche F3"
    station.staff.open_panel(Screen.SEARCH)
    search = window.search_view
    search.query.setText("mueller")
    search.query.textEdited.emit("mueller")
    qtbot.waitUntil(lambda: search.results.count() > 0, timeout=WAIT_MS)
    assert search.message.text().endswith("gefunden")
    bold = QFont(search.results.font())
    bold.setBold(True)
    states = {search.results.item(i).data(STATE_ROLE) for i in range(search.results.count())}
    assert "NICHT EINGECHECKT" in states  # painted in a badge: the badge is as wide as its longest word
    assert all(QFontMetrics(bold).horizontalAdvance(s) < badge_width(search.results.font()) for s in states)
    assert {search.results.item(i).text().split(":")[0] for i in range(search.results.count())} <= {
        "NICHT EINGECHECKT", "EINGECHECKT", "NICHT BEZAHLT"}
    looks_right(window)
    search.ask_confirmation()  # "Check in this ticket?"
    qtbot.waitUntil(lambda: search.dialog is not None and search.dialog.isVisible(), timeout=WAIT_MS)
    assert search.dialog.question.text().startswith("Dieses Ticket einchecken?")
    assert search.dialog.ok.text() == "Einchecken"
    looks_right(search.dialog)
    search.dialog.reject()
    station.staff.open_panel(None)
    station.staff.open_panel(Screen.STATUS)
    status = window.status_view
    qtbot.waitUntil(lambda: status.table.rowCount() > 0, timeout=WAIT_MS)
    assert "Personen eingecheckt" in status.overall.text() and status.updated.text().startswith("Stand ")
    looks_right(window)
    station.staff.open_panel(None)
    station.staff.edit_settings()
    dialog = station.staff.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.windowTitle() == "Stationseinstellungen"
    buttons = {b.text().replace("&", "") for b in dialog.findChildren(type(dialog.set_up_again_button))}
    assert {"Speichern", "Abbrechen"} <= buttons  # Qt's own buttons, from its German catalog (qtbase_de)
    languages = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert languages == ["Systemsprache", "English (en)", "Deutsch (de)"]  # the setting here: system
    looks_right(dialog)
    dialog.reject()
    station.staff.toggle_fullscreen()  # no PIN yet: staff are asked to set one
    pin = station.staff.dialog
    qtbot.waitUntil(pin.isVisible, timeout=WAIT_MS)
    assert pin.windowTitle() == "Personal-PIN festlegen" and pin.ok.text() == "PIN festlegen und Vollbild"
    looks_right(pin)
    pin.reject()


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_host_panel_speaks_german_and_fits(qtbot, size, make_station, german):
    station = make_station("host", None, host=True, demo=True, language="de", size=size)
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    station.staff.open_panel(Screen.HOST)
    view = station.window.host_view
    qtbot.waitUntil(lambda: view.keys.count() >= 1 and "DemoCon" in view.event_label.text(), timeout=WAIT_MS)
    assert view.add_button.text() == "Station hinzufügen"
    looks_right(station.window)
    view.station_name.setText("Eingang Nord")
    view.add_button.click()
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=WAIT_MS)
    assert view.station_title.text() == "Einrichtungscode für „Eingang Nord“"
    looks_right(station.window)
