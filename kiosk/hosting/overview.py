"""The host panel's overview: the figures of the served event and the overview page's address (no Qt).

Read on the overview worker's thread; only the service's engine (thread-safe) and its event
are used.
"""

from __future__ import annotations

from kiosk.hosting.service import HostError, HostService
from kiosk.i18n import QT_TRANSLATE_NOOP
from server.admin import AdminError
from server.overview.data import read_overview
from server.overview.keys import create_overview_key, overview_url
from server.overview.sync_problems import sync_problems


def host_overview(service: HostService) -> dict | None:
    """The overview of the served event (``server.overview.figures.summarize``), None without an event."""
    event = service.event
    if event is None:
        return None
    org, slug = event
    engine = service.engine
    try:
        return read_overview(engine, org, slug,
                             extra_problems=[lambda: sync_problems(engine, service.data_dir, org, slug)])
    except AdminError as exc:
        raise HostError(str(exc)) from None


def create_overview_link(service: HostService, name: str | None = None) -> str:
    """A new overview key for the served event, as the page's address on the host's LAN URL."""
    event = service.event
    if event is None:
        raise HostError(QT_TRANSLATE_NOOP("Overview", "No event yet: import an event file or load demo data first."))
    try:
        key = create_overview_key(service.engine, *event, name=name)
    except AdminError as exc:
        raise HostError(str(exc)) from None
    return overview_url(service.lan_url, *event, key)
