#!/usr/bin/env bash
# Prepare the real pretix the sync tests run against: pretix $VERSION in a cached venv apart from
# the project's (pretix pins Django, requests and more), and a template database migrated once
# (migrating takes 1.5-3 minutes; each test module starts pretix from a copy in seconds).
# Idempotent: stamp files make later runs free. Cache: $CHECKIN_PRETIX_CACHE or ~/.cache/checkin-kiosk.
set -euo pipefail
VERSION=2026.8.0
CACHE=${CHECKIN_PRETIX_CACHE:-$HOME/.cache/checkin-kiosk}
VENV=$CACHE/pretix-$VERSION
TEMPLATE=$CACHE/pretix-template
PY=${PRETIX_PYTHON:-}
if [ -z "$PY" ]; then
  for c in python3.11 python3.12 python3; do
    if command -v "$c" >/dev/null 2>&1; then PY=$c; break; fi
  done
fi
mkdir -p "$CACHE"
if [ ! -f "$VENV/.checkin-kiosk-installed" ]; then
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import sys, pretix; sys.exit(pretix.__version__ != '$VERSION')" 2>/dev/null; then
    echo "== pretix $VERSION is already installed in $VENV" >&2
  else
    echo "== Installing pretix $VERSION into $VENV (about a minute, once)" >&2
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install -q -U pip wheel setuptools >&2
    "$VENV/bin/pip" install -q "pretix==$VERSION" >&2
  fi
  echo "$VERSION" > "$VENV/.checkin-kiosk-installed"
fi
if [ ! -f "$TEMPLATE/.migrated-$VERSION" ]; then
  echo "== Migrating pretix's template database in $TEMPLATE (1.5-3 minutes, once)" >&2
  mkdir -p "$TEMPLATE/data"
  cat > "$TEMPLATE/pretix.cfg" <<CFG
[pretix]
instance_name=test
url=http://127.0.0.1:8765
currency=EUR
datadir=$TEMPLATE/data
ecb_rates=off
registration=off
[database]
backend=sqlite3
name=$TEMPLATE/data/db.sqlite3
[mail]
from=pretix@localhost
host=127.0.0.1
port=2525
[django]
debug=off
[locale]
timezone=Europe/Berlin
CFG
  (cd "$TEMPLATE" && PRETIX_CONFIG_FILE="$TEMPLATE/pretix.cfg" "$VENV/bin/python" -m pretix migrate --noinput >&2)
  touch "$TEMPLATE/.migrated-$VERSION"
fi
