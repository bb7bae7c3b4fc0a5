#!/usr/bin/env bash
# Set up checkin-kiosk on a Debian/Ubuntu machine with Python 3.11+:
# system libraries through apt (when root, else prints the command), a virtual
# environment in .venv and the package with the extras named in $EXTRAS.
# Usage: scripts/setup.sh [runtime|test|build]
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${1:-runtime}

# Libraries Qt (offscreen and X11), QtMultimedia (sound), zbar and the fonts need.
RUNTIME_DEBS=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 libsm6
  libpulse0 libzbar0 fonts-dejavu-core python3-venv)
# xdotool: real key events in the no-window-manager test; chromium + its driver: the overview page's browser tests;
# wrk: bench/server.py's C load generator
TEST_DEBS=(xvfb xauth xdotool chromium chromium-driver wrk)
BUILD_DEBS=(binutils)  # PyInstaller reads shared libraries with objdump

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for c in python3 python3.13 python3.12 python3.11; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY=$c; break
    fi
  done
fi
[ -n "$PY" ] || { echo "Python 3.11 or newer is needed (sudo apt-get install -y python3)." >&2; exit 1; }

missing=()
wanted=("${RUNTIME_DEBS[@]}")
[ "$PROFILE" = test ] && wanted+=("${TEST_DEBS[@]}")
if [ "$PROFILE" = build ]; then
  wanted+=("${BUILD_DEBS[@]}")
  # PyInstaller bundles libpython, which Debian's own python3 ships in a separate package.
  case "$(readlink -f "$(command -v "$PY")")" in
    /usr/bin/*) wanted+=("libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')") ;;
  esac
fi
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== Installing system packages: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "== Missing system packages. Run this, then start again:" >&2
    echo "   sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "== Creating .venv with $PY" >&2
  "$PY" -m venv .venv
fi
EXTRAS="pyzbar,postgres"
[ "$PROFILE" = test ] && EXTRAS="test,pyzbar,postgres"
[ "$PROFILE" = build ] && EXTRAS="build,pyzbar,postgres"
# Reinstall only when pyproject.toml changed since the last install.
stamp=".venv/.installed-$PROFILE"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== Installing checkin-kiosk[$EXTRAS] into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >&2 2>/dev/null || true
  .venv/bin/python -m pip install -q -e ".[$EXTRAS]" >&2
  touch "$stamp"
fi
# The sync tests run against a real pretix: a cached venv and a migrated template database (once).
if [ "$PROFILE" = test ]; then
  scripts/pretix_cache.sh
fi
