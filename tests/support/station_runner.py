"""A station in its own process, for crash tests: the real Gate on a data dir, scanning a list.

    STATION_KEY=... python tests/support/station_runner.py DATA_DIR BASE_URL SECRET...

Starts the Gate (fast test settings), redeems each secret in turn and prints one JSON line
per answer, flushed (``{"secret", "status", "reason", "mode", "nonce"}``), then waits to be
killed (at most 120 s). The key comes from the environment so it is not on the command line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.offline import Gate, GateSettings  # noqa: E402

SETTINGS = GateSettings(
    connect_timeout=0.5, read_timeout=0.5, probe_timeout=0.3, probe_interval=0.3, probe_max_interval=0.6
)


def main() -> int:
    """Scan every secret given, report each answer, then idle until killed."""
    data_dir, base_url, *secrets = sys.argv[1:]
    gate = Gate.connect(base_url, os.environ["STATION_KEY"], data_dir, SETTINGS,
                        cert_sha256=os.environ.get("STATION_CERT_SHA256", ""))
    gate.start()
    for secret in secrets:
        outcome = gate.redeem(secret, time.time())
        line = {k: getattr(outcome, k) for k in ("secret", "status", "reason", "mode", "nonce")}
        print(json.dumps(line), flush=True)
        time.sleep(0.02)
    time.sleep(120)
    gate.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
