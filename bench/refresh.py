#!/usr/bin/env python3
"""How long a scan waits when it arrives while the station refreshes a large offline copy.

    .venv/bin/python bench/refresh.py [--tickets 100000] [--seconds 60] [--in-process]
                                      [--pattern bursts|steady] [--kiosk-path DIR] [--label NAME]

Builds the demo event with N tickets in a temporary SQLite store and serves it with
``checkin-server serve`` in its own process (a station talking to a host; ``--in-process``:
a BackgroundServer in this process, as in host mode). Then:

1. times one refresh split into its parts: the download over HTTP (server build, transfer,
   gunzip), the JSON parse, the old whole-copy rewrite (``LocalCopy.replace``), the status;
2. runs a Gate on a worker thread the way the station's network worker does (one request
   at a time, ``tick()`` when nothing waits, at least 50 ms apart) and feeds it scans of
   distinct valid tickets: ``bursts`` = 3-10 scans 0.3-1.2 s apart, then 2-8 s of nobody;
   ``steady`` = a scan every 0.3-1.2 s without pause. The refresh interval is shortened
   (10 s, cap 20 s) so a minute holds several refreshes. For every scan it records the wait
   from hand-over to answer, and whether a refresh was in progress when it arrived.

``--kiosk-path DIR`` puts DIR first on ``sys.path``: point it at a copy of an older
``kiosk/`` package to measure before and after on the same machine. Appends its result
to bench/results/refresh.json (keyed by ``--label``) and rewrites refresh.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def host_process(data_dir: Path, port: int) -> subprocess.Popen:
    """``checkin-server serve`` on ``data_dir``; returns once the port answers."""
    import requests

    proc = subprocess.Popen([sys.executable, "-m", "server", "--data-dir", str(data_dir), "serve", "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the host did not start")


def split(base: str, key: str, work: Path) -> dict:
    """One refresh, part by part (three rounds; the median of each part)."""
    import requests

    from kiosk.offline.local_copy import LocalCopy
    from kiosk.offline.store import open_store

    session = requests.Session()
    parts: dict[str, list[float]] = {k: [] for k in ("http", "gunzip", "json", "rewrite", "status")}
    copy = LocalCopy(open_store(work / "split"), "/pretixdroid/api/demo/democon/")
    for _ in range(3):
        t0 = time.perf_counter()
        r = session.get(base + "download/", params={"key": key}, headers={"Accept-Encoding": "gzip"},
                        timeout=(2, 30), stream=True)
        raw = r.raw.read(decode_content=False)
        t1 = time.perf_counter()
        body = gzip.decompress(raw)
        t2 = time.perf_counter()
        results = json.loads(body)["results"]
        t3 = time.perf_counter()
        copy.replace(results)
        t4 = time.perf_counter()
        session.get(base + "status/", params={"key": key}, timeout=(2, 30)).json()
        t5 = time.perf_counter()
        for name, value in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            parts[name].append(value * 1000)
    out = {name: round(statistics.median(v), 1) for name, v in parts.items()}
    out.update(tickets=len(results), gzip_mb=round(len(raw) / 1e6, 2), json_mb=round(len(body) / 1e6, 2))
    return out


class Worker(threading.Thread):
    """The network worker's loop without Qt: a redeem as soon as it arrives, else ``tick()`` when due."""

    def __init__(self, gate) -> None:
        super().__init__(daemon=True)
        self.gate = gate
        self.requests: queue.Queue = queue.Queue()
        self.scans: list[dict] = []
        self.ticks: list[tuple[float, float, str]] = []  # (start, end, step) of the ticks of refreshes
        self.windows: list[tuple[float, float]] = []  # refreshes: (first step started, last step ended)
        self._refresh_started: float | None = None
        self._tick_start = 0.0
        self._halt = threading.Event()
        client = gate._client
        for name in ("download", "download_body"):  # old and new client: mark the refresh start
            if hasattr(client, name):
                setattr(client, name, self._marking(getattr(client, name)))

    def _marking(self, call):
        def wrapped(*args, **kwargs):
            self._refresh_started = self._refresh_started or self._tick_start
            return call(*args, **kwargs)
        return wrapped

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def run(self) -> None:
        next_tick = 0.0
        while not self._halt.is_set():
            try:
                secret, handed = self.requests.get(timeout=max(0.0, next_tick - time.monotonic()))
            except queue.Empty:
                pass
            else:
                outcome = self.gate.redeem(secret, time.time())
                self.scans.append({"handed": handed, "answered": time.monotonic(), "status": outcome.status,
                                   "mode": outcome.mode})
                continue
            if not self.requests.empty():
                continue  # never a housekeeping step while a scan waits (the worker's rule)
            refresh = getattr(self.gate, "_refresh", None)
            step = refresh.phase if refresh is not None else "download"  # the old Gate: all in one
            self._tick_start = time.monotonic()
            due = self.gate.tick()
            end = time.monotonic()
            if self._refresh_started is not None:
                self.ticks.append((self._tick_start, end, step))
                if getattr(self.gate, "_refresh", None) is None:
                    self.windows.append((self._refresh_started, end))
                    self._refresh_started = None
            next_tick = end + max(0.05, min(due, 2.0))


def schedule(pattern: str, seconds: float, seed: int = 7) -> list[float]:
    """Scan times (seconds from the start)."""
    rng, t, out = random.Random(seed), 1.0, []
    while t < seconds:
        for _ in range(rng.randint(3, 10) if pattern == "bursts" else 10**9):
            out.append(t)
            t += rng.uniform(0.3, 1.2)
            if t >= seconds:
                break
        t += rng.uniform(2.0, 8.0)
    return out


