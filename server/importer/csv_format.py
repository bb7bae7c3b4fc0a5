"""Reader for the CSV ticket list (one row per ticket; header documented in docs/import-formats.md).

The delimiter (``,``, ``;`` or tab) is taken from the header line. Cells are trimmed. Every
error names the line (1 = the header; a quoted cell spanning lines counts from its first line).
"""

from __future__ import annotations

import csv
import io

from server.importer.model import (
    ORDER_CODE_MAX,
    SECRET_MAX,
    ImportData,
    ImportFailed,
    OrderIn,
    PositionIn,
    ProductIn,
    VariationIn,
)

REQUIRED = ("secret", "order code", "order status", "product", "variation", "attendee name", "email")
OPTIONAL = ("invoice name", "product id", "variation id", "position id", "admission", "addon to", "attention",
            "checkin text")
ALIASES = {
    "order": "order code",
    "status": "order status",
    "item": "product",
    "name": "attendee name",
    "e mail": "email",
    "item id": "product id",
    "addon to secret": "addon to",
    "add on to": "addon to",
}
STATUSES = {
    "p": "p", "paid": "p",
    "n": "n", "pending": "n",
    "c": "c", "canceled": "c", "cancelled": "c",
    "e": "e", "expired": "e",
    "r": "r", "refunded": "r",
}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}


def _column_name(header: str) -> str:
    name = " ".join(header.strip().lower().replace("_", " ").replace("-", " ").split())
    return ALIASES.get(name, name)


def _flag(value: str, line: int, column: str) -> bool:
    if value.lower() in _YES:
        return True
    if value.lower() in _NO:
        return False
    raise ImportFailed(f"line {line}: {column} {value!r} is not yes or no")


def _id(value: str, line: int, column: str) -> int | None:
    if value == "":
        return None
    if not value.isdigit() or int(value) < 1:
        raise ImportFailed(f"line {line}: {column} {value!r} is not a positive whole number")
    return int(value)


