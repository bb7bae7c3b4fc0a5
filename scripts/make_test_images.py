#!/usr/bin/env python3
"""Write the decoder test pictures (and a short ticket video) to a folder, to look at.

The tests generate the very same pictures on the fly with tests/support/imagegen.py;
this script only makes them visible:

    .venv/bin/python scripts/make_test_images.py [--out build/test-images] [--size 1280x720]

Each picture is named after its case (clean, rotated_30, tilted, inverted, small,
two_codes, empty_scene, ...); index.txt lists the texts a decoder must find.
The same folder can be fed to the kiosk: ``checkin-kiosk --camera build/test-images``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import imagegen  # noqa: E402 - needs the repository root on sys.path


def main(argv: list[str] | None = None) -> int:
    """Write the catalogue pictures, index.txt and tickets.avi; print where."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "test-images")
    parser.add_argument("--size", default="1280x720", help="frame size WIDTHxHEIGHT (default 1280x720)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    for case in imagegen.decoder_cases((width, height)):
        cv2.imwrite(str(args.out / f"{case.name}.png"), case.image)
        lines.append(f"{case.name}.png\t{' '.join(case.expected) or '(no code)'}")
    (args.out / "index.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imagegen.write_video(args.out / "tickets.avi", [(imagegen.SECRET_A, 2.0), (None, 1.0),
                                                    (imagegen.SECRET_B, 2.0), (None, 1.0)])
    print(f"Wrote {len(lines)} pictures, index.txt and tickets.avi to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
