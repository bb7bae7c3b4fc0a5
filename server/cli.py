"""The ``checkin-server`` command line: import, demo, event/key/list administration, serve, export.

Results go to stdout, messages to stderr. Every operator error is one plain line on stderr and
exit code 1 (2 for a malformed command line), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from server import __version__
from server.admin import AdminError
from server.cli_support import (
    CommandError,
    ImportProgress,
    bounded_int,
    default_data_dir,
    one_line,
    redact_url,
    resolve_database_url,
    root_url,
)
from server.db import DatabaseError, open_database

DEFAULT_ROOT_URL = "https://localhost:8000"

log = logging.getLogger("server.cli")


def cmd_import(args: argparse.Namespace, engine: Engine) -> int:
    """import FILE: a pretix JSON export or CSV, with progress on stderr and the summary on stdout."""
    from server.importer import ImportFailed, import_file

    progress = ImportProgress()
    try:
        summary = import_file(engine, args.file, organizer=args.organizer, event=args.event,
                              include_test_mode=args.include_test_mode, progress=progress)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from exc
    finally:
        progress.finish()
    for line in summary.lines():
        print(line)
    return 0


def cmd_demo(args: argparse.Namespace, engine: Engine) -> int:
    """demo: create the demo organizer and event."""
    from server.importer import create_demo

    org, event = create_demo(engine, args.tickets)
    print(f"Demo event {org}/{event} is ready with {args.tickets} generated tickets plus the fixed DEMO-* ones.")
    print(f"Next: checkin-server key create {org} {event}", file=sys.stderr)
    return 0


def cmd_event_set(args: argparse.Namespace, engine: Engine) -> int:
    """event set: change the event's details and print them."""
    from server.admin import set_event

    fields = {"name": args.name, "date_from": args.date_from, "date_to": args.date_to,
              "timezone": args.timezone, "url": args.url}
    stored = set_event(engine, args.org, args.event_slug, **fields)
    for field in ("name", "date_from", "date_to", "timezone", "url"):
        print(f"{field}: {stored[field] if stored[field] is not None else '-'}")
    return 0


def cmd_key_create(args: argparse.Namespace, engine: Engine) -> int:
    """key create: print the station setup JSON as the only stdout line."""
    from server.admin import create_key, setup_json

    if args.overview:
        return _overview_key_create(args, engine)
    allow_search, show_info = not args.no_search, not args.no_info
    # An https URL carries the fingerprint of this data directory's certificate (made now if there is none).
    fingerprint = _certificate(args).fingerprint if args.url.startswith("https://") else None
    key = create_key(engine, args.org, args.event_slug, name=args.name, list_name=args.list,
                     allow_search=allow_search, show_info=show_info)
    setup = setup_json(args.url, args.org, args.event_slug, key, allow_search, show_info, name=args.name,
                       cert_sha256=fingerprint)
    print(json.dumps(setup, separators=(",", ":")))
    sys.stdout.flush()
    print("Show this line as a QR code to a station (e.g. pipe it into: qrencode -t ansiutf8). Anyone holding "
          "it can check tickets in; the key is not stored and cannot be shown again.", file=sys.stderr)
    if args.url == DEFAULT_ROOT_URL:
        print(f"The URL is {DEFAULT_ROOT_URL}: stations on other machines need --url https://<this machine's "
              "LAN address>:<port>.", file=sys.stderr)
    return 0


def _overview_key_create(args: argparse.Namespace, engine: Engine) -> int:
    """key create --overview: print the overview page's address with its new key as the only stdout line."""
    from server.overview.keys import create_overview_key, overview_url

    if args.list or args.no_search or args.no_info:
        raise CommandError("--list, --no-search and --no-info are for station keys, not --overview.")
    key = create_overview_key(engine, args.org, args.event_slug, name=args.name)
    print(overview_url(args.url, args.org, args.event_slug, key))
    sys.stdout.flush()
    print("Open this address on the event lead's laptop or phone (read-only; anyone holding it sees the overview). "
          "The key is not stored and cannot be shown again.", file=sys.stderr)
    if args.url == DEFAULT_ROOT_URL:
        print(f"The URL is {DEFAULT_ROOT_URL}: other machines need --url http://<this machine's LAN address>:<port>.",
              file=sys.stderr)
    return 0


