"""The overview as a web page on the host: read-only, for the event lead's laptop or phone.

``/overview/<org>/<event>/?key=KEY`` is the page; it polls ``data.json`` (relative, with
the same key) every few seconds and draws its chart on a canvas with its own script, so it
needs no internet and works over HTTP and HTTPS alike. Only overview keys open it (403 for
station keys); unknown event 404. The static files carry no data and need no key.
"""

from __future__ import annotations

import logging
from importlib import resources

from flask import Blueprint, Response, current_app, request

from server import rules
from server.overview.data import event_overview
from server.overview.keys import resolve_overview
from server.overview.sync_problems import sync_problems
from server.state import server_state

log = logging.getLogger(__name__)

overview_bp = Blueprint("overview", __name__)

_SECURITY_HEADERS = {
    # Everything comes from the host itself; the key in the address never leaves in a Referer.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
_TYPES = {"overview.js": "text/javascript", "overview.css": "text/css"}


def _static(name: str) -> bytes:
    return resources.files("server.overview").joinpath("static", name).read_bytes()


def _respond(body: bytes | str, mimetype: str, status: int = 200, cache: bool = False) -> Response:
    headers = dict(_SECURITY_HEADERS)
    headers["Cache-Control"] = "max-age=300" if cache else "no-store"
    return Response(body, status=status, mimetype=mimetype, headers=headers)


class OverviewKeyRejected(rules.KeyRejected):
    """The overview page's key is missing, unknown or revoked (a station key included)."""


def _event_id(org: str, event: str) -> int:
    with server_state().engine.connect() as conn:
        try:
            return resolve_overview(conn, org, event, request.args.get("key"))
        except rules.KeyRejected:
            raise OverviewKeyRejected() from None


@overview_bp.get("/overview/<org>/<event>/")
def page(org: str, event: str) -> Response:
    """The overview page (HTML); the figures come from ``data.json``."""
    _event_id(org, event)
    return _respond(_static("overview.html"), "text/html")


@overview_bp.get("/overview/<org>/<event>/data.json")
def data(org: str, event: str) -> Response:
    """The overview's figures (``server.overview.figures.summarize``) as JSON."""
    event_id = _event_id(org, event)
    state = server_state()
    if state.recorder is not None:
        state.recorder.flush()  # what gathered since the last batch: the page shows it now
    data_dir = current_app.config.get("DATA_DIR")
    figures = event_overview(state.engine, event_id,
                             extra_problems=[lambda: sync_problems(state.engine, data_dir, org, event)])
    return _respond(current_app.json.dumps(figures), "application/json")


@overview_bp.get("/overview/<org>/<event>/<any('overview.js', 'overview.css'):name>")
def static_file(org: str, event: str, name: str) -> Response:
    """The page's script and style sheet (no data, no key)."""
    return _respond(_static(name), _TYPES[name], cache=True)


@overview_bp.app_errorhandler(OverviewKeyRejected)
def _rejected(_exc: OverviewKeyRejected) -> Response:
    limiter = server_state().limiter
    address = request.remote_addr or "-"
    if limiter.is_blocked(address):
        return _respond("<!doctype html><title>Too many attempts</title><p>Too many wrong keys from this address; "
                        "try again later.</p>", "text/html", 429)
    if limiter.record_failure(address):
        log.warning("Address %s sent %d unknown keys; blocking them for a while", address, limiter.limit)
    return _respond(
        "<!doctype html><meta name=viewport content='width=device-width'><title>Not allowed</title>"
        "<p>This overview link is not valid: its key is unknown or was revoked. Ask the host for a new one "
        "(checkin-server key create ORG EVENT --overview).</p>", "text/html", 403)
