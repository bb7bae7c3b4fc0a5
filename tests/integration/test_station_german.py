"""A station started with ``--language de`` (StationOptions.language): every screen speaks German and
nothing is cut off at 1280x720 (nor at 1024x600) — result screens of every outcome (attention, pretix's BLOCKED and
NOT VALID NOW, a pretix device code too), the OFFLINE banner, the staff panels, the settings with Qt's own German
buttons, and the host panel with its pretix section and its event overview page.

Each check lists what is wrong: a text still in English (a source text the German catalog translates
otherwise) or a label/button whose text needs more room than it has (font metrics against its size).
"""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from kiosk.client.errors import HostUnreachable
from kiosk.hosting.pretix import ConnectAnswer, ConnectRequest
from kiosk.offline.rules import offline_text
from kiosk.station.presenting import offline_banner, present
from kiosk.station.pretix_lines import connection_lines
from kiosk.station.screens import Screen
from kiosk.ui.search_view import STATE_ROLE, badge_width
from tests.support.catalogs import TRANSLATIONS, read_catalog
from tests.support.clipping import clipped, english_left
from tests.support.factories import Pretixdroid
from tests.support.ui_support import WAIT_MS, wait_online

SIZES = [(1280, 720), (1024, 600)]  # the size, and the smallest common kiosk screen
DEVICE_CODE = json.dumps({"handshake_version": 1, "url": "https://pretix.example.org", "token": "kpp4jn8g2ynzonp6"})
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
               "EINRICHTUNGSCODE UNBRAUCHBAR", ""),
              # pretix's refusals (a host synced with pretix), online and decided from the offline copy
              (SimpleNamespace(status="error", reason="blocked", data=data, mode="online", message=""),
               "GESPERRT", "Dieses Ticket wurde gesperrt: Schicken Sie den Gast zur Kasse."),
              (SimpleNamespace(status="error", reason="invalid_time", data=data, mode="online", message=""),
               "AKTUELL NICHT GÜLTIG", "Dieses Ticket ist aktuell nicht gültig: Prüfen Sie Datum und Uhrzeit"),
              (SimpleNamespace(status="error", reason="blocked", data=data, mode="offline",
                               message=offline_text("blocked", 90.0, True)),
               "GESPERRT", "Dieses Ticket wurde gesperrt: Schicken Sie den Gast zur Kasse. Offline geprüft"),
              (SimpleNamespace(status="error", reason="invalid_time", data=data, mode="offline",
                               message=offline_text("invalid_time", 90.0, True)),
               "AKTUELL NICHT GÜLTIG", "Dieses Ticket ist aktuell nicht gültig")]
    for outcome, word, note in others:
        view.show_result(present(outcome))
        qtbot.wait(20)
        assert view.word.text() == word and view.note.text().startswith(note), view.note.text()
        assert view.note.text().count("gesperrt") <= 1 and view.note.text().count("aktuell nicht") <= 1  # said once
        looks_right(station.window)
    # A pretix device code held to a station that is not the host: where to scan it (the real scan path).
    now = time.time()
    station.code_read(DEVICE_CODE, now, now)
    qtbot.waitUntil(lambda: view.word.text() == "PRETIX-GERÄTECODE", timeout=WAIT_MS)
    assert view.note.text().startswith("Das ist ein pretix-Gerätecode: Scannen Sie ihn an der Host-Station")
    qtbot.wait(50)
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


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_host_panels_pretix_section_speaks_german_and_fits(qtbot, size, make_station, german):
    station = make_station("host", None, host=True, demo=True, language="de", size=size)
    qtbot.waitUntil(lambda: station.flow.configured and station.host.pretix.active, timeout=WAIT_MS)
    station.staff.open_panel(Screen.HOST)
    view = station.window.host_view
    section = view.pretix
    qtbot.waitUntil(lambda: view.keys.count() >= 1 and section.none_yet.isVisible(), timeout=WAIT_MS)
    assert section.none_yet.text() == "Noch ist keine Veranstaltung mit pretix verbunden."
    assert any("Veranstalter → Geräte → Neues Gerät verbinden" in label.text()  # pretix's own menu names
               for label in section.findChildren(type(section.none_yet)))
    assert section.connect_button.text() == "Verbinden" and section.token.placeholderText() == "Geräte-Token"
    section.bring_into_view(section.connect_button)
    qtbot.wait(50)
    looks_right(station.window)
    for field in (section.setup, section.token):  # a placeholder is not a label: measured here
        assert QFontMetrics(field.font()).horizontalAdvance(field.placeholderText()) <= field.width() - 16, \
            field.placeholderText()
    # A device code scanned at the host (panel open): the offer, in German.
    now = time.time()
    station.code_read(DEVICE_CODE, now, now)
    qtbot.waitUntil(section.offer.isVisible, timeout=WAIT_MS)
    assert section.offer_text.text() == ("pretix-Gerätecode gescannt. Diese Host-Station mit pretix unter "
                                         "https://pretix.example.org verbinden?")
    qtbot.wait(50)
    looks_right(station.window)
    section.clear_offer()
    # pretix lists the dates of a series: staff choose one.
    request = ConnectRequest("https://pretix.example.org", "kpp4jn8g2ynzonp6")
    section.show_answer(ConnectAnswer(request, kind="subevent", options=[("1", "Sa 6. Juni 2026, 19:00")],
                                      error="choose"))
    assert section.choice_text.text() == ("Diese Veranstaltung ist eine Veranstaltungsreihe. Wählen Sie den Termin, "
                                          "der verbunden werden soll:")
    assert section.choose_button.text() == "Damit verbinden"
    qtbot.wait(50)
    looks_right(station.window)
    section.show_answer(ConnectAnswer(request, error="pretix did not answer"))
    assert section.message.text() == "Nicht verbunden: pretix did not answer"  # pretix's own words stay as they are
    # A connection whose pretix is unreachable, with check-ins waiting and one rejected (the status read is
    # stopped first, so the worker's real, empty answer does not replace these lines).
    station.host.pretix.thread.worker.statuses_read.disconnect(section.show_connections)
    status = dict(organizer="democon", event="2026", pretix_url="https://pretix.example.org",
                  device_name="Einlass Host", last_pull=None, last_push=None, outbox=37, rejected=1, error="timeout",
                  paused=False, unreachable_since="2026-05-01T12:02:00Z", revoked=False,
                  mappings=["Check-in-Liste „Einlass“ → Liste 1"], unsupported=["Regeln (rules)"],
                  rejected_checkins=[{"time": "2026-05-01T11:58:00Z", "secret": "k24fhn…", "attendee": "Ada L.",
                                      "reason": "invalid"}])
    section.show_connections([connection_lines(status)])
    box = section.boxes[("democon", "2026")]
    assert box.state.text().startswith("pretix nicht erreichbar seit ") and box.state.text().endswith(
        "37 Check-ins warten")
    assert box.times.text() == "Zuletzt abgerufen nie · zuletzt übertragen nie · 37 Check-ins warten · 1 abgelehnt"
    assert box.rejected.text().startswith("Von pretix abgelehnt (kein neuer Versuch):\n")
    assert box.rejected.text().endswith("pretix unbekannt") and box.sync_button.text() == "Jetzt synchronisieren"
    section.bring_into_view(box)
    qtbot.wait(50)
    looks_right(station.window)
    station.staff.open_panel(None)
    station.staff.edit_settings()  # a host's settings: how often it syncs with pretix
    dialog = station.staff.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert "Mit pretix synchronisieren alle" in [label.text() for label in dialog.findChildren(type(section.none_yet))]
    looks_right(dialog)
    dialog.reject()


