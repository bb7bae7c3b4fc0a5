"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when configured), a real server.

Qt runs offscreen in every test and in every process a test starts: ``QT_QPA_PLATFORM`` is set
here, once, before anything imports Qt.

``database_url`` is parametrized over ``sqlite`` and ``postgresql``. The PostgreSQL
variant needs ``CHECKIN_TEST_POSTGRES_URL`` (a superuser URL); without it those tests
skip, except under ``CI`` where a missing PostgreSQL fails the run. Each test gets an
empty database with the schema: a copy of a template file (SQLite) or a pooled
database emptied after its previous test (PostgreSQL), so it is fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The default data directory (the host's certificate, made on first need by `key create` or `serve`
# without --data-dir) lives in a throwaway directory, never in the user's own.
if "CHECKIN_TEST_KEEP_XDG" not in os.environ:
    import tempfile as _tempfile

    os.environ["XDG_DATA_HOME"] = _tempfile.mkdtemp(prefix="checkin-test-xdg-")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from server.db import open_database  # noqa: E402

POSTGRES_ENV = "CHECKIN_TEST_POSTGRES_URL"
DATABASE_KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def postgres_base_url() -> str:
    """The configured PostgreSQL URL; skips the test without one (fails under CI)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: set {POSTGRES_ENV} (see scripts/postgres.sh)")
        pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL variant")
    return url


class PostgresDatabases:
    """Throwaway PostgreSQL databases for one test session.

    ``CREATE DATABASE`` costs about a second, so databases are pooled: a released
    database is emptied (``TRUNCATE ... RESTART IDENTITY``, ids start at 1 again) and
    handed to the next test, which sees exactly what a new database would show. All of
    them are dropped when the session ends.
    """

    def __init__(self, base_url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        self._psycopg = psycopg
        self._base = make_url(base_url)
        self._admin_url = base_url
        self._free: list[str] = []
        self._all: list[str] = []

    def url_of(self, name: str) -> str:
        """The URL of database ``name`` on the same server."""
        return self._base.set(database=name).render_as_string(hide_password=False)

    def _execute(self, url: str, *statements: str) -> None:
        with self._psycopg.connect(url, autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)

    def acquire(self) -> str:
        """An empty database with the schema; returns its URL."""
        if self._free:
            return self.url_of(self._free.pop())
        name = f"t_{uuid.uuid4().hex}"
        self._execute(self._admin_url, f'CREATE DATABASE "{name}"')
        self._all.append(name)
        url = self.url_of(name)
        open_database(url).dispose()
        return url

    def release(self, url: str) -> None:
        """Empty the database (closing connections a test left behind) and put it back in the pool."""
        from sqlalchemy.engine import make_url

        from server.schema import metadata

        name = make_url(url).database
        tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables if table.name != "meta")
        self._execute(
            self.url_of(name),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        try:
            self._execute(self.url_of(name), f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        except self._psycopg.Error:
            # The test broke the schema on purpose: this one is not reusable.
            self._execute(self._admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._all.remove(name)
            return
        self._free.append(name)

    def close(self) -> None:
        """Drop every database this session made."""
        for name in self._all:
            self._execute(self._admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _postgres_databases() -> Iterator[Callable[[], PostgresDatabases]]:
    made: list[PostgresDatabases] = []

    def get() -> PostgresDatabases:
        if not made:
            made.append(PostgresDatabases(postgres_base_url()))
        return made[0]

    yield get
    for databases in made:
        databases.close()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "checkin.sqlite3"
    open_database(f"sqlite:///{path}").dispose()  # the last close checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def make_database(_sqlite_template: Path, _postgres_databases, tmp_path_factory):
    """Factory: ``make_database(kind) -> (url, drop)`` for a fresh database with the schema."""

    def make(kind: str) -> tuple[str, Callable[[], None]]:
        if kind == "sqlite":
            path = tmp_path_factory.mktemp("db") / "checkin.sqlite3"
            shutil.copyfile(_sqlite_template, path)
            return f"sqlite:///{path}", lambda: None
        databases = _postgres_databases()
        url = databases.acquire()
        return url, lambda: databases.release(url)

    return make


@pytest.fixture(params=DATABASE_KINDS)
def database_url(request: pytest.FixtureRequest, make_database) -> Iterator[str]:
    """A fresh, empty database with the schema: SQLite file, or PostgreSQL database."""
    url, drop = make_database(request.param)
    yield url
    drop()


@pytest.fixture
def engine(database_url: str):
    """An engine on the test database, for seeding and for checking what was stored."""
    engine = open_database(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seed(engine):
    """An event "acme/conf" with its default list "Entrance" (see tests/support/factories.py)."""
    from tests.support.factories import EventSeed

    return EventSeed(engine)


@pytest.fixture
def server_config() -> dict:
    """Extra ``create_app`` config for the ``live_server`` of a test (override the fixture to change it)."""
    return {}


@pytest.fixture
def live_server(database_url: str, server_config: dict):
    """A real (cheroot) server on a free loopback port, serving the test database."""
    from server.serving import BackgroundServer

    server = BackgroundServer(database_url, config=server_config).start()
    yield server
    server.stop()


@pytest.fixture
def api(live_server, seed):
    """A ``Pretixdroid`` client for acme/conf with a fresh key on the default list."""
    from tests.support.factories import Pretixdroid

    client = Pretixdroid(live_server.url, seed.organizer, seed.event, seed.key())
    yield client
    client.close()
