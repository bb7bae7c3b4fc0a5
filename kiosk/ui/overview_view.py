"""The host panel's overview page: totals, the arrivals chart, every station, recent problems, and the
overview web page's code for the event lead's phone. Filled from the figures the overview worker reads."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import QT_TRANSLATE_NOOP, format_number, plural, translate
from kiosk.station.pretix_lines import REJECTED_WORDS
from kiosk.ui.arrivals_chart import ArrivalsChart
from kiosk.ui.qr_widget import QrWidget
from kiosk.ui.style import DANGER, MUTED, title_label_css

COLUMNS = (QT_TRANSLATE_NOOP("Overview", "Station"), QT_TRANSLATE_NOOP("Overview", "Last seen"),
           QT_TRANSLATE_NOOP("Overview", "15 min"), QT_TRANSLATE_NOOP("Overview", "Admitted"),
           QT_TRANSLATE_NOOP("Overview", "Refused"), QT_TRANSLATE_NOOP("Overview", "Uploads"),
           QT_TRANSLATE_NOOP("Overview", "Last problem"), QT_TRANSLATE_NOOP("Overview", "Address"))
SILENT_BG = QColor("#5d1a1a")
# The station table's "Refused" column (its own context: a narrow column may need shorter words than a sentence).
REASONS = {"already_redeemed": QT_TRANSLATE_NOOP("Refused", "already used"),
           "unknown_ticket": QT_TRANSLATE_NOOP("Refused", "unknown"),
           "unpaid": QT_TRANSLATE_NOOP("Refused", "unpaid"),
           "product": QT_TRANSLATE_NOOP("Refused", "wrong product"),
           "blocked": QT_TRANSLATE_NOOP("Refused", "blocked"),
           "invalid_time": QT_TRANSLATE_NOOP("Refused", "not valid now")}

# A problem's reason in the recent-problems list (server/overview/figures.py REASON_WORDS says them in English).
PROBLEM_REASONS = {"already_redeemed": QT_TRANSLATE_NOOP("Overview", "already used"),
                   "unpaid": QT_TRANSLATE_NOOP("Overview", "unpaid"),
                   "unknown_ticket": QT_TRANSLATE_NOOP("Overview", "unknown ticket"),
                   "product": QT_TRANSLATE_NOOP("Overview", "wrong product"),
                   "blocked": QT_TRANSLATE_NOOP("Overview", "blocked"),
                   "invalid_time": QT_TRANSLATE_NOOP("Overview", "not valid now"),
                   "invalid": QT_TRANSLATE_NOOP("Overview", "invalid upload"),
                   "host_error": QT_TRANSLATE_NOOP("Overview", "host error")}


def problem_words(problem: dict, with_station: bool = True) -> str:
    """One problem of the figures in the station's language, e.g. "Door 2: unknown ticket 4fXk2a…" (the host's
    English ``text`` when the figures lack its parts; pretix's own error words as pretix said them)."""
    reason = problem.get("reason") or ""
    if problem.get("kind") == "sync":
        if reason == "pretix_sync":
            return translate("Overview", "pretix sync: {problem}").format(
                problem=problem["text"].removeprefix("pretix sync: "))
        words = translate("Pretix", REJECTED_WORDS[reason]) if reason in REJECTED_WORDS else reason
        return translate("Overview", "pretix rejected a check-in ({reason})").format(reason=words)
    if "code" not in problem:
        return problem["text"]
    words = translate("Overview", PROBLEM_REASONS[reason]) if reason in PROBLEM_REASONS else reason.replace("_", " ")
    if problem.get("offline"):
        words = translate("Overview", "{reason} (refused offline)").format(reason=words)
    elif problem.get("forced"):
        words = translate("Overview", "offline upload rejected ({reason})").format(reason=words)
    what = " ".join(part for part in (words, problem["code"]) if part)
    if problem.get("order"):
        what = translate("Overview", "{what}, order {order}").format(what=what, order=problem["order"])
    return f"{problem.get('station', '')}: {what}" if with_station else what


