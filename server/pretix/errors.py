"""The errors of the pretix sync: one clear line each (``str(exc)``), never a secret in it."""

from __future__ import annotations


class PretixError(Exception):
    """Something the operator must know, in one line that says what to do."""


class ChoiceNeeded(PretixError):
    """``connect`` needs ``event=`` or ``subevent=``: ``kind`` is "event" or "subevent", ``options`` (value, label)."""

    def __init__(self, kind: str, options: list[tuple[str, str]], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.options = options


class Unreachable(PretixError):
    """pretix could not be reached or answered 5xx/409/429: retry later (``retry_after`` seconds, or None)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DeviceRevoked(PretixError):
    """pretix revoked our device (401 "Device access has been revoked."): syncing stops, nothing is deleted."""


class AuthFailed(PretixError):
    """The credentials are not (or no longer) accepted (401/403): syncing pauses until fixed."""


class ConfigProblem(PretixError):
    """pretix refuses what we send for a reason only the organiser can fix (403, a 400 without status)."""
