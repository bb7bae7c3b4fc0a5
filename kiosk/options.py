"""The ``checkin-kiosk`` command line: parsing, checking, and the resolved StationOptions (pure: no Qt).

``parse_command_line`` checks everything it can without touching the disk (an error is one
line on stderr and exit status 2); ``resolve_options`` then fills what the command line left
open from the station's settings.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from kiosk.i18n import QT_TRANSLATE_NOOP, language_choices, later
from kiosk.paths import app_version
from kiosk.scanning.codes import InvalidSetupCode, StationSetup, classify, normalise_fingerprint
from kiosk.settings import OPTIONS_BY_NAME, Settings, SettingsError, validate_key

USAGE = """\
checkin-kiosk [--server URL --key KEY [--cert-sha256 HEX] | --setup JSON | --host [--bind ADDR] [--port N]]
                     [--camera INDEX|FILE|URL] [--camera-loop] [--decoder zxing|pyzbar] [--fullscreen]
                     [--data-dir DIR] [--language CODE]
       checkin-kiosk --demo          host mode + a demo event + a simulated camera that shows demo tickets
       checkin-kiosk --self-test     check camera, decoder, host and sounds; print a checklist
       checkin-kiosk export-journal FILE.csv"""


@dataclass
class StationOptions:
    """The effective station configuration: command line over settings (see docs/architecture.md)."""

    server_url: str | None = None
    key: str | None = field(default=None, repr=False)
    cert_sha256: str = ""  # the host's certificate the station pins ("" = none)
    setup_json: str | None = field(default=None, repr=False)
    host: bool = False
    bind: str = "127.0.0.1"
    port: int = 8000
    port_given: bool = False  # --port N: that port or none; else a taken port moves to a free one
    insecure_http: bool = False  # host mode: plain HTTP instead of HTTPS (--insecure-http)
    camera: str | None = None
    camera_loop: bool = False
    decoder: str = "zxing"
    fullscreen: bool = False
    data_dir: Path = field(default_factory=Path)
    demo: bool = False
    language: str = "system"


@dataclass
class ParsedCommand:
    """What the user asked for, before settings are consulted."""

    command: str  # "run", "self-test" or "export-journal"
    export_path: Path | None
    data_dir: Path | None
    server_url: str | None
    key: str | None = field(repr=False)
    cert_sha256: str | None  # --cert-sha256 or the setup code's (None: not given)
    setup: StationSetup | None
    setup_json: str | None = field(repr=False)
    host: bool
    bind: str | None
    port: int | None
    camera: str | None
    camera_loop: bool
    decoder: str | None
    fullscreen: bool
    demo: bool
    insecure_http: bool = False
    language: str | None = None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"checkin-kiosk: error: {message} (see checkin-kiosk --help)\n")


def parse_setup_json(text: str, origin: str = "command line") -> StationSetup:
    """Check a setup JSON (version, url, key, optional flags); SettingsError says what is wrong."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(later(QT_TRANSLATE_NOOP("Setup", "the setup code is not valid JSON ({problem} at character "
                                                             "{position})"), problem=exc.msg, position=exc.pos)) from None
    if not isinstance(data, dict):
        raise SettingsError(QT_TRANSLATE_NOOP("Setup", "the setup code must be a JSON object with version, url and key"))
    missing = [name for name in ("version", "url", "key") if name not in data]
    if missing:
        raise SettingsError(later(QT_TRANSLATE_NOOP("Setup", "the setup code lacks {names}"), names=", ".join(missing)))
    code = classify(text)  # the same rules as a setup code shown to the camera
    if isinstance(code, InvalidSetupCode):
        raise SettingsError(code.reason)
    if not isinstance(code, StationSetup):  # pragma: no cover - classify saw url and key above
        raise SettingsError("the setup code is not a station setup code")
    OPTIONS_BY_NAME["server_url"].validate(code.url)
    validate_key(code.key)
    return replace(code, origin=origin)


