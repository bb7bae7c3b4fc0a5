"""The sync cycle (push the outbox, then pull what changed) and the runner thread of ``serve``/host mode.

Push: every check-in made here waits in the outbox (its own row, ``upload`` "p", written in the
check-in's transaction) and is uploaded oldest first to ``checkinrpc/redeem`` with its scan time
(never in the future), its nonce (the station's, or one the host made and kept before the
first try), ``force=true`` and ``questions_supported=false``. pretix treats a repeated nonce as
the same check-in, so a lost answer is simply sent again. 404 ``invalid`` and 400 with a
status are final (marked rejected, shown, never retried); 400 without a status and 403 pause
uploads. Pull runs only after a push pass that reached pretix (as libpretixsync does).

Pull: items with If-Modified-Since, check-in lists every time, orders incrementally with
``modified_since`` = the first page's ``X-Page-Generated`` of the previous complete run,
following ``next``. Only one process syncs an event at a time (a lease in the database).
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from server.db import utcnow
from server.pretix import credentials as creds
from server.pretix import store
from server.pretix.client import UPLOAD, PretixClient, short
from server.pretix.errors import AuthFailed, ConfigProblem, DeviceRevoked, PretixError, Unreachable
from server.pretix.mapping import plan_lists

log = logging.getLogger("server.pretix")

PROCESS_ID = uuid.uuid4().hex  # lease owner: this process
ORDER_PARAMS = [("testmode", "false"), ("include_canceled_positions", "true"), ("exclude", "fees"),
                ("exclude", "payments"), ("exclude", "refunds"), ("exclude", "downloads"),
                ("exclude", "positions.downloads")]
FULL_REFRESH_SECONDS = 600  # items re-read without If-Modified-Since (second-precision Last-Modified)


@dataclass
class CycleResult:
    """One cycle of one event: ``reached`` pretix (both passes ran), what moved, and the error if any."""

    organizer: str
    event: str
    reached: bool
    uploaded: int = 0
    rejected: int = 0
    pulled_orders: int = 0
    requests: int = 0
    error: str | None = None
    skipped: bool = False  # another process holds the event's sync lease
    retry_after: float | None = None


def client_for(row, data_dir, **kwargs) -> PretixClient:
    """A client with the connection's stored credential; ``PretixError`` if this data dir does not hold it."""
    entry = creds.load(data_dir, row.credential_id)
    if entry is None or not entry.get("api_token"):
        raise AuthFailed(f"the pretix credentials of this connection are not in {data_dir}: run this on the machine "
                         "that connected, or connect again")
    token = entry["api_token"]
    if row.auth == "device":
        return PretixClient(row.pretix_url, device_token=token, **kwargs)
    return PretixClient(row.pretix_url, api_token=token, **kwargs)


def event_path(row) -> str:
    return f"organizers/{row.pretix_organizer}/events/{row.pretix_event}"


# -- push -------------------------------------------------------------------------------------------------

