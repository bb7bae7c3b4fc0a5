"""Take the README's screenshots of the real station: ``xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py``.

Runs a demo host station (embedded server, demo event, simulated camera) at
1280x720 (or ``--size 1024x600``: then every file name ends in ``-1024x600``), waits for each screen to really appear, and saves window grabs to
docs/screenshots/. ``--language de`` takes them in German (file names end in ``-de``). Then a second, unconfigured station for the setup screen.
Nothing is mocked: the results come from scanning the demo camera's tickets, and
the status page's refused check-in is a ticket admitted while forced offline whose
order is canceled in the host database meanwhile.

``--pretix``: only the host panel's pretix section (``host-pretix.png``; with ``--language de``
``host-pretix-de.png``), connected to a real
pretix 2026.8.0 from the tests' cached harness (``scripts/setup.sh test`` prepares it): an event
with orders, a device made through pretix's API, its setup code pasted into the panel, one
ticket checked in and uploaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app import build_station  # noqa: E402
from kiosk.i18n import available_languages, plural, translate  # noqa: E402
from kiosk.options import StationOptions  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.station.presenting import outcome_kind  # noqa: E402
from kiosk.station.screens import Screen  # noqa: E402
from kiosk.ui.search_view import STATE_ROLE  # noqa: E402
from kiosk.ui.style import STYLE_SHEET, app_font  # noqa: E402
from server.db import default_database_url, open_database  # noqa: E402
from server.schema import orders, positions  # noqa: E402

SIZE = (1280, 720)
SUFFIX = ""  # "-1024x600" with --size 1024x600, "-de" with --language de
LANGUAGE = "en"


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Run the event loop until ``condition()`` holds (SystemExit naming ``what`` after ``timeout`` s)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    """Let timers (preview, blink) run for a moment."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def grab(station, out: Path, name: str) -> None:
    """Save the station window as ``out/name.png``."""
    path = out / f"{name}{SUFFIX}.png"
    station.window.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def window_size(station) -> None:
    """The screenshots' size: the station opens maximized, so first make it a plain window."""
    station.window.showNormal()
    station.window.resize(*SIZE)


def cancel_order_of(data_dir: Path, secret: str) -> None:
    """Cancel the ticket's order in the host database (as a re-import of a canceled order would)."""
    engine = open_database(default_database_url(data_dir))
    try:
        with engine.begin() as conn:
            order_id = conn.execute(positions.select().where(positions.c.secret == secret)).one().order_id
            conn.execute(orders.update().where(orders.c.id == order_id).values(status="c"))
    finally:
        engine.dispose()


def admit_offline(station, secret: str) -> None:
    """Force offline and check ``secret`` in by hand: admitted from the copy, queued for upload."""
    station.staff.choose_mode("offline")
    wait_until(lambda: station.gate_state is not None and station.gate_state.is_offline, 20, "offline mode")
    queued = station.gate_state.queued_count
    station.redeem_by_hand(secret)
    wait_until(lambda: station.gate_state.queued_count == queued + 1, 20, "the queued check-in")
    wait_until(lambda: station.flow.screen is not Screen.RESULT, 20, "the end of the result")


def host_station(out: Path, data_dir: Path) -> None:
    settings = Settings.load(data_dir)
    settings["station_name"] = "Entrance 1"
    settings["result_seconds"] = 2.5
    options = StationOptions(host=True, demo=True, port=0, data_dir=data_dir, camera=None, language=LANGUAGE)
    station = build_station(options, settings)
    station.start()
    window_size(station)
    # The demo camera shows VALID first, and a valid ticket is valid only once: watch from the start.
    wanted = {"valid": "result-valid", "already_used": "result-already-used", "unpaid": "result-unpaid",
              "unknown": "result-unknown", "attention": "result-attention"}
    while wanted:
        wait_until(lambda: station.flow.screen is Screen.RESULT, 60, "a result")
        result = station.flow.result
        kind = outcome_kind(result.outcome)
        if kind == "valid" and (result.outcome.data or {}).get("attention"):
            kind = "attention"
        if kind in wanted:
            settle(0.5 if kind == "attention" else 0.1)
            grab(station, out, wanted.pop(kind))
        wait_until(lambda shown=result: station.flow.screen is not Screen.RESULT or station.flow.result is not shown, 30,
                   "the next screen")
    # The scanning screen with a ticket outlined: between a result's end and the ticket leaving view.
    wait_until(lambda: station.flow.screen is Screen.SCANNING and station.window.scan_view.preview._outlines,  # noqa: SLF001
               60, "a code outline on the scanning screen")
    grab(station, out, "scanning")
    station.camera.stop()  # quiet from here on: staff screens
    station.staff.open_panel(Screen.SEARCH)
    station.window.search_view.query.setText("mueller")
    station.window.search_view.query.textEdited.emit("mueller")
    results = station.window.search_view.results
    wait_until(lambda: results.count() > 0, 20, "search results")
    grab(station, out, "search")
    # A guest at the camera while staff search: the result goes into a strip at the top of the panel.
    results.setCurrentRow(1)
    now = time.time()
    station.camera.code_scanned.emit("DEMO-USED-0001", now, now)  # as the (stopped) camera's decoder would
    strip = station.window.compact_result
    wait_until(strip.isVisible, 20, "the compact camera result")
    settle(0.1)
    grab(station, out, "search-scan")
    wait_until(lambda: not strip.isVisible(), 20, "the compact result to go")
    unused = [results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(results.count())
              if results.item(i).data(STATE_ROLE) == translate("Search", "NOT CHECKED IN")]
    station.staff.open_panel(None)
    admit_offline(station, unused[0])  # the guest is let in while the host is "down"...
    cancel_order_of(data_dir, unused[0])  # ...and the order is canceled on the host meanwhile
    station.staff.choose_mode("automatic")
    status = station.window.status_view
    wait_until(lambda: status.rejected.count() == 1 and not station.gate_state.is_offline
               and station.gate_state.queued_count == 0, 30, "the refused offline check-in")
    station.staff.open_panel(Screen.STATUS)
    wait_until(lambda: status.table.rowCount() > 0, 20, "the status")
    settle(0.2)
    grab(station, out, "status")
    status.acknowledge.click()
    wait_until(lambda: status.rejected.count() == 0, 20, "the acknowledgement")
    station.staff.open_panel(None)
    station.staff.open_panel(Screen.HOST)
    view = station.window.host_view
    view.station_name.setText("Entrance 2")
    view.add_button.click()
    wait_until(lambda: view.pages.currentIndex() == 1, 20, "the new station's setup code")
    settle(0.2)
    grab(station, out, "add-station")
    view.pages.setCurrentIndex(0)
    wait_until(lambda: view.keys.count() >= 2, 20, "the key list")
    grab(station, out, "host")
    station.staff.open_panel(None)
    admit_offline(station, unused[1])
    wait_until(lambda: station.gate_state.queued_count == 1 and station.window.banner.isVisible(), 20,
               "the OFFLINE banner")
    settle(0.2)
    grab(station, out, "offline")
    station.shutdown()


