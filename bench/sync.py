#!/usr/bin/env python3
"""The pretix sync against a real pretix 2026.8.0: first pull, a quiet cycle, upload throughput.

    .venv/bin/python bench/sync.py [--orders 10000] [--uploads 200] [--rate 4.5] [--label NAME]

Needs the cached pretix of ``scripts/setup.sh test`` (tests/support/pretix.py). Starts pretix on
a free loopback port from a copy of the template database, makes the event over REST and
``--orders`` paid orders (one ticket each) directly through pretix's ORM (REST would take
an hour for 10,000), then on a fresh SQLite host:

1. first pull (``connect`` with a team token): wall time, requests, peak memory of this process
   (tracemalloc, Python allocations) and tickets;
2. a quiet cycle (nothing changed in pretix): requests and milliseconds;
3. upload throughput: ``--uploads`` check-ins made at the host (through ``perform_checkin``),
   then one cycle uploads them: check-ins per second, with the shared budget at ``--rate``
   requests/s (default 4.5, the pretix.eu-safe setting) and once without a budget limit.

Appends its result to bench/results/sync.json (keyed by ``--label``) and rewrites sync.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

SEED_ORDERS = r"""
import json, secrets, sys, datetime as dt
import django
django.setup()
from decimal import Decimal
from django.utils.timezone import now
from django_scopes import scopes_disabled
from pretix.base.models import Event, Order, OrderPosition
args = json.loads(sys.argv[1])
with scopes_disabled():
    event = Event.objects.get(organizer__slug=args["org"], slug=args["event"])
    item = event.items.get(pk=args["item"])
    channel = event.organizer.sales_channels.get(identifier="web")
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789"
    orders = []
    for n in range(args["orders"]):
        code = "".join(secrets.choice(alphabet) for _ in range(8))
        orders.append(Order(event=event, organizer=event.organizer, code=code, status="p",
                            email=f"guest{n}@example.org", datetime=now(), expires=now() + dt.timedelta(days=7),
                            total=Decimal("10.00"), locale="en", sales_channel=channel))
    Order.objects.bulk_create(orders, batch_size=500)
    positions = []
    for n, order in enumerate(Order.objects.filter(event=event).order_by("pk")):
        positions.append(OrderPosition(order=order, organizer=event.organizer, item=item, price=Decimal("10.00"),
                                       positionid=1, attendee_name_cached=f"Ada Guest{n:05d}",
                                       attendee_name_parts={"given_name": "Ada", "family_name": f"Guest{n:05d}"},
                                       secret=secrets.token_hex(16), pseudonymization_id=secrets.token_hex(5).upper(),
                                       tax_rate=Decimal("0"),
                                       tax_value=Decimal("0")))
    OrderPosition.objects.bulk_create(positions, batch_size=500)
