"""Host mode: this station serves the event itself (no Qt; Flask/cheroot load only in ``start()``).

The server runs in-process on a background thread over ``<data-dir>/checkin.sqlite3``. The
hosting station redeems through the same HTTP API as every other station, with a key of its
own (``own_station_setup``). Every operator mistake raises ``HostError`` with a plain message.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Engine

from kiosk.i18n import QT_TRANSLATE_NOOP, later
from kiosk.scanning.codes import StationSetup
from kiosk.settings import Settings
from server import admin
from server.db import DatabaseError, default_database_url, open_database
from server.importer import ImportFailed, ImportSummary, create_demo
from server.importer import import_file as server_import_file

log = logging.getLogger(__name__)

_WILDCARDS = ("0.0.0.0", "::", "")
_ANY_PRIVATE_ADDRESS = ("10.255.255.255", 1)  # never contacted: a UDP connect sends nothing


class HostError(Exception):
    """Host mode cannot do what was asked; the message says why and what to do."""


class PortInUse(HostError):
    """The chosen port is taken by another program."""


def _http_host(address: str) -> str:
    try:
        return f"[{address}]" if ipaddress.ip_address(address).version == 6 else address
    except ValueError:
        return address  # a name such as localhost


def primary_lan_address() -> str:
    """This machine's LAN IPv4 address (the one its default route uses), else 127.0.0.1."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_ANY_PRIVATE_ADDRESS)  # picks the outgoing interface; no packet is sent
        address = probe.getsockname()[0]
    except OSError:
        address = ""
    finally:
        probe.close()
    if address and not address.startswith("0."):
        return address
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
    return address if not address.startswith("0.") else "127.0.0.1"