@pytest.mark.parametrize("size", SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
def test_host_panels_event_overview_speaks_german_and_fits(qtbot, size, make_station, german):
    from server.state import server_state

    station = make_station("host", None, host=True, demo=True, language="de", size=size)
    qtbot.waitUntil(lambda: station.flow.configured, timeout=WAIT_MS)
    service = station.host.thread.worker.service
    door = Pretixdroid(service.url, *service.event, service.add_station("Eingang Nord")["key"],
                       cert_sha256=service.cert_sha256)
    assert door.redeem("DEMO-VALID-0001", nonce="a").json()["status"] == "ok"
    assert door.redeem("DEMO-UNKNOWN-0000", nonce="b").json()["reason"] == "unknown_ticket"
    assert door.redeem("DEMO-VALID-0001", nonce="c").json()["reason"] == "already_redeemed"
    assert door.redeem("DEMO-UNPAID-0001", nonce="d").json()["reason"] == "unpaid"
    door.close()
    server_state(service._server._app).recorder.flush()
    station.staff.open_panel(Screen.HOST)
    view = station.window.host_view
    assert view.overview_button.text() == "Veranstaltungsübersicht"
    view.overview_button.click()
    panel = view.overview
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures["totals"]["admitted"] >= 1, timeout=WAIT_MS)
    assert " eingecheckt, " in panel.summary.text() and " in den letzten 15 Min." in panel.summary.text()
    headers = [panel.stations.horizontalHeaderItem(c).text() for c in range(panel.stations.columnCount())]
    assert headers == ["Station", "Kontakt", "15 Min.", "Einlässe", "Abgewiesen", "Uploads", "Letztes Problem",
                       "Adresse"]
    rows = {panel.stations.item(r, 0).text(): [panel.stations.item(r, c).text() for c in range(1, 7)]
            for r in range(panel.stations.rowCount())}
    assert rows["Eingang Nord"][0].startswith("vor ")
    assert sorted(rows["Eingang Nord"][3].split(", ")) == ["1 eingelöst", "1 unbekannt", "1 unbezahlt"]
    assert rows["Eingang Nord"][5].endswith("nicht bezahlt DEMO-U…, Bestellung T9LXC")  # the host's parts, in German
    problems = [panel.problems.item(i).text()[7:] for i in range(panel.problems.count())]
    assert "Eingang Nord: unbekanntes Ticket DEMO-U…" in problems
    panel.link_button.click()
    qtbot.waitUntil(lambda: panel.link_qr.isVisible(), timeout=WAIT_MS)
    assert panel.link_text.text().startswith("Mit der Kamera des Smartphones scannen oder öffnen:\n")
    qtbot.wait(50)
    looks_right(station.window)
    # Nothing in a table cell is cut: every column is as wide as its widest German text (the problem column stretches,
    # eliding as in English), and at 1280 px every column is in view with room for the last problem.
    header = panel.stations.horizontalHeader()
    if size == (1280, 720):
        assert not panel.stations.horizontalScrollBar().isVisible() and header.sectionSize(6) >= 150
    metrics = panel.stations.fontMetrics()
    for column in range(panel.stations.columnCount() - 1):
        if column == 6:
            continue
        texts = [panel.stations.item(r, column).text() for r in range(panel.stations.rowCount())]
        assert all(metrics.horizontalAdvance(t) <= header.sectionSize(column) for t in texts), (column, texts)
        assert header.sectionSizeFromContents(column).width() <= header.sectionSize(column) + 1, headers[column]
