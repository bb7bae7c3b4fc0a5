#!/usr/bin/env bash
# Update the station's catalogs from the code, then compile them (see docs/translations.md):
#   pyside6-lupdate  kiosk/**/*.py -> kiosk/translations/checkin_kiosk_<code>.ts  (new words: "unfinished")
#   pyside6-lrelease checkin_kiosk_<code>.ts  -> checkin_kiosk_<code>.qm           (committed, shipped)
# Usage: scripts/translations.sh          update and compile every language
#        scripts/translations.sh fr       start (or update) the French catalog too
# The tools come with PySide6: $VENV/bin (default .venv/bin), else the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
lupdate=$BIN/pyside6-lupdate lrelease=$BIN/pyside6-lrelease
[ -x "$lupdate" ] || lupdate=$(command -v pyside6-lupdate)
[ -x "$lrelease" ] || lrelease=$(command -v pyside6-lrelease)
DIR=kiosk/translations
for code in "$@"; do
  case "$code" in
    *[!a-zA-Z_]* | "") echo "translations.sh: '$code' is not a language code such as fr or pt_BR" >&2; exit 2 ;;
  esac
  ts=$DIR/checkin_kiosk_$code.ts
  [ -e "$ts" ] || printf '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="%s" sourcelanguage="en">\n</TS>\n' "$code" > "$ts"
done
mapfile -t sources < <(find kiosk -name '*.py' | LC_ALL=C sort)
for ts in "$DIR"/checkin_kiosk_*.ts; do
  "$lupdate" -silent -no-obsolete -locations absolute "${sources[@]}" -ts "$ts"
  "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  echo "$ts: $(grep -c 'type="unfinished"' "$ts" || true) unfinished"
done
