#!/usr/bin/env python3
"""Host server benchmark: redeem throughput against a bare Flask+SQLite ceiling, search, import, download.

    .venv/bin/python bench/server.py [--tickets 100000] [--seconds 5]

Generates a pretix "Order data (JSON)" export with N tickets (accented names, add-ons,
pending and canceled orders), times ``import_file`` into a fresh SQLite store, then runs the
real ``checkin-server serve`` (a separate process) and measures over HTTP: redeem of distinct
tickets at 1, 8 and 32 concurrent clients, next to a "ceiling" process (Flask on waitress, one
SQLite INSERT per request with the same pragmas: WAL, synchronous=FULL, 8 threads); search
latency on mixed queries; download time and gzip size (also with our stations' ``full=1``). Load comes from a separate
load-generator process (one requests.Session per client thread), so client CPU competes for
the cores but not for the server's GIL. Writes bench/results/server.json and server.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import overview_part  # bench/ is the script's directory, first on sys.path
import psutil
import requests
from server_load import generate_export, percentile

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "bench" / "server_load.py"
RESULTS = ROOT / "bench" / "results"
CLI = [sys.executable, "-m", "server"]
LEVELS = (1, 8, 32)
WRK_LEVELS = (8, 32)  # the throughput levels; one connection measures latency, which the python run shows
WARM_UP_SECONDS = 2.0
SEARCHES = ["müll", "MÜLLER", "jürg", "ançoi", "åber", "ÅBERG", "sørensen", "yılm", "weiß", "novák", "ferr",
            "zoë ", "Émile", "ghij", "Nguyễ", "ownco", "zzzzq", "MULLER", "mueller", "Francois", "sorensen"]
TARGETS = {"redeem_ratio": 0.72, "redeem_ratio_wrk": 0.56, "p99_8_ms": 50.0, "search_p95_ms": 10.0, "import_s": 10.0, "download_s": 2.0}


def run_load(url: str, key: str, secrets: list[str], clients: int, seconds: float, work: Path, pid: int,
             generator: str = "python", cafile: str | None = None) -> dict:  # fmt: skip
    """Run the load generator (``python``: ``load`` in a separate process; ``wrk``) and return its numbers,
    plus the CPU the server process ``pid`` used per request."""
    from server_load import wrk

    before = psutil.Process(pid).cpu_times()
    if generator == "wrk":
        secrets_file = work / f"secrets-{clients}-{time.monotonic_ns()}.txt"
        secrets_file.write_text("\n".join(secrets) + "\n")
        result = wrk(url, key, str(secrets_file), clients, seconds, work)
        result["client_cpu_ms"] = float("nan")
    else:
        secrets_file = work / f"secrets-{clients}-{time.monotonic_ns()}.json"
        secrets_file.write_text(json.dumps(secrets))
        out = subprocess.run([sys.executable, str(HELPER), "load", url, key, str(secrets_file), str(clients),
                              str(seconds), *([cafile] if cafile else [])],
                             capture_output=True, text=True, check=True, timeout=seconds + 120)
        result = json.loads(out.stdout)
        result["client_cpu_ms"] = result["client_cpu_s"] / result["requests"] * 1000
    after = psutil.Process(pid).cpu_times()
    result["server_cpu_ms"] = ((after.user + after.system) - (before.user + before.system)) / result["requests"] * 1000
    return result


def mean_of(runs: list[dict]) -> dict:
    """Two runs of one target and level, averaged (errors and requests summed)."""
    merged = {k: statistics.fmean(r[k] for r in runs) for k in ("rps", "p50_ms", "p99_ms", "server_cpu_ms",
                                                                "client_cpu_ms")}
    merged.update(requests=sum(r["requests"] for r in runs), errors=sum(r["errors"] for r in runs), runs=runs,
                  wrapped=sum(r.get("wrapped", 0) for r in runs))
    return merged


def start_process(command: list[str], log_path: Path, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start a server process logging to ``log_path``; return it and the URL it logged."""
    log = log_path.open("w")
    process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    for _ in range(600):  # bounded: 60 s
        match = re.search(r"Listening on (https?://\S+)", log_path.read_text())
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{command} did not start: {log_path.read_text()}")


