"""Reader for pretix's "Order data (JSON)" export (pretix 3.x to 2026.x).

Exports differ between pretix versions: newer ones add fields (``testmode``, ``email``,
``checkin_attention``, ``checkin_text``...), and some text fields hold the string ``"None"`` where pretix
meant "no value". Every error names the JSON path of the offending value.
"""

from __future__ import annotations

import json
from typing import Any

from server.importer.model import (
    ORDER_CODE_MAX,
    ORDER_STATUSES,
    SECRET_MAX,
    SLUG_MAX,
    ImportData,
    ImportFailed,
    OrderIn,
    PositionIn,
    ProductIn,
    VariationIn,
)

_NAME_PART_ORDER = ("title", "given_name", "middle_name", "family_name")
_NAME_PART_SKIP = {"salutation", "calling_name", "latin_transcription"}


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _fail(path: str, problem: str) -> ImportFailed:
    return ImportFailed(f"{path}: {problem}")


def _text(obj: dict, key: str, path: str, required: bool = False, max_len: int | None = None) -> str | None:
    """A text field; null, "" and pretix's "None" mean missing. An i18n dict yields its English or first value."""
    value = obj.get(key)
    if type(value) is str and value and value[0] > " " and value[-1] > " " and value != "None" and (
        max_len is None or len(value) <= max_len
    ):
        return value  # the common case, checked cheaply
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        value = value.get("en") or next(iter(value.values()))
    if value is not None and not isinstance(value, str):
        raise _fail(f"{path}.{key}", f"expected text, found {_type_name(value)}")
    if value is not None:
        value = value.strip()
    if value in (None, "", "None"):
        if required:
            raise _fail(f"{path}.{key}", "missing")
        return None
    if max_len is not None and len(value) > max_len:
        raise _fail(f"{path}.{key}", f"longer than {max_len} characters")
    return value


def _int(obj: dict, key: str, path: str, required: bool = False) -> int | None:
    value = obj.get(key)
    if value is None or value == "None":
        if required:
            raise _fail(f"{path}.{key}", "missing")
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{path}.{key}", f"expected a whole number, found {_type_name(value)}")
    if value < 1:  # every id pretix writes is positive
        raise _fail(f"{path}.{key}", f"expected a positive id, found {value}")
    return value


def _bool(obj: dict, key: str, path: str, default: bool) -> bool:
    value = obj.get(key)
    if value is None or value == "None":
        return default
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise _fail(f"{path}.{key}", f"expected true or false, found {_type_name(value)}")
    return value


def _list(obj: dict, key: str, path: str, required: bool = True) -> list:
    value = obj.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise _fail(f"{path}.{key}", "missing" if value is None else f"expected a list, found {_type_name(value)}")
    return value


