"""The client's typed host errors: which ones mean an outage; the key is redacted from any text."""

from __future__ import annotations

from kiosk.client.errors import HostError, HostTimeout, HostUnreachable, KeyRejected, is_outage, redact


def test_host_errors_that_mean_outage_are_told_apart_from_answers():
    assert is_outage(HostTimeout()) and is_outage(HostUnreachable()) and is_outage(HostError(status=502))
    assert not is_outage(HostError(status=400)) and not is_outage(KeyRejected())
    assert HostError(status=502).operator_message.startswith("The host had a problem (HTTP 502)")


def test_key_is_redacted_from_any_text():
    text = "GET http://h:1/pretixdroid/api/o/e/status/?key=abcDEF123&query=x failed (KEY=zzz)"
    assert redact(text) == "GET http://h:1/pretixdroid/api/o/e/status/?key=***&query=x failed (KEY=***)"
    assert "abcDEF123" not in str(HostUnreachable(text))
