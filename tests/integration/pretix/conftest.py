"""Fixtures for tests against a real pretix 2026.8.0 (tests/support/pretix.py): one pretix per test module,
a fresh event in it per test, and a fresh host database and data directory per test."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.conftest import DATABASE_KINDS
from tests.support import pretix as px

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def pretix(tmp_path_factory):
    """A real pretix with organizer "demo" and a team token (``pretix.token``), started from the template."""
    px.require()
    server = px.PretixServer(tmp_path_factory.mktemp("pretix"))
    server.seed_organizer()
    server.start()
    px.enable_plugins(server)
    yield server
    server.stop()


def unique(prefix: str) -> str:
    """A fresh event slug in the module's pretix."""
    return f"{prefix}{next(_numbers)}"


@pytest.fixture(scope="module")
def big_event(pretix):
    """An event with 105 paid orders (3 pages), 21 add-ons and one pending order, shared by the module."""
    seeded = px.seed_event(pretix, event=unique("big"), orders=105)
    px.create_order(pretix, seeded, "Pending", status="n")
    return seeded


@pytest.fixture
def pretix_event(pretix):
    """A fresh pretix event (5 paid orders) for one test."""
    return px.seed_event(pretix, event=f"ev{next(_numbers)}", orders=5)


@pytest.fixture(params=DATABASE_KINDS)
def host_db(request, make_database, tmp_path):
    """(engine, database URL, data dir) of a fresh host: SQLite, and PostgreSQL when configured."""
    from server.db import open_database

    url, drop = make_database(request.param)
    engine = open_database(url)
    yield engine, url, Path(tmp_path / "host-data")
    engine.dispose()
    drop()
