"""The pretixdroid HTTP API as a Flask blueprint: one dispatcher, thin endpoints, one error boundary.

Every path under ``/pretixdroid/api/<organizer>/<event>/<endpoint>/`` goes through
``dispatch``, which answers, in this order: unknown event 404, bad key 403 (429 once
the address is blocked), wrong method 405, body too large 413. Endpoints only parse
input and shape the response; the rules live in ``server.rules``. Every error,
including Flask's own, is the JSON envelope ``{"version": 2, "error", "message"}``.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request
from flask.blueprints import BlueprintSetupState
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.routing import Rule

from server import rules
from server.db import read_only
from server.overview import refusals
from server.security import escape_controls, redact, redact_query, redacted_traceback
from server.state import server_state

log = logging.getLogger(__name__)

API_VERSION = 2
API_RULE = "/pretixdroid/api/<organizer>/<event>/<endpoint>/"
ROOT_TEXT = (
    "checkin-kiosk host server\n\n"
    "Check-in stations use the pretixdroid API under /pretixdroid/api/<organizer>/<event>/\n"
    "with a key; scan the setup code shown by the host to configure one.\n"
    "Health check: /healthz\n"
)

bp = Blueprint("pretixdroid", __name__)


def json_response(payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``payload`` as an ``application/json`` response."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json", headers=headers)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error envelope ``{"version": 2, "error": code, "message": message}``."""
    return json_response({"version": API_VERSION, "error": code, "message": message}, status, headers)


@dataclass(frozen=True)
class _Call:
    """What an endpoint answers from: the request's connection, the key's context, what was read with it."""

    conn: Connection
    ctx: rules.AccessContext
    found: rules.Found | None = None  # redeem: its ticket, read in the key check's statement


def _redeem(call: _Call) -> Response:
    form = request.form
    when = rules.parse_datetime(form.get("datetime"))
    replaced = not rules.plausible_time(when)
    if replaced:
        # A broken station clock: the admission is never lost, but its time is the host's (docs/api.md).
        _note_implausible_time(call.ctx.key_id, form.get("datetime", ""))
        when = None
    try:
        data = rules.perform_checkin(
            call.conn,
            call.ctx,
            form.get("secret"),
            when=when,
            nonce=rules.parse_nonce(form.get("nonce")),
            force=rules.parse_flag(form.get("force")),
            ignore_unpaid=rules.parse_flag(form.get("ignore_unpaid")),
            found=call.found,
        )
    except rules.CheckinError as exc:
        _record_refused(call.ctx, form, exc, when)
        body: dict[str, Any] = {"version": API_VERSION, "status": "error", "reason": exc.reason}
        if exc.data is not None:
            body["data"] = exc.data
    else:
        body = {"version": API_VERSION, "status": "ok", "data": data}
    if replaced:
        body["datetime_replaced"] = True
    return json_response(body)


_clock_warned: dict[int, float] = {}  # key id -> when its station's clock was last reported (monotonic)
CLOCK_WARNING_INTERVAL = 600.0


def _note_implausible_time(key_id: int, sent: str) -> None:
    """Log a station's implausible clock, once per key every ten minutes (not once per scan)."""
    now = time.monotonic()
    if now - _clock_warned.get(key_id, -CLOCK_WARNING_INTERVAL) < CLOCK_WARNING_INTERVAL:
        return
    if len(_clock_warned) > 10_000:
        _clock_warned.clear()
    _clock_warned[key_id] = now
    log.warning("A station (key id %d) sent the implausible time %s: its clock is wrong; "
                "its check-ins get the host's time", key_id, escape_controls(sent[:64]))


def _record_refused(ctx: rules.AccessContext, form: Any, exc: rules.CheckinError, when: Any) -> None:
    """Note a refused redeem for the overview (batched; see ``server.recording``)."""
    recorder = server_state().recorder
    if recorder is None:
        return
    data = exc.data or {}
    try:
        nonce = rules.parse_nonce(form.get("nonce"))
    except rules.InvalidRequest:  # an implausible secret is refused before its nonce is looked at
        nonce = None
    recorder.refused(
        event_id=ctx.event_id, key_id=ctx.key_id, list_id=ctx.list_id, secret=form.get("secret"),
        reason=exc.reason, scanned_at=when,  # the station's time, or None (the host's) for a broken clock
        nonce=nonce, order_code=data.get("order"),
        forced=rules.parse_flag(form.get("force")),
    )


