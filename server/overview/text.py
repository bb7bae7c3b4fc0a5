"""The overview as plain text (``checkin-server overview ORG EVENT``): the same figures as the page and panel."""

from __future__ import annotations

from server.overview.figures import REASON_WORDS


def _ago(seconds: int | None) -> str:
    if seconds is None:
        return "never"
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min ago"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def _spark(values: list[int]) -> str:
    marks = " ▁▂▃▄▅▆▇█"
    top = max(values, default=0)
    return "".join(marks[0 if not v else max(1, round(v * 8 / top))] for v in values) if top else ""


def overview_text(figures: dict) -> str:
    """Every figure of ``server.overview.figures.summarize`` as lines of text (times in UTC)."""
    t = figures["totals"]
    lines = [
        f"{figures['event']['name']} ({figures['event']['organizer']}/{figures['event']['slug']}), "
        f"at {figures['generated_at']}",
        f"Checked in {t['admitted']} of {t['expected']}, {t['to_come']} still to come; "
        f"{t['scans_15min']} scans in the last 15 min, {t['refused']} refused in all.",
        "",
        "Stations:",
    ]
    if figures["stations"]:
        rows = [("NAME", "LAST SEEN", "15 MIN", "ADMITTED", "REFUSED", "OFFLINE UPLOADS", "ADDRESS", "LAST PROBLEM")]
        for s in figures["stations"]:
            refused = ", ".join(f"{n} {REASON_WORDS.get(r, r)}" for r, n in s["refused"].items()) or "0"
            name = s["name"] + (" [SILENT]" if s["silent"] else "") + (" (revoked)" if s["revoked"] else "")
            problem = s["last_problem"]
            rows.append((name, _ago(s["seconds_ago"]), str(s["scans_15min"]), str(s["admitted"]), refused,
                         str(s["offline_uploads"]), s["address"] or "-",
                         f"{problem['time']} {problem['text']}" if problem else "-"))
        lines += ["  " + line for line in _table(rows)]
    else:
        lines.append("  none yet (checkin-server key create ORG EVENT --name NAME)")
    a = figures["arrivals"]
    lines += ["", f"Arrivals per {a['bucket_minutes']} min, {a['start']} to {a['end']}:"]
    for lst in a["lists"]:
        busy = [(i, v) for i, v in enumerate(lst["per_bucket"]) if v]
        peak = max((v for _, v in busy), default=0)
        lines.append(f"  {lst['name']}: {lst['admitted']} of {lst['expected']} checked in, {lst['to_come']} to come; "
                     f"admitted so far in this span {lst['cumulative'][-1] if lst['cumulative'] else 0}, "
                     f"busiest 5 min: {peak}")
        if busy:
            first, last = busy[0][0], busy[-1][0]
            lines.append(f"    {_spark(lst['per_bucket'][first:last + 1])}")
    lines += ["", "Recent problems (newest first):"]
    lines += [f"  {p['time']}  {p['text']}" for p in figures["problems"]] or ["  none"]
    return "\n".join(lines)