class HostService:
    """The embedded host server of one data directory, plus its event administration."""

    def __init__(self, data_dir: str | os.PathLike, bind: str = "127.0.0.1", port: int = 8000,
                 event: str | None = None, station_name: str | None = None,
                 insecure_http: bool = False) -> None:  # fmt: skip
        self.data_dir = Path(data_dir)
        self.insecure_http = insecure_http  # plain HTTP instead of HTTPS (clients that cannot pin)
        self.cert: Any = None  # server.tls.CertInfo while serving HTTPS
        self.bind = bind
        self.port = port
        self.station_name = station_name or socket.gethostname()
        self._chosen_event = tuple(event.split("/", 1)) if event and "/" in event else None
        self._engine: Engine | None = None
        self._server: Any = None
        self.moved_from: int | None = None  # the port start() wanted but found taken (it serves on another)

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The host database (opened, and created if new, on first use)."""
        if self._engine is None:
            try:
                self._engine = open_database(default_database_url(self.data_dir))
            except (DatabaseError, OSError) as exc:
                raise HostError(later(QT_TRANSLATE_NOOP("Host", "Cannot open the host database in {folder}: {problem}"),
                                      folder=str(self.data_dir), problem=str(exc))) from None
        return self._engine

    def start(self, move_if_taken: bool = False) -> None:
        """Serve the API on ``bind:port`` (port 0 = any free port); PortInUse if it is taken.

        With ``move_if_taken`` a port another program holds is not an error: the server takes
        any free port instead and ``moved_from`` names the port it could not have (stations set
        up for that port must be set up again).
        """
        if self._server is not None:
            return
        from server.serving import BackgroundServer
        from server.serving import PortInUse as ServerPortInUse
        from server.tls import CertificateError, check_pair, ensure_certificate

        self.engine  # noqa: B018 - create or upgrade the schema before serving
        self.moved_from = None
        try:
            self.cert = None if self.insecure_http else ensure_certificate(self.data_dir)
            if self.cert is not None:
                check_pair(self.cert.cert_path, self.cert.key_path)
        except (CertificateError, OSError) as exc:
            raise HostError(later(QT_TRANSLATE_NOOP("Host", "Cannot read or make the host's certificate in {folder}: "
                                                            "{problem}"),
                                  folder=str(self.data_dir), problem=str(exc))) from None
        server = BackgroundServer(default_database_url(self.data_dir), host=self.bind, port=self.port, tls=self.cert,
                                  config=self._app_config())
        try:
            try:
                server.start()
            except ServerPortInUse as exc:
                taken = getattr(exc.__cause__, "errno", None) == errno.EADDRINUSE
                if not (move_if_taken and taken and self.port):
                    raise
                log.warning("port %d on %s is taken by another program; serving on a free port instead",
                            self.port, self.bind)
                server = BackgroundServer(default_database_url(self.data_dir), host=self.bind, port=0, tls=self.cert,
                                          config=self._app_config())
                server.start()
                self.moved_from = self.port
        except ServerPortInUse:
            raise PortInUse(later(QT_TRANSLATE_NOOP(
                "Host", "Port {port} on {address} is already in use (another checkin-kiosk or checkin-server?) or not "
                        "allowed. Stop that program, or choose another port with --port N (0 = any free port)."),
                port=self.port, address=self.bind)) from None
        except OSError as exc:
            raise HostError(later(QT_TRANSLATE_NOOP("Host", "Cannot serve on {address}:{port}: {problem}"),
                                  address=self.bind, port=self.port, problem=str(exc.strerror or exc))) from None
        self._server = server
        self.port = server.port
        log.info("host server listening on %s (stations use %s)", self.url, self.lan_url)
        if self.insecure_warning:
            log.warning("%s", self.insecure_warning)

    def _app_config(self) -> dict[str, str]:
        """The data directory, where the overview page reads the pretix sync's state."""
        return {"DATA_DIR": str(self.data_dir)}

    def stop(self) -> None:
        """Stop serving and close the database; safe to call twice."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def running(self) -> bool:
        """Whether the server is serving."""
        return self._server is not None

    def __enter__(self) -> HostService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    def _require_running(self) -> None:
        if self._server is None:
            raise HostError(QT_TRANSLATE_NOOP("Host", "The host server is not running; start it first."))

    @property
    def scheme(self) -> str:
        """"https", or "http" with ``insecure_http``."""
        return "http" if self.insecure_http else "https"

    @property
    def cert_sha256(self) -> str | None:
        """The served certificate's fingerprint (64 lowercase hex digits); None on plain HTTP or when stopped."""
        return self.cert.fingerprint if self.cert is not None and self._server is not None else None

    @property
    def insecure_warning(self) -> str:
        """A warning for the host panel and the log while plain HTTP is served beyond this computer, else ""."""
        if self._server is None or not self.insecure_http:
            return ""
        from server.serving import beyond_this_computer

        if not beyond_this_computer(self.bind):
            return ""
        return QT_TRANSLATE_NOOP("Host", "Not encrypted: this host serves plain HTTP (--insecure-http). Anyone on "
                                         "the network can read station keys and the guest list.")

    @property
    def url(self) -> str:
        """The bound address as a URL, e.g. https://0.0.0.0:8000."""
        self._require_running()
        return f"{self.scheme}://{_http_host(self.bind)}:{self.port}"

    @property
    def local_url(self) -> str:
        """A URL this machine can reach itself on (loopback for a wildcard bind)."""
        self._require_running()
        host = "127.0.0.1" if self.bind in _WILDCARDS else self.bind
        return f"{self.scheme}://{_http_host(host)}:{self.port}"

    @property
    def lan_url(self) -> str:
        """The URL other stations use: the LAN address for a wildcard bind, else the bind address."""
        self._require_running()
        host = primary_lan_address() if self.bind in _WILDCARDS else self.bind
        return f"{self.scheme}://{_http_host(host)}:{self.port}"

    # -- events ----------------------------------------------------------------------------

    def events(self) -> list[dict]:
        """Every event in the host database (organizer, event, name, dates...)."""
        return admin.list_events(self.engine)

    @property
    def event(self) -> tuple[str, str] | None:
        """(organizer slug, event slug) served to stations: the chosen one, else the first, else None."""
        known = [(e["organizer"], e["event"]) for e in self.events()]
        if self._chosen_event in known:
            return self._chosen_event  # type: ignore[return-value]
        return known[0] if known else None

    def select_event(self, organizer: str, event: str) -> None:
        """Serve this event from now on; HostError if the database has no such event."""
        if (organizer, event) not in [(e["organizer"], e["event"]) for e in self.events()]:
            raise HostError(later(QT_TRANSLATE_NOOP("Host", "No event {organizer}/{event} here. Import it first."),
                                  organizer=organizer, event=event))
        self._chosen_event = (organizer, event)

    def _require_event(self) -> tuple[str, str]:
        event = self.event
        if event is None:
            raise HostError(QT_TRANSLATE_NOOP("Host", "No event yet: import a pretix export or load the demo first."))
        return event

    def import_file(self, path: str | os.PathLike, progress: Callable[[int, int], None] | None = None,
                    organizer: str | None = None, event: str | None = None) -> ImportSummary:  # fmt: skip
        """Import a pretix JSON export or CSV list (one transaction) and serve its event."""
        try:
            summary = server_import_file(self.engine, path, organizer=organizer, event=event, progress=progress)
        except ImportFailed as exc:
            raise HostError(later(QT_TRANSLATE_NOOP("Host", "Import failed, nothing changed: {problem}"),
                                  problem=str(exc))) from None
        self._chosen_event = (summary.organizer_slug, summary.event_slug)
        return summary

    def load_demo(self, tickets: int = 200) -> tuple[str, str]:
        """Create (or refresh) the demo event with ``tickets`` generated tickets and serve it."""
        self._chosen_event = create_demo(self.engine, tickets)
        return self._chosen_event

    # -- station keys ----------------------------------------------------------------------

    def add_station(self, name: str | None = None, allow_search: bool = True, show_info: bool = True,
                    list_name: str | None = None) -> dict:  # fmt: skip
        """Create a key for a new station and return its setup JSON (LAN URL, the station's name) for a QR code."""
        org, event = self._require_event()
        try:
            key = admin.create_key(self.engine, org, event, name=name, list_name=list_name,
                                   allow_search=allow_search, show_info=show_info)  # fmt: skip
        except admin.AdminError as exc:
            raise HostError(str(exc)) from None
        return admin.setup_json(self.lan_url, org, event, key, allow_search, show_info, name=name,
                                cert_sha256=self.cert_sha256)

    def list_keys(self) -> list[dict]:
        """The served event's station keys (name, list, flags, revoked, created; never the key)."""
        org, event = self._require_event()
        return admin.list_keys(self.engine, org, event)

    def revoke_key(self, name: str) -> bool:
        """Revoke a station's key (403 from its next request); False if it was already revoked."""
        org, event = self._require_event()
        try:
            return admin.revoke_key(self.engine, org, event, name)
        except admin.AdminError as exc:
            raise HostError(str(exc)) from None

    def _key_works(self, api_url: str, key: str) -> bool:
        fingerprint = self.cert_sha256
        if fingerprint is None:
            try:
                response = requests.get(api_url + "status/", params={"key": key}, timeout=(2, 5))
            except requests.RequestException:
                return False
            return response.status_code == 200
        # Our own server over HTTPS: pinned to our own certificate, checked before the key is sent.
        import urllib3

        pool = urllib3.PoolManager(cert_reqs="CERT_NONE", assert_fingerprint=fingerprint, retries=False,
                                   timeout=urllib3.Timeout(connect=2, read=5))
        try:
            response = pool.request("GET", api_url + "status/", fields={"key": key})
        except urllib3.exceptions.HTTPError:
            return False
        finally:
            pool.clear()
        return response.status == 200

    def own_station_setup(self, settings: Settings | None = None, save: bool = True) -> StationSetup:
        """The setup this station itself redeems with (local URL), saved in its settings and key file.

        The key is created once per event and reused while the host still accepts it; pass the
        caller's ``settings`` so its copy is updated too. With ``save=False`` ``settings`` is only
        read (for the key in use) and nothing is changed or written: the caller applies the setup
        (and ``event`` = ``ORG/EVENT``) to its own settings, so they have one writer.
        """
        self._require_running()
        org, event = self._require_event()
        settings = settings if settings is not None else Settings.load(self.data_dir)
        api_url = f"{self.local_url}/pretixdroid/api/{org}/{event}/"
        key = settings.key
        stored_path = settings.server_url.split("/pretixdroid/api/", 1)[-1]
        if not (key and stored_path == f"{org}/{event}/" and self._key_works(api_url, key)):
            key = self._create_own_key(org, event)
        # The host station pins its own server's certificate, as every other station does.
        setup = StationSetup(api_url, key, True, True, origin="host", event=f"{org}/{event}",
                             cert_sha256=self.cert_sha256 or "")
        if not save:
            return setup
        settings["server_url"] = setup.url
        settings["cert_sha256"] = setup.cert_sha256
        settings["allow_search"] = settings["show_info"] = True
        settings["event"] = setup.event
        settings.set_key(key)
        settings.save()
        return setup

    def _create_own_key(self, org: str, event: str) -> str:
        taken = {k["name"] for k in admin.list_keys(self.engine, org, event)}
        name = f"{self.station_name} (host)"
        suffix = 2
        while name in taken:  # a revoked or lost earlier key keeps its name
            name = f"{self.station_name} (host {suffix})"
            suffix += 1
        log.info("creating this station's own key %r for %s/%s", name, org, event)
        return admin.create_key(self.engine, org, event, name=name)
