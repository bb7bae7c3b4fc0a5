"""Work around PySide6 6.12.0 reference-counting bugs that abort CPython 3.11.

Measured here: every call of a wrapped Qt function that returns ``None`` (all void
methods: ``setText``, ``update``...) gives up one reference to ``None`` it never
took, and every ``Signal.emit`` does the same with ``True``. CPython 3.11 does not
make these singletons immortal, so after some thousands of calls the process dies
with "Fatal Python error: none_dealloc" (or "bool_dealloc").

CPython 3.12 made None/True/False immortal for exactly this class of bug; this does
the same by hand: if the leak is measured, their reference counts are raised by
2**40, which a station cannot lose in any realistic lifetime. Nothing happens on a
PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBES = 20
_HEADROOM = 1 << 40
_applied = False


class _Probe(QObject):
    fired = Signal()


def leaking_singletons() -> list[object]:
    """Which of None/True/False this PySide6 leaks (measured with a void call and an emit)."""
    probe = _Probe()
    leaks = []
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    if before - sys.getrefcount(None) >= _PROBES // 2:
        leaks.append(None)
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    if before - sys.getrefcount(True) >= _PROBES // 2:
        leaks.extend([True, False])
    return leaks


def signal_refcount_fix() -> bool:
    """Make the leaked singletons practically immortal (idempotent); True if it was needed."""
    global _applied
    if _applied:
        return True
    leaks = leaking_singletons()
    if not leaks:
        return False
    for obj in leaks:
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    _applied = True
    log.info("PySide6 reference leak on %s detected; made them immortal", ", ".join(map(repr, leaks)))
    return True
