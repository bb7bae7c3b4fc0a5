"""What the readers produce and the importer reports: ImportData, ImportFailed, ImportSummary.

Readers (pretix JSON, CSV, the demo generator) turn their input into an ``ImportData``;
``apply.apply_import`` writes it. A reader may leave ids as ``None`` (a CSV without id
columns): the importer then assigns stable ids, reusing the ones already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ORDER_STATUSES = ("n", "p", "e", "c", "r")
SECRET_MAX = 255
ORDER_CODE_MAX = 64
SLUG_MAX = 200


class ImportError_(Exception):  # trailing underscore: not the builtin ImportError
    """Base of the importer's errors; the message is meant for the operator."""


class ImportFailed(ImportError_):
    """The input cannot be imported; the message names the problem (line or JSON path). Nothing changed."""


@dataclass
class VariationIn:
    """A product variation as read from the input."""

    pretix_id: int | None
    name: str
    attention: bool | None = False  # None = keep the stored value (CSV has no such column)
    checkin_text: str | None = ""  # pretix's check-in text, "" none; None = keep the stored value


@dataclass
class ProductIn:
    """A product (pretix "item"); ``admission``/``attention`` None = keep stored value (default True/False)."""

    pretix_id: int | None
    name: str
    admission: bool | None = True
    attention: bool | None = False
    checkin_text: str | None = ""  # pretix's check-in text, "" none; None = keep the stored value
    variations: list[VariationIn] = field(default_factory=list)


@dataclass
class PositionIn:
    """One ticket. ``product``/``variation`` index ``ImportData.products`` and that product's variations."""

    pretix_id: int | None
    secret: str
    product: int
    variation: int | None
    attendee_name: str | None
    addon_to: int | None = None  # pretix id of the parent position
    addon_to_secret: str | None = None  # parent given by secret (CSV); resolved to addon_to by the importer
    active: bool = True
    where: str = ""  # line or JSON path, for error messages


@dataclass
class OrderIn:
    """An order with its positions."""

    code: str
    status: str
    email: str | None
    invoice_name: str | None
    testmode: bool = False
    attention: bool = False
    checkin_text: str | None = None  # pretix's check-in text of the order
    positions: list[PositionIn] = field(default_factory=list)


@dataclass
class ImportData:
    """Everything one input file says about one event."""

    source: str  # "pretix JSON", "CSV", "demo"
    organizer_slug: str
    event_slug: str
    organizer_name: str | None
    event_name: str | None
    products: list[ProductIn]
    orders: list[OrderIn]
    testmode_skipped: int = 0
    testmode_included: int = 0

    def ticket_count(self) -> int:
        """Number of positions in the data."""
        return sum(len(order.positions) for order in self.orders)


@dataclass
class ImportSummary:
    """What an import changed, for the operator."""

    source: str
    organizer_slug: str
    event_slug: str
    event_name: str
    tickets_in_file: int = 0
    orders_in_file: int = 0
    tickets_added: int = 0
    tickets_updated: int = 0
    tickets_reactivated: int = 0
    tickets_unchanged: int = 0
    tickets_deactivated: int = 0
    orders_added: int = 0
    orders_updated: int = 0
    products_added: int = 0
    products_updated: int = 0
    testmode_skipped: int = 0
    testmode_included: int = 0
    checkins_kept: int = 0

    def lines(self) -> list[str]:
        """Human-readable lines saying what the import changed."""
        lines = [
            f"Event {self.organizer_slug}/{self.event_slug} ({self.event_name}): "
            f"{self.tickets_in_file} tickets in {self.orders_in_file} orders read from {self.source}",
            f"Tickets: {self.tickets_added} added, {self.tickets_updated} updated, "
            f"{self.tickets_reactivated} reactivated, {self.tickets_unchanged} unchanged",
            f"Tickets no longer in the file, deactivated (they now scan as unknown): {self.tickets_deactivated}",
            f"Orders: {self.orders_added} added, {self.orders_updated} updated",
            f"Products: {self.products_added} added, {self.products_updated} updated",
        ]
        if self.testmode_skipped:
            lines.append(
                f"Test-mode orders skipped: {self.testmode_skipped} (import them with --include-test-mode)"
            )
        if self.testmode_included:
            lines.append(f"Test-mode orders included: {self.testmode_included}")
        lines.append(f"Check-ins kept: {self.checkins_kept}")
        return lines
