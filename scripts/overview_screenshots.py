"""Screenshots of the event lead's overview: ``xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python
scripts/overview_screenshots.py`` (needs chromium + chromium-driver and selenium, as the tests do).

A real hosting station (demo event, 600 tickets) whose event runs from 2.5 hours ago; four more stations
send two and a half hours of scans over HTTP (a rising arrivals curve, refusals of each kind, a side door
that was offline and uploads its admissions and reports its refusals later, a door that went quiet).
Then the host panel's overview page (docs/screenshots/host-overview.png) and the web page in headless
Chromium at phone and laptop width (overview-phone.png, overview-laptop.png). ``--language de``: only the
host panel's page, in German (host-overview-de.png; the web page stays English).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import update  # noqa: E402

from kiosk.app import build_station  # noqa: E402
from kiosk.client.pinning import PinnedAdapter  # noqa: E402
from kiosk.i18n import available_languages  # noqa: E402
from kiosk.options import StationOptions  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.station.screens import Screen  # noqa: E402
from kiosk.ui.style import STYLE_SHEET, app_font  # noqa: E402
from scripts.screenshots import settle, wait_until  # noqa: E402
from server import admin  # noqa: E402
from server.overview.keys import create_overview_key  # noqa: E402
from server.schema import keys, station_contacts  # noqa: E402
from server.state import server_state  # noqa: E402
from tests.support.browser import chromium_driver  # noqa: E402

HOURS = 2.5


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def arrival_times(count: int, now: datetime, rng: random.Random) -> list[datetime]:
    """``count`` scan times over the last 2.5 hours, crowding towards the start of the programme."""
    times = []
    while len(times) < count:
        minutes = rng.uniform(0, HOURS * 60)
        if rng.random() < math.exp(-((minutes - 100) / 35) ** 2) + 0.08:  # a peak 50 minutes ago
            times.append(now - timedelta(minutes=HOURS * 60 - minutes))
    return sorted(times)


def traffic(service, own_key: str) -> None:
    """Scans of five stations over HTTP, as the stations would send them."""
    rng = random.Random(7)
    org, event = service.event
    base = f"{service.local_url}/pretixdroid/api/{org}/{event}/"
    now = datetime.now(UTC).replace(tzinfo=None)
    admin.set_event(service.engine, org, event, date_from=(now - timedelta(hours=HOURS)).isoformat() + "Z",
                    date_to=(now + timedelta(hours=1.5)).isoformat() + "Z")
    doors = {"Entrance 1 (host)": own_key}
    for name in ("Door 2", "Door 3", "Side door"):
        doors[name] = service.add_station(name)["key"]
    session = requests.Session()
    if service.cert_sha256:  # the host serves HTTPS with its own certificate: pin it, as stations do
        session.mount("https://", PinnedAdapter(service.cert_sha256))

    def redeem(door: str, secret: str, when: datetime, **form) -> str:
        answer = session.post(base + "redeem/", params={"key": doors[door]},
                              data={"secret": secret, "datetime": iso(when), "nonce": f"{door}-{secret}-{when}",
                                    **form}, timeout=10).json()
        return answer.get("reason") or answer["status"]

    download = session.get(base + "download/", params={"key": own_key}, timeout=30).json()["results"]
    tickets = [t["secret"] for t in download if not t["redeemed"] and t["item"] in ("Weekend Pass", "Day Ticket")]
    rng.shuffle(tickets)
    side = tickets[:14]  # the side door's, admitted while it was offline
    main = tickets[14:300]
    for secret, when in zip(main, arrival_times(len(main), now, rng), strict=True):
        door = rng.choices(["Entrance 1 (host)", "Door 2", "Door 3"], [4, 4, 2])[0]
        if door == "Door 3" and when > now - timedelta(minutes=4):
            door = "Door 2"  # Door 3 has gone quiet
        redeem(door, secret, when)
        roll = rng.random()
        if roll < 0.03:
            redeem(door, secret, when + timedelta(seconds=20))  # shown twice: already used
        elif roll < 0.05:
            redeem(door, f"FORGED-{rng.randrange(10**6):06d}", when + timedelta(seconds=5))
    redeem("Door 2", "DEMO-UNPAID-0001", now - timedelta(minutes=22))
    redeem("Door 2", "DEMO-USED-0001", now - timedelta(minutes=3))
    for minutes in (41, 17, 6):  # another event's tickets keep turning up at Door 3
        redeem("Door 3", f"OTHER-EVENT-{minutes:04d}", now - timedelta(minutes=minutes))
    offline_from = now - timedelta(minutes=70)
    for n, secret in enumerate(side):  # back online: the queued admissions, with their scan times
        redeem("Side door", secret, offline_from + timedelta(minutes=2 * n), force="true")
    redeem("Side door", main[3], offline_from + timedelta(minutes=29), force="true")  # admitted at two doors
    refusals = [{"secret": "FORGED-000123", "reason": "unknown_ticket", "datetime": iso(now - timedelta(minutes=50)),
                 "nonce": "side-r1"},
                {"secret": main[5], "reason": "already_redeemed", "datetime": iso(now - timedelta(minutes=47)),
                 "nonce": "side-r2"}]
    session.post(base + "refusals/", params={"key": doors["Side door"]}, data={"refusals": json.dumps(refusals)},
                 timeout=10).raise_for_status()
    session.close()
    server_state(service._server._app).recorder.flush()  # noqa: SLF001
    with service.engine.begin() as conn:  # Door 3's last request was 4 minutes ago
        door3 = conn.execute(keys.select().where(keys.c.name == "Door 3")).one().id
        conn.execute(update(station_contacts).where(station_contacts.c.key_id == door3)
                     .values(last_seen=now - timedelta(minutes=4, seconds=12)))


def host_panel(station, out: Path, suffix: str = "") -> None:
    """The host panel's overview page, with a phone link's code."""
    station.window.panel_requested.emit(Screen.HOST)
    wait_until(lambda: station.flow.screen is Screen.HOST, 20, "the host panel")
    view = station.window.host_view
    view.overview_button.click()
    panel = view.overview
    wait_until(lambda: panel.figures is not None and panel.figures["stations"], 20, "the overview's figures")
    panel.link_button.click()
    wait_until(panel.link_qr.isVisible, 20, "the overview link's code")
    settle(0.5)
    path = out / f"host-overview{suffix}.png"
    station.window.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def web_pages(service, out: Path) -> None:
    """The web page at phone and laptop width (the whole page)."""
    org, event = service.event
    address = f"{service.local_url}/overview/{org}/{event}/?key={create_overview_key(service.engine, org, event)}"
    for name, width in (("overview-phone", 390), ("overview-laptop", 1366)):
        # The host's certificate is self-signed: a phone warns once; the screenshot's browser is told to accept it.
        with chromium_driver(width, 900, extra_flags=("--ignore-certificate-errors",)) as driver:
            driver.get(address)
            wait_until(lambda d=driver: d.execute_script("return (window.overviewState || {}).updates >= 1"), 20,
                       "the page's figures")
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, height + 20)
            settle(0.6)  # redrawn for the new size
            path = out / f"{name}.png"
            driver.save_screenshot(str(path))
            print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language", default="en", choices=available_languages(),
                        help="the station's language; other than en, only host-overview-CODE.png")
    language = parser.parse_args().language
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET)
    app.setFont(app_font())
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        settings = Settings.load(data_dir)
        settings["station_name"] = "Entrance 1"
        station = build_station(StationOptions(host=True, demo=True, port=0, data_dir=data_dir, camera=None,
                                               language=language), settings)
        station.start()
        station.window.showNormal()
        station.window.resize(1280, 720)
        wait_until(lambda: station.flow.configured, 60, "the demo host")
        station.camera.stop()
        service = station.host.thread.worker.service
        service.load_demo(tickets=600)
        traffic(service, station.settings.key)
        host_panel(station, out, "" if language == "en" else f"-{language}")
        if language == "en":
            web_pages(service, out)
        station.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
