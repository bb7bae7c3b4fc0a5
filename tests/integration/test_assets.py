"""The asset generator is deterministic: scripts/make_assets.py (a process) makes the committed files."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from kiosk.paths import asset_path

ROOT = Path(__file__).resolve().parents[2]


def test_regenerating_the_assets_gives_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_assets.py"), str(tmp_path)], check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    for made in sorted(tmp_path.iterdir()):
        committed = asset_path(made.name)
        assert hashlib.sha256(made.read_bytes()).digest() == hashlib.sha256(committed.read_bytes()).digest(), made.name
