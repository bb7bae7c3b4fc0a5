"""Connecting an event to pretix: credentials, event choice, list mapping, the first full pull."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select

from server import __version__
from server.db import utcnow
from server.events import ensure_event, find_event
from server.pretix import credentials as creds
from server.pretix import store
from server.pretix.client import SOFTWARE_BRAND, PretixClient, short
from server.pretix.device_code import parse_device_setup
from server.pretix.errors import ChoiceNeeded, ConfigProblem, PretixError
from server.pretix.mapping import plan_lists, text
from server.pretix.sync import CycleResult, pull
from server.schema import checkin_lists, positions, pretix_connections


@dataclass
class ConnectResult:
    """What ``connect`` did: the JSON line of ``pretix connect`` is ``to_json()``."""

    organizer: str
    event: str
    pretix_url: str
    tickets: int
    lists: list[str]
    mappings: list[str] = field(default_factory=list)  # lines as printed on stderr ("local -> pretix")
    unsupported: list[str] = field(default_factory=list)  # list features pretixdroid cannot express

    def to_json(self) -> dict:
        return {"organizer": self.organizer, "event": self.event, "pretix_url": self.pretix_url,
                "tickets": self.tickets, "lists": self.lists}


def connect(
    engine,
    *,
    data_dir,
    url: str | None = None,
    device_token: str | None = None,
    setup: str | None = None,
    api_token: str | None = None,
    organizer: str | None = None,
    event: str | None = None,
    subevent: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ConnectResult:
    """Connect a local event to a pretix event and pull everything once.

    One of: ``url`` + ``device_token`` (an initialisation token from Organizer -> Devices),
    ``setup`` (the device QR code's JSON), or ``url`` + ``api_token`` + ``organizer`` + ``event``
    (a team API token). Raises ``PretixError`` (one line) and changes nothing locally on any
    error before the first pull (the device's credentials are kept, so a rerun with
    ``event=`` works); ``ChoiceNeeded`` when the device sees several events (or the event is a
    series) and ``event``/``subevent`` is missing. ``progress(line)`` gets progress lines.
    """
    say = progress or (lambda line: None)
    if setup is not None:
        parsed = parse_device_setup(setup)
        if parsed is None:
            raise PretixError('this is not a pretix device setup code (expected {"handshake_version": 1, "url": '
                              '..., "token": ...})')
        url, device_token = parsed.url, parsed.token
    if not url:
        raise PretixError("give the pretix URL (e.g. https://pretix.eu)")
    url = _check_url(url)
    if bool(device_token) == bool(api_token):
        raise PretixError("give either a device initialisation token or a team API token")
    if api_token:
        if not organizer or not event:
            raise PretixError("a team API token needs --organizer and --event")
        client = PretixClient(url, api_token=api_token)
        auth, credential = "token", {"kind": "token", "url": url, "api_token": api_token}
        credential_id = None
        device_name = None
        device_id = None
    else:
        found = creds.find_by_init_token(data_dir, device_token)
        if found is not None and found[1].get("url") == url:
            credential_id, credential = found
            say(f"reusing the device {credential.get('name')!r} initialised with this token before")
        else:
            credential = _initialize(url, device_token)
            credential_id = creds.save(data_dir, credential)  # kept: pretix's token works only once
            say(f"initialised as pretix device {credential.get('name')!r}")
        organizer = credential["organizer"]
        client = PretixClient(url, device_token=credential["api_token"])
        auth, device_name, device_id = "device", credential.get("name"), credential.get("device_id")
    try:
        event_data = _choose_event(client, organizer, event)
        event = event_data["slug"]
        path = f"organizers/{organizer}/events/{event}"
        if event_data.get("has_subevents"):
            subevent = _choose_subevent(client, path, subevent)
        elif subevent is not None:
            raise PretixError(f"{organizer}/{event} is not an event series: leave out --subevent")
        locale = _locale(client, path)
        say("reading products and check-in lists")
        pretix_lists = client.get_all(f"{path}/checkinlists/", params=[("exclude", "checkin_count"),
                                                                        ("exclude", "position_count")])
        with engine.connect() as conn:
            ref = find_event(conn, organizer, event)
            existing = None if ref is None else store.connection_of_event(conn, ref.event_id)
            local = [] if ref is None else list(store.local_list_targets(conn, ref.event_id))
            targets = {} if ref is None else store.local_list_targets(conn, ref.event_id)
        if existing is not None and (existing.pretix_url, existing.pretix_organizer, existing.pretix_event) != (
                url, organizer, event):
            raise PretixError(f"{organizer}/{event} is already connected to {existing.pretix_url}: disconnect first")
        plan = plan_lists(pretix_lists, local or ["Entrance"], subevent, targets)
        if plan.problem:
            raise PretixError(plan.problem)
        if api_token:
            credential_id = (existing.credential_id if existing is not None and existing.auth == "token" else None)
            credential_id = creds.save(data_dir, credential, credential_id)
        with engine.begin() as conn:
            ref = ensure_event(conn, organizer, event, organizer, text(event_data.get("name"), locale) or event)
            values = dict(pretix_url=url, pretix_organizer=organizer, pretix_event=event, subevent=subevent,
                          auth=auth, credential_id=credential_id, device_id=device_id, device_name=device_name,
                          locale=locale, mappings=json.dumps(plan.lines), unsupported=json.dumps(plan.unsupported),
                          error=None, paused=False, revoked=False, unreachable_since=None)
            if existing is None:
                conn.execute(pretix_connections.insert().values(event_id=ref.event_id, connected_at=utcnow(),
                                                                **values))
            else:
                conn.execute(pretix_connections.update().where(pretix_connections.c.id == existing.id).values(**values))
            row = store.connection_of_event(conn, ref.event_id)
        for line in plan.lines + plan.unsupported:
            say(line)
        result = CycleResult(organizer, event, reached=False)
        owner = _owner()
        if not store.take_lease(engine, row.id, owner):
            raise PretixError("another process is syncing this event: its first pull is running there")
        try:
            with engine.connect() as conn:
                row = store.connection_of_event(conn, ref.event_id)
            row = _Row(row, organizer, event)
            pull(engine, row, client, result, full=True, progress=say,
                 renew=lambda: store.take_lease(engine, row.id, owner))
        except PretixError as exc:
            store.set_state(engine, row.id, error=str(exc))
            raise PretixError(f"connected, but the first pull stopped: {exc} (it resumes with "
                              "`checkin-server pretix sync` or a running server)") from None
        finally:
            store.release_lease(engine, row.id, owner)
        with engine.connect() as conn:
            tickets = conn.execute(select(positions.c.id).where(positions.c.event_id == ref.event_id,
                                                                positions.c.active)).all()
            names = list(conn.execute(select(checkin_lists.c.name).where(checkin_lists.c.event_id == ref.event_id)
                                      .order_by(checkin_lists.c.id)).scalars())
            mappings = store.json_lines(store.connection_of_event(conn, ref.event_id).mappings)
        return ConnectResult(organizer, event, url, len(tickets), names, mappings, plan.unsupported)
    finally:
        client.close()


class _Row:
    """A connection row with the slugs ``pull`` reads beside it."""

    def __init__(self, row, organizer: str, event: str) -> None:
        self._row = row
        self.org_slug, self.event_slug = organizer, event

    def __getattr__(self, name: str):
        return getattr(self._row, name)


def _owner() -> str:
    import uuid

    from server.pretix.sync import PROCESS_ID

    return f"{PROCESS_ID}:{uuid.uuid4().hex[:8]}"


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PretixError(f"{url!r} is not a pretix URL: give it as https://pretix.example.com")
    return url.strip().rstrip("/")


def _initialize(url: str, token: str) -> dict:
    client = PretixClient(url)
    try:
        answer = client.request("POST", "device/initialize", json={
            "token": token, "hardware_brand": "checkin-kiosk", "hardware_model": "host server",
            "os_name": platform.system() or "Linux", "os_version": platform.release() or "",
            "software_brand": SOFTWARE_BRAND, "software_version": __version__})
    finally:
        client.close()
    data = answer.data if isinstance(answer.data, dict) else {}
    if answer.status != 200 or not data.get("api_token"):
        raise PretixError(f"pretix refused the device token: {short(data) or f'HTTP {answer.status}'} "
                          "(create a new device under Organizer -> Devices)")
    return {"kind": "device", "url": url, "api_token": data["api_token"], "organizer": data["organizer"],
            "device_id": data.get("device_id"), "name": data.get("name"),
            "init_token_sha256": creds.token_hash(token)}


def _choose_event(client: PretixClient, organizer: str, event: str | None) -> dict:
    if event is not None:
        try:
            answer = client.get(f"organizers/{organizer}/events/{event}/")
        except ConfigProblem:
            answer = None
        if answer is not None and answer.status == 200:
            return answer.data
        raise PretixError(f"pretix has no event {organizer}/{event} this device or token may access: check the "
                          "event's short form (slug) and the device's events (Organizer -> Devices)")
    found = client.get_all(f"organizers/{organizer}/events/")
    if len(found) == 1:
        return found[0]
    if not found:
        raise PretixError(f"this device may not access any event of {organizer}: allow one under Organizer -> Devices")
    options = [(e["slug"], text(e.get("name"), None)) for e in found]
    raise ChoiceNeeded("event", options, "this device may access several events: choose one with --event ("
                       + ", ".join(f"{slug} = {name}" for slug, name in options) + ")")


def _choose_subevent(client: PretixClient, path: str, subevent: int | None) -> int:
    dates = client.get_all(f"{path}/subevents/")
    ids = {d["id"] for d in dates}
    if subevent is not None and subevent in ids:
        return subevent
    options = [(str(d["id"]), f"{text(d.get('name'), None)} {d.get('date_from', '')}".strip()) for d in dates]
    problem = f"there is no date {subevent} in this series" if subevent is not None else "this event is a series"
    raise ChoiceNeeded("subevent", options, f"{problem}: choose a date with --subevent ("
                       + ", ".join(f"{value} = {label}" for value, label in options) + ")")


def _locale(client: PretixClient, path: str) -> str | None:
    answer = client.get(f"{path}/settings/")
    if answer.status == 200 and isinstance(answer.data, dict):
        return answer.data.get("locale")
    return None