print(len(positions))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--uploads", type=int, default=200)
    parser.add_argument("--rate", type=float, default=4.5)
    parser.add_argument("--label", default="default")
    args = parser.parse_args()

    from server.db import open_database
    from server.pretix import client as pretix_client
    from server.pretix.connect import connect
    from server.pretix.sync import run_cycle
    from tests.support import pretix as px

    if not px.available():
        raise SystemExit("pretix is not prepared: run scripts/setup.sh test first")
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    server = px.PretixServer(work / "pretix")
    server.seed_organizer()
    server.start()
    try:
        px.enable_plugins(server)
        seeded = px.seed_event(server, event="bench", orders=0)
        started = time.perf_counter()
        server.python("-c", SEED_ORDERS, json.dumps({"org": seeded.org, "event": seeded.event,
                                                     "orders": args.orders, "item": seeded.items["Ticket"]}),
                      timeout=1800)
        print(f"seeded {args.orders} orders through pretix's ORM in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)

        engine = open_database(f"sqlite:///{work / 'host.sqlite3'}")
        data_dir = work / "host"
        pretix_client._budgets.clear()
        pretix_client.DEFAULT_RATE = args.rate
        budget = pretix_client.budget_for(server.url)
        budget.rate = args.rate
        waited = instrument(pretix_client)
        tracemalloc.start()
        before = budget.requests
        started = time.perf_counter()
        result = connect(engine, data_dir=data_dir, url=server.url, api_token=server.token, organizer=seeded.org,
                         event=seeded.event)
        first_s = time.perf_counter() - started
        first_requests = budget.requests - before
        first_http = waited[0]
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        quiet = []
        for _ in range(3):
            before = budget.requests
            started = time.perf_counter()
            cycle = run_cycle(engine, data_dir, seeded.org, seeded.event)
            quiet.append(((time.perf_counter() - started) * 1000, budget.requests - before, cycle.reached))

        uploads = {}
        for label, rate in (("budget", args.rate), ("unlimited", 1000.0)):
            budget.rate = rate
            made = make_checkins(engine, seeded, args.uploads, offset=0 if label == "budget" else args.uploads)
            started = time.perf_counter()
            cycle = run_cycle(engine, data_dir, seeded.org, seeded.event)
            seconds = time.perf_counter() - started
            uploads[label] = {"rate": rate, "checkins": made, "uploaded": cycle.uploaded, "seconds": round(seconds, 2),
                              "per_second": round(cycle.uploaded / seconds, 1) if seconds else None}
        engine.dispose()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    record = {
        "label": args.label, "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
        "orders": args.orders, "tickets": result.tickets,
        "first_pull": {"seconds": round(first_s, 1), "requests": first_requests, "peak_mb": round(peak / 2**20, 1),
                       "http_seconds": round(first_http, 1)},
        "quiet_cycle": [{"ms": round(ms, 1), "requests": n, "reached": ok} for ms, n, ok in quiet],
        "uploads": uploads,
    }
    save(record)
    print(table(record))
    return 0


def instrument(module) -> list[float]:
    """Count the seconds spent inside ``PretixClient.request`` (budget wait + pretix's answer)."""
    total = [0.0]
    original = module.PretixClient.request

    def timed(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            total[0] += time.perf_counter() - started

    module.PretixClient.request = timed
    return total


def make_checkins(engine, seeded, count: int, offset: int) -> int:
    """``count`` check-ins at the host, as stations make them (``perform_checkin`` on a key's list)."""
    from sqlalchemy import select

    from server.admin import create_key
    from server.rules import checkin as rules
    from server.rules.access import resolve_access
    from server.schema import positions

    key = create_key(engine, seeded.org, seeded.event, list_name="Main entrance")
    with engine.connect() as conn:
        secrets_ = conn.execute(select(positions.c.secret).order_by(positions.c.id).offset(offset).limit(count)
                                ).scalars().all()
        ctx = resolve_access(conn, seeded.org, seeded.event, key)
    for secret in secrets_:
        rules.perform_checkin(engine, ctx, secret)
    return len(secrets_)


def table(record: dict) -> str:
    first = record["first_pull"]
    lines = [
        f"pretix sync bench ({record['label']}, {record['machine']})",
        "",
        "| what | result |",
        "|---|---|",
        f"| first pull of {record['orders']} orders ({record['tickets']} tickets) | {first['seconds']} s, "
        f"{first['requests']} requests ({first.get('http_seconds', '?')} s of it waiting for pretix and the budget), "
        f"peak {first['peak_mb']} MB (Python allocations) |",
    ]
    for n, quiet in enumerate(record["quiet_cycle"], 1):
        lines.append(f"| quiet cycle {n} | {quiet['ms']} ms, {quiet['requests']} requests |")
    for label, up in record["uploads"].items():
        lines.append(f"| upload {up['uploaded']} check-ins, budget {up['rate']} req/s ({label}) | "
                     f"{up['seconds']} s = {up['per_second']} check-ins/s |")
    return "\n".join(lines)


def save(record: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "sync.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[record["label"]] = record
    path.write_text(json.dumps(data, indent=1) + "\n")
    (RESULTS / "sync.md").write_text("\n\n".join(table(r) for r in data.values()) + "\n")


if __name__ == "__main__":
    sys.exit(main())
