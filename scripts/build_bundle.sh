#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle dist/checkin-kiosk/, run its self-test offscreen, then run the
# bundled demo station offscreen for 10 s (the self-test never opens the station window; this does).
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
echo "bundle size: $(du -sm dist/checkin-kiosk | cut -f1) MB ($(find dist/checkin-kiosk -type f | wc -l) files)"

echo "self-test of the bundle (offscreen, demo):"
QT_QPA_PLATFORM=offscreen dist/checkin-kiosk/checkin-kiosk --self-test --demo
echo "self-test time: $(( $(date +%s) - built )) s"

echo "demo run of the bundle (offscreen, 10 s, then SIGTERM):"
demo_dir=$(mktemp -d)
trap 'rm -rf "$demo_dir"' EXIT
status=0
QT_QPA_PLATFORM=offscreen timeout --preserve-status -k 10 10 \
    dist/checkin-kiosk/checkin-kiosk --demo --data-dir "$demo_dir/data" >"$demo_dir/output" 2>&1 || status=$?
log="$demo_dir/data/logs/checkin-kiosk.log"
scans=$(grep -c "Scanned a code" "$log" 2>/dev/null || true)
if [ "$status" -ne 0 ] || [ "${scans:-0}" -eq 0 ] || grep -q Traceback "$log" "$demo_dir/output"; then
  echo "demo run FAILED (exit status $status, ${scans:-0} scans); its output and log:"
  cat "$demo_dir/output" "$log" 2>/dev/null || true
  exit 1
fi
echo "demo run passed: $scans scans, clean exit"
