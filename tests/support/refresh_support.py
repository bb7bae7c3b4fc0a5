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
        self.cert_sha256 = host.cert_sha256  # stations pin it ("" for a plain-HTTP host)
        self.other = PretixdroidClient(self.base_url(), self.keys[1], cert_sha256=self.cert_sha256)

    def base_url(self, via: str | None = None) -> str:
        root = self.host.url if via is None else (via.replace("http://", "https://", 1) if self.cert_sha256 else via)
        return f"{root}/pretixdroid/api/demo/democon/"

    def cancel_order(self, code: str) -> None:
        """The organiser cancels an order on the host (as a re-import would)."""
        with self.host.engine.begin() as conn:
            event_id = conn.execute(select(events.c.id).where(events.c.slug == "democon")).scalar_one()
            conn.execute(orders.update().where(orders.c.event_id == event_id, orders.c.code == code).values(status="c"))


@pytest.fixture
def demo_event(make_database, request):
    """The demo event served on a free loopback port (stop/start keep the port); a ``Demo``.

    HTTPS (stations pin ``demo.cert_sha256``); plain HTTP for tests marked ``plain_http``.
    """
    url, drop = make_database("sqlite")
    host = Host(url, tls=request.node.get_closest_marker("plain_http") is None)
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