def scan_run(base: str, key: str, work: Path, pattern: str, seconds: float) -> dict:
    """Scans against a Gate on a worker thread; waits of scans that met a refresh vs. those that did not."""
    from kiosk.offline import Gate, GateSettings

    fields = GateSettings.__dataclass_fields__
    extra = {k: v for k, v in (("refresh_idle", 3.0), ("refresh_max_delay", 10.0)) if k in fields}
    settings = GateSettings(refresh_interval=10.0, read_timeout=30.0, **extra)
    gate = Gate.connect(base, key, work / f"station-{pattern}", settings)
    gate.start()
    secrets = [t["secret"] for t in gate._client.download() if not t["redeemed"] and t["paid"]]
    random.Random(1).shuffle(secrets)
    worker = Worker(gate)
    worker.start()
    t0 = time.monotonic()
    for at, secret in zip(schedule(pattern, seconds), secrets, strict=False):
        time.sleep(max(0.0, t0 + at - time.monotonic()))
        worker.requests.put((secret, time.monotonic()))
    time.sleep(3.0)
    worker.stop()
    gate.close()
    windows = worker.windows
    waits_in, waits_out, by_step = [], [], {}
    for scan in worker.scans:
        wait = (scan["answered"] - scan["handed"]) * 1000
        during = any(a <= scan["handed"] <= b for a, b in windows)
        (waits_in if during else waits_out).append(wait)
        if during:
            step = next((s for a, b, s in worker.ticks if a <= scan["handed"] < b), "between steps")
            by_step.setdefault(step, []).append(round(wait, 1))
    base_ms = statistics.median(waits_out) if waits_out else 0.0
    longest: dict[str, float] = {}
    for a, b, step in worker.ticks:
        longest[step] = max(longest.get(step, 0.0), round((b - a) * 1000, 1))
    return {
        "pattern": pattern,
        "scans": len(worker.scans),
        "online": sum(s["mode"] == "online" for s in worker.scans),
        "refreshes": len(windows),
        "refresh_wall_ms": [round((b - a) * 1000) for a, b in windows],
        "longest_step_ms": max(longest.values(), default=0.0),
        "longest_by_step_ms": longest,
        "waits_by_step_ms": by_step,
        "normal_scan_ms": round(base_ms, 1),
        "scans_during_refresh": len(waits_in),
        "worst_during_refresh_ms": round(max(waits_in, default=0.0), 1),
        "worst_extra_ms": round(max(waits_in, default=base_ms) - base_ms, 1),
        "worst_any_ms": round(max(waits_in + waits_out), 1),
    }


def write_markdown(results: dict) -> None:
    lines = ["# Offline-copy refresh vs. scans", "", "Made by `bench/refresh.py`; see its docstring. Waits are from "
             "handing a scan to the worker to its answer (online redeem, loopback). \"download\" is the step that "
             "waits for the host's answer (the old Gate did the whole refresh in that one step).", ""]
    for label, r in results.items():
        lines += [f"## {label}", "", f"{r['machine']}; {r['tickets']} demo tickets, host {r['host']}.", "",
                  "Refresh parts (median of 3, ms): " + ", ".join(f"{k} {v}" for k, v in r["split"].items()), "",
                  "| pattern | scans | refreshes | normal scan ms | scans during a refresh | worst wait ms: arrived "
                  "in the download step | worst wait ms: arrived at another time of a refresh | longest step ms "
                  "by kind | refresh wall ms |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for run in r["runs"]:
            waits = run.get("waits_by_step_ms", {})
            other = max((w for step, ws in waits.items() if step != "download" for w in ws), default="-")
            download = max(waits.get("download", []), default="-")
            steps = ", ".join(f"{k} {v}" for k, v in run.get("longest_by_step_ms", {}).items())
            lines.append(f"| {run['pattern']} | {run['scans']} | {run['refreshes']} | {run['normal_scan_ms']} | "
                         f"{run['scans_during_refresh']} | {download} | {other} | {steps} | {run['refresh_wall_ms']} |")
        lines.append("")
    (RESULTS / "refresh.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pattern", choices=("bursts", "steady", "both"), default="both")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--kiosk-path", type=Path)
    parser.add_argument("--label", default="current")
    parser.add_argument("--no-split", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.kiosk_path:
        sys.path.insert(0, str(args.kiosk_path.resolve()))
    import kiosk
    from server.admin import create_key
    from server.db import default_database_url, open_database
    from server.importer import create_demo
    from server.serving import BackgroundServer

    print("kiosk from", Path(kiosk.__file__).parent, file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = default_database_url(work / "host")
        engine = open_database(url)
        create_demo(engine, tickets=args.tickets)
        key = create_key(engine, "demo", "democon", name="bench")
        engine.dispose()
        if args.in_process:
            server, proc = BackgroundServer(url).start(), None
            root = server.url
        else:
            import socket
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            server, proc = None, host_process(work / "host", port)
            root = f"http://127.0.0.1:{port}"
        base = f"{root}/pretixdroid/api/demo/democon/"
        try:
            result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                      "tickets": args.tickets, "host": "in this process" if args.in_process else "own process",
                      "split": {} if args.no_split else split(base, key, work), "runs": []}
            print(json.dumps(result["split"]), file=sys.stderr)
            for pattern in ("bursts", "steady") if args.pattern == "both" else (args.pattern,):
                run = scan_run(base, key, work, pattern, args.seconds)
                print(json.dumps(run), file=sys.stderr)
                result["runs"].append(run)
        finally:
            if server is not None:
                server.stop()
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "refresh.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results[args.label] = result
    path.write_text(json.dumps(results, indent=1) + "\n")
    write_markdown(results)


if __name__ == "__main__":
    main()
