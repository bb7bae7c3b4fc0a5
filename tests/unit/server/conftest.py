"""Server test fixtures beyond tests/conftest.py's (database, seed, live server, api): the CLI's sample event."""

from tests.support.server_cli import fest  # noqa: F401 - fixture
