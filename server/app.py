"""Flask application assembly (flaskr style): configuration, database, blueprint, error boundary.

Configuration, lowest priority first: ``DEFAULTS``; the environment
(``CHECKIN_DATABASE_URL``, else ``CHECKIN_DATA_DIR`` for a SQLite file there), used
only when the ``config`` dict names no database; then the ``config`` dict itself.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from server.api import bp, register_error_handlers
from server.db import DatabaseError, default_database_url, open_database
from server.overview.web import overview_bp
from server.recording import AttemptRecorder
from server.security import AccessLogMiddleware, BadKeyLimiter, KnownKeys
from server.state import STATE_KEY, ServerState

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 64 * 1024,  # request bodies; larger ones get a JSON 413
    "BAD_KEY_LIMIT": 30,  # failed key attempts per address ...
    "BAD_KEY_WINDOW": 60,  # ... within this many seconds ...
    "BAD_KEY_BLOCK_SECONDS": 300,  # ... block it for this long (429)
    "DOWNLOAD_GZIP_LEVEL": 3,  # fast: 100,000 tickets compress in well under a second
    "RECORD_ATTEMPTS": True,  # refused attempts and station contacts for the overview (batched)
    "RECORD_INTERVAL": 1.0,  # seconds between their batches
}


def _environment_config() -> dict[str, Any]:
    if os.environ.get("CHECKIN_DATABASE_URL"):
        return {"DATABASE_URL": os.environ["CHECKIN_DATABASE_URL"]}
    if os.environ.get("CHECKIN_DATA_DIR"):
        return {"DATABASE_URL": default_database_url(os.environ["CHECKIN_DATA_DIR"])}
    return {}


def _usable_key_hashes(engine) -> set[str]:
    from sqlalchemy import select

    from server.schema import keys

    with engine.connect() as conn:
        return set(conn.execute(select(keys.c.key_hash).where(keys.c.revoked.is_(False))).scalars())


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Assemble the host server: config (see module doc), engine, pretixdroid blueprint, JSON errors, access log.

    Raises ``server.db.DatabaseError`` if no database is configured or it cannot be opened.
    """
    config = dict(config or {})
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if "DATABASE_URL" not in config and "ENGINE" not in config:
        app.config.update(_environment_config())
    if os.environ.get("CHECKIN_RECORD_ATTEMPTS") == "0":  # benchmarks compare with recording off
        app.config["RECORD_ATTEMPTS"] = False
    app.config.update(config)

    engine = app.config.get("ENGINE")
    owns_engine = engine is None
    if engine is None:
        url = app.config.get("DATABASE_URL")
        if not url:
            raise DatabaseError("No database configured: pass DATABASE_URL or set CHECKIN_DATABASE_URL.")
        engine = open_database(url)
    app.extensions[STATE_KEY] = ServerState(
        engine=engine,
        limiter=BadKeyLimiter(
            limit=int(app.config["BAD_KEY_LIMIT"]),
            window=float(app.config["BAD_KEY_WINDOW"]),
            block_seconds=float(app.config["BAD_KEY_BLOCK_SECONDS"]),
        ),
        owns_engine=owns_engine,
    )
    app.extensions[STATE_KEY].known_keys = KnownKeys(lambda: _usable_key_hashes(engine))
    if app.config["RECORD_ATTEMPTS"]:
        recorder = AttemptRecorder(engine, float(app.config["RECORD_INTERVAL"]))
        recorder.start()
        app.extensions[STATE_KEY].recorder = recorder
    app.register_blueprint(bp)
    app.register_blueprint(overview_bp)
    register_error_handlers(app)
    access_log = AccessLogMiddleware(app.wsgi_app)
    app.wsgi_app = access_log  # type: ignore[method-assign]
    app.extensions[STATE_KEY].access_log = access_log
    return app