def _setup_text(value: str) -> str:
    """The --setup value itself, or the contents of the file it names."""
    if value.lstrip().startswith("{"):
        return value
    try:
        if Path(value).is_file():
            return Path(value).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read the setup file {value!r}: {getattr(exc, 'strerror', None) or exc}") from None
    raise SettingsError(f"--setup needs the setup JSON or a file holding it; {value!r} is neither")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for ``checkin-kiosk``."""
    parser = _Parser(prog="checkin-kiosk", usage=USAGE, description="Ticket check-in station.")
    parser.add_argument("--version", action="version", version=f"checkin-kiosk {app_version()}")
    parser.add_argument("--server", metavar="URL", help="API base URL: http://HOST:PORT/pretixdroid/api/ORG/EVENT/")
    parser.add_argument("--key", metavar="KEY", help="the station's API key (needs --server)")
    parser.add_argument("--cert-sha256", metavar="HEX",
                        help="the host's certificate fingerprint to pin (checkin-server tls show; needs --server)")
    parser.add_argument("--setup", metavar="JSON", help="a station setup code (the JSON, or a file holding it)")
    parser.add_argument("--host", action="store_true", help="host the event on this station")
    parser.add_argument("--bind", metavar="ADDR", help="host mode: listen address (0.0.0.0 = every network)")
    parser.add_argument("--port", metavar="N", type=int, help="host mode: port (0 = any free port)")
    parser.add_argument("--insecure-http", action="store_true",
                        help="host mode: serve plain HTTP, unencrypted (for clients that cannot pin a certificate)")
    parser.add_argument("--camera", metavar="INDEX|FILE|URL", help="webcam index, video file, image folder, URL")
    parser.add_argument("--camera-loop", action="store_true", help="replay a video file or folder endlessly")
    parser.add_argument("--decoder", choices=("zxing", "pyzbar"), help="QR decoder (default: settings, zxing)")
    parser.add_argument("--fullscreen", action="store_true", help="start full screen")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, help="where the station keeps everything it writes")
    parser.add_argument("--language", metavar="CODE",
                        help=f"the station's language, saved: {', '.join(language_choices())} (default: system)")
    parser.add_argument("--demo", action="store_true", help="host a demo event and show demo tickets")
    parser.add_argument("--self-test", action="store_true", help="check camera, decoder, host, sounds; then exit")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="export-journal FILE.csv")
    export = commands.add_parser("export-journal", help="write the scan journal as CSV")
    export.error = parser.error  # type: ignore[method-assign]  # same one-line errors
    export.add_argument("file", metavar="FILE.csv", type=Path)
    export.add_argument("--data-dir", dest="export_data_dir", metavar="DIR", type=Path)
    return parser


def parse_command_line(argv: list[str] | None = None) -> ParsedCommand:
    """Parse and check ``argv``; on a mistake print one line and exit with status 2."""
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    fail = parser.error
    if args.command == "export-journal":
        used = [f"--{n.replace('_', '-')}" for n in ("server", "key", "setup", "camera", "decoder", "port", "bind")
                if getattr(args, n) is not None]  # fmt: skip
        used += [f"--{n.replace('_', '-')}" for n in ("host", "demo", "self_test") if getattr(args, n)]
        if used:
            fail(f"export-journal takes only FILE.csv and --data-dir, not {' '.join(used)}")
        args.data_dir = args.export_data_dir or args.data_dir
    if args.key is not None and args.server is None:
        fail("--key needs --server URL")
    if args.server is not None and args.key is None:
        fail("--server needs --key KEY (or use --setup JSON)")
    fingerprint = None
    if args.cert_sha256 is not None:
        if args.server is None:
            fail("--cert-sha256 needs --server URL (a setup code carries its own)")
        fingerprint = normalise_fingerprint(args.cert_sha256)
        if fingerprint is None:
            fail("--cert-sha256 must be the 64 hex digits of the host's certificate fingerprint "
                 "(checkin-server tls show prints it)")
        if not args.server.lower().startswith("https://"):
            fail("--cert-sha256 needs an https:// --server URL")
    sources = [name for name, given in (("--server", args.server), ("--setup", args.setup), ("--host", args.host),
                                        ("--demo", args.demo)) if given]  # fmt: skip
    if len(sources) > 1 and sources != ["--host", "--demo"]:
        fail(f"choose one of {' / '.join(sources)}")
    if (args.bind is not None or args.port is not None) and not (args.host or args.demo):
        fail("--bind and --port only apply with --host or --demo")
    if args.insecure_http and not (args.host or args.demo):
        fail("--insecure-http only applies with --host or --demo")
    if args.port is not None and not 0 <= args.port <= 65535:
        fail(f"--port must be 0..65535, got {args.port}")
    if args.bind is not None and args.bind != "localhost":
        try:
            ipaddress.ip_address(args.bind)
        except ValueError:
            fail(f"--bind must be an IP address such as 127.0.0.1 or 0.0.0.0, got {args.bind!r}")
    if args.camera is not None and not args.camera.strip():
        fail("--camera must not be empty")
    if args.language is not None and args.language not in language_choices():
        fail(f"--language must be one of {', '.join(language_choices())}, got {args.language!r}")
    setup = None
    setup_text = args.setup
    try:
        if args.server is not None:
            OPTIONS_BY_NAME["server_url"].validate(args.server)
            validate_key(args.key)
        if setup_text is not None:
            setup_text = _setup_text(setup_text)
            setup = parse_setup_json(setup_text)
    except SettingsError as exc:
        fail(str(exc).replace("server_url:", "--server:").replace("key:", "--key:"))
    server = args.server if args.server is None or args.server.endswith("/") else args.server + "/"
    return ParsedCommand(
        command=args.command or ("self-test" if args.self_test else "run"),
        export_path=getattr(args, "file", None),
        data_dir=args.data_dir.expanduser() if args.data_dir else None,
        server_url=setup.url if setup else server,
        key=setup.key if setup else args.key,
        cert_sha256=(setup.cert_sha256 or None) if setup else fingerprint,
        setup=setup,
        setup_json=setup_text,
        host=args.host or args.demo,
        bind=args.bind,
        port=args.port,
        camera=args.camera,
        camera_loop=args.camera_loop,
        decoder=args.decoder,
        fullscreen=args.fullscreen,
        demo=args.demo,
        insecure_http=args.insecure_http,
        language=args.language,
    )


def save_command_line_settings(parsed: ParsedCommand, settings: Settings) -> bool:
    """Store --server/--key or --setup, and --language, in the settings (and key file); True if something was saved."""
    changed = False
    if parsed.language is not None and parsed.language != settings.language:
        settings["language"] = parsed.language
        changed = True
    if parsed.server_url is not None:
        settings["server_url"] = parsed.server_url
        settings["cert_sha256"] = parsed.cert_sha256 or ""
        if parsed.setup is not None:
            settings["allow_search"] = parsed.setup.allow_search
            settings["show_info"] = parsed.setup.show_info
            if parsed.setup.name:
                settings["station_name"] = parsed.setup.name  # the name the host gave it, not the computer's
        settings.set_key(parsed.key)
        changed = True
    if changed:
        settings.save()
    return changed


def host_port(port: int | None, settings: Settings, demo: bool = False) -> int:
    """The port a host asks for: ``--port``; else the last one it used (stations keep reaching it);
    else the ``host_port`` setting (the demo: any free port, so it never takes a real host's)."""
    if port is not None:
        return port
    if settings.host_last_port:
        return settings.host_last_port
    return 0 if demo else settings.host_port


def _pinned(parsed: ParsedCommand, settings: Settings, in_host_mode: bool) -> str:
    """The fingerprint to pin: the command line's with its URL, else the saved one ("" in host mode)."""
    if in_host_mode:
        return ""
    return (parsed.cert_sha256 or "") if parsed.server_url is not None else settings.cert_sha256


def resolve_options(parsed: ParsedCommand, settings: Settings, data_dir: Path) -> StationOptions:
    """Command line over settings; --demo without --camera gets the simulated camera ``demo``."""
    camera = parsed.camera if parsed.camera is not None else ("demo" if parsed.demo else settings.camera)
    in_host_mode = parsed.host
    return StationOptions(
        server_url=None if in_host_mode else (parsed.server_url or settings.server_url or None),
        key=None if in_host_mode else (parsed.key or settings.key),
        cert_sha256=_pinned(parsed, settings, in_host_mode),
        setup_json=parsed.setup_json,
        host=in_host_mode,
        bind=parsed.bind or settings.host_bind,
        port=host_port(parsed.port, settings, parsed.demo),
        port_given=parsed.port is not None,
        camera=camera,
        camera_loop=parsed.camera_loop,
        decoder=parsed.decoder or settings.decoder,
        fullscreen=parsed.fullscreen or settings.fullscreen,
        data_dir=data_dir,
        demo=parsed.demo,
        insecure_http=parsed.insecure_http,
        language=parsed.language or settings.language,
    )
