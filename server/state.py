"""What the requests of one app share (``ServerState``), kept on the Flask app by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import Engine

from server.recording import AttemptRecorder
from server.security import AccessLogMiddleware, BadKeyLimiter, KnownKeys

STATE_KEY = "checkin"


@dataclass
class ServerState:
    """What requests share: the engine (opened once per app) and the bad-key limiter."""

    engine: Engine
    limiter: BadKeyLimiter
    owns_engine: bool = True
    closed: bool = field(default=False)
    access_log: AccessLogMiddleware | None = None
    known_keys: KnownKeys | None = None  # set by create_app: the cheap check for blocked addresses
    recorder: AttemptRecorder | None = None  # refused attempts and station contacts (overview)

    def close(self) -> None:
        """Write the queued access log lines; release the database connections if this app opened them."""
        if self.access_log is not None:
            self.access_log.close()
        if self.recorder is not None:
            self.recorder.close()
        if self.owns_engine and not self.closed:
            self.engine.dispose()
        self.closed = True


def server_state(app: Flask | None = None) -> ServerState:
    """The ``ServerState`` of ``app`` (default: the app handling the current request)."""
    return (app or current_app).extensions[STATE_KEY]
