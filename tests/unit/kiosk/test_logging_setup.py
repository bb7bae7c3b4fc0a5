"""The station's log never shows a key, not even inside a traceback."""

from __future__ import annotations

import logging
import sys

from kiosk.logging_setup import KeyRedactingFilter, setup_logging, shutdown_logging
from kiosk.options import StationOptions

KEY = "Zy4xWv7uTs0rQp3oNm6lKj9iHg2fEd5c"
URL = "http://127.0.0.1:9/pretixdroid/api/demo/democon/"


def test_the_log_never_shows_a_key(tmp_path):
    log_path = setup_logging(tmp_path)
    try:
        from kiosk.logging_setup import log_banner, redact_secret

        redact_secret(KEY)
        options = StationOptions(server_url=URL, key=KEY, data_dir=tmp_path, camera="0")
        log_banner(options)
        logging.getLogger("kiosk.test").warning("GET /status/?key=%s&x=1 failed; raw %s", "SomeOtherKey123", KEY)
        logging.getLogger("kiosk.test").info('setup {"key": "AnotherKey456", "url": "x"}')
    finally:
        shutdown_logging()
    text = log_path.read_text()
    assert f"server: {URL}" in text and "decoder: zxing" in text
    assert KEY not in text and "SomeOtherKey123" not in text and "AnotherKey456" not in text
    assert text.count("<redacted>") >= 3


def test_redaction_reaches_into_tracebacks():
    redactor = KeyRedactingFilter()
    try:
        raise ValueError("bad url http://h/status/?key=SecretKey99")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    redactor.filter(record)
    assert "SecretKey99" not in record.exc_text and "key=<redacted>" in record.exc_text
