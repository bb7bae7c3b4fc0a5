"""Seeding helpers for tests: rows inserted with SQLAlchemy directly (HTTP helpers: tests/support/clients.py).

Typical use (the ``seed`` and ``api`` fixtures in tests/conftest.py build these)::

    seed = EventSeed(engine)                       # organizer "acme", event "conf", list "Entrance"
    shirt = seed.product("T-Shirt", variations=["S", "M"])
    ticket = seed.ticket("SECRET1", attendee_name="Ada")              # paid order, product "Ticket"
    seed.addon(ticket, shirt, variation="M")
    workshop = seed.checkin_list("Workshop", products=[shirt], include_pending=True)
    key = seed.key(workshop, allow_search=False)
    seed.checkin(ticket)                           # on the default list

Every helper returns plain dataclasses with the surrogate ``id`` and the pretix ids, so
tests can assert on what the API shows. Pretix ids, order codes and secrets are
allocated per ``EventSeed`` (two events reuse the same pretix ids, as in real data).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from server.db import utcnow
from server.events import default_list_id, ensure_event
from server.keys import generate_key, hash_key
from server.rules import fold_names
from server.schema import (
    checkin_list_products,
    checkin_lists,
    checkins,
    events,
    keys,
    orders,
    positions,
    products,
)
from server.schema import variations as variations_table
from tests.support.clients import CLIENT_KEY, Pretixdroid, ServerProcess

__all__ = ["CLIENT_KEY", "EventSeed", "Order", "Pretixdroid", "Product", "ServerProcess", "Ticket", "Variation"]


@dataclass(frozen=True)
class Variation:
    """A product variation as stored."""

    id: int
    pretix_id: int
    name: str


@dataclass(frozen=True)
class Product:
    """A product as stored, with its variations by name."""

    id: int
    pretix_id: int
    name: str
    variations: dict[str, Variation] = field(default_factory=dict)


@dataclass(frozen=True)
class Order:
    """An order as stored."""

    id: int
    code: str
    status: str
    invoice_name: str | None


@dataclass(frozen=True)
class Ticket:
    """An order position (ticket or add-on) as stored."""

    id: int
    pretix_id: int
    secret: str
    order: Order
    product: Product
    variation: Variation | None
    attendee_name: str | None


class EventSeed:
    """An event in a test database, with helpers that add products, orders, tickets, lists, keys, check-ins."""

    def __init__(
        self,
        engine: Engine,
        organizer: str = "acme",
        event: str = "conf",
        organizer_name: str | None = None,
        event_name: str | None = None,
    ) -> None:
        self.engine = engine
        self.organizer = organizer
        self.event = event
        with engine.begin() as conn:
            ref = ensure_event(conn, organizer, event, organizer_name, event_name)
            self.event_id = ref.event_id
            self.default_list_id = default_list_id(conn, ref.event_id)
        self._product_ids = itertools.count(1)
        self._variation_ids = itertools.count(1)
        self._position_ids = itertools.count(1)
        self._order_numbers = itertools.count(1)
        self._secret_numbers = itertools.count(1)
        self._key_numbers = itertools.count(1)
        self._default_product: Product | None = None

    # -- catalogue -------------------------------------------------------------------------------

    def product(
        self,
        name: str = "Ticket",
        *,
        pretix_id: int | None = None,
        admission: bool = True,
        attention: bool = False,
        variations: list[str] | tuple[str, ...] = (),
        attention_variations: list[str] | tuple[str, ...] = (),
        checkin_text: str | None = None,
    ) -> Product:
        """Add a product (and its variations, pretix ids allocated in order; ``attention_variations`` are flagged)."""
        pretix_id = pretix_id if pretix_id is not None else next(self._product_ids)
        with self.engine.begin() as conn:
            product_id = conn.execute(
                products.insert().values(
                    event_id=self.event_id, pretix_id=pretix_id, name=name, admission=admission, attention=attention,
                    checkin_text=checkin_text,
                )
            ).inserted_primary_key[0]
            stored = {}
            for variation_name in variations:
                variation_pretix_id = next(self._variation_ids)
                variation_id = conn.execute(
                    variations_table.insert().values(
                        product_id=product_id, pretix_id=variation_pretix_id, name=variation_name,
                        attention=variation_name in attention_variations,
                    )
                ).inserted_primary_key[0]
                stored[variation_name] = Variation(variation_id, variation_pretix_id, variation_name)
        return Product(product_id, pretix_id, name, stored)

    @property
    def default_product(self) -> Product:
        """The product "Ticket", created on first use; tickets without a product get it."""
        if self._default_product is None:
            self._default_product = self.product("Ticket")
        return self._default_product

    # -- orders and tickets ----------------------------------------------------------------------

    def order(
        self,
        status: str = "p",
        *,
        code: str | None = None,
        invoice_name: str | None = None,
        email: str | None = None,
        attention: bool = False,
        testmode: bool = False,
        checkin_text: str | None = None,
    ) -> Order:
        """Add an order; status p paid, n pending, c canceled, e expired, r refunded."""
        code = code or f"O{next(self._order_numbers):04d}"
        with self.engine.begin() as conn:
            order_id = conn.execute(
                orders.insert().values(
                    event_id=self.event_id,
                    code=code,
                    status=status,
                    email=email,
                    invoice_name=invoice_name,
                    testmode=testmode,
                    attention=attention,
                    checkin_text=checkin_text,
                )
            ).inserted_primary_key[0]
        return Order(order_id, code, status, invoice_name)

    def ticket(
        self,
        secret: str | None = None,
        *,
        status: str = "p",
        order: Order | None = None,
        product: Product | None = None,
        variation: str | None = None,
        attendee_name: str | None = None,
        invoice_name: str | None = None,
        addon_to: Ticket | None = None,
        active: bool = True,
        pretix_id: int | None = None,
        blocked: bool = False,
        valid_from=None,
        valid_until=None,
    ) -> Ticket:
        """Add a position; without ``order`` it gets an order of its own with ``status``/``invoice_name``.

        ``variation`` is the variation's name on ``product``. ``addon_to`` makes it an add-on
        of that ticket (use ``addon`` for the common case of the same order).
        """
        if order is None:
            order = self.order(status, invoice_name=invoice_name)
        product = product or self.default_product
        chosen = product.variations[variation] if variation is not None else None
        secret = secret or f"sec{next(self._secret_numbers):06d}"
        pretix_id = pretix_id if pretix_id is not None else next(self._position_ids)
        parent_name = addon_to.attendee_name if addon_to is not None else None
        with self.engine.begin() as conn:
            position_id = conn.execute(
                positions.insert().values(
                    event_id=self.event_id,
                    order_id=order.id,
                    pretix_id=pretix_id,
                    secret=secret,
                    product_id=product.id,
                    variation_id=chosen.id if chosen else None,
                    attendee_name=attendee_name,
                    addon_to=addon_to.pretix_id if addon_to is not None else None,
                    active=active,
                    blocked=blocked,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    secret_folded=secret.casefold(),
                    order_code_folded=order.code.casefold(),
                    names_folded=fold_names(attendee_name, parent_name, order.invoice_name),
                )
            ).inserted_primary_key[0]
        return Ticket(position_id, pretix_id, secret, order, product, chosen, attendee_name)

    def bulk_tickets(
        self, count: int, prefix: str = "BULK", *, status: str = "p", attendee_name: str | None = None
    ) -> list[str]:
        """Add ``count`` one-ticket orders in one transaction (fast); returns their secrets in pretix order.

        Secrets are ``<prefix><number:06d>``; every ticket gets ``attendee_name``.
        """
        product = self.default_product
        secrets = [f"{prefix}{number:06d}" for number in range(count)]
        with self.engine.begin() as conn:
            for secret in secrets:
                code = f"B{next(self._order_numbers):06d}"
                order_id = conn.execute(
                    orders.insert().values(event_id=self.event_id, code=code, status=status)
                ).inserted_primary_key[0]
                conn.execute(
                    positions.insert().values(
                        event_id=self.event_id,
                        order_id=order_id,
                        pretix_id=next(self._position_ids),
                        secret=secret,
                        product_id=product.id,
                        attendee_name=attendee_name,
                        secret_folded=secret.casefold(),
                        order_code_folded=code.casefold(),
                        names_folded=fold_names(attendee_name),
                    )
                )
        return secrets

    def addon(self, parent: Ticket, product: Product, secret: str | None = None, **fields: Any) -> Ticket:
        """Add an add-on position of ``parent`` (same order) with ``product``."""
        return self.ticket(secret, order=parent.order, product=product, addon_to=parent, **fields)

    def deactivate(self, ticket: Ticket) -> None:
        """Mark a position canceled on its own / vanished from a re-import (it scans as unknown)."""
        with self.engine.begin() as conn:
            conn.execute(positions.update().where(positions.c.id == ticket.id).values(active=False))

    def set_order_status(self, order: Order, status: str) -> None:
        """Change an order's status (as a re-import would)."""
        with self.engine.begin() as conn:
            conn.execute(orders.update().where(orders.c.id == order.id).values(status=status))

    def set_event(self, **fields: Any) -> None:
        """Update event columns directly (date_from, date_to as naive UTC, timezone, url, name)."""
        with self.engine.begin() as conn:
            conn.execute(events.update().where(events.c.id == self.event_id).values(**fields))

    # -- lists, keys, check-ins ------------------------------------------------------------------

    def checkin_list(
        self, name: str, products: list[Product] | None = None, include_pending: bool = False
    ) -> int:
        """Add a check-in list; ``products`` None = all products. Returns the list id."""
        with self.engine.begin() as conn:
            list_id = conn.execute(
                checkin_lists.insert().values(
                    event_id=self.event_id, name=name, all_products=products is None, include_pending=include_pending
                )
            ).inserted_primary_key[0]
            for product in products or []:
                conn.execute(checkin_list_products.insert().values(list_id=list_id, product_id=product.id))
        return list_id

    def set_include_pending(self, list_id: int, include_pending: bool) -> None:
        """Change a list's include_pending flag."""
        with self.engine.begin() as conn:
            conn.execute(
                checkin_lists.update().where(checkin_lists.c.id == list_id).values(include_pending=include_pending)
            )

    def key(
        self,
        list_id: int | None = None,
        *,
        name: str | None = None,
        allow_search: bool = True,
        show_info: bool = True,
        revoked: bool = False,
    ) -> str:
        """Add a station key on ``list_id`` (default "Entrance"); returns the plain key."""
        plain = generate_key()
        with self.engine.begin() as conn:
            conn.execute(
                keys.insert().values(
                    event_id=self.event_id,
                    list_id=list_id or self.default_list_id,
                    name=name or f"station-{next(self._key_numbers)}",
                    key_hash=hash_key(plain),
                    allow_search=allow_search,
                    show_info=show_info,
                    revoked=revoked,
                    created_at=utcnow(),
                )
            )
        return plain

    def revoke(self, plain_key: str) -> None:
        """Revoke a key directly in the database (as the CLI would, from another process)."""
        with self.engine.begin() as conn:
            conn.execute(keys.update().where(keys.c.key_hash == hash_key(plain_key)).values(revoked=True))

    def checkin(
        self,
        ticket: Ticket,
        list_id: int | None = None,
        *,
        nonce: str | None = None,
        forced: bool = False,
        is_first: bool | None = None,
        when: datetime | None = None,
    ) -> None:
        """Record a check-in directly; the first on the ticket and list admits it unless ``is_first`` says."""
        list_id = list_id or self.default_list_id
        if is_first is None:
            is_first = not self.checkins(ticket, list_id)
        with self.engine.begin() as conn:
            conn.execute(
                checkins.insert().values(
                    position_id=ticket.id,
                    list_id=list_id,
                    datetime=when or utcnow(),
                    nonce=nonce,
                    forced=forced,
                    is_first=is_first,
                    received_at=utcnow(),
                )
            )

    def checkins(self, ticket: Ticket, list_id: int | None = None) -> list[dict[str, Any]]:
        """The stored check-in rows of ``ticket`` on ``list_id`` (default list), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(checkins)
                .where(checkins.c.position_id == ticket.id, checkins.c.list_id == (list_id or self.default_list_id))
                .order_by(checkins.c.id)
            ).mappings()
            return [dict(row) for row in rows]

    def checkin_count(self) -> int:
        """All check-in rows of this event, on every list."""
        with self.engine.connect() as conn:
            return len(
                conn.execute(
                    select(checkins.c.id)
                    .join(positions, positions.c.id == checkins.c.position_id)
                    .where(positions.c.event_id == self.event_id)
                ).all()
            )
