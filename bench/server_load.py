#!/usr/bin/env python3
"""Helpers of bench/server.py: the generated pretix export, the load-generator process and the ceiling server.

    python bench/server_load.py load URL KEY SECRETS_FILE CLIENTS SECONDS [CAFILE]  -> JSON numbers on stdout
    python bench/server_load.py ceiling DB_PATH                             -> serves until SIGTERM
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import resource
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import requests

FIRST = ["Jürgen", "Zoë", "François", "Łukasz", "Ana", "Søren", "José", "Ingrid", "Mehmet", "Chloé", "Björn",
         "Mária", "Noah", "Aiko", "Olivia", "Dvořák", "Renée", "Paul", "Émile", "Nguyễn"]
LAST = ["Müller", "Åberg", "Dupont", "Kowalski", "García", "Sørensen", "Núñez", "Schmidt", "Yılmaz", "Lefèvre",
        "Öztürk", "Novák", "Smith", "Tanaka", "Brown", "Weiß", "O'Brien", "Ferreira", "Jansen", "Møller"]


def secret_of(n: int) -> str:
    """The deterministic 32-character ticket secret of position n."""
    return base64.b32encode(hashlib.blake2b(n.to_bytes(8, "big"), digest_size=20).digest()).decode().lower()


def order_code(k: int) -> str:
    """A unique 6-character order code for order k (a bijection of k mod 2**30, spelled in base 32)."""
    x = (k * 2654435761) % 2**30
    return "".join("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[(x >> (5 * i)) & 31] for i in range(6))


def generate_export(path: Path, tickets: int) -> list[str]:
    """Write a pretix JSON export with ``tickets`` positions; return the secrets of paid admission tickets."""
    rng = random.Random(42)
    items = [{"id": 1, "name": "Day Pass", "admission": True, "variations": []},
             {"id": 2, "name": "Parking", "admission": False, "variations": []},
             {"id": 3, "name": "T-Shirt", "admission": False,
              "variations": [{"id": 1, "name": "S"}, {"id": 2, "name": "M"}, {"id": 3, "name": "L"}]}]
    orders, redeemable, n, k = [], [], 0, 0
    while n < tickets:
        status = "n" if k % 20 == 7 else "c" if k % 50 == 13 else "p"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        positions = [{"id": n + 1, "item": 1, "variation": None, "attendee_name": name, "secret": secret_of(n),
                      "addon_to": None}]
        if status == "p":
            redeemable.append(secret_of(n))
        if k % 10 == 0 and n + 1 < tickets:
            n += 1
            positions.append({"id": n + 1, "item": 2, "variation": None, "attendee_name": None,
                              "secret": secret_of(n), "addon_to": n})
        if k % 15 == 0 and n + 1 < tickets:
            n += 1
            positions.append({"id": n + 1, "item": 3, "variation": 1 + k % 3, "attendee_name": None,
                              "secret": secret_of(n), "addon_to": None})
        invoice = {"name": f"{rng.choice(LAST)} Owncompany"} if k % 7 == 0 else None
        orders.append({"code": order_code(k), "status": status,
                       "email": f"guest{k}@example.org", "testmode": False, "invoice_address": invoice,
                       "positions": positions})
        n, k = n + 1, k + 1
    doc = {"event": {"name": "Bench Fest", "slug": "fest", "organizer": {"name": "Bench", "slug": "bench"},
                     "items": items, "questions": [], "orders": orders}}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    rng.shuffle(redeemable)
    return redeemable


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, nearest-rank; NaN for none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def load(url: str, key: str, secrets_file: str, clients: int, seconds: float, cafile: str | None = None) -> dict:
    """Load-generator process body: ``clients`` threads redeem distinct secrets for ``seconds``.

    ``cafile``: the server's own certificate for an https URL (trusted as itself).
    """
    # Per request: requests lets REQUESTS_CA_BUNDLE in the environment win over Session.verify.
    verify: str | bool = cafile or True
    secrets = json.loads(Path(secrets_file).read_text())
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    deadline = [0.0]
    # The timed window opens when every client has warmed up.
    start = threading.Barrier(clients + 1, action=lambda: deadline.__setitem__(0, time.monotonic() + seconds))

    def client(i: int) -> None:
        mine = iter(secrets[i::clients])
        with requests.Session() as session:
            def redeem() -> None:
                try:
                    secret = next(mine)
                    r = session.post(url, params={"key": key}, data={"secret": secret, "nonce": os.urandom(8).hex()},
                                     timeout=30, verify=verify)
                    expected = "error" if secret.startswith("UNKNOWN-") else "ok"  # refusals on purpose
                    if r.status_code != 200 or r.json().get("status") != expected:
                        errors[i] += 1
                except requests.RequestException:
                    errors[i] += 1
            redeem()  # warm-up: connection set up, not timed
            errors[i] = 0
            start.wait()
            while time.monotonic() < deadline[0]:
                t0 = time.perf_counter()
                redeem()
                latencies[i].append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)  # after the warm-up: only the timed loop counts
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    flat = [v for per in latencies for v in per]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"requests": len(flat), "errors": sum(errors), "rps": len(flat) / elapsed,
            "p50_ms": percentile(flat, 0.5), "p99_ms": percentile(flat, 0.99),
            "client_cpu_s": usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime, "seconds": elapsed}


_WRK_SCRIPT = """
local secrets_file, key, path = "%(secrets)s", "%(key)s", "%(path)s"
local threads, counter = {}, 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  secrets = {}
  for line in io.lines(secrets_file) do secrets[#secrets + 1] = line end
  n, ok, wrapped = 0, 0, 0
end
function request()
  local index = n * %(threads)d + id + 1
  n = n + 1
  if index > #secrets then
    wrapped = wrapped + 1
    index = (index - 1) %% #secrets + 1
  end
  return wrk.format("POST", path .. "?key=" .. key, {["Content-Type"] = "application/x-www-form-urlencoded"},
                    "secret=" .. secrets[index] .. "&nonce=" .. id .. "-" .. n)
end
function response(status, headers, body)
  if status == 200 and string.find(body, '"status":"ok"', 1, true) then ok = ok + 1 end
end
function done(summary, latency, requests)
  local ok_total, wrapped_total = 0, 0
  for _, thread in ipairs(threads) do
    ok_total = ok_total + thread:get("ok")
    wrapped_total = wrapped_total + thread:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %%d, "duration_us": %%d, "ok": %%d, "wrapped": %%d, "socket_errors": %%d, "non_2xx": %%d, '
    .. '"p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, ok_total, wrapped_total, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def wrk(url: str, key: str, secrets_file: str, clients: int, seconds: float, work: Path) -> dict:
    """Redeem with wrk (a C load generator, 2 threads, ``clients`` connections) for ``seconds``.

    Each request redeems the next distinct secret of ``secrets_file`` (one a line); ``ok`` counts the
    answers that admitted, ``wrapped`` the requests that ran out of distinct secrets (they should be 0).
    """
    import re
    import subprocess
    from urllib.parse import urlsplit

    threads = min(2, clients)
    parts = urlsplit(url)
    script = work / f"wrk-{clients}-{time.monotonic_ns()}.lua"
    script.write_text(_WRK_SCRIPT % {"secrets": secrets_file, "key": key, "path": parts.path, "threads": threads})
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "10s",
                          "-s", str(script), f"{parts.scheme}://{parts.netloc}/"],
                         capture_output=True, text=True, check=True, timeout=seconds + 60)
    match = re.search(r"WRK-JSON (\{.*\})", out.stdout)
    if match is None:
        raise RuntimeError(f"wrk printed no result: {out.stdout} {out.stderr}")
    raw = json.loads(match.group(1))
    elapsed = raw["duration_us"] / 1e6
    return {"requests": raw["requests"], "rps": raw["requests"] / elapsed, "ok": raw["ok"], "wrapped": raw["wrapped"],
            # A repeated secret (the slice ran out) answers already_redeemed: counted in "wrapped", not as an error.
            "errors": raw["socket_errors"] + raw["non_2xx"] + max(0, raw["requests"] - raw["ok"] - raw["wrapped"]),
            "p50_ms": raw["p50_us"] / 1000, "p99_ms": raw["p99_us"] / 1000, "seconds": elapsed}