def ago(seconds: int | None) -> str:
    """"12 s ago", "3 min ago", "1 h 5 min ago", or "never"."""
    if seconds is None:
        return translate("Overview", "never")
    if seconds < 60:
        return translate("Overview", "{seconds} s ago").format(seconds=seconds)
    if seconds < 3600:
        return translate("Overview", "{minutes} min ago").format(minutes=seconds // 60)
    return translate("Overview", "{hours} h {minutes} min ago").format(hours=seconds // 3600,
                                                                      minutes=seconds % 3600 // 60)


def local_time(iso: str, timezone: str) -> str:
    """An ISO UTC time ("...Z") as HH:MM in the event's time zone."""
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(zone).strftime("%H:%M")


def refused_text(refused: dict[str, int]) -> str:
    """Refusals by reason in words, e.g. "2 unpaid, 1 unknown"; "0" if none."""
    words = {r: translate("Refused", REASONS[r]) if r in REASONS else r.replace("_", " ") for r in refused}
    return ", ".join(f"{format_number(n)} {words[r]}" for r, n in refused.items()) or "0"


class OverviewPanel(QWidget):
    """The overview (see module doc); ``link_requested`` asks for a new overview page address."""

    link_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: dict | None = None
        title = QLabel(translate("Overview", "Event overview"))
        title.setStyleSheet(title_label_css())
        self.summary = QLabel(translate("Overview", "Reading…"))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.list_choice = QComboBox()
        self.list_choice.setVisible(False)
        self.list_choice.currentIndexChanged.connect(self._list_chosen)
        self.list_line = QLabel("")
        self.list_line.setStyleSheet(f"color: {MUTED};")
        self.chart = ArrivalsChart()
        self.chart.setMinimumHeight(150)
        self.chart.setMaximumHeight(240)
        self.stations = QTableWidget(0, len(COLUMNS))
        self.stations.setHorizontalHeaderLabels([translate("Overview", column) for column in COLUMNS])
        self.stations.horizontalHeaderItem(2).setToolTip(translate("Overview", "Scans in the last 15 minutes"))
        self.stations.horizontalHeaderItem(5).setToolTip(
            translate("Overview", "Offline admissions uploaded (and refused on upload)"))
        self.stations.verticalHeader().setVisible(False)
        self.stations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stations.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stations.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stations.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.stations.setMinimumHeight(120)
        self.problems = QListWidget()
        self.problems.setMinimumHeight(90)
        self.problems.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustIgnored)
        self.problems.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.link_button = QPushButton(translate("Overview", "Overview page for a phone…"))
        self.link_button.clicked.connect(self.link_requested)
        self.link_qr = QrWidget()
        self.link_qr.setVisible(False)
        self.link_text = QLabel(translate("Overview", "The event lead's laptop or phone can follow this overview in a "
                                                      "browser (read-only): a new link, with its own key, for each "
                                                      "device."))
        self.link_text.setWordWrap(True)
        self.link_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.stations.setStyleSheet("font-size: 12pt;")
        self.stations.verticalHeader().setDefaultSectionSize(self.stations.fontMetrics().height() + 6)
        self.problems.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 2px 4px; }")
        self.link_qr.setMinimumSize(130, 130)
        self.link_qr.setMaximumSize(160, 160)
        self.link_text.setStyleSheet("font-size: 11pt;")

        chart_head = QHBoxLayout()
        chart_head.addWidget(QLabel(translate("Overview", "Arrivals per 5 minutes, and admitted so far against the "
                                                         "expected (dashed)")), 1)
        chart_head.addWidget(self.list_choice)
        link_words = QVBoxLayout()
        link_words.addWidget(self.link_button)
        link_words.addWidget(self.link_text)
        link_words.addStretch(1)
        link_side = QHBoxLayout()  # the code beside the words: the page fits 1280x720 without scrolling
        link_side.addLayout(link_words, 1)
        link_side.addWidget(self.link_qr, 0, Qt.AlignmentFlag.AlignTop)
        problems = QVBoxLayout()
        problems.addWidget(QLabel(translate("Overview", "Recent problems (newest first)")))
        problems.addWidget(self.problems, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(problems, 1)
        bottom.addLayout(link_side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(chart_head)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.list_line)
        layout.addWidget(self.stations, 0)
        layout.addLayout(bottom, 2)

    def show_figures(self, figures: dict | None) -> None:
        """Show the figures of ``server.overview.figures.summarize`` (None: no event yet)."""
        self.figures = figures
        if figures is None:
            self.summary.setText(translate("Overview", "No event yet: import an event file or load demo data."))
            self.chart.set_arrivals(None)
            self.stations.setRowCount(0)
            self.problems.clear()
            return
        t = figures["totals"]
        silent = (translate("Overview", " — {count} silent").format(count=format_number(t["silent_stations"]))
                  if t["silent_stations"] else "")
        self.summary.setText(plural(t["scans_15min"]).translate(
            "Overview", "{admitted} of {expected} checked in, {to_come} still to come; %n scan(s) in the last "
                        "15 min{silent}", None, 1).format(
            admitted=format_number(t["admitted"]), expected=format_number(t["expected"]),
            to_come=format_number(t["to_come"]), silent=silent))
        lists = figures["arrivals"]["lists"]
        names = [lst["name"] for lst in lists]
        if [self.list_choice.itemText(i) for i in range(self.list_choice.count())] != names:
            self.list_choice.blockSignals(True)
            self.list_choice.clear()
            self.list_choice.addItems(names)
            self.list_choice.blockSignals(False)
        self.list_choice.setVisible(len(names) > 1)
        self._show_list()
        self._show_stations(figures["stations"], figures["event"]["timezone"])
        self.problems.clear()
        tz = figures["event"]["timezone"]
        for problem in figures["problems"]:
            self.problems.addItem(f"{local_time(problem['time'], tz)}  {problem_words(problem)}")
        if not figures["problems"]:
            self.problems.addItem(translate("Overview", "No problems so far."))

    def show_link(self, url: str) -> None:
        """Show a new overview page address as a QR code and as text."""
        self.link_qr.set_text(url)
        self.link_qr.setVisible(True)
        self.link_text.setText(translate("Overview", "Scan with the phone's camera, or open:\n{url}").format(url=url))
        self.link_text.setToolTip(url)

    def _list_chosen(self, _index: int) -> None:
        self._show_list()

    def _show_list(self) -> None:
        figures = self.figures
        if figures is None:
            return
        lists = figures["arrivals"]["lists"]
        index = max(0, self.list_choice.currentIndex())
        self.chart.set_arrivals(figures["arrivals"], figures["event"]["timezone"], index)
        self.list_line.setVisible(len(lists) > 1)  # one list: the summary above says the same
        if lists:
            chosen = lists[min(index, len(lists) - 1)]
            self.list_line.setText(translate("Overview", "{list}: {admitted} of {expected} checked in, {to_come} "
                                                         "still to come").format(
                list=chosen["name"], admitted=format_number(chosen["admitted"]),
                expected=format_number(chosen["expected"]), to_come=format_number(chosen["to_come"])))

    def _show_stations(self, stations: list[dict], tz: str) -> None:
        self.stations.setRowCount(len(stations))
        rows_shown = min(max(len(stations), 1), 5)  # up to 5 stations without scrolling
        self.stations.setFixedHeight(self.stations.horizontalHeader().sizeHint().height() + 20
                                     + rows_shown * self.stations.verticalHeader().defaultSectionSize())
        for row, s in enumerate(stations):
            name = (s["name"] + ("  " + translate("Overview", "SILENT") if s["silent"] else "")
                    + ("  " + translate("Overview", "(revoked)") if s["revoked"] else ""))
            problem = s["last_problem"]
            cells = (name, ago(s["seconds_ago"]), format_number(s["scans_15min"]),
                     format_number(s["admitted"]), refused_text(s["refused"]), format_number(s["offline_uploads"]),
                     f"{local_time(problem['time'], tz)} {problem_words(problem, with_station=False)}" if problem
                     else "–",
                     s["address"] or "–")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if s["silent"]:
                    item.setBackground(SILENT_BG)
                    if column == 0:
                        item.setForeground(QColor(DANGER).lighter(150))
                self.stations.setItem(row, column, item)
