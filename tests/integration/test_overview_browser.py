"""The overview page in a real browser (headless Chromium): it loads, shows the figures, draws its chart, follows
new scans without a reload, and leaves nothing in the console."""

from __future__ import annotations

import pytest

from server.overview.keys import create_overview_key
from server.serving import BackgroundServer
from tests.support.browser import chromium_driver, console_errors
from tests.support.factories import EventSeed, Pretixdroid

pytestmark = pytest.mark.slow

# The page asks for new figures every 5 s; a few rounds at most.
UPDATE_WAIT = 20


@pytest.fixture
def served(make_database):
    """A host on a fresh SQLite database with acme/conf: three tickets, one station, one overview key."""
    from server.db import open_database

    url, drop = make_database("sqlite")
    engine = open_database(url)
    seed = EventSeed(engine)
    for secret in ("T-1", "T-2", "T-3"):
        seed.ticket(secret)
    server = BackgroundServer(url).start()
    station = Pretixdroid(server.url, "acme", "conf", seed.key(name="Door 1"))
    lead = create_overview_key(engine, "acme", "conf", name="lead")
    yield server, station, f"{server.url}/overview/acme/conf/?key={lead}"
    station.close()
    server.stop()
    engine.dispose()
    drop()


def wait_for(driver, script: str, timeout: float = UPDATE_WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script))


CANVAS_INK = """
const c = document.getElementById('chart');
const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
let ink = 0;
for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
return ink;
"""


def test_overview_page_shows_the_figures_draws_the_chart_and_follows_a_new_scan(served):
    server, station, address = served
    assert station.redeem("T-1", nonce="a").json()["status"] == "ok"
    assert station.redeem("NOT-A-TICKET", nonce="b").json()["reason"] == "unknown_ticket"
    with chromium_driver(1280, 900) as driver:
        driver.get(address)
        wait_for(driver, "return window.overviewState && window.overviewState.updates >= 1")
        text = lambda css: driver.find_element("css selector", css).text  # noqa: E731
        assert (text("#admitted"), text("#to-come"), text("#refused")) == ("1 / 3", "2", "1")
        assert text("#stations tbody tr td").startswith("Door 1")
        assert "Door 1: unknown ticket NOT-A-…" in text("#problems")
        assert driver.execute_script("return document.getElementById('chart').dataset.bars") == "1"
        assert driver.execute_script(CANVAS_INK) > 500  # axes, the bar, the expected and admitted lines

        driver.execute_script("window.sameDocument = true")
        assert station.redeem("T-2", nonce="c").json()["status"] == "ok"
        wait_for(driver, "return document.getElementById('admitted').textContent === '2 / 3'")
        assert driver.execute_script("return window.sameDocument") is True  # updated in place, no reload
        assert text("#to-come") == "1"
        assert console_errors(driver) == []


def test_overview_page_with_a_station_key_says_the_link_is_not_valid(served):
    server, station, _ = served
    with chromium_driver(390, 844) as driver:
        driver.get(f"{server.url}/overview/acme/conf/?key={station.key}")
        assert "not valid" in driver.find_element("tag name", "body").text
