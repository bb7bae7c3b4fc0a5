"""The check-in export names the station (key) that checked a ticket in through the API.

Everything else about the export: tests/unit/server/test_export.py.
"""

from __future__ import annotations

import csv
import io

from server.export import write_checkins_csv


def test_the_station_is_the_name_of_the_key_that_checked_in(engine, seed, api):
    seed.ticket("ADA", attendee_name="Ada")

    assert api.redeem("ADA", nonce="abc").json()["status"] == "ok"
    assert api.redeem("ADA", force="1").json()["status"] == "ok"

    out = io.StringIO()
    write_checkins_csv(engine, "acme", "conf", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["station"], r["forced"], r["nonce"]) for r in rows] == [("station-1", "false", "abc"),
                                                                       ("station-1", "true", "")]
