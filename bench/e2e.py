"""End-to-end scan latency and memory of a real station: ``.venv/bin/python bench/e2e.py [--seconds 60]``.

The parent process hosts the demo event (HostService on a free loopback port) and
starts the station as a child process (offscreen Qt) whose camera is the simulated
DemoTicketSource at 1920x1080, 30 fps, holding the demo tickets up in turn. The
station runs its normal pipeline: capture thread -> decode thread -> state machine
-> network worker (HTTP redeem) -> result painted -> journal. Latency is read from
the station's journal (t_shown - t_captured, split into stages); RSS is the station
process alone (psutil, sampled every 0.5 s). Results: bench/results/e2e.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 100.0
TARGET_RSS_MB = 300.0
SIZE = (1920, 1080)
FPS = 30.0


def run_station(url: str, key: str, data_dir: Path, seconds: float) -> dict:
    """Child: run one station for ``seconds``; return RSS samples and decode stats."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import psutil
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_station
    from kiosk.options import StationOptions
    from kiosk.scanning.demo_source import DemoTicketSource
    from kiosk.settings import Settings
    from kiosk.ui.style import STYLE_SHEET, app_font

    app = QApplication([])
    app.setStyleSheet(STYLE_SHEET)
    app.setFont(app_font())
    settings = Settings(data_dir)
    settings["station_name"] = "bench"
    settings["result_seconds"] = 0.5
    settings["server_url"] = url
    settings.set_key(key)
    camera = DemoTicketSource(seconds_per_code=1.0, gap_seconds=0.7, size=SIZE, fps=FPS)
    station = build_station(StationOptions(server_url=url, key=key, data_dir=data_dir), settings, camera=camera)
    station.start()
    station.window.showNormal()  # the station opens maximized; measure at 1280x720 as before
    station.window.resize(1280, 720)
    me = psutil.Process()
    rss: list[float] = []
    sampler = QTimer()
    sampler.timeout.connect(lambda: rss.append(me.memory_info().rss / 2**20))
    sampler.start(500)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    frames = station.window.scan_view.preview.frames_shown
    stats = station.camera.decode.stats() if station.camera.decode else None
    captured = station.camera.capture.frames_captured if station.camera.capture else 0
    station.shutdown()
    return {"rss_mb": rss, "preview_frames": frames, "captured_frames": captured,
            "decode_median_ms": stats.median_ms if stats else None, "decode_p95_ms": stats.p95_ms if stats else None}


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(terse=True), "load_average": list(os.getloadavg())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--child", nargs=3, metavar=("URL", "KEY", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    if args.child:
        url, key, data_dir = args.child
        print(json.dumps(run_station(url, key, Path(data_dir), args.seconds)))
        return 0

    from kiosk.hosting.service import HostService
    from kiosk.station.journal import read_journal

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        host = HostService(Path(tmp) / "host", port=0, station_name="bench-host")
        host.load_demo(tickets=200)
        host.start()
        try:
            setup = host.add_station("bench")
            station_dir = Path(tmp) / "station"
            child = subprocess.run([sys.executable, __file__, "--seconds", str(args.seconds), "--child",
                                    setup["url"], setup["key"], str(station_dir)],
                                   capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                                   timeout=args.seconds + 120, check=True)
        finally:
            host.stop()
        report = json.loads(child.stdout.strip().splitlines()[-1])
        entries = list(read_journal(station_dir / "journal.jsonl"))
    shown = [e for e in entries if e["t_shown"]]
    if not shown:
        raise SystemExit("e2e: no scan reached the screen")
    ms = lambda a, b: [(e[b] - e[a]) * 1000 for e in shown]  # noqa: E731
    total = ms("t_captured", "t_shown")
    stages = {"capture -> decoded": ms("t_captured", "t_decoded"), "decoded -> sent": ms("t_decoded", "t_sent"),
              "sent -> answered (HTTP)": ms("t_sent", "t_answered"), "answered -> shown": ms("t_answered", "t_shown"),
              "scan -> result (total)": total}
    rss_max = max(report["rss_mb"])
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"), "machine": {**machine(), "load_average_before": list(load_before)},
        "camera": {"size": SIZE, "fps": FPS, "frames_captured": report["captured_frames"],
                   "preview_frames": report["preview_frames"], "seconds": args.seconds},
        "scans": len(shown), "outcomes": sorted({f"{e['status']}/{e['reason']}" for e in shown}),
        "latency_ms": {name: {"p50": statistics.median(v), "p95": percentile(v, 95), "max": max(v)}
                       for name, v in stages.items()},
        "decode_ms": {"median": report["decode_median_ms"], "p95": report["decode_p95_ms"]},
        "rss_mb": {"max": rss_max, "median": statistics.median(report["rss_mb"])},
        "targets": {"p95_ms": TARGET_P95_MS, "rss_mb": TARGET_RSS_MB},
    }
    p95 = result["latency_ms"]["scan -> result (total)"]["p95"]
    lines = [f"# End-to-end station benchmark ({result['when']})", "",
             f"Machine: {result['machine']['cpu']}, {result['machine']['cores']} cores, Python "
             f"{result['machine']['python']}, {result['machine']['platform']}; load average "
             f"{[round(x, 2) for x in load_before]} at start (shared machine).", "",
             f"Station process (offscreen Qt, 1280x720 window) against a HostService on loopback in another "
             f"process; simulated camera {SIZE[0]}x{SIZE[1]} at {FPS:.0f} fps (DemoTicketSource), {args.seconds:.0f} s, "
             f"{len(shown)} scans ({', '.join(result['outcomes'])}); {report['captured_frames']} frames captured, "
             f"{report['preview_frames']} shown in the preview.", "",
             "| stage | p50 ms | p95 ms | max ms |", "|---|---|---|---|"]
    for name, v in result["latency_ms"].items():
        lines.append(f"| {name} | {v['p50']:.1f} | {v['p95']:.1f} | {v['max']:.1f} |")
    lines += ["", f"Decode per frame: median {report['decode_median_ms']:.1f} ms, p95 {report['decode_p95_ms']:.1f} ms.",
              "", "| target | limit | measured | |", "|---|---|---|---|",
              f"| scan-to-result p95 | < {TARGET_P95_MS:.0f} ms | {p95:.1f} ms | {'pass' if p95 < TARGET_P95_MS else 'FAIL'} |",
              f"| station RSS (max) | < {TARGET_RSS_MB:.0f} MB | {rss_max:.0f} MB | "
              f"{'pass' if rss_max < TARGET_RSS_MB else 'FAIL'} |"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "e2e.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "e2e.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
