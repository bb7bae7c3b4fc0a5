"""A station's offline copy and queue on a fresh store, filled with download-shaped tickets."""

from __future__ import annotations

from kiosk.offline.local_copy import LocalCopy
from kiosk.offline.queue import CheckinQueue
from kiosk.offline.store import open_store

SOURCE = "/pretixdroid/api/demo/democon/"


def ticket(secret, order="ORD1", name=None, paid=True, allowed=True, redeemed=False, item_id=1, variation_id=None):
    return {
        "secret": secret,
        "order": order,
        "item": "Weekend Pass",
        "item_id": item_id,
        "variation": None,
        "variation_id": variation_id,
        "attendee_name": name,
        "redeemed": redeemed,
        "paid": paid,
        "checkin_allowed": allowed,
        "attention": False,
        "addons_text": "",
    }


def make_store(tmp_path, tickets):
    conn = open_store(tmp_path)
    copy = LocalCopy(conn, SOURCE)
    copy.replace(tickets, now=1000.0)
    return conn, copy, CheckinQueue(conn, SOURCE)
