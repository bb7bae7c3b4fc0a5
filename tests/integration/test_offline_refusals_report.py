"""A station's offline refusals: kept while the host does not answer, reported once it does, dropped by a host
without the extension (another pretixdroid server answers 404), never in the way of a scan."""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.client import PretixdroidClient
from kiosk.offline import Gate, GateSettings
from server.overview.export import write_attempts_csv
from server.state import server_state
from tests.integration.test_offline_stations import reconnect
from tests.support.proxy import LoopbackProxy

pytestmark = pytest.mark.slow

FAST = GateSettings(connect_timeout=0.5, read_timeout=0.5, probe_timeout=0.3, probe_interval=0.1)


def test_offline_refusals_wait_for_the_host_and_are_reported_once(host, tmp_path):
    host.seed.ticket("PAID-1")
    proxy = LoopbackProxy(host.port).start()
    gate = Gate.connect(host.base_url(proxy.url), host.seed.key(name="Door"), tmp_path / "door", FAST,
                        cert_sha256=host.cert_sha256)
    gate.proxy = proxy
    gate.start()
    try:
        proxy.mode = "drop"
        assert gate.redeem("PAID-1", time.time()).status == "ok"
        refused = [gate.redeem(secret, time.time()) for secret in ("PAID-1", "FORGED-1")]
        assert [(o.mode, o.reason) for o in refused] == [("offline", "already_redeemed"), ("offline", "unknown_ticket")]
        gate.tick()  # the host still does not answer: kept
        assert gate.refusals.pending_count() == 2
        reconnect(gate)
        assert gate.refusals.pending_count() == 0
        server_state(host.server._app).recorder.flush()
        out = io.StringIO()
        write_attempts_csv(host.engine, "acme", "conf", out)
        rows = [line.split(",") for line in out.getvalue().splitlines()[1:]]
        # outcome, reason, secret, forced (an offline upload), offline (refused offline), nonce
        assert [(r[4], r[5], r[6], r[8], r[9], r[10]) for r in rows[1:]] == [
            ("refused", "already_redeemed", "PAID-1", "false", "true", refused[0].nonce),
            ("refused", "unknown_ticket", "FORGED-1", "false", "true", refused[1].nonce),
        ]
        assert rows[0][4:7] + rows[0][8:10] == ["ok", "", "PAID-1", "true", "false"]  # the admission, uploaded
        assert rows[0][7] == rows[1][7] != ""  # its order code, also for the refusal reported from the copy
    finally:
        gate.close()
        proxy.stop()


class _NoExtension(BaseHTTPRequestHandler):
    """Another pretixdroid server: it knows no ``refusals/`` (404)."""

    def do_POST(self):  # noqa: N802 - http.server's name
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"error": "not_found"}).encode())

    def log_message(self, *_args):
        pass


def test_a_host_without_the_extension_makes_the_station_drop_its_refusals(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NoExtension)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = PretixdroidClient(f"http://127.0.0.1:{server.server_port}/pretixdroid/api/acme/conf/", "k" * 32)
    gate = Gate(client, tmp_path / "door", FAST)
    try:
        from datetime import UTC, datetime

        gate.refusals.add("FORGED-1", "n-1", "unknown_ticket", datetime.now(UTC), None)
        gate.refusals.add("X", "n-2", "host_unreachable", datetime.now(UTC), None)  # not a ticket's refusal
        assert gate.refusals.pending_count() == 1
        assert gate.refusals.report(client) == 0
        assert gate.refusals.pending_count() == 0
    finally:
        gate.close()
        server.shutdown()