def bench_search(session: requests.Session, base: str, key: str, redeemable: list[str], orders: list[str]) -> dict:
    """Search latency over mixed queries: accented name substrings, order code and secret prefixes."""
    rng = random.Random(7)
    queries = SEARCHES * 6 + [c[:4] for c in rng.sample(orders, 60)] + [c[:5].lower() for c in rng.sample(orders, 20)]
    queries += [s[:6] for s in rng.sample(redeemable, 60)] + [s[:8].upper() for s in rng.sample(redeemable, 20)]
    rng.shuffle(queries)
    for q in queries[:20]:  # warm-up
        session.get(f"{base}search/", params={"key": key, "query": q}, timeout=30)
    times, hits = [], 0
    for q in queries:
        t0 = time.perf_counter()
        r = session.get(f"{base}search/", params={"key": key, "query": q}, timeout=30)
        times.append((time.perf_counter() - t0) * 1000)
        hits += bool(r.json()["results"])
    return {"queries": len(queries), "with_results": hits, "p50_ms": percentile(times, 0.5),
            "p95_ms": percentile(times, 0.95), "max_ms": max(times)}


def bench_download(session: requests.Session, base: str, key: str, full: bool = False) -> dict:
    """Time of a full gzip download (request sent to last byte), its compressed size and ticket count.

    ``full``: our stations' extension (``full=1``: every active ticket, with its order status).
    """
    params = {"key": key, "full": "1"} if full else {"key": key}
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        r = session.get(f"{base}download/", params=params, headers={"Accept-Encoding": "gzip"}, stream=True,
                        timeout=60)
        raw = r.raw.read(decode_content=False)
        runs.append(time.perf_counter() - t0)
    tickets = len(json.loads(gzip.decompress(raw))["results"])
    return {"seconds": statistics.median(runs), "gzip_bytes": len(raw), "tickets": tickets,
            "gzip": r.headers.get("Content-Encoding") == "gzip"}


def machine() -> dict:
    """CPU model, cores, Python, SQLite and load, for the results."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(), "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def bench_recording(work: Path, key: str, secrets: list[str], seconds: float, clients: int = 8) -> dict:
    """Redeem throughput with attempts recorded and without, side by side (``overview_part``), ABBA."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKIN_")}
    on, on_url = start_process([*CLI, "--data-dir", str(work / "data"), "serve", "--port", "0", "--insecure-http"],
                               work / "server-recording.log", env)
    off, off_url = start_process([*CLI, "--data-dir", str(work / "data"), "serve", "--port", "0", "--insecure-http"],
                                 work / "server-not-recording.log", {**env, "CHECKIN_RECORD_ATTEMPTS": "0"})
    try:
        quarter = len(secrets) // 4
        parts = [overview_part.mixed(secrets[i * quarter:(i + 1) * quarter]) for i in range(4)]
        path = "/pretixdroid/api/bench/fest/redeem/"
        runs = {"recording": [], "off": []}
        for part, (name, url, process) in zip(parts, [("recording", on_url, on), ("off", off_url, off),
                                                       ("off", off_url, off), ("recording", on_url, on)], strict=True):
            runs[name].append(run_load(url + path, key, part, clients, seconds, work, process.pid))
            print(f"redeem x{clients} {name}: {runs[name][-1]['rps']:.0f} req/s", flush=True)
    finally:
        for process in (on, off):
            process.send_signal(signal.SIGTERM)
            process.wait(30)
    recording, plain = mean_of(runs["recording"]), mean_of(runs["off"])
    return {"clients": clients, "recording": recording, "off": plain, "ratio": recording["rps"] / plain["rps"]}


