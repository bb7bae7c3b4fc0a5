#!/usr/bin/env python3
"""How long a scan waits while the station refreshes a large offline copy, and what a refresh costs the host.

    .venv/bin/python bench/refresh.py [--tickets 100000] [--seconds 60] [--in-process] [--tls]
                                      [--kiosk-path DIR] [--label NAME] [--no-split]

Builds the demo event with N tickets in a temporary SQLite store and serves it with
``checkin-server serve`` in its own process (a station talking to a host; ``--in-process``:
a BackgroundServer in this process, as in host mode), over plain HTTP (``--insecure-http``,
comparable with hosts before TLS) or, with ``--tls``, over HTTPS with the stations pinning
its certificate. Then:

1. times one whole-list refresh split into its parts: the download over HTTP (server build,
   transfer, gunzip), the JSON parse, a whole-copy rewrite (``LocalCopy.replace``), the status;
2. **host cost of a refresh with nothing new**: 30 times each, ``download/?full=1&since=TOKEN``
   with ``If-None-Match`` (a 304), the same without it (an empty incremental answer) and, for
   comparison, 3 whole lists; the host's own time per request is read from its access log
   (WSGI handler, ms), next to the round trip the client saw;
3. **scans with and without refreshes**: a Gate on a worker thread the way the station's
   network worker runs it (one request at a time, ``tick()`` when nothing waits, at least
   50 ms apart), fed a scan of a distinct valid ticket every 0.1-0.5 s for ``--seconds``,
   while another station checks a ticket in every 0.5 s (so every refresh has something to
   fetch). Once with the periodic refresh off (``refresh_interval`` 10^9 s), once with it
   every 5 s (the shortest the setting allows; ``refresh_idle`` 0.5 s, at most 5 s late).
   For every scan: the wait from hand-over to answer; p50/p95/p99/max per run, and how many
   refreshes ran. The target: p99 with refreshes within 100 ms of p99 without them.

``--kiosk-path DIR`` puts DIR first on ``sys.path``: point it at a copy of an older
``kiosk/`` package to measure the station before and after on the same machine (the host is
this tree's). Appends its result to bench/results/refresh.json (keyed by ``--label``) and
rewrites refresh.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def session_for(fingerprint: str | None):
    """A requests session; pinned to ``fingerprint`` for an HTTPS host (as stations are)."""
    import requests

    session = requests.Session()
    if fingerprint:
        from kiosk.client.pinning import PinnedAdapter

        session.mount("https://", PinnedAdapter(fingerprint))
    return session


def host_process(data_dir: Path, port: int, log: Path, tls: bool) -> subprocess.Popen:
    """``checkin-server serve`` on ``data_dir`` (its log, with the access log, into ``log``); returns once
    the port answers. Plain HTTP unless ``tls`` (a host that knows TLS gets ``--insecure-http``)."""
    import requests

    serve = ["serve", "--port", str(port)]
    if not tls and (ROOT / "server" / "tls.py").exists():
        serve.append("--insecure-http")
    proc = subprocess.Popen([sys.executable, "-m", "server", "--data-dir", str(data_dir), *serve],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{'https' if tls else 'http'}://127.0.0.1:{port}/healthz", timeout=1, verify=False)
            return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the host did not start")


def split(base: str, key: str, work: Path, fingerprint: str | None = None) -> dict:
    """One refresh, part by part (three rounds; the median of each part)."""

    from kiosk.offline.local_copy import LocalCopy
    from kiosk.offline.store import open_store

    session = session_for(fingerprint)
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
        self.refreshes = 0
        self._halt = threading.Event()

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
                refreshing = self.gate.refreshing
                outcome = self.gate.redeem(secret, time.time())
                self.scans.append({"handed": handed, "answered": time.monotonic(), "status": outcome.status,
                                   "mode": outcome.mode, "refreshing": refreshing})
                continue
            if not self.requests.empty():
                continue  # never a housekeeping step while a scan waits (the worker's rule)
            before = self.gate.refreshing
            due = self.gate.tick()
            self.refreshes += before and not self.gate.refreshing
            next_tick = time.monotonic() + max(0.05, min(due, 2.0))


class OtherStation(threading.Thread):
    """Another door: checks one ticket in every ``interval`` s, so the host's data keeps changing."""

    def __init__(self, base: str, key: str, secrets: list[str], interval: float = 0.5,
                 fingerprint: str | None = None) -> None:
        super().__init__(daemon=True)
        self.base, self.key, self.secrets, self.interval = base, key, secrets, interval
        self.fingerprint = fingerprint
        self._halt = threading.Event()
        self.done = 0

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def run(self) -> None:
        session = session_for(self.fingerprint)
        for secret in self.secrets:
            if self._halt.wait(self.interval):
                break
            session.post(self.base + "redeem/", params={"key": self.key}, data={"secret": secret}, timeout=30)
            self.done += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if ordered else 0.0


