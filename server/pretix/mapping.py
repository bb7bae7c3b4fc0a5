"""pretix REST objects -> our rows (pure): names in the event's language, statuses, times, list mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# pretix order statuses as our rules see them: "p" paid (and pending orders pretix admits anyway,
# valid_if_pending), "n" pending, "u" waiting for approval, "c" canceled, "e" expired.
UNAPPROVED = "u"


def text(value: Any, locale: str | None) -> str:
    """A pretix i18n string (a dict by language, or a plain string) in ``locale``, else English, else any."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        for key in (locale, (locale or "").split("-")[0], "en"):
            if key and value.get(key):
                return str(value[key])
        return str(next((v for v in value.values() if v), ""))
    return str(value)


def utc(value: str | None) -> datetime | None:
    """pretix's ISO 8601 time as naive UTC (None stays None)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed
    return parsed.astimezone(UTC).replace(tzinfo=None)


def order_status(order: dict[str, Any]) -> str:
    """Our status letter for a pretix order: canceled, expired and unapproved tickets answer ``unpaid``,
    ``valid_if_pending`` orders are admitted like paid ones (pretix's own check-in does the same)."""
    status = order.get("status")
    if status == "n":
        if order.get("require_approval"):
            return UNAPPROVED
        if order.get("valid_if_pending"):
            return "p"
    return status if status in ("p", "n", "c", "e") else "c"


def invoice_name(order: dict[str, Any]) -> str | None:
    address = order.get("invoice_address") or {}
    return address.get("name") or address.get("company") or None


@dataclass
class ListPlan:
    """How local lists map to pretix lists: ``mirror`` (pretix id -> local name) and ``mapped`` (local name ->
    pretix id) for local lists without a namesake, plus the lines ``connect`` prints."""

    display: dict[int, str]  # pretix id -> display name ("NAME" or "NAME (#ID)" when two share a name)
    lists: dict[int, dict[str, Any]]  # pretix id -> the pretix list
    mapped: dict[str, int] = field(default_factory=dict)  # local name without namesake -> pretix id
    lines: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    problem: str | None = None  # a local list maps nowhere: what to create in pretix


def plan_lists(pretix_lists: list[dict[str, Any]], local_names: list[str], subevent: int | None,
               local_targets: dict[str, int | None] | None = None) -> ListPlan:
    """Plan the mapping of ``local_names`` onto ``pretix_lists`` (only lists of ``subevent`` or of all dates).

    A local list takes the pretix list of the same display name; one without a namesake keeps
    the pretix list it was mapped to before (``local_targets``), else takes pretix's first list
    covering all products; with none, ``problem`` says which list to create in pretix.
    """
    usable = sorted((pl for pl in pretix_lists if pl.get("subevent") in (None, subevent)), key=lambda pl: pl["id"])
    counts: dict[str, int] = {}
    for pl in usable:
        counts[pl["name"]] = counts.get(pl["name"], 0) + 1
    display = {pl["id"]: pl["name"] if counts[pl["name"]] == 1 else f"{pl['name']} (#{pl['id']})" for pl in usable}
    plan = ListPlan(display=display, lists={pl["id"]: pl for pl in usable})
    by_display = {name: pid for pid, name in display.items()}
    first_all = next((pl["id"] for pl in usable if pl.get("all_products")), None)
    targets = local_targets or {}
    for name in local_names:
        if name in by_display:
            continue
        previous = targets.get(name)
        target = previous if previous in plan.lists else first_all
        if target is None:
            plan.problem = (f"local check-in list {name!r} has no namesake in pretix and pretix has no list for all "
                            f"products: create a list {name!r} (or one for all products) in pretix under "
                            "Event -> Check-in -> Check-in lists, then connect again")
            continue
        plan.mapped[name] = target
    for pid, name in display.items():
        plan.lines.append(f"check-in list {name}: mirrors pretix list #{pid}")
    for name, pid in plan.mapped.items():
        plan.lines.append(f"check-in list {name}: no namesake in pretix, uses pretix list {display[pid]} (#{pid})")
    for pl in usable:
        label = display[pl["id"]]
        if pl.get("rules"):
            plan.unsupported.append(f"list {label}: pretix check-in rules are not applied by our stations")
        if pl.get("addon_match"):
            plan.unsupported.append(f"list {label}: add-on matching is not supported (scan the add-on itself)")
        if pl.get("allow_multiple_entries"):
            plan.unsupported.append(f"list {label}: multiple entries are allowed in pretix; our stations admit "
                                    "each ticket once")
        if pl.get("allow_entry_after_exit") and pl.get("exit_all_at"):
            plan.unsupported.append(f"list {label}: automatic check-out ('exit all at') is not supported")
    return plan
