#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle dist/checkin-kiosk/, run its self-test offscreen (in English and
# German), then run the bundled demo station offscreen for 10 s (the self-test never opens the station
# window; this does) and, while it runs, fetch the overview page's files from its host over HTTPS.
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
dangling=$(find dist/checkin-kiosk -xtype l)
if [ -n "$dangling" ]; then
  echo "links to files the bundle left out:"; echo "$dangling"; exit 1
fi

echo "self-test of the bundle (offscreen, demo):"
QT_QPA_PLATFORM=offscreen dist/checkin-kiosk/checkin-kiosk --self-test --demo
echo "self-test time: $(( $(date +%s) - built )) s"
echo "self-test of the bundle in German (the catalog is bundled and loads):"
german_status=0
german=$(QT_QPA_PLATFORM=offscreen dist/checkin-kiosk/checkin-kiosk --self-test --demo --language de) || german_status=$?
echo "$german"
[ "$german_status" -eq 0 ] || exit "$german_status"
if grep -q "Self-test passed" <<<"$german"; then
  echo "the German self-test spoke English: kiosk/translations/*.qm missing from the bundle?"; exit 1
fi

echo "demo run of the bundle (offscreen, 10 s, then SIGTERM):"
demo_dir=$(mktemp -d)
trap 'rm -rf "$demo_dir"' EXIT
status=0
log="$demo_dir/data/logs/checkin-kiosk.log"
QT_QPA_PLATFORM=offscreen timeout --preserve-status -k 10 10 \
    dist/checkin-kiosk/checkin-kiosk --demo --port 0 --data-dir "$demo_dir/data" >"$demo_dir/output" 2>&1 &
demo_pid=$!
# Meanwhile: its host serves HTTPS with the certificate in its data dir, and the overview page's script and
# style sheet (package data of server.overview) as they are in the repository.
url=
for _ in $(seq 80); do
  url=$(sed -n 's/.*host server listening on \(https:[^ ]*\).*/\1/p' "$log" 2>/dev/null | head -1) || true
  [ -n "$url" ] && break
  sleep 0.1
done
served=0
"$PYTHON" - "$url" "$demo_dir/data/tls/cert.pem" <<'EOF' && served=1
import ssl
import sys
import urllib.request
from pathlib import Path

url, cert = sys.argv[1], sys.argv[2]
if not url:
    sys.exit("the bundled host did not say it serves HTTPS (no 'listening on https:' in its log)")
own = ssl.create_default_context(cafile=cert)  # its own certificate is the only one trusted, names checked
for name in ("overview.js", "overview.css"):
    with urllib.request.urlopen(f"{url}/overview/demo/democon/{name}", context=own, timeout=5) as answer:
        if answer.read() != Path("server/overview/static", name).read_bytes():
            sys.exit(f"the bundled host serves another {name} than server/overview/static/{name}")
print(f"the bundled host serves HTTPS at {url} with its certificate, and the overview page's files")
EOF
wait "$demo_pid" || status=$?
scans=$(grep -c "Scanned a code" "$log" 2>/dev/null || true)
if [ "$status" -ne 0 ] || [ "${scans:-0}" -eq 0 ] || [ "$served" -ne 1 ] || grep -q Traceback "$log" "$demo_dir/output"; then
  echo "demo run FAILED (exit status $status, ${scans:-0} scans, overview files served: $served); its output and log:"
  cat "$demo_dir/output" "$log" 2>/dev/null || true
  exit 1
fi
echo "demo run passed: $scans scans, clean exit"
