"""The ``checkin-server`` command line run in-process (``cli``), and the sample event it imports (``fest``)."""

from __future__ import annotations

import pytest

from server.cli import main
from tests.support.pretix_samples import PRETIX_2026


def cli(capsys, url: str, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process on ``url``: (exit code, stdout, stderr)."""
    code = main(["--database-url", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fest(database_url, capsys) -> str:
    """The database with the real pretix sample demo/fest imported through the CLI."""
    code, out, err = cli(capsys, database_url, "import", str(PRETIX_2026))
    assert code == 0, err
    return database_url