def _refusals(call: _Call) -> Response:
    """Our stations' extension: the refusals a station made offline, reported when it is back (docs/api.md)."""
    items = refusals.parse(request.form.get("refusals"))
    recorder = server_state().recorder
    if recorder is not None:
        for item in items:
            recorder.refused(event_id=call.ctx.event_id, key_id=call.ctx.key_id, list_id=call.ctx.list_id,
                             offline=True, **item)
    return json_response({"version": API_VERSION, "stored": len(items)})


def _search(call: _Call) -> Response:
    with read_only(call.conn).begin():
        results = rules.search(call.conn, call.ctx, request.args.get("query", ""))
    return json_response({"version": API_VERSION, "results": results})


def _download(call: _Call) -> Response:
    # Our stations' extensions (docs/api.md): ``full`` = every ticket with its facts; with it,
    # ``since`` = only what changed since that earlier answer's ``next`` token.
    full = rules.parse_flag(request.args.get("full"))
    with read_only(call.conn).begin():
        tag = rules.etag(call.conn, call.ctx, full)
        if request.if_none_match.contains_weak(tag):
            response = Response(status=304)
            response.set_etag(tag, weak=True)
            return response
        if full:
            answer = rules.full_download(call.conn, call.ctx, request.args.get("since"))
            results = answer.results
        else:
            results = rules.download(call.conn, call.ctx)
    if full:
        extension: dict[str, Any] = {"include_pending": call.ctx.include_pending, "next": answer.next,
                                     "incremental": answer.incremental}
        if answer.incremental:
            extension["removed"] = answer.removed
    else:
        extension = {}
    payload = {"version": API_VERSION, **extension, "results": results, "questions": []}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Vary": "Accept-Encoding"}
    if request.accept_encodings["gzip"] > 0:
        body = gzip.compress(body, compresslevel=current_app.config["DOWNLOAD_GZIP_LEVEL"], mtime=0)
        headers["Content-Encoding"] = "gzip"
    response = Response(body, mimetype="application/json", headers=headers)
    response.set_etag(tag, weak=True)
    return response


def _status(call: _Call) -> Response:
    with read_only(call.conn).begin():
        body = rules.status(call.conn, call.ctx)
    return json_response({"version": API_VERSION, **body})


def _check_key(conn: Connection, organizer: str, event: str) -> tuple[rules.AccessContext, None]:
    """The key check alone: 404 (``EventNotFound``), then 403 (``KeyRejected``)."""
    return rules.resolve_access(conn, organizer, event, request.args.get("key")), None


def _check_key_and_ticket(conn: Connection, organizer: str, event: str) -> tuple[rules.AccessContext, Any]:
    """The usual redeem: the key check and the form's ticket in one statement, same errors in the same order.

    One statement instead of two: under load every statement is a GIL hand-over, and that is
    what limits throughput. A form whose errors must come after the key check (an implausible
    secret, a bad nonce) gets the key check alone; the endpoint then answers them.
    """
    form = request.form
    secret = form.get("secret")
    if not rules.plausible_secret(secret):
        return _check_key(conn, organizer, event)
    try:
        nonce = rules.parse_nonce(form.get("nonce"))
    except rules.InvalidRequest:
        return _check_key(conn, organizer, event)
    return rules.redeem_lookup(conn, organizer, event, request.args.get("key"), secret, nonce)


@dataclass(frozen=True)
class _Endpoint:
    method: str
    answer: Callable[[_Call], Response]
    # How the dispatcher checks the key: alone, or together with what the endpoint reads first.
    check: Callable[[Connection, str, str], tuple[rules.AccessContext, Any]] = _check_key

    @property
    def methods(self) -> tuple[str, ...]:
        return (self.method, "HEAD") if self.method == "GET" else (self.method,)


_ENDPOINTS = {
    "redeem": _Endpoint("POST", _redeem, check=_check_key_and_ticket),
    "search": _Endpoint("GET", _search),
    "download": _Endpoint("GET", _download),
    "status": _Endpoint("GET", _status),
    "refusals": _Endpoint("POST", _refusals),  # our stations' extension
}


