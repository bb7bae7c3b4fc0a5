"""Products and variations: match the input's catalogue to the stored one, insert or update it.

Products are matched by pretix id. An input without ids (a CSV without id columns) is
matched by name, and new products get the next free id, so a re-import of the same CSV
reuses the ids of the first one. Products that disappear from the input are kept: stored
tickets and check-ins still refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from server.importer.model import ProductIn, VariationIn
from server.schema import products, variations


@dataclass
class Catalog:
    """Database ids of the input's products, in input order, and per product its variations' ids."""

    product_ids: list[int]
    variation_ids: list[list[int]]
    added: int = 0
    updated: int = 0


def _resolve_ids(items: list[ProductIn] | list[VariationIn], stored_by_name: dict[str, int],
                 stored_ids: set[int]) -> list[int]:
    """Pretix ids for the items: explicit ones as given, else the stored id of that name, else a new one."""
    claimed = {item.pretix_id for item in items if item.pretix_id is not None}
    next_id = max(claimed | stored_ids | {0}) + 1
    result = []
    for item in items:
        if item.pretix_id is not None:
            result.append(item.pretix_id)
            continue
        stored = stored_by_name.get(item.name)
        if stored is not None and stored not in claimed:
            claimed.add(stored)
            result.append(stored)
        else:
            result.append(next_id)
            claimed.add(next_id)
            next_id += 1
    return result


def sync_catalog(conn: Connection, event_id: int, items: list[ProductIn]) -> Catalog:
    """Insert or update the event's products and variations; return their database ids."""
    stored = {
        row.pretix_id: row
        for row in conn.execute(
            select(products.c.id, products.c.pretix_id, products.c.name, products.c.admission,
                   products.c.attention, products.c.checkin_text)
            .where(products.c.event_id == event_id)
            .order_by(products.c.pretix_id)
        )
    }
    by_name: dict[str, int] = {}
    for row in stored.values():
        by_name.setdefault(row.name, row.pretix_id)
    pretix_ids = _resolve_ids(items, by_name, set(stored))
    catalog = Catalog([], [])
    for item, pretix_id in zip(items, pretix_ids, strict=True):
        row = stored.get(pretix_id)
        changes: dict[str, object] = {}
        if row is None:
            product_id = conn.execute(
                products.insert().values(
                    event_id=event_id,
                    pretix_id=pretix_id,
                    name=item.name,
                    admission=True if item.admission is None else item.admission,
                    attention=bool(item.attention),
                    checkin_text=item.checkin_text or None,
                )
            ).inserted_primary_key[0]
            catalog.added += 1
        else:
            product_id = row.id
            if item.name != row.name:
                changes["name"] = item.name
            if item.admission is not None and item.admission != row.admission:
                changes["admission"] = item.admission
            if item.attention is not None and item.attention != row.attention:
                changes["attention"] = item.attention
            if item.checkin_text is not None and item.checkin_text != (row.checkin_text or ""):
                changes["checkin_text"] = item.checkin_text or None
            if changes:
                conn.execute(products.update().where(products.c.id == product_id).values(**changes))
        variation_ids, variations_changed = _sync_variations(conn, product_id, item.variations)
        if row is not None and (changes or variations_changed):
            catalog.updated += 1
        catalog.product_ids.append(product_id)
        catalog.variation_ids.append(variation_ids)
    return catalog


def _sync_variations(conn: Connection, product_id: int, items: list[VariationIn]) -> tuple[list[int], bool]:
    """The variations' database ids, and whether any was added, renamed, (un)flagged for attention or given another check-in text."""
    stored = {
        row.pretix_id: row
        for row in conn.execute(
            select(variations.c.id, variations.c.pretix_id, variations.c.name, variations.c.attention,
                   variations.c.checkin_text)
            .where(variations.c.product_id == product_id)
            .order_by(variations.c.pretix_id)
        )
    }
    by_name: dict[str, int] = {}
    for row in stored.values():
        by_name.setdefault(row.name, row.pretix_id)
    ids, changed = [], False
    for item, pretix_id in zip(items, _resolve_ids(items, by_name, set(stored)), strict=True):
        row = stored.get(pretix_id)
        if row is None:
            ids.append(
                conn.execute(
                    variations.insert().values(product_id=product_id, pretix_id=pretix_id, name=item.name,
                                               attention=bool(item.attention),
                                               checkin_text=item.checkin_text or None)
                ).inserted_primary_key[0]
            )
            changed = True
        else:
            changes: dict[str, object] = {}
            if row.name != item.name:
                changes["name"] = item.name
            if item.attention is not None and bool(row.attention) != item.attention:
                changes["attention"] = item.attention
            if item.checkin_text is not None and item.checkin_text != (row.checkin_text or ""):
                changes["checkin_text"] = item.checkin_text or None
            if changes:
                conn.execute(variations.update().where(variations.c.id == row.id).values(**changes))
                changed = True
            ids.append(row.id)
    return ids, changed