def run_overview(tickets: int, seconds: float) -> dict:
    """Only the overview's part: import, 50,000 attempts, overview timing, recording on/off throughput."""
    sys.path.insert(0, str(ROOT))
    from server.admin import create_key
    from server.db import default_database_url, open_database
    from server.importer import import_file

    results: dict = {"machine": machine(), "tickets": tickets, "seconds_per_level": seconds}
    with tempfile.TemporaryDirectory(prefix="bench-overview-") as tmp:
        work = Path(tmp)
        export = work / "export.json"
        redeemable = generate_export(export, tickets)
        engine = open_database(default_database_url(work / "data"))
        import_file(engine, export)
        key = create_key(engine, "bench", "fest", name="bench")
        results["attempts"] = overview_part.seed_attempts(engine, redeemable)
        results["overview"] = overview_part.time_overview(engine)
        print(f"overview: {results['overview']}", flush=True)
        engine.dispose()
        free = redeemable[: len(redeemable) - results["attempts"]["checkins"]]
        results["recording"] = bench_recording(work, key, free, seconds)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def overview_verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    """(target, limit, measured, met) rows of the overview's part."""
    o, rec = r["overview"], r["recording"]
    errors = rec["recording"]["errors"] + rec["off"]["errors"]
    return [
        (f"overview data, {r['tickets']:,} tickets + {sum(r['attempts'].values()):,} attempts",
         f"< {overview_part.TARGET_MS:.0f} ms", f"{o['median_ms']:.1f} ms (max {o['max_ms']:.1f}; the rebuild "
         f"every minute {o['rebuild_ms']:.0f} ms)",
         o["median_ms"] < overview_part.TARGET_MS),
        (f"redeem throughput recording attempts, {rec['clients']} clients", f">= {overview_part.TARGET_RATIO}x without",
         f"{rec['ratio']:.2f}x ({rec['recording']['rps']:.0f} vs {rec['off']['rps']:.0f} req/s)",
         rec["ratio"] >= overview_part.TARGET_RATIO),
        ("redeem errors (recording comparison)", "0", str(errors), errors == 0),
    ]


def overview_markdown(r: dict) -> str:
    """The overview part's results as bench/results/overview.md."""
    m, rec = r["machine"], r["recording"]
    lines = [f"# Overview benchmark ({time.strftime('%Y-%m-%d %H:%M')})", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, python {m['python']}, SQLite {m['sqlite']}; load average "
             f"{m['load_average_start']} at start, {m['load_average_end']} at end (a shared machine: numbers are "
             "noisy, run it again before drawing conclusions).", "",
             f"Event: {r['tickets']:,} tickets; {r['attempts']['checkins']:,} check-ins and "
             f"{r['attempts']['refused']:,} refused attempts of 5 stations over 8 hours. Overview data: "
             f"`read_overview` in-process, median of {r['overview']['runs']} refreshes with 20 new attempts before "
             "each (what arrives between two polls of the page); the running totals are rebuilt from scratch on "
             "the first call and then once a minute (median of 3 rebuilds shown in brackets).", "",
             f"Recording: two `checkin-server serve` processes on the same database, one recording attempts and one "
             f"with CHECKIN_RECORD_ATTEMPTS=0, loaded one at a time in ABBA order, {r['seconds_per_level']:.0f} s each, "
             f"{rec['clients']} clients, distinct tickets with every third scan an unknown code (a refusal, recorded).",
             "", "| | req/s | p50 ms | p99 ms | errors | CPU ms/req |", "|---|---|---|---|---|---|"]
    for name in ("recording", "off"):
        s = rec[name]
        lines.append(f"| {'recording attempts' if name == 'recording' else 'not recording'} | {s['rps']:.0f} | "
                     f"{s['p50_ms']:.1f} | {s['p99_ms']:.1f} | {s['errors']} | {s['server_cpu_ms']:.2f} |")
    lines += ["", "| target | limit | measured | |", "|---|---|---|---|"]
    lines += [f"| {name} | {limit} | {value} | {'pass' if ok else 'FAIL'} |"
              for name, limit, value, ok in overview_verdicts(r)]
    return "\n".join(lines) + "\n"


