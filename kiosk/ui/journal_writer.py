"""The station's journal, written on its own thread: each line is fsync'ed, so never on the GUI thread."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.station.journal import Journal

log = logging.getLogger(__name__)


class JournalWriter:
    """Appends journal entries in order on a one-thread executor; ``close()`` waits for the last one."""

    def __init__(self, path: Path) -> None:
        self.journal = Journal(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        self.submitted = 0

    def write(self, entry: dict) -> None:
        """Queue one entry (returns at once)."""
        self.submitted += 1
        self._executor.submit(self._append, entry)

    def close(self) -> None:
        """Write what is queued, then close the file."""
        self._executor.shutdown(wait=True)
        self.journal.close()

    def _append(self, entry: dict) -> None:
        try:
            self.journal.append(entry)
        except (OSError, ValueError):
            log.exception("could not write the journal entry")
