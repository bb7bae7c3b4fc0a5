"""Ticket search for the pretixdroid ``search/`` endpoint: what a query may find, shaped as ``data`` objects.

Every kind of match is case-insensitive for all of Unicode: the store matches casefolded
copies of secrets, order codes and names (``fold_names``), so "MÜLLER" finds "Müller".
The statements are in ``server.store.search``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from server.rules.access import AccessContext
from server.rules.tickets import ticket_data
from server.store.search import matching_tickets
from server.store.tickets import addon_names

MIN_QUERY_LENGTH = 4
# Longer queries cannot match a stored secret, order code or realistic name.
MAX_QUERY_LENGTH = 1000


def fold_names(*names: str | None) -> str:
    """The ``names_folded`` value for a position: its non-empty names casefolded, joined by newlines.

    Pass the attendee name, the add-on parent's attendee name and the order's invoice name.
    """
    return "\n".join(name.casefold() for name in names if name)


def search(conn: Connection, ctx: AccessContext, query: str | None) -> list[dict[str, Any]]:
    """Up to 25 ``data`` objects matching ``query`` on the key's list, ordered by pretix position id.

    Matches secret prefix, order code prefix, attendee name substring (add-ons also by
    their parent's name) and invoice name substring, all casefolded, ``%``/``_`` literal.
    Without ``allow_search`` only the secret prefix. Queries under 4 characters find nothing.
    """
    if not query or len(query) < MIN_QUERY_LENGTH or len(query) > MAX_QUERY_LENGTH or "\x00" in query:
        return []
    rows = matching_tickets(conn, ctx.event_id, ctx.list_id, ctx.all_products, ctx.allow_search, query.casefold())
    texts = addon_names(conn, ctx.event_id, [row.pretix_id for row in rows if row.addon_count])
    return [
        ticket_data(row, ctx.include_pending, texts.get(row.pretix_id, ""), row.first_checkin is not None)
        for row in rows
    ]
