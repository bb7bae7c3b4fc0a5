#!/usr/bin/env python3
"""What an idle station costs: CPU of the capture and decode threads on a still, empty scene.

    .venv/bin/python bench/idle.py [--seconds 8] [--rounds 2]

For 1280x720 and 1920x1080 at 30 fps, a still scene and the same scene with fresh
sensor noise in every frame are written as MJPG videos (what a USB webcam sends,
decoded on the CPU like a camera's pictures) and played looping through the
station's frame-source interface (``VideoFileSource``). Three set-ups run one after
another in this process, in ABBA order per round, and the process CPU time is
taken over ``--seconds`` after a warm-up:

* reading the frames: a ``CaptureWorker`` alone;
* every frame (before): plus a ``DecodeWorker`` decoding every picture at full
  size with zxing, as the station did before issue 13;
* station (now): plus the station's ``DecodeWorker`` as it runs it (change check,
  half size first).

Targets: the station at most 2x the cost of reading on the still scene, 3x on the
noisy one. Writes bench/results/idle.json and idle.md; exit status 1 if missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.scanning.capture import CaptureWorker  # noqa: E402
from kiosk.scanning.decoder import DecodeWorker  # noqa: E402
from kiosk.scanning.decoding import ZxingDecoder  # noqa: E402
from kiosk.scanning.files import VideoFileSource  # noqa: E402
from tests.support import imagegen  # noqa: E402

SIZES = [(1280, 720), (1920, 1080)]
FPS = 30
NOISE_SIGMA = 6.0  # gray levels, fresh in every frame: a webcam indoors
TARGETS = {"still": 2.0, "noisy": 3.0}  # station CPU at most this many times the cost of reading
SETUPS = ("read", "every_frame", "station")
LABELS = {"read": "reading the frames", "every_frame": "decode every frame (before)", "station": "station (now)"}
RESULTS = ROOT / "bench" / "results"


def write_video(path: Path, size: tuple[int, int], noisy: bool) -> Path:
    """A looping MJPG video of a still scene: 30 identical frames, or 60 with fresh sensor noise each."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, size)
    scene = imagegen.scene(size, seed=21)
    for n in range(60 if noisy else 30):
        writer.write(imagegen.with_noise(scene, NOISE_SIGMA, seed=n) if noisy else scene)
    writer.release()
    return path


def frame_to_frame_noise(path: Path) -> float:
    """Standard deviation of the difference of two consecutive decoded frames, gray levels (0: still)."""
    capture = cv2.VideoCapture(str(path))
    first, second = capture.read()[1], capture.read()[1]
    capture.release()
    return float(np.std(first.astype(np.float32) - second.astype(np.float32)))


def run(setup: str, video: Path, seconds: float) -> dict:
    """Run one set-up on ``video`` for ``seconds`` after a warm-up; return its CPU share and frame counts."""
    capture = CaptureWorker(VideoFileSource(video, loop=True))
    decode = None
    if setup == "every_frame":
        decode = DecodeWorker(capture, decoder=ZxingDecoder(), every_frame=True, stats_window=100_000)
    elif setup == "station":
        decode = DecodeWorker(capture, stats_window=100_000)
    capture.start()
    if decode is not None:
        decode.start()
    try:
        deadline, number = time.monotonic() + 10, 0
        while number < 15 and time.monotonic() < deadline:  # the camera is running
            number, _ = capture.wait_for_frame(number, deadline - time.monotonic())
        time.sleep(1.0)  # warm-up: the change check has its reference, zxing its buffers
        captured0, decoded0 = capture.frames_captured, decode.stats().frames if decode else 0
        cpu0, t0 = time.process_time(), time.monotonic()
        time.sleep(seconds)
        cpu, elapsed = time.process_time() - cpu0, time.monotonic() - t0
        captured = capture.frames_captured - captured0
        decoded = (decode.stats().frames - decoded0) if decode else 0
    finally:
        for worker in (decode, capture):
            if worker is not None:
                worker.stop()
                worker.join(timeout=5)
    return {"cpu_share": cpu / elapsed, "fps": captured / elapsed, "decoded_share": decoded / max(captured, 1)}


def measure(seconds: float, rounds: int) -> list[dict]:
    """Every size and scene, the three set-ups in ABBA order per round; one row per size and scene."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            for scene in ("still", "noisy"):
                video = write_video(Path(tmp) / f"{scene}-{size[0]}.avi", size, scene == "noisy")
                runs: dict[str, list[dict]] = {s: [] for s in SETUPS}
                for r in range(rounds):
                    for setup in SETUPS if r % 2 == 0 else tuple(reversed(SETUPS)):
                        runs[setup].append(run(setup, video, seconds))
                row = {"size": f"{size[0]}x{size[1]}", "scene": scene,
                       "frame_to_frame_noise": round(frame_to_frame_noise(video), 2)}
                for setup, results in runs.items():
                    row[setup] = {key: round(statistics.mean(r[key] for r in results), 3) for key in results[0]}
                read = row["read"]["cpu_share"]
                row["before_ratio"] = round(row["every_frame"]["cpu_share"] / read, 2)
                row["now_ratio"] = round(row["station"]["cpu_share"] / read, 2)
                row["target_ratio"] = TARGETS[scene]
                row["met"] = row["now_ratio"] <= TARGETS[scene]
                rows.append(row)
                print(f"  {row['size']} {scene:5}: read {read:.1%}, before {row['every_frame']['cpu_share']:.1%} "
                      f"({row['before_ratio']}x), now {row['station']['cpu_share']:.1%} ({row['now_ratio']}x), "
                      f"decoded {row['station']['decoded_share']:.1%} of frames", flush=True)
    return rows


def machine() -> dict:
    """CPU model, cores, load and versions, so results can be compared."""
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(), "opencv": cv2.__version__,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "date": time.strftime("%Y-%m-%d %H:%M")}


def markdown(result: dict) -> str:
    """The table stored in bench/results/idle.md."""
    m = result["machine"]
    lines = [f"# Idle station benchmark ({m['date']})", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, load average at start {m['load_average_at_start']}; "
             f"Python {m['python']}, OpenCV {m['opencv']}.", "",
             f"Process CPU (share of one core) of the capture thread alone and with a decode thread, on a looping "
             f"MJPG video of a still, empty scene at {FPS} fps ({result['seconds']:g} s per run, {result['rounds']} "
             f"run(s) each, ABBA order); \"noisy\" adds fresh sensor noise (σ {NOISE_SIGMA:g}) to every frame. "
             "\"decoded\" is the share of captured frames the decode thread decoded.", "",
             "| camera | scene | reading the frames | decode every frame (before) | station (now) | now decoded "
             "| before / reading | now / reading | target | |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in result["rows"]:
        lines.append(f"| {r['size']} | {r['scene']} | {r['read']['cpu_share']:.1%} | "
                     f"{r['every_frame']['cpu_share']:.1%} | {r['station']['cpu_share']:.1%} | "
                     f"{r['station']['decoded_share']:.1%} | {r['before_ratio']}x | {r['now_ratio']}x | "
                     f"≤ {r['target_ratio']:g}x | {'met' if r['met'] else 'NOT met'} |")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="measured seconds per run (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each set-up, ABBA order (default 2)")
    args = parser.parse_args(argv)
    result = {"machine": machine(), "seconds": args.seconds, "rounds": args.rounds, "fps": FPS,
              "noise_sigma": NOISE_SIGMA}
    print("Idle CPU, per camera size and scene:", flush=True)
    result["rows"] = measure(args.seconds, args.rounds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "idle.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    (RESULTS / "idle.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    return 0 if all(r["met"] for r in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
