"""The store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Ids from pretix (products, variations, positions) are kept as pretix wrote them in
``pretix_id`` columns; they are unique per event only. Every table has its own
surrogate ``id`` primary key.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

SCHEMA_VERSION = 4

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

organizers = Table(
    "organizers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organizer_id", Integer, ForeignKey("organizers.id"), nullable=False),
    Column("slug", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("date_from", DateTime(timezone=False), nullable=True),  # naive UTC
    Column("date_to", DateTime(timezone=False), nullable=True),  # naive UTC
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("url", Text, nullable=True),
    UniqueConstraint("organizer_id", "slug", name="uq_events_organizer_slug"),
)

products = Table(
    "products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("pretix_id", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("admission", Boolean, nullable=False, default=True),
    Column("attention", Boolean, nullable=False, default=False),
    Column("checkin_text", Text, nullable=True),  # pretix's check-in text; since schema version 3
    UniqueConstraint("event_id", "pretix_id", name="uq_products_event_pretix"),
)

variations = Table(
    "variations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
    Column("pretix_id", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("attention", Boolean, nullable=False, default=False),  # since schema version 2
    Column("checkin_text", Text, nullable=True),  # since schema version 3
    UniqueConstraint("product_id", "pretix_id", name="uq_variations_product_pretix"),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("code", String(64), nullable=False),
    # p = paid, n = pending, c = canceled, e = expired, r = refunded (old exports)
    Column("status", String(1), nullable=False),
    Column("email", Text, nullable=True),
    Column("invoice_name", Text, nullable=True),
    Column("testmode", Boolean, nullable=False, default=False),
    Column("attention", Boolean, nullable=False, default=False),
    Column("checkin_text", Text, nullable=True),  # since schema version 3
    UniqueConstraint("event_id", "code", name="uq_orders_event_code"),
)

positions = Table(
    "positions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("pretix_id", Integer, nullable=False),
    Column("secret", String(255), nullable=False),
    Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
    Column("variation_id", Integer, ForeignKey("variations.id"), nullable=True),
    Column("attendee_name", Text, nullable=True),
    # pretix id of the parent position (add-ons), as pretix wrote it
    Column("addon_to", Integer, nullable=True),
    # False: canceled on its own, or vanished from the last re-import -> scans as unknown_ticket
    Column("active", Boolean, nullable=False, default=True),
    # casefolded copies for Unicode case-insensitive search
    Column("secret_folded", String(255), nullable=False),
    Column("order_code_folded", String(64), nullable=False),
    # attendee name, parent's name (add-ons) and invoice name, casefolded, joined by "\n"
    Column("names_folded", Text, nullable=False, default=""),
    # pretix's blocked flag and validity window (naive UTC); since schema version 4 (pretix sync)
    Column("blocked", Boolean, nullable=False, server_default=text("false")),
    Column("valid_from", DateTime(timezone=False), nullable=True),
    Column("valid_until", DateTime(timezone=False), nullable=True),
    # a position canceled on its own in pretix (kept, so it answers unpaid); since schema version 4
    Column("canceled", Boolean, nullable=False, server_default=text("false")),
    UniqueConstraint("event_id", "secret", name="uq_positions_event_secret"),
    UniqueConstraint("event_id", "pretix_id", name="uq_positions_event_pretix"),
)
Index("ix_positions_order", positions.c.order_id)
Index("ix_positions_event_secret_folded", positions.c.event_id, positions.c.secret_folded)
Index("ix_positions_event_order_folded", positions.c.event_id, positions.c.order_code_folded)
# A ticket's add-ons (addons_text), found by the parent's pretix id.
Index("ix_positions_event_addon_to", positions.c.event_id, positions.c.addon_to)

checkin_lists = Table(
    "checkin_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("all_products", Boolean, nullable=False, default=True),
    Column("include_pending", Boolean, nullable=False, default=False),
    # the pretix check-in list this one mirrors or is mapped to (pretix sync); since schema version 4
    Column("pretix_id", Integer, nullable=True),
    UniqueConstraint("event_id", "name", name="uq_lists_event_name"),
)

checkin_list_products = Table(
    "checkin_list_products",
    metadata,
    Column("list_id", Integer, ForeignKey("checkin_lists.id"), primary_key=True),
    Column("product_id", Integer, ForeignKey("products.id"), primary_key=True),
)

# Issue 11 (the event lead's overview): tables only, no schema version bump (create_all makes them).
# Refused redeem attempts, written in batches (an admission's attempt is its check-in row).
attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("key_id", Integer, ForeignKey("keys.id"), nullable=False),
    Column("list_id", Integer, ForeignKey("checkin_lists.id"), nullable=False),
    Column("secret", String(255), nullable=False),  # as scanned (an unknown code too), cut to 255
    Column("order_code", String(64), nullable=True),  # the ticket's order, when there is such a ticket
    Column("reason", String(32), nullable=False),  # already_redeemed, unpaid, unknown_ticket, product, ...
    Column("scanned_at", DateTime(timezone=False), nullable=False),  # naive UTC: the station's scan time
    Column("received_at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("forced", Boolean, nullable=False, default=False),  # an offline admission uploaded and refused
    Column("offline", Boolean, nullable=False, default=False),  # refused by the station offline, reported later
    Column("nonce", String(190), nullable=True),
)
# A retry with the same nonce is the same attempt (NULLs never collide).
Index("uq_attempts_nonce", attempts.c.key_id, attempts.c.nonce, unique=True)
Index("ix_attempts_event_scanned", attempts.c.event_id, attempts.c.scanned_at)
Index("ix_attempts_key_scanned", attempts.c.key_id, attempts.c.scanned_at)

# Each station's last request of any kind (batched upserts).
station_contacts = Table(
    "station_contacts",
    metadata,
    Column("key_id", Integer, ForeignKey("keys.id"), primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("last_seen", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("address", String(64), nullable=True),
)

# Read-only keys of the overview page; kept apart from station keys so they can never redeem.
overview_keys = Table(
    "overview_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),  # sha256 hex
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=False), nullable=False),  # naive UTC
    UniqueConstraint("event_id", "name", name="uq_overview_keys_event_name"),
)

keys = Table(
    "keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("list_id", Integer, ForeignKey("checkin_lists.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),  # sha256 hex
    Column("allow_search", Boolean, nullable=False, default=True),
    Column("show_info", Boolean, nullable=False, default=True),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=False), nullable=False),  # naive UTC
    UniqueConstraint("event_id", "name", name="uq_keys_event_name"),
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("position_id", Integer, ForeignKey("positions.id"), nullable=False),
    Column("list_id", Integer, ForeignKey("checkin_lists.id"), nullable=False),
    Column("datetime", DateTime(timezone=False), nullable=False),  # naive UTC: time of entry attempt
    Column("nonce", String(190), nullable=True),
    Column("forced", Boolean, nullable=False, default=False),  # client sent force
    # True for the one check-in that admitted the ticket on this list; extra (forced) rows are False
    Column("is_first", Boolean, nullable=False),
    Column("key_id", Integer, ForeignKey("keys.id"), nullable=True),
    Column("received_at", DateTime(timezone=False), nullable=False),  # naive UTC
    # Since schema version 4 (pretix sync). The row is also the outbox entry, so it is written in the
    # check-in's own transaction: "p" made here, waiting for upload (also while not connected),
    # "u" uploaded, "x" rejected by pretix for good, "r" pulled from pretix (made elsewhere).
    Column("upload", String(1), nullable=False, server_default="p"),
    Column("pretix_id", Integer, nullable=True),  # pretix's check-in id, once known
    Column("upload_error", Text, nullable=True),  # why pretix rejected it (upload "x")
)
# Exactly one admitting check-in per ticket and list: the database, not the app, decides races.
Index(
    "uq_checkins_first",
    checkins.c.position_id,
    checkins.c.list_id,
    unique=True,
    sqlite_where=text("is_first"),
    postgresql_where=text("is_first"),
)
# A nonce is matched per ticket and list only (NULLs never collide).
Index("uq_checkins_nonce", checkins.c.position_id, checkins.c.list_id, checkins.c.nonce, unique=True)
Index("ix_checkins_list", checkins.c.list_id)

# One row per event connected to pretix (pretix sync). Credentials are not here: they are in
# the data directory, owner-only (server/pretix/credentials.py).
pretix_connections = Table(
    "pretix_connections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, unique=True),
    Column("pretix_url", Text, nullable=False),
    Column("pretix_organizer", String(200), nullable=False),
    Column("pretix_event", String(200), nullable=False),
    Column("subevent", Integer, nullable=True),
    Column("auth", String(16), nullable=False),  # "device" or "token"
    Column("credential_id", String(64), nullable=False),  # the entry in the credentials file
    Column("device_id", Integer, nullable=True),
    Column("device_name", Text, nullable=True),
    Column("locale", String(32), nullable=True),
    Column("connected_at", DateTime(timezone=False), nullable=False),
    Column("last_pull", DateTime(timezone=False), nullable=True),  # naive UTC of the last complete pull
    Column("last_push", DateTime(timezone=False), nullable=True),  # naive UTC of the last upload pass reaching pretix
    Column("error", Text, nullable=True),
    Column("paused", Boolean, nullable=False, default=False),  # a configuration problem: uploads wait
    Column("revoked", Boolean, nullable=False, default=False),  # device revoked: syncing stopped
    Column("unreachable_since", DateTime(timezone=False), nullable=True),
    Column("orders_cursor", Text, nullable=True),  # X-Page-Generated of the last complete order pull
    # An interrupted first order pull: X-Page-Generated of its first page, and the creation time of the last
    # order it stored, so the next run resumes there (ordering=datetime&created_since=) instead of starting over.
    Column("first_pull_generated", Text, nullable=True),
    Column("first_pull_resume", Text, nullable=True),
    Column("items_modified", Text, nullable=True),  # Last-Modified of items/
    Column("mappings", Text, nullable=False, default="[]"),  # JSON list of lines
    Column("unsupported", Text, nullable=False, default="[]"),  # JSON list of lines
    # Only one process syncs an event at a time: a lease, taken and renewed with one UPDATE.
    Column("lease_owner", String(64), nullable=True),
    Column("lease_until", DateTime(timezone=False), nullable=True),
)

# Change tracking for the incremental download (``server.change_tracking``): new tables, so no
# schema version. Database triggers keep them: every write that changes what a ticket's ``data``
# says (a check-in, an import, a list edit, a pretix sync) gives its positions a new ``seq``.
ticket_changes = Table(
    "ticket_changes",
    metadata,
    Column("position_id", Integer, primary_key=True, autoincrement=False),
    Column("event_id", Integer, nullable=False),
    # SQLite: change_counter's value at the change; PostgreSQL: the id of the writing transaction
    Column("seq", BigInteger, nullable=False),
    Column("n", BigInteger, nullable=False),  # changes so far (PostgreSQL's ETag sums them)
)
Index("ix_ticket_changes_event_seq", ticket_changes.c.event_id, ticket_changes.c.seq)

# SQLite only: one row (id 1), raised by every tracked change (writes are serialised there).
change_counter = Table(
    "change_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)