def run(tickets: int, seconds: float) -> dict:
    """The whole benchmark; returns the results dict."""
    sys.path.insert(0, str(ROOT))
    from server.admin import create_key
    from server.db import default_database_url, open_database
    from server.importer import import_file

    results: dict = {"machine": machine(), "tickets": tickets, "seconds_per_level": seconds}
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        work = Path(tmp)
        export = work / "export.json"
        redeemable = generate_export(export, tickets)
        orders = [o["code"] for o in json.loads(export.read_text())["event"]["orders"]]
        engine = open_database(default_database_url(work / "data"))
        t0 = time.perf_counter()
        summary = import_file(engine, export)
        results["import"] = {"seconds": time.perf_counter() - t0, "file_mb": export.stat().st_size / 1e6,
                             "summary": summary.lines()[0]}
        print(f"import: {results['import']['seconds']:.2f} s ({summary.lines()[0]})", flush=True)
        key = create_key(engine, "bench", "fest", name="bench")
        engine.dispose()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKIN_")}
        # HTTPS first: it makes the certificate in the data directory. Same data, two processes, used in turn.
        tls_server, tls_url = start_process([*CLI, "--data-dir", str(work / "data"), "serve", "--port", "0"],
                                            work / "server-tls.log", env)
        cafile = str(work / "data" / "tls" / "cert.pem")
        server, url = start_process([*CLI, "--data-dir", str(work / "data"), "serve", "--port", "0", "--insecure-http"],
                                    work / "server.log", env)
        ceiling, ceiling_url = start_process([sys.executable, str(HELPER), "ceiling", str(work / "ceiling.sqlite3")],
                                             work / "ceiling.log")
        try:
            base = f"{url}/pretixdroid/api/bench/fest/"
            with requests.Session() as session:
                results["search"] = bench_search(session, base, key, redeemable, orders)
                print(f"search: {results['search']}", flush=True)
                results["download"] = bench_download(session, base, key)
                print(f"download: {results['download']}", flush=True)
                results["download_full"] = bench_download(session, base, key, full=True)
                print(f"download full=1: {results['download_full']}", flush=True)
            tls_base = f"{tls_url}/pretixdroid/api/bench/fest/"
            generators = ["python"] + (["wrk"] if shutil.which("wrk") else [])
            results["generators"] = generators
            levels = {"python": LEVELS, "wrk": WRK_LEVELS}
            # Distinct tickets for every run of our server (plain and TLS, two runs each, per level and generator),
            # and for a warm-up of each server (the database's pages read into memory, the first connections made).
            # Shares by expected throughput: one python client is slow, wrk the fastest.
            def weight(generator: str, clients: int) -> int:
                return 1 if clients == 1 else 2 if generator == "python" else 3

            shares = [1, 1] + [weight(g, c) for g in generators for c in levels[g] for _ in range(4)]
            unit = len(redeemable) // sum(shares)
            bounds = [sum(shares[:n]) * unit for n in range(len(shares) + 1)]
            pieces = [redeemable[bounds[n]:bounds[n + 1]] for n in range(len(shares))]
            chunks = iter(pieces)
            budget = unit
            for target_base, pid, ca in ((base, server.pid, None), (tls_base, tls_server.pid, cafile)):
                run_load(f"{target_base}redeem/", key, next(chunks), 8, WARM_UP_SECONDS, work, pid, "python", ca)
            run_load(f"{ceiling_url}/redeem/", key, redeemable[:budget], 8, WARM_UP_SECONDS, work, ceiling.pid)
            results["redeem"] = []
            for generator in generators:
                for clients in levels[generator]:
                    def measure(target: str, clients: int = clients, generator: str = generator) -> dict:
                        if target == "ceiling":
                            return run_load(f"{ceiling_url}/redeem/", key, redeemable[:budget], clients, seconds,
                                            work, ceiling.pid, generator)
                        if target == "plain":
                            return run_load(f"{base}redeem/", key, next(chunks), clients, seconds, work, server.pid,
                                            generator)
                        return run_load(f"{tls_base}redeem/", key, next(chunks), clients, seconds, work,
                                        tls_server.pid, generator, cafile)

                    # ABC-CBA order, so drift in the machine's other load hits all three alike.
                    runs: dict[str, list[dict]] = {"ceiling": [], "plain": [], "tls": []}
                    for target in ("ceiling", "plain", "tls", "tls", "plain", "ceiling"):
                        runs[target].append(measure(target))
                    top, ours, tls = (mean_of(runs[t]) for t in ("ceiling", "plain", "tls"))
                    results["redeem"].append({"generator": generator, "clients": clients, "server": ours, "tls": tls,
                                              "ceiling": top, "ratio": ours["rps"] / top["rps"],
                                              "tls_ratio": tls["rps"] / top["rps"]})
                    print(f"redeem {generator} x{clients}: plain {ours['rps']:.0f} req/s, TLS {tls['rps']:.0f} req/s, "
                          f"ceiling {top['rps']:.0f} req/s", flush=True)
        finally:
            for process in (server, tls_server, ceiling):
                process.send_signal(signal.SIGTERM)
            results["server_exit_code"] = server.wait(30)
            tls_server.wait(30)
            ceiling.wait(30)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    """(target, limit, measured, met) rows."""
    rows = []
    for level in r["redeem"]:
        if level["clients"] in (8, 32):
            target = TARGETS["redeem_ratio"] if level["generator"] == "python" else TARGETS["redeem_ratio_wrk"]
            rows.append((f"plain-HTTP redeem throughput at {level['clients']} clients ({level['generator']})",
                         f">= {target}x ceiling", f"{level['ratio']:.2f}x", level["ratio"] >= target))
    errors = sum(level[t]["errors"] for level in r["redeem"] for t in ("server", "tls"))
    rows.append(("redeem errors (plain and TLS)", "0", str(errors), errors == 0))
    p99 = next(level["server"]["p99_ms"] for level in r["redeem"] if level["clients"] == 8)
    rows.append(("redeem p99 at 8 clients", f"< {TARGETS['p99_8_ms']:.0f} ms", f"{p99:.1f} ms", p99 < TARGETS["p99_8_ms"]))
    rows.append(("search p95", f"< {TARGETS['search_p95_ms']:.0f} ms", f"{r['search']['p95_ms']:.1f} ms",
                 r["search"]["p95_ms"] < TARGETS["search_p95_ms"]))
    rows.append((f"import of {r['tickets']:,} tickets", f"< {TARGETS['import_s']:.0f} s",
                 f"{r['import']['seconds']:.1f} s", r["import"]["seconds"] < TARGETS["import_s"]))
    rows.append((f"download of {r['download']['tickets']:,} tickets", f"< {TARGETS['download_s']:.0f} s",
                 f"{r['download']['seconds']:.2f} s", r["download"]["seconds"] < TARGETS["download_s"]))
    return rows


