"""Staff status panel: people and other products checked in, online/offline choice (a line on each), rejected
offline check-ins."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QSize, Qt, QTime, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import QT_TRANSLATE_NOOP, translate
from kiosk.station.presenting import MODE_LINES, OTHERS_HEADING, rejected_reason, status_lines
from kiosk.ui.style import title_label_css

MODES = (("automatic", QT_TRANSLATE_NOOP("Status", "Automatic")), ("online", QT_TRANSLATE_NOOP("Status", "Always online")),
         ("offline", QT_TRANSLATE_NOOP("Status", "Force offline")))
OFFLINE_NOTE = QT_TRANSLATE_NOOP("Status", "Counts from this station's offline copy.")


class CountsTable(QTableWidget):
    """The counts: asks for its header and two rows, and grows with the panel (more rows scroll)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows = 2 * self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)


class StatusView(QWidget):
    """Counts (hidden when the key may not show info), mode switch, rejected list with acknowledge."""

    mode_chosen = Signal(str)
    rejected_acknowledged = Signal(object)
    refresh_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(translate("Status", "Status"))
        self.title.setStyleSheet(title_label_css())
        self.title.setWordWrap(True)
        self.overall = QLabel("–")
        self.overall.setStyleSheet("font-size: 30pt; font-weight: bold; color: #a5d6a7;")
        self.others = QLabel("")  # the other products (T-shirts, parking), apart from the people
        self.others.setStyleSheet("font-size: 16pt; color: #d0d8e0;")
        self.others.setWordWrap(True)
        self.source = QLabel(translate("Status", OFFLINE_NOTE))  # shown only while the counts come from the offline copy
        self.source.setStyleSheet("color: #ffcc80; font-weight: bold;")
        self.source.setVisible(False)
        self.updated = QLabel("")
        self.updated.setStyleSheet("color: #b8c2cc;")
        self.updated.setWordWrap(True)  # errors can be long: wrap rather than widen the window past 800 px
        self.table = CountsTable(0, 2)
        self.table.setHorizontalHeaderLabels([translate("Status", "Product"), translate("Status", "Checked in / total")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # counts to read, not to pick
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeaderItem(1).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hidden_note = QLabel(translate("Status", "This station's key does not show event information."))
        self.hidden_note.setVisible(False)
        self.mode_buttons = QButtonGroup(self)
        modes = QHBoxLayout()
        modes.addWidget(QLabel(translate("Status", "Host connection:")))
        for name, text in MODES:
            button = QRadioButton(translate("Status", text))
            button.setProperty("mode", name)
            self.mode_buttons.addButton(button)
            modes.addWidget(button)
        modes.addStretch(1)
        self.mode_buttons.buttonClicked.connect(lambda b: self.mode_chosen.emit(b.property("mode")))
        self.mode_lines = QLabel("\n".join(translate("Status", MODE_LINES[name]) for name, _ in MODES))
        self.mode_lines.setStyleSheet("color: #b8c2cc; font-size: 11pt;")
        self.mode_lines.setWordWrap(True)
        self.rejected_title = QLabel(translate("Status", "Offline check-ins the host refused"))
        self.rejected_title.setStyleSheet("font-weight: bold; color: #ff8a80;")
        self.rejected = QListWidget()
        self.acknowledge = QPushButton(translate("Status", "Acknowledge"))
        self.acknowledge.clicked.connect(self._acknowledge_selected)
        refresh = QPushButton(translate("Status", "Refresh"))
        refresh.clicked.connect(self.refresh_requested)
        back = QPushButton(translate("Panels", "Back to scanning (Esc)"))
        back.clicked.connect(self.closed)
        bottom = QHBoxLayout()
        bottom.addWidget(self.updated, 1)
        bottom.addWidget(refresh)
        bottom.addWidget(back)
        rej = QHBoxLayout()
        rej.addWidget(self.rejected, 1)
        rej.addWidget(self.acknowledge, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.title)
        content.addWidget(self.overall)
        content.addWidget(self.others)
        content.addWidget(self.source)
        content.addWidget(self.hidden_note)
        content.addWidget(self.table, 1)
        content.addLayout(modes)
        content.addWidget(self.mode_lines)
        content.addWidget(self.rejected_title)
        content.addLayout(rej)
        # The body scrolls (1024x600 with a refused check-in and the banner): its wrapped lines never push the
        # window taller than the screen. Refresh and Back stay below it, always in view.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        self.set_rejected([])

    def set_show_info(self, show: bool) -> None:
        """Hide the event's counts when the key's show_info is false."""
        for widget in (self.overall, self.table):
            widget.setVisible(show)
        self.others.setVisible(show and bool(self.others.text()))
        self.hidden_note.setVisible(not show)

    def show_status(self, status: dict[str, Any], offline: bool = False) -> None:
        """Fill in the event, people and other products, one row per product and variation.

        ``offline``: the counts come from this station's copy (says so until counts from the host come).
        """
        lines = status_lines(status)
        self.title.setText(lines.title)
        self.overall.setText(lines.overall)
        self.others.setText(lines.others)
        self.others.setVisible(bool(lines.others) and self.overall.isVisibleTo(self))
        self.source.setVisible(offline)
        self.table.setRowCount(len(lines.rows))
        for i, (name, count) in enumerate(lines.rows):
            cell = QTableWidgetItem(name)
            if name == translate("Status", OTHERS_HEADING) and not count:
                bold = QFont(cell.font())
                bold.setBold(True)
                cell.setFont(bold)
            self.table.setItem(i, 0, cell)
            item = QTableWidgetItem(count)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 1, item)
        now = QTime.currentTime()
        clock = QLocale().toString(now, QLocale().timeFormat(QLocale.FormatType.LongFormat).replace("t", "").strip())
        self.updated.setText(translate("Status", "Updated {time} · refreshes every 30 s").format(time=clock))

    def show_error(self, message: str) -> None:
        """The status could not be fetched."""
        self.updated.setText(message)

    def set_mode(self, mode: str) -> None:
        """Tick the radio button of the current mode."""
        for button in self.mode_buttons.buttons():
            button.setChecked(button.property("mode") == mode)

    def set_rejected(self, rejected: list[Any]) -> None:
        """List offline check-ins the host refused (not yet acknowledged)."""
        self.rejected.clear()
        for entry in rejected:
            data = getattr(entry, "data", None) or {}
            who = data.get("attendee_name") or data.get("order") or entry.secret[:12]
            reason = rejected_reason(entry.reason)
            scanned = entry.scanned_at[:16].replace("T", " ")
            item = QListWidgetItem(translate("Status", "{who}: {reason} (scanned {time} UTC)").format(
                who=who, reason=reason, time=scanned))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.rejected.addItem(item)
        visible = bool(rejected)
        for widget in (self.rejected_title, self.rejected, self.acknowledge):
            widget.setVisible(visible)
        if visible:
            self.rejected.setCurrentRow(0)
            rows = min(len(rejected), 3)  # as tall as its entries (up to three; more scroll)
            frame = 2 * self.rejected.frameWidth() + 16  # the frame and the style sheet's padding
            self.rejected.setFixedHeight(self.rejected.sizeHintForRow(0) * rows + frame)

    def _acknowledge_selected(self) -> None:
        item = self.rejected.currentItem()
        if item is not None:
            self.rejected_acknowledged.emit(item.data(Qt.ItemDataRole.UserRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)