def _object(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise _fail(path, f"expected an object, found {_type_name(value)}")
    return value


def join_name_parts(parts: dict) -> str | None:
    """One display name from pretix's ``*_name_parts`` dict (``full_name``, or title/given/middle/family)."""
    def usable(value: Any) -> bool:
        return isinstance(value, str) and value.strip() not in ("", "None")

    if usable(parts.get("full_name")):
        return parts["full_name"].strip()
    keys = [k for k in _NAME_PART_ORDER if usable(parts.get(k))]
    if not keys:
        keys = [k for k, v in parts.items() if not k.startswith("_") and k not in _NAME_PART_SKIP and usable(v)]
    return " ".join(parts[k].strip() for k in keys) or None


def _person_name(obj: dict, key: str, path: str) -> str | None:
    """``key`` as text, else ``key + "_parts"`` joined."""
    name = _text(obj, key, path)
    parts = obj.get(f"{key}_parts")
    if name is None and isinstance(parts, dict):
        name = join_name_parts(parts)
    return name


def _invoice_name(order: dict, path: str) -> str | None:
    name = _text(order, "invoice_name", path)
    address = order.get("invoice_address")
    if name is None and isinstance(address, dict):
        name = _person_name(address, "name", f"{path}.invoice_address")
    return name


def _products(event: dict) -> tuple[list[ProductIn], dict[int, tuple[int, dict[int, int]]]]:
    """The items, and pretix item id -> (index, {variation id -> index})."""
    products: list[ProductIn] = []
    index: dict[int, tuple[int, dict[int, int]]] = {}
    for i, item in enumerate(_list(event, "items", "event")):
        path = f"event.items[{i}]"
        item = _object(item, path)
        pretix_id = _int(item, "id", path, required=True)
        if pretix_id in index:
            raise _fail(f"{path}.id", f"product id {pretix_id} appears twice")
        product = ProductIn(
            pretix_id=pretix_id,
            name=_text(item, "name", path, required=True),
            admission=_bool(item, "admission", path, default=True),
            attention=_bool(item, "checkin_attention", path, default=False),
            checkin_text=_text(item, "checkin_text", path) or "",
        )
        var_index: dict[int, int] = {}
        for j, var in enumerate(_list(item, "variations", path, required=False)):
            var_path = f"{path}.variations[{j}]"
            var = _object(var, var_path)
            var_id = _int(var, "id", var_path, required=True)
            if var_id in var_index:
                raise _fail(f"{var_path}.id", f"variation id {var_id} appears twice")
            name = _text(var, "name", var_path) or _text(var, "value", var_path)
            if name is None:
                raise _fail(f"{var_path}.name", "missing")
            var_index[var_id] = len(product.variations)
            product.variations.append(
                VariationIn(var_id, name, _bool(var, "checkin_attention", var_path, default=False),
                            _text(var, "checkin_text", var_path) or "")
            )
        index[pretix_id] = (len(products), var_index)
        products.append(product)
    return products, index


def _position(pos: Any, path: str, index: dict) -> PositionIn:
    pos = _object(pos, path)
    item_id = _int(pos, "item", path, required=True)
    if item_id not in index:
        raise _fail(f"{path}.item", f"product {item_id} is not in event.items")
    product, var_index = index[item_id]
    variation_id = _int(pos, "variation", path)
    variation = None
    if variation_id is not None:
        if variation_id not in var_index:
            raise _fail(f"{path}.variation", f"variation {variation_id} is not a variation of product {item_id}")
        variation = var_index[variation_id]
    return PositionIn(
        pretix_id=_int(pos, "id", path, required=True),
        secret=_text(pos, "secret", path, required=True, max_len=SECRET_MAX),
        product=product,
        variation=variation,
        attendee_name=_person_name(pos, "attendee_name", path),
        addon_to=_int(pos, "addon_to", path),
        active=not _bool(pos, "canceled", path, default=False),
        where=path,
    )


def parse_pretix_json(text: str, organizer: str | None = None, event: str | None = None,
                      include_test_mode: bool = False) -> ImportData:
    """Parse an export; ``organizer``/``event`` replace the file's slugs. Raises ImportFailed."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"truncated or not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ImportFailed("not a pretix order data export: the JSON is nested too deeply") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("event"), dict):
        found = f"an object with keys {', '.join(sorted(map(str, doc)))[:200]}" if isinstance(doc, dict) \
            else _type_name(doc)
        raise ImportFailed(
            f'not a pretix order data export (JSON): expected an object with an "event" object, found {found}'
        )
    ev = doc["event"]
    org = ev.get("organizer") if isinstance(ev.get("organizer"), dict) else {}
    org_slug = organizer or _text(org, "slug", "event.organizer", required=True, max_len=SLUG_MAX)
    event_slug = event or _text(ev, "slug", "event", required=True, max_len=SLUG_MAX)
    orders_json = _list(ev, "orders", "event")
    products, index = _products(ev)
    data = ImportData(
        source="pretix JSON",
        organizer_slug=org_slug,
        event_slug=event_slug,
        # A file imported under another organizer must not rename that organizer.
        organizer_name=_text(org, "name", "event.organizer") if org_slug == org.get("slug") else None,
        event_name=_text(ev, "name", "event"),
        products=products,
        orders=[],
    )
    codes: dict[str, str] = {}
    secrets: dict[str, str] = {}
    ids: dict[int, str] = {}
    for i, order in enumerate(orders_json):
        path = f"event.orders[{i}]"
        order = _object(order, path)
        code = _text(order, "code", path, required=True, max_len=ORDER_CODE_MAX)
        if code in codes:
            raise _fail(f"{path}.code", f"order {code} appears twice (also {codes[code]})")
        codes[code] = path
        status = _text(order, "status", path, required=True)
        if status not in ORDER_STATUSES:
            raise _fail(f"{path}.status", f"unknown order status {status!r} (expected one of n, p, e, c, r)")
        parsed = OrderIn(
            code=code,
            status=status,
            email=_text(order, "email", path) or _text(order, "user", path),
            invoice_name=_invoice_name(order, path),
            testmode=_bool(order, "testmode", path, default=False),
            attention=_bool(order, "checkin_attention", path, default=False),
            checkin_text=_text(order, "checkin_text", path),
        )
        for j, pos in enumerate(_list(order, "positions", path)):
            position = _position(pos, f"{path}.positions[{j}]", index)
            if position.secret in secrets:
                raise _fail(f"{position.where}.secret", f"secret already used by {secrets[position.secret]}")
            if position.pretix_id in ids:
                raise _fail(f"{position.where}.id", f"position id {position.pretix_id} already used by "
                            f"{ids[position.pretix_id]}")
            secrets[position.secret] = ids[position.pretix_id] = position.where
            parsed.positions.append(position)
        if parsed.testmode and not include_test_mode:
            data.testmode_skipped += 1
            continue
        data.testmode_included += parsed.testmode
        data.orders.append(parsed)
    return data