def cmd_key_list(args: argparse.Namespace, engine: Engine) -> int:
    """key list: a table of the event's keys (never the keys themselves)."""
    from server.admin import list_keys
    from server.overview.keys import list_overview_keys

    rows = list_keys(engine, args.org, args.event_slug)
    rows += [{**r, "list": "(overview)", "allow_search": False, "show_info": True}
             for r in list_overview_keys(engine, args.org, args.event_slug)]
    if not rows:
        print(f"No keys yet. Create one with: checkin-server key create {args.org} {args.event_slug}",
              file=sys.stderr)
        return 0
    table = [("NAME", "LIST", "SEARCH", "INFO", "STATUS", "CREATED (UTC)")] + [
        (r["name"], r["list"], *(("-", "-") if r["list"] == "(overview)" else
                                 ("yes" if r["allow_search"] else "no", "yes" if r["show_info"] else "no")),
         "revoked" if r["revoked"] else "active", r["created"])
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_key_revoke(args: argparse.Namespace, engine: Engine) -> int:
    """key revoke: refuse the named key from the next request on."""
    from server.admin import revoke_key
    from server.overview.keys import revoke_overview_key

    done = revoke_overview_key(engine, args.org, args.event_slug, args.name)
    if done is not None:
        print(f"Revoked overview key {args.name!r}: its page stops updating." if done
              else f"Overview key {args.name!r} was already revoked.")
        return 0
    if revoke_key(engine, args.org, args.event_slug, args.name):
        print(f"Revoked key {args.name!r}: stations using it are refused from their next request.")
    else:
        print(f"Key {args.name!r} was already revoked.")
    return 0


def cmd_list_create(args: argparse.Namespace, engine: Engine) -> int:
    """list create: a check-in list over some or all products."""
    from server.admin import create_list

    create_list(engine, args.org, args.event_slug, args.name, args.product, args.include_pending)
    scope = "products " + ", ".join(map(str, sorted(set(args.product)))) if args.product else "all products"
    pending = "pending orders admitted with ignore_unpaid" if args.include_pending else "paid orders only"
    print(f"Created check-in list {args.name!r} ({scope}; {pending}).")
    print(f"Give a station a key for it with: checkin-server key create {args.org} {args.event_slug} "
          f"--list {shlex.quote(args.name)}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, engine: Engine) -> int:
    """export: every check-in (or with --attempts every redeem attempt) as CSV to stdout or --output (atomic)."""
    from server.export import write_checkins_csv
    from server.overview.export import write_attempts_csv

    write = write_attempts_csv if args.attempts else write_checkins_csv
    what = "attempts" if args.attempts else "check-ins"
    if args.output is None:
        write(engine, args.org, args.event_slug, sys.stdout)
        return 0
    target = Path(args.output)
    # Write beside the target and rename, so a failed export never leaves a half-written file.
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=target.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write(engine, args.org, args.event_slug, out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"Wrote {count} {what} to {target}", file=sys.stderr)
    return 0


def cmd_overview(args: argparse.Namespace, engine: Engine) -> int:
    """overview: the event lead's figures as text (the web page's and the host panel's)."""
    from server.overview.data import read_overview
    from server.overview.text import overview_text

    print(overview_text(read_overview(engine, args.org, args.event_slug)))
    return 0


def cmd_serve(args: argparse.Namespace, url: str) -> int:
    """serve: run the API over HTTPS (plain HTTP with --insecure-http) until SIGTERM/SIGINT, syncing connected
    events with pretix."""
    from server.pretix.sync import SyncRunner
    from server.serving import PortInUse, serve

    log.info("checkin-server %s, database %s", __version__, redact_url(url))
    tls = None if args.insecure_http else _certificate(args, check=True)
    engine = open_database(url)
    runner = SyncRunner(engine, data_dir_of(args), interval=args.sync_interval)
    runner.start()
    try:
        serve(url, args.host, args.port, tls=tls)
    except PortInUse as exc:
        raise CommandError(str(exc)) from exc
    finally:
        runner.stop()
        engine.dispose()
    return 0


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data directory (pretix credentials live there, also with a PostgreSQL database)."""
    return Path(getattr(args, "data_dir", None) or os.environ.get("CHECKIN_DATA_DIR") or default_data_dir()).expanduser()


def cmd_pretix_connect(args: argparse.Namespace, engine: Engine) -> int:
    """pretix connect: initialise a device (or use a team token), map the lists, pull everything once."""
    from server.pretix.connect import connect
    from server.pretix.errors import ChoiceNeeded, PretixError

    if args.setup is None and args.url is None:
        raise CommandError("give the pretix URL, or the device code with --setup")
    if sum(x is not None for x in (args.setup, args.device_token, args.api_token)) != 1:
        raise CommandError("give exactly one of --device-token, --setup and --api-token")
    try:
        result = connect(engine, data_dir=data_dir_of(args), url=args.url, device_token=args.device_token,
                         setup=args.setup, api_token=args.api_token, organizer=args.organizer, event=args.event,
                         subevent=args.subevent, progress=lambda line: print(line, file=sys.stderr, flush=True))
    except ChoiceNeeded as exc:
        flag = "--event" if exc.kind == "event" else "--subevent"
        for value, label in exc.options:
            print(f"  {flag} {value}  {label}", file=sys.stderr)
        raise CommandError(str(exc).split(": choose")[0] + f": choose one with {flag} (listed above)") from None
    except PretixError as exc:
        raise CommandError(str(exc)) from None
    print(json.dumps(result.to_json(), separators=(",", ":")))
    return 0


def cmd_pretix_status(args: argparse.Namespace, engine: Engine) -> int:
    """pretix status: one JSON object per connected event."""
    from server.pretix.status import statuses, to_json

    for status in statuses(engine, data_dir_of(args)):
        print(json.dumps(to_json(status), separators=(",", ":")))
    return 0


def cmd_pretix_sync(args: argparse.Namespace, engine: Engine) -> int:
    """pretix sync [ORG EVENT]: one cycle now; exit 0 only if every cycle reached pretix."""
    from server.pretix.status import statuses
    from server.pretix.sync import run_cycle

    connected = [(s.organizer, s.event) for s in statuses(engine, data_dir_of(args))]
    if args.org is not None:
        if args.event_slug is None:
            raise CommandError("give both ORG and EVENT, or neither")
        if (args.org, args.event_slug) not in connected:
            raise CommandError(f"{args.org}/{args.event_slug} is not connected to pretix")
        connected = [(args.org, args.event_slug)]
    if not connected:
        raise CommandError("no event is connected to pretix: checkin-server pretix connect PRETIX_URL ...")
    ok = True
    for org, event in connected:
        result = run_cycle(engine, data_dir_of(args), org, event,
                           progress=lambda line: print(line, file=sys.stderr, flush=True))
        print(json.dumps({"organizer": org, "event": event, "reached": result.reached, "uploaded": result.uploaded,
                          "rejected": result.rejected, "pulled_orders": result.pulled_orders, "error": result.error},
                         separators=(",", ":")))
        ok &= result.reached
    return 0 if ok else 1


def cmd_pretix_disconnect(args: argparse.Namespace, engine: Engine) -> int:
    """pretix disconnect ORG EVENT: stop syncing (keeps the data unless --forget)."""
    from server.pretix.admin import disconnect
    from server.pretix.errors import PretixError

    try:
        summary = disconnect(engine, data_dir_of(args), args.org, args.event_slug, forget=args.forget, force=args.force)
    except PretixError as exc:
        raise CommandError(str(exc)) from None
    print(summary)
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    return data_dir_of(args)


def _certificate(args: argparse.Namespace, check: bool = False):
    """The data directory's certificate, made on first need; CommandError if it cannot be read or made
    (``check``: or if the certificate and key cannot be served together)."""
    from server.tls import CertificateError, check_pair, ensure_certificate

    try:
        info = ensure_certificate(_data_dir(args))
        if check:
            check_pair(info.cert_path, info.key_path)
        return info
    except CertificateError as exc:
        raise CommandError(f"The certificate in {_data_dir(args) / 'tls'} cannot be used: {exc} Install a working "
                           "one with: checkin-server tls use CERT KEY (or tls renew)") from exc


def cmd_tls_show(args: argparse.Namespace) -> int:
    """tls show: the fingerprint of the certificate in use (made now if there is none), alone on stdout."""
    info = _certificate(args)
    print(info.fingerprint)
    print(f"Certificate: {info.cert_path}", file=sys.stderr)
    return 0


def cmd_tls_use(args: argparse.Namespace) -> int:
    """tls use CERT KEY: install a copy of the organiser's certificate and key."""
    from server.tls import CertificateError, use

    try:
        info = use(_data_dir(args), args.cert, args.key)
    except CertificateError as exc:
        raise CommandError(f"{exc} Nothing changed.") from exc
    print(info.fingerprint)
    print(f"Installed {info.cert_path}. The server uses it from its next start. Stations set up with the old "
          "certificate's fingerprint refuse the host until they scan a new setup code (key create).",
          file=sys.stderr)
    return 0


def cmd_tls_renew(args: argparse.Namespace) -> int:
    """tls renew: a new self-signed certificate, after a confirmation."""
    from server.tls import renew

    if not args.yes:
        print("A new certificate means EVERY station needs a new setup code: stations set up with the current one "
              "refuse the host (they keep working from their offline copy) until they scan a new code.",
              file=sys.stderr)
        if not sys.stdin.isatty():
            raise CommandError("Not renewed: confirm with --yes (no terminal to ask on).")
        answer = input("Make a new certificate? Type yes: ")
        if answer.strip().lower() != "yes":
            print("Not renewed; nothing changed.", file=sys.stderr)
            return 1
    info = renew(_data_dir(args))
    print(info.fingerprint)
    print("New certificate made. Restart the server, then give every station a new setup code (key create).",
          file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; global options are accepted before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help=f"where the SQLite database lives (env CHECKIN_DATA_DIR; default {default_data_dir()})")
    common.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="sqlite:///PATH or postgresql://USER:PASS@HOST/DB (env CHECKIN_DATABASE_URL)")
    parser = argparse.ArgumentParser(prog="checkin-server", parents=[common],
                                     description="Host server for pretixdroid check-in stations.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def sub(parent, name: str, handler, help_text: str, slugs: bool = True) -> argparse.ArgumentParser:
        p = parent.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        if slugs:
            p.add_argument("org", metavar="ORG")
            p.add_argument("event_slug", metavar="EVENT")
        return p

    p = sub(commands, "import", cmd_import, "import a pretix JSON export or a CSV (CSV needs the slugs)", False)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--organizer", metavar="SLUG")
    p.add_argument("--event", metavar="SLUG")
    p.add_argument("--include-test-mode", action="store_true", help="also import test-mode orders")
    p = sub(commands, "demo", cmd_demo, "create a demo organizer and event", False)
    p.add_argument("--tickets", type=bounded_int(0, 1_000_000), default=200, metavar="N")

    event_cmds = commands.add_parser("event", help="event details").add_subparsers(dest="action", required=True)
    p = sub(event_cmds, "set", cmd_event_set, "set the event's name, dates, time zone or public URL (none: show them)")
    p.add_argument("--name")
    p.add_argument("--date-from", metavar="ISO", help="e.g. 2026-12-27T18:00+01:00; no offset = the event time zone")
    p.add_argument("--date-to", metavar="ISO")
    p.add_argument("--timezone", metavar="TZ", help="IANA name, e.g. Europe/Berlin")
    p.add_argument("--url", help="the event's public web page (empty to clear)")

    key_cmds = commands.add_parser("key", help="station keys").add_subparsers(dest="action", required=True)
    p = sub(key_cmds, "create", cmd_key_create, "create a station key and print its setup JSON")
    p.add_argument("--name", help="device name (default station-N)")
    p.add_argument("--list", metavar="LIST", help="check-in list (default Entrance)")
    p.add_argument("--no-search", action="store_true", help="search by secret prefix only")
    p.add_argument("--no-info", action="store_true", help="station shows no ticket details")
    p.add_argument("--url", type=root_url, default=DEFAULT_ROOT_URL, metavar="ROOT_URL",
                   help=f"the server's scheme://host:port as stations reach it (default {DEFAULT_ROOT_URL})")
    p.add_argument("--overview", action="store_true",
                   help="a read-only key for the overview web page: prints the page's address with the key")
    sub(key_cmds, "list", cmd_key_list, "list the event's keys")
    sub(key_cmds, "revoke", cmd_key_revoke, "revoke a key by name").add_argument("name", metavar="NAME")

    list_cmds = commands.add_parser("list", help="check-in lists").add_subparsers(dest="action", required=True)
    p = sub(list_cmds, "create", cmd_list_create, "create a check-in list")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--product", type=int, action="append", default=[], metavar="ID",
                   help="pretix product id (repeat; none = all products)")
    p.add_argument("--include-pending", action="store_true", help="admit pending orders with ignore_unpaid")

    p = sub(commands, "serve", cmd_serve, "serve the pretixdroid API over HTTPS until SIGTERM/SIGINT", False)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; 0.0.0.0 = all)")
    p.add_argument("--port", type=bounded_int(0, 65535), default=8000, help="default 8000; 0 = any free port")
    p.add_argument("--insecure-http", action="store_true",
                   help="serve plain HTTP (unencrypted: for clients that cannot pin a certificate)")
    p.add_argument("--sync-interval", type=bounded_int(1, 3600), default=10, metavar="SECONDS",
                   help="pull from pretix every SECONDS (default 10); uploads go within about a second")

    tls_cmds = commands.add_parser("tls", help="the server's TLS certificate").add_subparsers(
        dest="action", required=True)
    sub(tls_cmds, "show", cmd_tls_show, "print the SHA-256 fingerprint of the certificate in use", False)
    p = sub(tls_cmds, "use", cmd_tls_use, "install your own certificate and key (PEM; from the next start)", False)
    p.add_argument("cert", metavar="CERT", help="PEM certificate, or chain with the server's certificate first")
    p.add_argument("key", metavar="KEY", help="its PEM private key, unencrypted")
    p = sub(tls_cmds, "renew", cmd_tls_renew, "make a new self-signed certificate (every station needs a new "
            "setup code)", False)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    pretix_cmds = commands.add_parser("pretix", help="live sync with a pretix server").add_subparsers(
        dest="action", required=True)
    p = sub(pretix_cmds, "connect", cmd_pretix_connect,
            "connect an event to pretix (device token, device QR code JSON, or team API token)", False)
    p.add_argument("url", nargs="?", metavar="PRETIX_URL")
    p.add_argument("--device-token", metavar="TOKEN", help="initialisation token from Organizer -> Devices")
    p.add_argument("--setup", metavar="JSON", help="the device setup QR code's text")
    p.add_argument("--api-token", metavar="TOKEN", help="a team API token (needs --organizer and --event)")
    p.add_argument("--organizer", metavar="ORG")
    p.add_argument("--event", metavar="EVENT")
    p.add_argument("--subevent", type=bounded_int(1, 2**62), metavar="ID", help="the date of an event series")
    sub(pretix_cmds, "status", cmd_pretix_status, "one JSON line per connected event", False)
    p = sub(pretix_cmds, "sync", cmd_pretix_sync, "one cycle now (push, then pull) for one or all events", False)
    p.add_argument("org", nargs="?", metavar="ORG")
    p.add_argument("event_slug", nargs="?", metavar="EVENT")
    p = sub(pretix_cmds, "disconnect", cmd_pretix_disconnect, "stop syncing an event (keeps the data)")
    p.add_argument("--forget", action="store_true", help="also delete the synced personal data")
    p.add_argument("--force", action="store_true", help="even while check-ins wait for upload (they are lost)")

    p = sub(commands, "export", cmd_export, "write every check-in as CSV")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--attempts", action="store_true",
                   help="every redeem attempt instead (admitted and refused, offline refusals included)")
    sub(commands, "overview", cmd_overview, "print the event's overview: stations, arrivals, problems")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    serving = args.handler is cmd_serve
    no_database = args.handler in (cmd_tls_show, cmd_tls_use, cmd_tls_renew)
    logging.basicConfig(level=logging.INFO if serving else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if serving else "%(message)s")
    url = getattr(args, "database_url", None)
    try:
        url = resolve_database_url(getattr(args, "data_dir", None), url)
        if serving:
            return cmd_serve(args, url)
        if no_database:
            return args.handler(args)
        engine = open_database(url)
        try:
            return args.handler(args, engine)
        finally:
            engine.dispose()
    except (CommandError, AdminError, DatabaseError, SQLAlchemyError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. `export | head`: the reader has gone, nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        print(f"checkin-server: error: {one_line(exc, url)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("checkin-server: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
