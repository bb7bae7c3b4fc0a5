#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the tests and print its URL on stdout.
# Usage: scripts/postgres.sh start|stop   (PGDIR and PGPORT may be set; defaults below)
# Installs PostgreSQL through apt when it is missing and we are root.
set -euo pipefail
PGDIR=${PGDIR:-/tmp/checkin-kiosk-pg}
PGPORT=${PGPORT:-54329}
case "$PGDIR" in /*) ;; *) PGDIR="$PWD/$PGDIR" ;; esac  # as_pg runs from /
URL="postgresql://checkin:checkin@127.0.0.1:${PGPORT}/checkin_test"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing PostgreSQL through apt..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN=$(find_bin)
  else
    echo "PostgreSQL is not installed. Run: sudo apt-get install -y postgresql postgresql-contrib" >&2
    exit 1
  fi
fi

as_pg() {
  # From /: the postgres user may not be allowed into the current directory (/root/...).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

case "${1:-start}" in
  start)
    if as_pg "$BIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    rm -rf "$PGDIR"
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
    as_pg "$BIN/initdb" -D "$PGDIR" -U postgres -A trust --no-sync >/dev/null
    as_pg "$BIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/log" -w \
      -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null ||
      { echo "PostgreSQL did not start (is port $PGPORT taken? set PGPORT). Its log:" >&2; tail -n 20 "$PGDIR/log" >&2; exit 1; }
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE ROLE checkin LOGIN SUPERUSER PASSWORD 'checkin'" >/dev/null
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE checkin_test OWNER checkin" >/dev/null
    echo "$URL"
    ;;
  stop)
    as_pg "$BIN/pg_ctl" -D "$PGDIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