class _Builder:
    """Collects rows into orders and a product catalogue, checking they agree with each other."""

    def __init__(self) -> None:
        self.products: list[ProductIn] = []
        self.product_by_id: dict[int, tuple[int, int]] = {}  # pretix id -> (index, line)
        self.product_by_name: dict[str, int] = {}
        self.admission_line: dict[int, int] = {}
        self.orders: dict[str, tuple[OrderIn, int]] = {}
        self.secrets: dict[str, tuple[PositionIn, str, int]] = {}
        self.position_ids: dict[int, int] = {}

    def product(self, name: str, pretix_id: int | None, line: int) -> int:
        if pretix_id is not None:
            if pretix_id in self.product_by_id:
                index, first = self.product_by_id[pretix_id]
                if self.products[index].name != name:
                    raise ImportFailed(f"line {line}: product id {pretix_id} is named {name!r} here "
                                       f"but {self.products[index].name!r} on line {first}")
                return index
            index = self.product_by_name.get(name)
            if index is None or self.products[index].pretix_id is not None:
                self.products.append(ProductIn(pretix_id, name, admission=None, attention=None, checkin_text=None))
                index = len(self.products) - 1
                self.product_by_name.setdefault(name, index)
            self.products[index].pretix_id = pretix_id
            self.product_by_id[pretix_id] = (index, line)
            return index
        if name not in self.product_by_name:
            self.products.append(ProductIn(None, name, admission=None, attention=None, checkin_text=None))
            self.product_by_name[name] = len(self.products) - 1
        return self.product_by_name[name]

    def variation(self, product: int, name: str, pretix_id: int | None, line: int) -> int | None:
        if name == "":
            if pretix_id is not None:
                raise ImportFailed(f"line {line}: variation id {pretix_id} given without a variation name")
            return None
        variations = self.products[product].variations
        if pretix_id is not None:
            for index, var in enumerate(variations):
                if var.pretix_id == pretix_id:
                    if var.name != name:
                        raise ImportFailed(f"line {line}: variation id {pretix_id} is named {name!r} here "
                                           f"but {var.name!r} on an earlier line")
                    return index
        for index, var in enumerate(variations):
            if var.name == name and (pretix_id is None or var.pretix_id is None):
                var.pretix_id = pretix_id if var.pretix_id is None else var.pretix_id
                return index
        variations.append(VariationIn(pretix_id, name, attention=None, checkin_text=None))  # keep what a JSON import set
        return len(variations) - 1

    def admission(self, product: int, value: str, line: int) -> None:
        if value == "":
            return
        flag = _flag(value, line, "admission")
        stored = self.products[product].admission
        if stored is not None and stored != flag:
            raise ImportFailed(f"line {line}: admission {value!r} for {self.products[product].name!r} "
                               f"contradicts line {self.admission_line[product]}")
        self.products[product].admission = flag
        self.admission_line[product] = line

    def order(self, cells: dict[str, str], line: int) -> OrderIn:
        code = cells["order code"]
        if not code:
            raise ImportFailed(f"line {line}: order code is empty")
        if len(code) > ORDER_CODE_MAX:
            raise ImportFailed(f"line {line}: order code is longer than {ORDER_CODE_MAX} characters")
        raw_status = cells["order status"]
        status = STATUSES.get(raw_status.lower())
        if status is None:
            raise ImportFailed(f"line {line}: order status {raw_status!r} is not one of "
                               "p, n, c, e, r, paid, pending, canceled, cancelled, expired, refunded")
        attention = _flag(cells.get("attention", ""), line, "attention")
        if code not in self.orders:
            order = OrderIn(code, status, cells["email"] or None, cells.get("invoice name") or None,
                            attention=attention, checkin_text=cells.get("checkin text") or None)
            self.orders[code] = (order, line)
            return order
        order, first = self.orders[code]
        if order.status != status:
            raise ImportFailed(f"line {line}: order {code} has status {raw_status!r} here "
                               f"but {order.status!r} on line {first}")
        order.email = order.email or cells["email"] or None
        order.invoice_name = order.invoice_name or cells.get("invoice name") or None
        order.attention = order.attention or attention
        order.checkin_text = order.checkin_text or cells.get("checkin text") or None
        return order

    def row(self, cells: dict[str, str], line: int) -> None:
        secret = cells["secret"]
        if not secret:
            raise ImportFailed(f"line {line}: secret is empty")
        if len(secret) > SECRET_MAX:
            raise ImportFailed(f"line {line}: secret is longer than {SECRET_MAX} characters")
        if secret in self.secrets:
            raise ImportFailed(f"line {line}: secret {secret!r} already appears on line {self.secrets[secret][2]}")
        if not cells["product"]:
            raise ImportFailed(f"line {line}: product is empty")
        order = self.order(cells, line)
        product = self.product(cells["product"], _id(cells.get("product id", ""), line, "product id"), line)
        self.admission(product, cells.get("admission", ""), line)
        variation = self.variation(product, cells["variation"],
                                   _id(cells.get("variation id", ""), line, "variation id"), line)
        position_id = _id(cells.get("position id", ""), line, "position id")
        if position_id is not None:
            if position_id in self.position_ids:
                raise ImportFailed(f"line {line}: position id {position_id} already appears on line "
                                   f"{self.position_ids[position_id]}")
            self.position_ids[position_id] = line
        position = PositionIn(position_id, secret, product, variation, cells["attendee name"] or None,
                              addon_to_secret=cells.get("addon to") or None, where=f"line {line}")
        order.positions.append(position)
        self.secrets[secret] = (position, order.code, line)

    def check_addons(self) -> None:
        for position, code, line in self.secrets.values():
            parent = position.addon_to_secret
            if parent is not None and (parent not in self.secrets or self.secrets[parent][1] != code):
                raise ImportFailed(f"line {line}: addon to {parent!r} is not a ticket of order {code}")
            if parent == position.secret:
                raise ImportFailed(f"line {line}: a ticket cannot be an add-on to itself")


def parse_csv(text: str, organizer: str, event: str) -> ImportData:
    """Parse a CSV ticket list for the event ``organizer``/``event``. Raises ImportFailed."""
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ImportFailed("line 1: the CSV file has no header line")
        columns = [_column_name(cell) for cell in header]
        for name in set(columns):
            if name and columns.count(name) > 1:
                raise ImportFailed(f"line 1: column {name!r} appears {columns.count(name)} times")
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            raise ImportFailed(f"line 1: missing column{'s' if len(missing) > 1 else ''} "
                               f"{', '.join(repr(m) for m in missing)} (required: {', '.join(REQUIRED)})")
        known = [(i, name) for i, name in enumerate(columns) if name in REQUIRED or name in OPTIONAL]
        builder = _Builder()
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) != len(header):
                    raise ImportFailed(f"line {line}: {len(cells)} fields, but the header has {len(header)} "
                                       f"(delimiter {delimiter!r})")
                builder.row({name: cells[i].strip() for i, name in known}, line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(f"line {reader.line_num}: not valid CSV: {exc}") from None
    builder.check_addons()
    return ImportData(
        source="CSV",
        organizer_slug=organizer,
        event_slug=event,
        organizer_name=None,
        event_name=None,
        products=builder.products,
        orders=[order for order, _ in builder.orders.values()],
    )
