"""A real pretix 2026.8.0 for tests: installed once into a cached venv, migrated once into a template
database, started per test module from a copy of it on a free loopback port.

``scripts/setup.sh test`` prepares both (``scripts/pretix_cache.sh``); the cache directory is
``$CHECKIN_PRETIX_CACHE`` or ``~/.cache/checkin-kiosk``. Without them the tests that need pretix
are skipped locally with the command to run, and fail under ``CHECKIN_REQUIRE_PRETIX=1`` (CI).

Seeding: organizer, admin team and team token through pretix's ORM (the REST API cannot make
them); events, products, check-in lists, orders and devices through REST, as an organiser would.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

PRETIX_VERSION = "2026.8.0"
CACHE = Path(os.environ.get("CHECKIN_PRETIX_CACHE", Path.home() / ".cache" / "checkin-kiosk"))
VENV = CACHE / f"pretix-{PRETIX_VERSION}"
TEMPLATE = CACHE / "pretix-template"
VENV_STAMP = VENV / ".checkin-kiosk-installed"
TEMPLATE_STAMP = TEMPLATE / f".migrated-{PRETIX_VERSION}"

CONFIG = """[pretix]
instance_name=test
url=http://127.0.0.1:{port}
currency=EUR
datadir={data}
ecb_rates=off
registration=off
[database]
backend=sqlite3
name={data}/db.sqlite3
[mail]
from=pretix@localhost
host=127.0.0.1
port=2525
[django]
debug=off
[locale]
timezone=Europe/Berlin
"""

SEED_ORM = r"""
import json, sys
import django
django.setup()
from django_scopes import scopes_disabled
from pretix.base.models import Organizer, Team, TeamAPIToken, User
args = json.loads(sys.argv[1])
with scopes_disabled():
    user, _ = User.objects.get_or_create(email="admin@localhost", defaults={"fullname": "Admin"})
    org, _ = Organizer.objects.get_or_create(slug=args["org"], defaults={"name": args["org_name"]})
    team, _ = Team.objects.get_or_create(organizer=org, name="Admins", defaults=dict(
        all_events=True, all_event_permissions=True, all_organizer_permissions=True))
    team.members.add(user)
    TeamAPIToken.objects.get_or_create(team=team, token=args["token"], defaults={"name": "tests"})
