"""A real host with the demo event (5,000 tickets) for the tests of the stepped offline-copy refresh."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.client import PretixdroidClient
from server.admin import create_key
from server.importer import create_demo
from server.schema import events, orders
from tests.support.offline_host import Host

TICKETS = 5000
STEPPED = dict(connect_timeout=1.0, read_timeout=5.0, probe_timeout=0.5, probe_interval=0.05,
               probe_max_interval=0.2, refresh_interval=0.0, refresh_idle=0.0, refresh_batch=500)


class Demo:
    """The demo event on a host that can stop and start; ``other`` redeems like a second station."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.keys = [create_key(host.engine, "demo", "democon", name=name) for name in ("door", "side")]
        self.other = PretixdroidClient(self.base_url(), self.keys[1])

    def base_url(self, via: str | None = None) -> str:
        return f"{via or self.host.url}/pretixdroid/api/demo/democon/"

    def cancel_order(self, code: str) -> None:
        """The organiser cancels an order on the host (as a re-import would)."""
        with self.host.engine.begin() as conn:
            event_id = conn.execute(select(events.c.id).where(events.c.slug == "democon")).scalar_one()
            conn.execute(orders.update().where(orders.c.event_id == event_id, orders.c.code == code).values(status="c"))


@pytest.fixture
def demo_event(make_database):
    """The demo event served on a free loopback port (stop/start keep the port); a ``Demo``."""
    url, drop = make_database("sqlite")
    host = Host(url)
    create_demo(host.engine, tickets=TICKETS)
    host.start()
    demo = Demo(host)
    yield demo
    demo.other.close()
    host.close()
    drop()


def admissible(demo: Demo) -> list[str]:
    """Secrets of paid tickets nobody has used yet, in download order."""
    return [t["secret"] for t in demo.other.download() if t["paid"] and not t["redeemed"]]
