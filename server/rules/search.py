"""Ticket search for the pretixdroid ``search/`` endpoint: what a query may find, shaped as ``data`` objects.

Secrets and order codes match case-insensitively (casefolded copies); names also ignore
accents and German umlauts written out (``server.folding``: "MULLER", "Muller" and "mueller"
find "Müller", "Francois" finds "François"). Each result says why it matched (``matched``).
The statements are in ``server.store.search``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from server.folding import fold_names, fold_variants, names_match  # fold_names: the importer's
from server.rules.access import AccessContext
from server.rules.tickets import ticket_data
from server.store.search import matching_tickets
from server.store.tickets import addon_names

MIN_QUERY_LENGTH = 4
# Longer queries cannot match a stored secret, order code or realistic name.
MAX_QUERY_LENGTH = 1000


__all__ = ["fold_names", "matched_field", "search"]


def matched_field(row: Any, folded: str, variants: list[str], allow_search: bool) -> str:
    """Why ``row`` matched: ``secret``, ``order``, ``name`` (its own or, for an add-on, its ticket's) or ``invoice_name``."""
    if row.secret.casefold().startswith(folded) or not allow_search:
        return "secret"
    if row.order_code.casefold().startswith(folded):
        return "order"
    if names_match(variants, row.attendee_name, row.parent_name):
        return "name"
    return "invoice_name" if names_match(variants, row.invoice_name) else "name"


def search(conn: Connection, ctx: AccessContext, query: str | None) -> list[dict[str, Any]]:
    """Up to 25 ``data`` objects matching ``query`` on the key's list, ordered by pretix position id.

    Matches secret prefix, order code prefix (casefolded), attendee name substring (add-ons
    also by their parent's name) and invoice name substring (folded: ``server.folding``),
    ``%``/``_`` literal. Without ``allow_search`` only the secret prefix. Queries under 4
    characters find nothing. Each object also says why it matched (``matched``, an extension).
    """
    if not query or len(query) < MIN_QUERY_LENGTH or len(query) > MAX_QUERY_LENGTH or "\x00" in query:
        return []
    folded, variants = query.casefold(), fold_variants(query)
    rows = matching_tickets(conn, ctx.event_id, ctx.list_id, ctx.all_products, ctx.allow_search, folded, variants)
    texts = addon_names(conn, ctx.event_id, [row.pretix_id for row in rows if row.addon_count])
    return [
        {
            **ticket_data(row, ctx.include_pending, texts.get(row.pretix_id, ""), row.first_checkin is not None),
            "matched": matched_field(row, folded, variants, ctx.allow_search),
        }
        for row in rows
    ]
