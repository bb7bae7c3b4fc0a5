"""The demo event "DemoCon 2026" (demo/democon): fixed tickets for the kiosk's simulated camera plus N generated.

Generation is seeded, so the same N always gives the same tickets. Running it again is a
re-import of the same data: tickets are updated in place, check-ins (and station keys) are
kept, and generated tickets beyond a smaller N are deactivated.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime

from sqlalchemy import Engine, select

from server.db import utcnow
from server.events import default_list_id, find_event
from server.importer.apply import apply_import
from server.importer.model import ImportData, OrderIn, PositionIn, ProductIn, VariationIn
from server.schema import checkins, events, positions

ORGANIZER, EVENT = "demo", "democon"
SEED = 2026
# (secret, order code, order status, order attention, attendee name)
FIXED = [
    ("DEMO-VALID-0001", "K3QZN", "p", False, "Jürgen Müller"),
    ("DEMO-USED-0001", "HW7PA", "p", False, "Zoë Lefèvre"),
    ("DEMO-UNPAID-0001", "T9LXC", "n", False, "Åsa Lindqvist"),
    ("DEMO-ATTENTION-0001", "R8MYE", "p", True, "Łukasz Kowalski"),
]
UNKNOWN_SECRET = "DEMO-UNKNOWN-0000"
# pretix's check-in text of the attention ticket's order, shown under its banner.
ATTENTION_TEXT = "Speaker: hand out the backstage wristband"
WEEKEND, DAY, SHIRT, PARKING = range(4)  # indexes into _products()
FIRST_NAMES = ["Jürgen", "Zoë", "Åsa", "Łukasz", "François", "Anaïs", "Søren", "Chloé", "José", "Ingrid",
               "Mehmet", "Aiko", "Noémie", "Björn", "Renée", "Tomáš", "Ana", "Dmitri", "Grace", "Ada",
               "Fatima", "Olaf", "Niamh", "Paweł", "Hélène", "Kai", "Maria", "Jan", "Lucía", "Emil"]
LAST_NAMES = ["Müller", "Lefèvre", "Lindqvist", "Kowalski", "Dubois", "Jørgensen", "García", "Novák",
              "Schäfer", "Yılmaz", "Tanaka", "O'Brien", "Smith", "Nowak", "Fernández", "Weiß", "Hansen",
              "Rossi", "Hopper", "Lovelace", "Öztürk", "Ivanova", "Björk", "Čapek", "Łącki", "Meyer"]
DATE_FROM = datetime(2026, 9, 18, 7, 0)  # naive UTC: 09:00 in Berlin
DATE_TO = datetime(2026, 9, 20, 16, 0)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ3789"
_SECRET_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i", "'": ""})


def _products() -> list[ProductIn]:
    return [
        ProductIn(1, "Weekend Pass", admission=True),
        ProductIn(2, "Day Ticket", admission=True),
        ProductIn(3, "T-Shirt", admission=False,
                  variations=[VariationIn(1, "S"), VariationIn(2, "M"), VariationIn(3, "L")]),
        ProductIn(4, "Parking", admission=False),
    ]


def _email(name: str, n: int) -> str:
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII)).encode("ascii", "ignore").decode()
    return f"{plain.lower().replace(' ', '.')}.{n}@example.org"


def demo_data(tickets: int) -> ImportData:
    """The demo event's data: the fixed tickets plus ``tickets`` generated ones (seeded, reproducible)."""
    rng = random.Random(SEED)
    orders = [
        OrderIn(code, status, _email(name, i), None, attention=attention,
                checkin_text=ATTENTION_TEXT if attention else None,
                positions=[PositionIn(i, secret, WEEKEND, None, name)])
        for i, (secret, code, status, attention, name) in enumerate(FIXED, start=1)
    ]
    codes = {order.code for order in orders}
    next_position = 101
    made = 0
    while made < tickets:
        code = "".join(rng.choices(_ALPHABET, k=5))
        if code in codes:
            continue
        codes.add(code)
        status = rng.choices("pnce", weights=(85, 6, 5, 4))[0]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        invoice = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if rng.random() < 0.1 else None
        order = OrderIn(code, status, _email(name, next_position), invoice)
        people = [name] + ([f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"] if rng.random() < 0.15 else [])
        wanted: list[tuple[int, int | None, str | None, bool]] = []  # product, variation, name, is add-on
        for person in people:
            wanted.append((WEEKEND if rng.random() < 0.6 else DAY, None, person, False))
            if rng.random() < 0.15:
                wanted.append((PARKING, None, None, True))
        if rng.random() < 0.2:
            wanted.append((SHIRT, rng.randrange(3), None, False))
        parent = None
        for product, variation, person, is_addon in wanted[: tickets - made]:
            made += 1
            secret = f"DEMO-{made}-{''.join(rng.choices(_SECRET_ALPHABET, k=10))}"
            position = PositionIn(next_position, secret, product, variation, person,
                                  addon_to=parent if is_addon else None)
            if not is_addon and product != SHIRT:
                parent = next_position
            order.positions.append(position)
            next_position += 1
        orders.append(order)
    return ImportData("demo data", ORGANIZER, EVENT, "Demo Organizer", "DemoCon 2026", _products(), orders)


def create_demo(engine: Engine, tickets: int = 200) -> tuple[str, str]:
    """Create or refresh the demo event (one transaction); return its (organizer slug, event slug)."""
    data = demo_data(tickets)
    with engine.begin() as conn:
        apply_import(conn, data)
        event_id = find_event(conn, ORGANIZER, EVENT).event_id
        conn.execute(events.update().where(events.c.id == event_id).values(
            date_from=DATE_FROM, date_to=DATE_TO, timezone="Europe/Berlin", url="https://democon.example.org/"
        ))
        used_id = conn.execute(
            select(positions.c.id).where(positions.c.event_id == event_id, positions.c.secret == FIXED[1][0])
        ).scalar_one()
        list_id = default_list_id(conn, event_id)
        already = conn.execute(
            select(checkins.c.id).where(checkins.c.position_id == used_id, checkins.c.list_id == list_id,
                                        checkins.c.is_first)
        ).first()
        if already is None:
            now = utcnow()
            conn.execute(checkins.insert().values(
                position_id=used_id, list_id=list_id, datetime=now, nonce=None, forced=False, is_first=True,
                key_id=None, received_at=now,
            ))
    return ORGANIZER, EVENT