def scan_run(base: str, keys: tuple[str, str], work: Path, secrets: list[str], label: str, refresh: bool,
             seconds: float, fingerprint: str | None = None) -> dict:
    """Scans against a Gate on a worker thread, with or without periodic refreshes, while another station scans."""
    from kiosk.offline import Gate, GateSettings

    fields = GateSettings.__dataclass_fields__
    tunables = {"refresh_idle": 0.5, "refresh_max_delay": 5.0}
    settings = GateSettings(refresh_interval=5.0 if refresh else 1e9, read_timeout=30.0,
                            **{k: v for k, v in tunables.items() if k in fields})
    pin = {"cert_sha256": fingerprint} if fingerprint else {}
    gate = Gate.connect(base, keys[0], work / f"station-{label}", settings, **pin)
    gate.start()
    mine, theirs = secrets[: len(secrets) // 2], secrets[len(secrets) // 2 :]
    worker, other = Worker(gate), OtherStation(base, keys[1], theirs, fingerprint=fingerprint)
    worker.start()
    other.start()
    rng, t0, at = random.Random(7), time.monotonic(), 1.0
    for secret in mine:
        if at >= seconds:
            break
        time.sleep(max(0.0, t0 + at - time.monotonic()))
        worker.requests.put((secret, time.monotonic()))
        at += rng.uniform(0.1, 0.5)
    time.sleep(1.0)
    other.stop()
    worker.stop()
    gate.close()
    waits = [(s["answered"] - s["handed"]) * 1000 for s in worker.scans]
    during = [(s["answered"] - s["handed"]) * 1000 for s in worker.scans if s["refreshing"]]
    return {
        "run": "refresh every 5 s" if refresh else "no refresh",
        "scans": len(waits),
        "online": sum(s["mode"] == "online" for s in worker.scans),
        "other_station_checkins": other.done,
        "refreshes": worker.refreshes,
        "p50_ms": percentile(waits, 0.50),
        "p95_ms": percentile(waits, 0.95),
        "p99_ms": percentile(waits, 0.99),
        "max_ms": round(max(waits, default=0.0), 1),
        "scans_during_a_refresh": len(during),
        "max_during_a_refresh_ms": round(max(during, default=0.0), 1),
    }



def host_times(log: Path, marker: str) -> list[float]:
    """The host's own ms for the download requests whose path contains ``marker`` (from its access log)."""
    times = []
    for line in log.read_text(errors="replace").splitlines():
        if "/download/" in line and marker in line:
            found = re.search(r'" (\d{3}) ([\d.]+) ms', line)
            if found:
                times.append(float(found.group(2)))
    return times


def nothing_new(base: str, key: str, log: Path | None, fingerprint: str | None = None) -> dict:
    """What a refresh with nothing new costs: conditional and unconditional incremental downloads, whole lists."""
    session = session_for(fingerprint)
    params = {"key": key, "full": "1"}
    first = session.get(base + "download/", params=params, headers={"Accept-Encoding": "gzip"}, timeout=60)
    token, tag = first.json().get("next"), first.headers.get("ETag")
    out: dict = {"supported": bool(token and tag)}
    if not out["supported"]:
        return out
    kinds = {
        "304 (since + If-None-Match)": ({"since": token, "mark": "a"}, {"If-None-Match": tag}, 30),
        "empty incremental (since)": ({"since": token, "mark": "b"}, {}, 30),
        "whole list (full=1)": ({"mark": "c"}, {}, 3),
    }
    for name, (extra, headers, rounds) in kinds.items():
        trips, statuses = [], set()
        for _ in range(rounds):
            t0 = time.perf_counter()
            response = session.get(base + "download/", params={**params, **extra},
                                   headers={"Accept-Encoding": "gzip", **headers}, timeout=60)
            trips.append((time.perf_counter() - t0) * 1000)
            statuses.add(response.status_code)
        out[name] = {"status": sorted(statuses), "round_trip_p50_ms": percentile(trips, 0.5),
                     "round_trip_max_ms": round(max(trips), 1)}
    if log is not None:
        time.sleep(0.5)  # the access log is written every 0.1 s
        for name, (extra, _headers, _rounds) in kinds.items():
            host = host_times(log, f"mark={extra['mark']}")
            out[name].update(host_p50_ms=percentile(host, 0.5), host_max_ms=round(max(host, default=0.0), 1))
    return out


def write_markdown(results: dict) -> None:
    lines = ["# Offline-copy refresh vs. scans", "",
             "Made by `bench/refresh.py`; see its docstring. Waits are from handing a scan to the worker to its "
             "answer (online redeem, loopback), with another station checking a ticket in every 0.5 s. "
             "\"Host ms\" is the host's own time per request from its access log.", ""]
    for label, r in results.items():
        lines += [f"## {label}", "", f"{r['machine']}; {r['tickets']} demo tickets, host {r['host']}.", ""]
        if r.get("split"):
            lines += ["Whole-list refresh parts (median of 3, ms): "
                      + ", ".join(f"{k} {v}" for k, v in r["split"].items()), ""]
        empty = r.get("nothing_new") or {}
        if empty.get("supported"):
            lines += ["| a refresh with nothing new | status | host ms p50 | host ms max | round trip ms p50 | "
                      "round trip ms max |", "|---|---|---|---|---|---|"]
            for name, v in empty.items():
                if isinstance(v, dict):
                    lines.append(f"| {name} | {v['status']} | {v.get('host_p50_ms', '-')} | "
                                 f"{v.get('host_max_ms', '-')} | {v['round_trip_p50_ms']} | {v['round_trip_max_ms']} |")
            lines.append("")
        if r.get("runs") and "p99_ms" in r["runs"][0]:
            lines += ["| run | scans | refreshes | p50 ms | p95 ms | p99 ms | max ms | scans during a refresh | "
                      "max during a refresh ms |", "|---|---|---|---|---|---|---|---|---|"]
            for run in r["runs"]:
                lines.append(f"| {run['run']} | {run['scans']} | {run['refreshes']} | {run['p50_ms']} | "
                             f"{run['p95_ms']} | {run['p99_ms']} | {run['max_ms']} | {run['scans_during_a_refresh']}"
                             f" | {run['max_during_a_refresh_ms']} |")
            lines.append("")
        elif r.get("runs"):
            lines += ["(An earlier version of this benchmark: waits by refresh step, see refresh.json.)", ""]
    (RESULTS / "refresh.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--kiosk-path", type=Path)
    parser.add_argument("--label", default="current")
    parser.add_argument("--no-split", action="store_true")
    parser.add_argument("--tls", action="store_true", help="the host serves HTTPS and the stations pin it")
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
        keys = [create_key(engine, "demo", "democon", name=name) for name in ("bench", "other", "probe")]
        engine.dispose()
        log = work / "host.log"
        if args.in_process:
            server, proc, log = BackgroundServer(url).start(), None, None
            root = server.url
        else:
            import socket
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            server, proc = None, host_process(work / "host", port, log, args.tls)
            root = f"{'https' if args.tls else 'http'}://127.0.0.1:{port}"
        base = f"{root}/pretixdroid/api/demo/democon/"
        fingerprint = None
        if args.tls:
            from server.tls import current

            fingerprint = current(work / "host").fingerprint
        try:
            listed = session_for(fingerprint).get(base + "download/", params={"key": keys[2]},
                                                  timeout=60).json()["results"]
            secrets = [t["secret"] for t in listed if t["paid"] and not t["redeemed"]]
            random.Random(1).shuffle(secrets)
            result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                      "tickets": args.tickets,
                      "host": ("in this process" if args.in_process else "own process")
                      + (", HTTPS, pinned" if args.tls else ", plain HTTP"),
                      "split": {} if args.no_split else split(base, keys[2], work, fingerprint),
                      "nothing_new": nothing_new(base, keys[2], log, fingerprint), "runs": []}
            print(json.dumps({k: result[k] for k in ("split", "nothing_new")}), file=sys.stderr)
            per_run = len(secrets) // 2
            for number, refresh in enumerate((False, True)):
                chunk = secrets[number * per_run : (number + 1) * per_run]
                run = scan_run(base, (keys[0], keys[1]), work, chunk, f"run{number}", refresh, args.seconds,
                               fingerprint)
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