def push(engine: Engine, row, client: PretixClient, result: CycleResult) -> None:
    """Upload every waiting check-in of the event, oldest first; raises on the first non-final failure."""
    while True:
        with engine.connect() as conn:
            batch = store.pending_batch(conn, row.event_id)
        if not batch:
            return
        for item in batch:
            nonce = item.nonce or store.set_nonce(engine, item.id, secrets.token_urlsafe(20))
            now = utcnow()
            when = min(item.datetime, now)  # never in the future: the host's clock decides
            body = {"secret": item.secret, "lists": [item.list_pretix_id], "type": "entry",
                    "datetime": when.replace(tzinfo=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "force": True, "ignore_unpaid": False, "nonce": nonce, "questions_supported": False,
                    "source_type": "barcode"}
            answer = client.request("POST", f"organizers/{row.pretix_organizer}/checkinrpc/redeem/", json=body,
                                    priority=UPLOAD)
            data = answer.data if isinstance(answer.data, dict) else {}
            if answer.status in (200, 201) and data.get("status") == "ok":
                store.mark(engine, item.id, "u")
                result.uploaded += 1
                store.set_state(engine, row.id, last_push=utcnow())
            elif answer.status in (400, 404) and data.get("status"):
                reason = data.get("reason") or data.get("status")
                store.mark(engine, item.id, "x", str(reason))
                result.rejected += 1
                log.warning("pretix rejected a check-in for good (%s); it stays admitted here", reason)
            elif answer.status == 400:
                raise ConfigProblem(f"pretix refuses our check-ins ({short(data)}): check the check-in list "
                                    "mapping and the device's access in pretix; uploads are paused")
            else:
                raise PretixError(f"pretix answered HTTP {answer.status} to an upload; uploads are paused")


# -- pull -------------------------------------------------------------------------------------------------

def pull(engine: Engine, row, client: PretixClient, result: CycleResult, *, full: bool = False,
         progress: Callable[[str], None] | None = None, renew: Callable[[], None] | None = None) -> None:
    """Items (conditional), lists (always), orders (incremental), each page in its own transaction."""
    path = event_path(row)
    headers = {}
    if row.items_modified and not full:
        headers["If-Modified-Since"] = row.items_modified
    answer = client.get(f"{path}/items/", headers=headers)
    items_modified = row.items_modified
    if answer.status == 200:
        items = list(answer.data.get("results", []))
        if answer.data.get("next"):
            items += client.get_all(answer.data["next"])
        with engine.begin() as conn:
            store.apply_items(conn, row.event_id, items, row.locale)
        items_modified = answer.headers.get("Last-Modified")
    elif answer.status != 304:
        raise PretixError(f"pretix refused the products (HTTP {answer.status}: {short(answer.data)})")
    params = [("exclude", "checkin_count"), ("exclude", "position_count")]
    if row.subevent:
        params.append(("subevent_match", str(row.subevent)))
    pretix_lists = client.get_all(f"{path}/checkinlists/", params=params)
    with engine.begin() as conn:
        plan = plan_lists(pretix_lists, list(store.local_list_targets(conn, row.event_id)), row.subevent,
                          store.local_list_targets(conn, row.event_id))
        if plan.problem:
            raise ConfigProblem(plan.problem)
        store.apply_lists(conn, row.event_id, plan)
        lists = store.list_map(conn, row.event_id)
    store.set_state(engine, row.id, items_modified=items_modified, mappings=json.dumps(plan.lines),
                    unsupported=json.dumps(plan.unsupported))
    params = list(ORDER_PARAMS)
    if row.subevent:
        params.append(("subevent", str(row.subevent)))
    if row.orders_cursor and not full:
        params += [("ordering", "-last_modified"), ("modified_since", row.orders_cursor)]
    else:
        params += [("ordering", "datetime")]
    url: str | None = f"{path}/orders/"
    generated = None
    first = True
    done = 0
    missing_items = False
    while url:
        answer = client.get(url, params=params if first else None)
        if answer.status != 200:
            raise PretixError(f"pretix refused the orders (HTTP {answer.status}: {short(answer.data)})")
        if first:
            generated = answer.headers.get("X-Page-Generated")
            total = answer.data.get("count", 0)
        first = False
        page = answer.data.get("results", [])
        with engine.begin() as conn:
            applied = store.apply_orders(conn, row.event_id, page, row.subevent, lists)
        missing_items |= applied.missing_items
        done += len(page)
        result.pulled_orders += len(page)
        if progress and total:
            progress(f"pulled {done} of {total} orders")
        if renew is not None:
            renew()
        url = answer.data.get("next")
    if missing_items:  # an order names a product we have not seen: read the catalogue in full next time
        store.set_state(engine, row.id, items_modified=None, last_pull=utcnow())
        return
    store.set_state(engine, row.id, orders_cursor=generated or row.orders_cursor, last_pull=utcnow())


# -- one cycle --------------------------------------------------------------------------------------------

def _load(engine: Engine, organizer: str, event: str):
    with engine.connect() as conn:
        return store.connection_row(conn, organizer, event)


def run_cycle(engine: Engine, data_dir, organizer: str, event: str, *, pull_too: bool = True,
              wait_for_lease: float = 60.0, progress: Callable[[str], None] | None = None,
              full: bool = False) -> CycleResult:
    """One cycle for one connected event, blocking: push every waiting check-in, then pull.

    Waits up to ``wait_for_lease`` seconds while another process syncs the event (then
    ``skipped``). Never raises for pretix's answers: they are in the result and the status.
    """
    result = CycleResult(organizer, event, reached=False)
    row = _load(engine, organizer, event)
    if row is None:
        result.error = f"{organizer}/{event} is not connected to pretix"
        return result
    if row.revoked:
        result.error = row.error or "pretix has revoked this device: connect again"
        return result
    owner = f"{PROCESS_ID}:{uuid.uuid4().hex[:8]}"  # exclusive per cycle, also between threads of one process
    deadline = time.monotonic() + wait_for_lease
    while not store.take_lease(engine, row.id, owner):
        if time.monotonic() >= deadline:
            result.skipped = True
            result.error = "another process is syncing this event right now"
            return result
        time.sleep(0.5)
    client = None
    try:
        row = _load(engine, organizer, event)  # fresh cursor after waiting
        client = client_for(row, data_dir)
        push(engine, row, client, result)
        if pull_too:
            pull(engine, row, client, result, full=full, progress=progress,
                 renew=lambda: store.take_lease(engine, row.id, owner))
        result.reached = True
        store.set_state(engine, row.id, error=None, paused=False, unreachable_since=None)
    except DeviceRevoked as exc:
        result.error = str(exc)
        store.set_state(engine, row.id, error=result.error, revoked=True, paused=True)
        log.error("%s/%s: %s", organizer, event, exc)
    except Unreachable as exc:
        result.error = str(exc)
        result.retry_after = exc.retry_after
        store.set_state(engine, row.id, error=result.error, unreachable_since=row.unreachable_since or utcnow())
    except (AuthFailed, ConfigProblem) as exc:
        result.error = str(exc)
        store.set_state(engine, row.id, error=result.error, paused=True)
        log.warning("%s/%s: %s", organizer, event, exc)
    except PretixError as exc:
        result.error = str(exc)
        store.set_state(engine, row.id, error=result.error)
        log.warning("%s/%s: %s", organizer, event, exc)
    finally:
        if client is not None:
            result.requests = client.requests
            client.close()
        store.release_lease(engine, row.id, owner)
    return result


# -- the runner -------------------------------------------------------------------------------------------

@dataclass
class _EventState:
    next_pull: float = 0.0
    not_before: float = 0.0
    failures: int = 0


class SyncRunner:
    """A daemon thread syncing every connected event: uploads within about a second, a pull every ``interval``.

    After a failure it backs off (2 s doubling to 60 s, at least pretix's ``Retry-After``); a
    configuration problem is retried every minute, a revoked device never. Several processes
    may run one each on the same database: the lease lets one of them sync an event at a time.
    """

    TICK = 0.5

    def __init__(self, engine, data_dir, interval: float = 10.0, on_change: Callable[[], None] | None = None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.interval = interval
        self.on_change = on_change
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._now: set[tuple[str, str]] = set()
        self._all_now = False
        self._guard = threading.Lock()
        self._state: dict[int, _EventState] = {}
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="pretix-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def sync_now(self, organizer: str | None = None, event: str | None = None) -> None:
        """Ask for a full cycle soon (all events, or one); returns at once."""
        with self._guard:
            if organizer is None or event is None:
                self._all_now = True
            else:
                self._now.add((organizer, event))
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:  # noqa: BLE001 - the runner must survive a database hiccup; say so and go on
                log.exception("pretix sync: a cycle failed")
            self._wake.wait(self.TICK)
            self._wake.clear()

    def _tick(self) -> None:
        with self.engine.connect() as conn:
            rows = store.connection_rows(conn)
        with self._guard:
            wanted, all_now = self._now, self._all_now
            self._now, self._all_now = set(), False
        for row in rows:
            if self._stop.is_set():
                return
            if row.revoked or creds.load(self.data_dir, row.credential_id) is None:
                continue
            state = self._state.setdefault(row.id, _EventState())
            now = time.monotonic()
            forced = all_now or (row.org_slug, row.event_slug) in wanted
            if not forced and now < state.not_before:
                continue
            due = forced or now >= state.next_pull
            if not due:
                with self.engine.connect() as conn:
                    if row.paused or not store.has_pending(conn, row.event_id):
                        continue
            result = run_cycle(self.engine, self.data_dir, row.org_slug, row.event_slug, pull_too=due,
                               wait_for_lease=0)
            if result.skipped:
                continue
            if result.reached:
                state.failures = 0
                state.not_before = 0.0
                if due:
                    state.next_pull = time.monotonic() + self.interval
            else:
                state.failures += 1
                backoff = 60.0 if row.paused else min(2.0 ** state.failures, 60.0)
                state.not_before = time.monotonic() + max(backoff, result.retry_after or 0.0)
                if due:
                    state.next_pull = state.not_before
            if self.on_change is not None and (due or result.uploaded or result.rejected or not result.reached):
                try:
                    self.on_change()
                except Exception:  # noqa: BLE001 - a UI callback must not stop the sync
                    log.exception("pretix sync: on_change failed")


def aware(value: datetime | None) -> datetime | None:
    """A stored naive UTC time as an aware one."""
    return None if value is None else value.replace(tzinfo=UTC)