def dispatch(organizer: str, event: str, endpoint: str) -> Response:
    """Resolve event (404), key (403/429), method (405) and body size (413), then run the endpoint."""
    spec = _ENDPOINTS.get(endpoint)
    if spec is None:
        raise NotFound()
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    length = request.content_length
    too_large = limit is not None and (length or 0) > limit
    # An endpoint's own check may read the body: only for a request it accepts, with a body of allowed size.
    readable = request.method in spec.methods and length is not None and not too_large
    check = spec.check if readable else _check_key
    state = server_state()
    if state.limiter.is_blocked(request.remote_addr or "-") and not state.known_keys.may_be_valid(
        request.args.get("key")
    ):
        return _too_many_bad_keys()  # a blocked address's flood of wrong keys costs no key lookup
    with state.engine.connect() as conn:
        ctx, found = check(conn, organizer, event)
        if (recorder := state.recorder) is not None:
            recorder.contact(ctx.event_id, ctx.key_id, request.remote_addr)
        if request.method not in spec.methods:
            raise MethodNotAllowed(valid_methods=list(spec.methods))
        if too_large:
            raise RequestEntityTooLarge()
        return spec.answer(_Call(conn, ctx, found))


def _too_many_bad_keys() -> Response:
    return error_response(
        429, "too_many_bad_keys", "Too many requests with unknown keys from this address; try again later."
    )


def _add_any_method_rule(state: BlueprintSetupState) -> None:
    # A werkzeug Rule without ``methods`` matches every method, so the dispatcher (not
    # routing) answers a wrong method, and only after the 404 and 403 checks.
    state.app.url_map.add(Rule(API_RULE, endpoint="pretixdroid.dispatch", methods=None))
    state.app.view_functions["pretixdroid.dispatch"] = dispatch


bp.record_once(_add_any_method_rule)


@bp.get("/")
def root() -> Response:
    """A short plain-text page for a browser pointed at the host."""
    return Response(ROOT_TEXT, mimetype="text/plain")


@bp.get("/healthz")
def healthz() -> Response:
    """``ok`` when the server can reach its database, else a 503 envelope."""
    try:
        with server_state().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("Health check: the database is not reachable")
        return error_response(503, "database_unavailable", "The server cannot reach its database.")
    return Response("ok\n", mimetype="text/plain")


def _error_code(exc: HTTPException) -> str:
    return (exc.name or "error").lower().replace(" ", "_").replace("'", "")


_MESSAGES = {
    400: "The request is malformed.",
    404: "No such organizer, event or endpoint.",
    405: "This endpoint does not accept this method.",
    413: "The request body is too large.",
}


def register_error_handlers(app: Flask) -> None:
    """Map every error to the JSON envelope: typed access errors, bad input, HTTP errors, and the rest (500)."""

    @app.errorhandler(rules.EventNotFound)
    def _event_not_found(_exc: rules.EventNotFound) -> Response:
        return error_response(404, "not_found", "Unknown organizer or event.")

    @app.errorhandler(rules.KeyRejected)
    def _key_rejected(_exc: rules.KeyRejected) -> Response:
        limiter = server_state().limiter
        address = request.remote_addr or "-"
        if limiter.is_blocked(address):
            return _too_many_bad_keys()
        if limiter.record_failure(address):
            log.warning("Address %s sent %d unknown keys; blocking them for a while", address, limiter.limit)
        return error_response(403, "invalid_key", "The key is missing, unknown or revoked.")

    @app.errorhandler(rules.InvalidRequest)
    def _invalid_request(exc: rules.InvalidRequest) -> Response:
        return error_response(400, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | HTTPException:
        if exc.code is None or exc.code < 400:
            return exc  # redirects (a missing trailing slash) stay as they are
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(exc.valid_methods)
        message = _MESSAGES.get(exc.code, exc.name or "Error")
        return error_response(exc.code, _error_code(exc), message, headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        query = redact_query(request.query_string.decode("latin-1"))
        log.error(
            "Unexpected error answering %s %s%s\n%s",
            escape_controls(request.method),
            escape_controls(redact(request.path)),
            escape_controls(f"?{query}") if query else "",
            redacted_traceback(exc),
        )
        return error_response(500, "internal_error", "The server hit an unexpected error; it has been logged.")
