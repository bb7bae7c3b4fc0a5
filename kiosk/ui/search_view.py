"""Staff search: type 4+ characters, pick a ticket, confirm, check it in (all by keyboard too)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.station.presenting import search_row
from kiosk.ui.style import title_label_css

MIN_QUERY = 4
DEBOUNCE_MS = 300


class ConfirmCheckin(QDialog):
    """"Check in <name>?" with Check in (default, Enter) and Cancel (Esc)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in by hand")
        self.setModal(True)
        self.question = QLabel(text)
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 20pt;")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Check in", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(buttons)
        self.resize(640, 220)


STATE_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1


class _RowDelegate(QStyledItemDelegate):
    """Paints a result as a coloured state badge (word + colour) followed by who/what/order."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        return QSize(option.rect.width(), option.fontMetrics.height() + 22)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        p.save()
        p.fillRect(r, QColor("#1565c0") if selected else QColor("#0b0f13"))
        p.setPen(QColor("#26303a"))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        badge = QRect(r.left() + 6, r.top() + 5, BADGE_WIDTH, r.height() - 10)
        colour = QColor(index.data(COLOUR_ROLE))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRoundedRect(badge, 6, 6)
        p.setPen(QColor("#1a1a1a") if colour.lightness() > 120 else QColor("#ffffff"))
        bold = QFont(option.font)
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, index.data(STATE_ROLE))
        p.setFont(option.font)
        p.setPen(QColor("#ffffff"))
        text_rect = QRect(badge.right() + 16, r.top(), r.width() - BADGE_WIDTH - 30, r.height())
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   option.fontMetrics.elidedText(index.data(TEXT_ROLE), Qt.TextElideMode.ElideRight,
                                                 text_rect.width()))
        p.restore()


BADGE_WIDTH = 240


class _ResultList(QListWidget):
    """The results; Enter picks the selected one."""

    picked = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.picked.emit()
            return
        super().keyPressEvent(event)


class SearchView(QWidget):
    """Search box, results by state colour + word; ``redeem_confirmed(secret)`` after confirmation."""

    search_requested = Signal(str)
    redeem_confirmed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.privacy = False
        self.dialog: ConfirmCheckin | None = None
        title = QLabel("Find a ticket")
        title.setStyleSheet(title_label_css())
        self.query = QLineEdit()
        self.query.setPlaceholderText("Name, order code or ticket code (at least 4 characters)")
        self.query.setStyleSheet("font-size: 20pt; padding: 10px;")
        self.results = _ResultList()
        self.results.setObjectName("SearchResults")
        self.results.setStyleSheet("font-size: 17pt;")
        self.results.setItemDelegate(_RowDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = QLabel("Type at least 4 characters.")
        self.message.setStyleSheet("color: #b8c2cc;")
        self.message.setWordWrap(True)  # wraps rather than widening the window past 800 px
        self.checkin = QPushButton("Check in selected (Enter)")
        self.checkin.setProperty("primary", True)
        back = QPushButton("Back to scanning (Esc)")
        back.clicked.connect(self.closed)
        self.checkin.clicked.connect(self.ask_confirmation)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.checkin)
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._send_query)
        self.query.textEdited.connect(self._query_edited)
        self.query.returnPressed.connect(self._enter_in_query)
        self.results.itemDoubleClicked.connect(lambda _item: self.ask_confirmation())
        self.results.picked.connect(self.ask_confirmation)

    def begin(self) -> None:
        """Called when the panel opens: focus the search box with its text selected."""
        self.query.setFocus()
        self.query.selectAll()

    def _query_edited(self, _text: str) -> None:
        self._debounce.start()

    def _send_query(self) -> None:
        text = self.query.text()
        if len(text.strip()) < MIN_QUERY:
            self.results.clear()
            self.message.setText("Type at least 4 characters.")
            return
        self.message.setText("Searching…")
        self.search_requested.emit(text)

    def _enter_in_query(self) -> None:
        if self.results.count():
            if self.results.currentItem() is None:
                self.results.setCurrentRow(0)
            self.results.setFocus()
        elif self._debounce.isActive():
            self._debounce.stop()
            self._send_query()

    def show_results(self, query: str, tickets: list[Any]) -> None:
        """Fill the list (ignored if the box has changed since this query was sent)."""
        if query != self.query.text():
            return
        self.results.clear()
        for ticket in tickets:
            row = search_row(ticket, self.privacy)
            item = QListWidgetItem(f"{row.state}: {row.text}")
            item.setData(Qt.ItemDataRole.UserRole, row.secret)
            item.setData(TEXT_ROLE, row.text)
            item.setData(STATE_ROLE, row.state)
            item.setData(COLOUR_ROLE, row.colour)
            self.results.addItem(item)
        self.message.setText(f"{len(tickets)} found" if tickets else "No ticket found.")
        if tickets:
            self.results.setCurrentRow(0)

    def show_error(self, message: str) -> None:
        """The search failed: say what to do."""
        self.message.setText(message)

    def ask_confirmation(self) -> None:
        """Ask before checking the selected ticket in by hand."""
        item = self.results.currentItem()
        if item is None:
            return
        secret = item.data(Qt.ItemDataRole.UserRole)
        text = item.data(TEXT_ROLE)
        state = item.data(STATE_ROLE)
        self.dialog = ConfirmCheckin(f"Check in this ticket?\n\n{text}\n({state.lower()})", self)
        self.dialog.accepted.connect(lambda: self.redeem_confirmed.emit(secret))
        self.dialog.open()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)
