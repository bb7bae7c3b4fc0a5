#!/usr/bin/env bash
# Set up (first run) and open the demo station: host mode, a demo event and a
# simulated camera that shows demo tickets, so the whole flow runs without a webcam.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh runtime
exec .venv/bin/checkin-kiosk --demo "$@"
