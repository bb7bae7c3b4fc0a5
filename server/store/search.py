"""The SQL of ticket search (the rule, ``server.rules.search``, decides what a query may find).

Every kind of match is on folded copies: ``positions.secret_folded`` and
``order_code_folded`` casefolded, ``names_folded`` every variant of each name
(``server.folding``: accents dropped, umlauts also written out), so "MULLER" and
"mueller" find "Müller"; a query matches when any of its variants does. Prefix matches
use index ranges (SQLite) or left-anchored ``LIKE`` on ``text_pattern_ops`` indexes
(PostgreSQL); name substrings use the FTS5 trigram table ``positions_fts`` (SQLite)
or the pg_trgm GIN index (PostgreSQL). Each branch yields ids; the union is joined
back to the tickets, so the cost follows the number of matches, not of tickets.
Statements are built once per shape and executed with ``Prepared``.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    bindparam,
    column,
    func,
    or_,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from server.schema import positions
from server.store.prepared import Prepared
from server.store.tickets import addon_count, on_list_clause, ticket_select

MAX_RESULTS = 25
# SQLite: from this many matches on, walking the event in pretix order beats sorting them.
WALK_THRESHOLD = 1000
# Greater than any stored text (UTF-8 compares bytewise; nothing valid sorts above U+10FFFF).
_TOP = "\U0010ffff" * 4


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    while prefix:
        last = ord(prefix[-1]) + 1
        if 0xD800 <= last <= 0xDFFF:
            last = 0xE000  # surrogates cannot be stored; the next storable code point
        if last <= 0x10FFFF:
            return prefix[:-1] + chr(last)
        prefix = prefix[:-1]
    return _TOP


def escape_like(value: str) -> str:
    """``value`` with LIKE wildcards escaped for ``ESCAPE '\\'`` (so ``%`` and ``_`` are literal)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix_term(column, name: str, sqlite: bool) -> ColumnElement[bool]:
    if sqlite:
        return (column >= bindparam(f"{name}_lo")) & (column < bindparam(f"{name}_hi"))
    return column.like(bindparam(f"{name}_like"), escape="\\")


def _branches(sqlite: bool, allow_search: bool, names: int) -> list:
    event = positions.c.event_id == bindparam("event_id")
    branches = [select(positions.c.id).where(event, _prefix_term(positions.c.secret_folded, "secret", sqlite))]
    if allow_search:
        branches.append(select(positions.c.id).where(event, _prefix_term(positions.c.order_code_folded, "order", sqlite)))
    if allow_search and names:
        if sqlite:
            fts = text("SELECT rowid AS id FROM positions_fts WHERE positions_fts MATCH :fts")
            branches.append(fts.columns(column("id", Integer)))
        else:
            branches.extend(
                select(positions.c.id).where(
                    event, positions.c.names_folded.like(bindparam(f"names_like_{i}"), escape="\\"))
                for i in range(names)
            )
    return branches


def _walk_predicate(allow_search: bool, names: int) -> ColumnElement[bool]:
    # The same matches as the branches, tested row by row (SQLite).
    terms = [_prefix_term(positions.c.secret_folded, "secret", True)]
    if allow_search:
        terms.append(_prefix_term(positions.c.order_code_folded, "order", True))
    if allow_search and names:
        terms.extend(func.instr(positions.c.names_folded, bindparam(f"names_text_{i}")) > 0 for i in range(names))
    return or_(*terms)


def _with_details(page: Select) -> Prepared:
    page = page.order_by(positions.c.pretix_id).limit(MAX_RESULTS)
    details = ticket_select(addon_count.label("addon_count")).where(positions.c.id.in_(page.scalar_subquery()))
    return Prepared(details.order_by(positions.c.pretix_id))


@functools.cache
def _statements(sqlite: bool, allow_search: bool, names: int, all_products: bool) -> dict[str, Prepared]:
    """The statements for one shape of search (``names``: how many name variants): count, lookup, walk."""
    branches = _branches(sqlite, allow_search, names)
    matches = union(*branches).subquery("matches")
    filters = [positions.c.active]
    listed = on_list_clause(all_products)
    if listed is not None:
        filters.append(listed)
    if not sqlite:
        page = select(positions.c.id).where(
            positions.c.id.in_(select(matches.c.id)), positions.c.event_id == bindparam("event_id"), *filters
        )
        return {"lookup": _with_details(page)}
    # Without statistics SQLite guesses plans badly, so we choose: few matches are looked
    # up by id and sorted (the event term is written so it cannot use an index, or SQLite
    # would walk the whole event); many are found faster by walking the event's tickets
    # in pretix order until 25 of them match.
    lookup = select(positions.c.id).where(
        positions.c.id.in_(select(matches.c.id)), (positions.c.event_id + 0) == bindparam("event_id"), *filters
    )
    walk = select(positions.c.id).where(
        positions.c.event_id == bindparam("event_id"), _walk_predicate(allow_search, names), *filters
    )
    count = select(func.count().label("matches")).select_from(union_all(*branches).limit(WALK_THRESHOLD).subquery())
    return {"count": Prepared(count), "lookup": _with_details(lookup), "walk": _with_details(walk)}


def matching_tickets(
    conn: Connection, event_id: int, list_id: int, all_products: bool, allow_search: bool, folded: str,
    variants: list[str],
) -> list[Any]:
    """Up to 25 ``ticket_select`` rows (with ``addon_count``) matching the query, by pretix position id.

    ``folded``: the query casefolded (secret prefix; with ``allow_search`` also order code prefix);
    ``variants``: its name variants (``server.folding.fold_variants``), any of them a name substring
    (not for a query with a newline: names are stored newline-joined; nor for a variant under 3
    characters, which the trigram index cannot look up). Only the list's products.
    """
    sqlite = conn.dialect.name == "sqlite"
    variants = [v for v in variants if len(v) >= 3] if "\n" not in folded else []
    names = len(variants)
    statements = _statements(sqlite, allow_search, names, all_products)
    params: dict[str, Any] = {"event_id": event_id, "list_id": list_id}
    for name in ("secret", "order"):
        params.update({f"{name}_lo": folded, f"{name}_hi": prefix_upper_bound(folded)})
        params[f"{name}_like"] = escape_like(folded) + "%"
    params["fts"] = " OR ".join('"' + v.replace('"', '""') + '"' for v in variants)
    for i, variant in enumerate(variants):
        params.update({f"names_text_{i}": variant, f"names_like_{i}": f"%{escape_like(variant)}%"})
    chosen = statements["lookup"]
    if sqlite and statements["count"].first(conn, params)[0] >= WALK_THRESHOLD:
        chosen = statements["walk"]
    return chosen.all(conn, params)