print("ok")
"""


def available() -> bool:
    return VENV_STAMP.exists() and TEMPLATE_STAMP.exists() and (TEMPLATE / "data" / "db.sqlite3").exists()


def require() -> None:
    """Skip (locally) or fail (CI) when pretix is not prepared."""
    if available():
        return
    message = ("real pretix is not prepared: run scripts/setup.sh test (installs pretix "
               f"{PRETIX_VERSION} into {VENV} and migrates a template database once)")
    if os.environ.get("CHECKIN_REQUIRE_PRETIX") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PretixServer:
    """One pretix on a copy of the template database; ``start()``/``stop()`` may be repeated (same data)."""

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        self.dir = Path(workdir)
        self.data = self.dir / "data"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.token = secrets.token_hex(32)  # team API token (64 characters)
        self.org = "demo"
        if not self.data.exists():
            shutil.copytree(TEMPLATE / "data", self.data)
        (self.dir / "pretix.cfg").write_text(CONFIG.format(port=self.port, data=self.data))
        self.log = self.dir / "pretix.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DJANGO"))}
        env.update(PRETIX_CONFIG_FILE=str(self.dir / "pretix.cfg"), DJANGO_SETTINGS_MODULE="pretix.settings",
                   PYTHONUNBUFFERED="1")
        return env

    def python(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run([str(VENV / "bin" / "python"), *args], env=self.env(), capture_output=True, text=True,
                              timeout=timeout, cwd=self.dir)
        if done.returncode != 0:
            raise RuntimeError(f"pretix python failed: {done.stderr[-2000:]}")
        return done.stdout

    def seed_organizer(self) -> None:
        self.python("-c", SEED_ORM, json.dumps({"org": self.org, "org_name": "Demo Org", "token": self.token}))

    def start(self, timeout: float = 90.0) -> PretixServer:
        log = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [str(VENV / "bin" / "python"), "-m", "pretix", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.env(), stdout=log, stderr=subprocess.STDOUT, cwd=self.dir, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pretix exited: {self.log.read_text()[-2000:]}")
            try:
                requests.get(f"{self.url}/api/v1/organizers/", timeout=2)
                return self
            except requests.RequestException:
                time.sleep(0.3)
        raise RuntimeError(f"pretix did not answer within {timeout} s: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.proc = None

    # -- REST as an organiser -----------------------------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None, token: str | None = None, device: str | None = None,
            expect: tuple[int, ...] = (200, 201, 204), **params) -> Any:
        headers = {"Authorization": f"Device {device}" if device else f"Token {token or self.token}"}
        url = path if path.startswith("http") else f"{self.url}/api/v1/{path.lstrip('/')}"
        answer = requests.request(method, url, json=body, headers=headers, params=params or None, timeout=60)
        if answer.status_code not in expect:
            raise AssertionError(f"{method} {path}: HTTP {answer.status_code} {answer.text[:1000]}")
        return answer.json() if answer.content else None

    def all(self, path: str, **params) -> list[dict]:
        data = self.api("GET", path, **params)
        results = list(data["results"])
        while data.get("next"):
            data = self.api("GET", data["next"])
            results += data["results"]
        return results


@dataclass
class Seeded:
    """What ``seed_event`` made: slugs and pretix ids."""

    org: str
    event: str
    items: dict[str, int]
    variations: dict[str, int]
    lists: dict[str, int]
    orders: list[dict]


def enable_plugins(server: PretixServer) -> None:
    server.api("PATCH", f"organizers/{server.org}/", {"plugins": ["pretix.plugins.banktransfer"]})


def seed_event(server: PretixServer, event: str = "conf", orders: int = 0, name: str = "Conference") -> Seeded:
    """An event with a ticket product (two variations), an add-on product, two check-in lists and ``orders``
    paid orders of one ticket each (every fifth with a T-shirt add-on)."""
    org = server.org
    base = f"organizers/{org}/events/{event}"
    server.api("POST", f"organizers/{org}/events/", {
        "name": {"en": name}, "slug": event, "currency": "EUR", "date_from": "2026-12-27T18:00:00+01:00",
        "plugins": ["pretix.plugins.banktransfer"], "has_subevents": False, "is_public": True})
    ticket = server.api("POST", f"{base}/items/", {
        "name": {"en": "Ticket"}, "default_price": "10.00", "admission": True, "active": True,
        "variations": [{"value": {"en": "Regular"}, "default_price": "10.00"},
                       {"value": {"en": "VIP"}, "default_price": "50.00", "checkin_attention": True}]})
    shirt = server.api("POST", f"{base}/items/", {"name": {"en": "T-Shirt"}, "default_price": "15.00",
                                                  "admission": False, "active": True})
    variations = {v["value"]["en"]: v["id"] for v in ticket["variations"]}
    server.api("POST", f"{base}/quotas/", {"name": "All", "size": None, "items": [ticket["id"], shirt["id"]],
                                            "variations": list(variations.values())})
    main = server.api("POST", f"{base}/checkinlists/", {"name": "Main entrance", "all_products": True,
                                                        "limit_products": [], "include_pending": False})
    vip = server.api("POST", f"{base}/checkinlists/", {"name": "VIP lounge", "all_products": False,
                                                       "limit_products": [ticket["id"]], "include_pending": True})
    seeded = Seeded(org, event, {"Ticket": ticket["id"], "T-Shirt": shirt["id"]}, variations,
                    {"Main entrance": main["id"], "VIP lounge": vip["id"]}, [])
    for number in range(orders):
        seeded.orders.append(create_order(server, seeded, f"Guest{number:04d}", addon=number % 5 == 0,
                                          vip=number % 7 == 0))
    return seeded


def create_order(server: PretixServer, seeded: Seeded, family: str, *, status: str = "p", addon: bool = False,
                 vip: bool = False, **extra) -> dict:
    positions = [{"positionid": 1, "item": seeded.items["Ticket"],
                  "variation": seeded.variations["VIP" if vip else "Regular"],
                  "attendee_name_parts": {"given_name": "Ada", "family_name": family}}]
    if addon:
        positions.append({"positionid": 2, "item": seeded.items["T-Shirt"], "addon_to": 1})
    body = {"email": f"{family.lower()}@example.org", "status": status, "payment_provider": "banktransfer",
            "positions": positions, "locale": "en", "sales_channel": "web", **extra}
    return server.api("POST", f"organizers/{seeded.org}/events/{seeded.event}/orders/", body)


def create_device(server: PretixServer, events: list[str], name: str = "host") -> dict:
    """A device limited to ``events`` with the pretixSCAN security profile; has ``initialization_token``."""
    return server.api("POST", f"organizers/{server.org}/devices/", {
        "name": name, "all_events": False, "limit_events": events, "security_profile": "pretixscan"})


def initialize_device(server: PretixServer, token: str, brand: str = "other-scanner") -> dict:
    answer = requests.post(f"{server.url}/api/v1/device/initialize", json={
        "token": token, "hardware_brand": "test", "hardware_model": "test", "software_brand": brand,
        "software_version": "1.0"}, timeout=30)
    answer.raise_for_status()
    return answer.json()