def ceiling_app(db_path: str):
    """A bare Flask app whose one endpoint does one durable SQLite INSERT (WAL, synchronous=FULL)."""
    from flask import Flask, jsonify, request

    app = Flask("ceiling")
    local = threading.local()

    def connection() -> sqlite3.Connection:
        if not hasattr(local, "conn"):
            local.conn = sqlite3.connect(db_path, isolation_level=None, timeout=30, check_same_thread=False)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000"):
                local.conn.execute(f"PRAGMA {pragma}")
        return local.conn

    @app.post("/redeem/")
    def redeem():
        conn = connection()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO checkins(secret, nonce, at) VALUES (?, ?, ?)",
                     (request.form.get("secret"), request.form.get("nonce"), time.time()))
        conn.execute("COMMIT")
        return jsonify({"version": 2, "status": "ok"})

    return app


def serve_ceiling(db_path: str) -> None:
    """Ceiling process body: serve ``ceiling_app`` with waitress (8 threads) on a free loopback port."""
    from waitress.server import create_server

    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS checkins(id INTEGER PRIMARY KEY, secret TEXT, nonce TEXT, at REAL)")
    server = create_server(ceiling_app(db_path), host="127.0.0.1", port=0, threads=8)
    print(f"Listening on http://127.0.0.1:{server.effective_port}", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.run()


def main() -> int:
    """Run the helper named on the command line."""
    if sys.argv[1:2] == ["load"] and len(sys.argv) in (7, 8):
        url, key, secrets_file, clients, seconds = sys.argv[2:7]
        cafile = sys.argv[7] if len(sys.argv) == 8 else None
        print(json.dumps(load(url, key, secrets_file, int(clients), float(seconds), cafile)))
        return 0
    if sys.argv[1:2] == ["ceiling"] and len(sys.argv) == 3:
        serve_ceiling(sys.argv[2])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
