#!/usr/bin/env bash
# Set up (first run) and run the whole test suite: ruff, then pytest on SQLite and on a
# real PostgreSQL that this script starts (and stops) itself. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
export CHECKIN_REQUIRE_PRETIX=1  # the pretix sync tests must run here, not be skipped
echo "== ruff" >&2
.venv/bin/ruff check .
echo "== Starting PostgreSQL for the tests" >&2
CHECKIN_TEST_POSTGRES_URL=$(scripts/postgres.sh start)
export CHECKIN_TEST_POSTGRES_URL
trap 'scripts/postgres.sh stop' EXIT
echo "== pytest" >&2
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