def markdown(r: dict) -> str:
    """The results as the Markdown page bench/results/server.md."""
    m = r["machine"]
    lines = [f"# Server benchmark ({time.strftime('%Y-%m-%d %H:%M')})", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, python {m['python']}, SQLite {m['sqlite']}, {m['platform']}; "
             f"load average {m['load_average_start']} at start, {m['load_average_end']} at end (shared machine).", "",
             f"Redeem: distinct tickets of a {r['tickets']:,}-ticket event; per level and load generator two "
             f"{r['seconds_per_level']:.0f} s runs of each target in ABC-CBA order, averaged. Targets: our server over "
             "plain HTTP (`serve --insecure-http`), our server over HTTPS (`serve`, keep-alive: one handshake per "
             "connection), and the ceiling: bare Flask on waitress (8 threads), one SQLite INSERT per request, "
             "WAL + synchronous=FULL, plain HTTP. Load generators on the same cores: `python` (bench/server_load.py, "
             "one requests.Session per client thread, a separate process) and `wrk` (C, 2 threads). CPU ms/req: CPU "
             "time of the server process per request. Ratios are against the ceiling measured in the same "
             "minute; single runs on a shared machine are noisy (±10 %).", "",
             "| generator | clients | plain req/s | plain p50 / p99 ms | plain CPU ms/req | TLS req/s | TLS p50 / p99 ms "
             "| TLS CPU ms/req | ceiling req/s | ceiling p50 / p99 ms | plain / ceiling | TLS / ceiling | errors |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for level in r["redeem"]:
        s, t, c = level["server"], level["tls"], level["ceiling"]
        lines.append(f"| {level['generator']} | {level['clients']} | {s['rps']:.0f} | {s['p50_ms']:.1f} / "
                     f"{s['p99_ms']:.1f} | {s['server_cpu_ms']:.2f} | {t['rps']:.0f} | {t['p50_ms']:.1f} / "
                     f"{t['p99_ms']:.1f} | {t['server_cpu_ms']:.2f} | {c['rps']:.0f} | {c['p50_ms']:.1f} / "
                     f"{c['p99_ms']:.1f} | **{level['ratio']:.2f}x** | {level['tls_ratio']:.2f}x | "
                     f"{s['errors'] + t['errors']}{' (' + str(s['wrapped'] + t['wrapped']) + ' repeats)' if s['wrapped'] + t['wrapped'] else ''} |")
    s, d, i = r["search"], r["download"], r["import"]
    lines += ["", f"Search ({s['queries']} queries, {s['with_results']} with results): p50 {s['p50_ms']:.1f} ms, "
              f"p95 {s['p95_ms']:.1f} ms, max {s['max_ms']:.1f} ms (over HTTP, one client).",
              f"Download: {d['tickets']:,} tickets in {d['seconds']:.2f} s (median of 3), "
              f"{d['gzip_bytes'] / 1e6:.2f} MB gzip.",
              f"Download with full=1 (our stations: every active ticket with its order status): "
              f"{r['download_full']['tickets']:,} tickets in {r['download_full']['seconds']:.2f} s (median of 3), "
              f"{r['download_full']['gzip_bytes'] / 1e6:.2f} MB gzip.",
              f"Import: {i['seconds']:.1f} s for a {i['file_mb']:.0f} MB pretix JSON export ({i['summary']}).", "",
              "| target | limit | measured | |", "|---|---|---|---|"]
    lines += [f"| {name} | {limit} | {value} | {'pass' if ok else 'FAIL'} |" for name, limit, value, ok in verdicts(r)]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the command line; run the benchmark (or a helper process) and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="per concurrency level and target")
    parser.add_argument("--overview", action="store_true",
                        help="only the overview's part (50,000 attempts, overview data, recording on/off); "
                             "writes bench/results/overview.json and overview.md")
    args = parser.parse_args()
    if args.overview:
        results = run_overview(args.tickets, args.seconds)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "overview.json").write_text(json.dumps(results, indent=2) + "\n")
        page = overview_markdown(results)
        (RESULTS / "overview.md").write_text(page)
        print(page)
        return 0 if all(ok for *_, ok in overview_verdicts(results)) else 1
    results = run(args.tickets, args.seconds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "server.json").write_text(json.dumps(results, indent=2) + "\n")
    page = markdown(results)
    (RESULTS / "server.md").write_text(page)
    print(page)
    return 0 if all(ok for *_, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
