#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle dist/checkin-kiosk/ and run its self-test offscreen.
# Usage: scripts/build_bundle.sh   (PYTHON may name another interpreter with pyinstaller installed)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
if [ "$PYTHON" = .venv/bin/python ]; then
  scripts/setup.sh build
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller kiosk.spec
built=$(date +%s)
echo "build time: $((built - start)) s"
echo "bundle size: $(du -sh dist/checkin-kiosk | cut -f1) ($(find dist/checkin-kiosk -type f | wc -l) files)"

echo "self-test of the bundle (offscreen, demo):"
QT_QPA_PLATFORM=offscreen dist/checkin-kiosk/checkin-kiosk --self-test --demo
echo "self-test time: $(( $(date +%s) - built )) s"