def setup_station(out: Path, data_dir: Path) -> None:
    options = StationOptions(data_dir=data_dir, camera="demo", language=LANGUAGE)
    station = build_station(options)
    station.start()
    window_size(station)
    wait_until(lambda: station.window.setup_view.preview.frames_shown > 5, 60, "the setup screen")
    grab(station, out, "setup")
    station.shutdown()


def pretix_station(out: Path, data_dir: Path) -> None:
    import json

    from tests.support import pretix as harness

    if not harness.available():
        raise SystemExit("screenshots: real pretix is not prepared: run scripts/setup.sh test first")
    server = harness.PretixServer(data_dir / "pretix")
    server.seed_organizer()
    server.start()
    try:
        harness.enable_plugins(server)
        conf = harness.seed_event(server, "conf", orders=12)
        device = harness.create_device(server, ["conf"], name="Entrance host")
        settings = Settings.load(data_dir / "station")
        settings["station_name"] = "Entrance 1"
        station = build_station(StationOptions(host=True, port=0, data_dir=data_dir / "station", camera=None,
                                               language=LANGUAGE), settings)
        station.start()
        station.camera.stop()  # staff screens only
        window_size(station)
        wait_until(lambda: station.host.pretix.active, 60, "the host server")
        station.staff.open_panel(Screen.HOST)
        section = station.window.host_view.pretix
        section.setup.setText(json.dumps({"handshake_version": 1, "url": server.url,
                                          "token": device["initialization_token"]}))
        section.connect_button.click()
        wait_until(lambda: ("demo", "conf") in section.boxes, 180, "the connection to pretix")
        box = section.boxes[("demo", "conf")]
        wait_until(lambda: "conf" in station.settings.server_url and station.flow.configured, 60, "the event served")
        station.staff.open_panel(None)
        station.redeem_by_hand(conf.orders[0]["positions"][0]["secret"])
        wait_until(lambda: station.flow.screen is Screen.RESULT, 30, "the check-in")
        station.staff.open_panel(Screen.HOST)
        box.sync_button.click()
        in_sync, none_waiting = translate("Pretix", "In sync with pretix"), plural(0).translate(
            "Pretix", "%n check-in(s) waiting", None, 1)
        wait_until(lambda: box.state.text() == in_sync and none_waiting in box.times.text()
                   and translate("Pretix", "never") not in box.times.text(), 60, "the upload to pretix")
        section.show_message("")
        settle(0.3)
        section.bring_into_view(box)
        settle(0.2)
        grab(station, out, "host-pretix")
        station.shutdown()
    finally:
        server.stop()


def window_size_arg(text: str) -> tuple[int, int]:
    """``1024x600`` -> (1024, 600)."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1024x600")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", type=window_size_arg, default=None,
                        help="window WIDTHxHEIGHT, e.g. 1024x600; the files are then named e.g. scanning-1024x600.png")
    parser.add_argument("--pretix", action="store_true",
                        help="only the host panel's pretix section, connected to a real pretix (host-pretix.png)")
    parser.add_argument("--language", default="en", choices=available_languages(),
                        help="the station's language; other than en, the files are named e.g. scanning-de.png")
    args = parser.parse_args()
    global SIZE, SUFFIX, LANGUAGE
    if args.size is not None:
        SIZE, SUFFIX = args.size, f"-{args.size[0]}x{args.size[1]}"
    LANGUAGE = args.language
    if LANGUAGE != "en":
        SUFFIX += f"-{LANGUAGE}"
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET)
    app.setFont(app_font())
    if args.pretix:
        with tempfile.TemporaryDirectory() as a:
            pretix_station(args.out, Path(a))
        return 0
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        host_station(args.out, Path(a))
        setup_station(args.out, Path(b))
    return 0


if __name__ == "__main__":
    sys.exit(main())
