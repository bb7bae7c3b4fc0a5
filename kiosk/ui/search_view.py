"""Staff search: type 4+ characters, pick a ticket, confirm, check it in (all by keyboard too).

Enter in the box asks "Check in this ticket?" for the selected row at once (Up/Down move
the selection without leaving the box; Enter before the answer came waits for it and
asks if exactly one ticket was found). A row says CHECKED IN as soon as any redeem of
its ticket is answered, by hand or by a scan.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
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

from kiosk.i18n import plural, translate
from kiosk.station.presenting import search_row, ticket_after_redeem
from kiosk.ui.style import title_label_css

MIN_QUERY = 4
DEBOUNCE_MS = 300


class ConfirmCheckin(QDialog):
    """"Check in <name>?" with Check in (default, Enter) and Cancel (Esc)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Search", "Check in by hand"))
        self.setModal(True)
        self.question = QLabel(text)
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 20pt;")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(translate("Search", "Check in"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)  # Qt's own word (qtbase catalog)
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
WHY_ROLE = Qt.ItemDataRole.UserRole + 4


class _RowDelegate(QStyledItemDelegate):
    """Paints a result as a coloured state badge (word + colour), who/what/order, and why it matched (grey, right)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        return QSize(option.rect.width(), option.fontMetrics.height() + 22)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        p.save()
        p.fillRect(r, QColor("#1565c0") if selected else QColor("#0b0f13"))
        p.setPen(QColor("#26303a"))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        width = badge_width(option.font)
        badge = QRect(r.left() + 6, r.top() + 5, width, r.height() - 10)
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
        text_rect = QRect(badge.right() + 16, r.top(), r.width() - width - 30, r.height())
        why = index.data(WHY_ROLE) or ""
        if why:
            width = option.fontMetrics.horizontalAdvance(why)
            p.setPen(QColor("#e3f2fd") if selected else QColor("#9aa7b4"))
            p.drawText(QRect(text_rect.right() - width, r.top(), width, r.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, why)
            text_rect.setWidth(max(0, text_rect.width() - width - 24))
        p.setPen(QColor("#ffffff"))
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   option.fontMetrics.elidedText(index.data(TEXT_ROLE), Qt.TextElideMode.ElideRight,
                                                 text_rect.width()))
        p.restore()


BADGE_WIDTH = 240  # at least; wider when a language's longest state word needs it ("NICHT EINGECHECKT")
BADGE_PADDING = 24


def badge_width(font: QFont) -> int:
    """The state badge's width: the longest state word in the station's language, in bold, with padding."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    words = (translate("Search", "CHECKED IN"), translate("Search", "NOT CHECKED IN"), translate("Result", "UNPAID"))
    return max(BADGE_WIDTH, *(metrics.horizontalAdvance(word) + BADGE_PADDING for word in words))


class _QueryBox(QLineEdit):
    """The search box; Up/Down move the selection in the results (the focus stays here)."""

    moved = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moved.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


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
        self._tickets: dict[str, Any] = {}  # the listed tickets by secret, as last known
        self._shown_query: str | None = None  # the query whose results are listed
        self._enter_waiting = False  # Enter was pressed before this query's results came
        self._memory: tuple[int, int, int] | None = None  # the box's cursor and selection, left for a result
        title = QLabel(translate("Search", "Find a ticket"))
        title.setStyleSheet(title_label_css())
        self.query = _QueryBox()
        self.query.setPlaceholderText(translate("Search", "Name, order code or ticket code (at least 4 characters)"))
        self.query.setStyleSheet("font-size: 20pt; padding: 10px;")
        self.results = _ResultList()
        self.results.setObjectName("SearchResults")
        self.results.setStyleSheet("font-size: 17pt;")
        self.results.setItemDelegate(_RowDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = QLabel(translate("Search", "Type at least 4 characters."))
        self.message.setStyleSheet("color: #b8c2cc;")
        self.message.setWordWrap(True)  # wraps rather than widening the window past 800 px
        self.checkin = QPushButton(translate("Search", "Check in selected (Enter)"))
        self.checkin.setProperty("primary", True)
        back = QPushButton(translate("Panels", "Back to scanning (Esc)"))
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
        self.query.moved.connect(self._move_selection)
        self.results.itemDoubleClicked.connect(lambda _item: self.ask_confirmation())
        self.results.picked.connect(self.ask_confirmation)

    def begin(self) -> None:
        """Called when the panel opens afresh: focus the search box with its text selected."""
        self.query.setFocus()
        self.query.selectAll()

    def remember(self) -> None:
        """A result is about to cover the panel: keep the box's cursor and selection."""
        q = self.query
        self._memory = (q.cursorPosition(), q.selectionStart(), len(q.selectedText()))

    def resume(self, focus: QWidget | None = None) -> None:
        """Back from a result: the focus where it was, the box's text, cursor and selection as they were."""
        target = focus if focus is not None and self.isAncestorOf(focus) else self.query
        target.setFocus()
        memory, self._memory = self._memory, None
        if memory is None:
            return
        cursor, start, length = memory
        if length and cursor == start:
            self.query.setSelection(start + length, -length)
        elif length:
            self.query.setSelection(start, length)
        else:
            self.query.setCursorPosition(cursor)

    def _query_edited(self, _text: str) -> None:
        self._enter_waiting = False
        self._debounce.start()

    def _send_query(self) -> None:
        text = self.query.text()
        if len(text.strip()) < MIN_QUERY:
            self.results.clear()
            self._shown_query = None
            self._enter_waiting = False
            self.message.setText(translate("Search", "Type at least 4 characters."))
            return
        self.message.setText(translate("Search", "Searching…"))
        self.search_requested.emit(text)

    def _enter_in_query(self) -> None:
        """Enter in the box: ask about the selected row now, or as soon as the answer lists one ticket."""
        current = self._shown_query == self.query.text() and not self._debounce.isActive()
        if current and self.results.count():
            if self.results.currentItem() is None:
                self.results.setCurrentRow(0)
            self.ask_confirmation()
            return
        if len(self.query.text().strip()) >= MIN_QUERY and not current:
            self._enter_waiting = True
            if self._debounce.isActive():
                self._debounce.stop()
                self._send_query()

    def _move_selection(self, step: int) -> None:
        if self.results.count():
            row = self.results.currentRow()
            self.results.setCurrentRow(min(max(row + step, 0), self.results.count() - 1))

    def show_results(self, query: str, tickets: list[Any]) -> None:
        """Fill the list (ignored if the box has changed since this query was sent)."""
        if query != self.query.text():
            return
        self.results.clear()
        self._tickets = {}
        self._shown_query = query
        for ticket in tickets:
            item = QListWidgetItem()
            self._fill(item, ticket)
            self.results.addItem(item)
        self.message.setText(plural(len(tickets)).translate("Search", "%n found", None, 1) if tickets else
                             translate("Search", "No ticket found."))
        if tickets:
            self.results.setCurrentRow(0)
        waiting, self._enter_waiting = self._enter_waiting, False
        if waiting and len(tickets) == 1:
            self.ask_confirmation()

    def _fill(self, item: QListWidgetItem, ticket: Any) -> None:
        row = search_row(ticket, self.privacy)
        self._tickets[row.secret] = ticket
        item.setText(f"{row.state}: {row.text}" + (f"  ({row.why})" if row.why else ""))
        item.setData(Qt.ItemDataRole.UserRole, row.secret)
        item.setData(TEXT_ROLE, row.text)
        item.setData(STATE_ROLE, row.state)
        item.setData(COLOUR_ROLE, row.colour)
        item.setData(WHY_ROLE, row.why)

    def ticket_redeemed(self, secret: str, outcome: Any) -> None:
        """A redeem of ``secret`` was answered (by hand or scanned): its row says what is true now."""
        for i in range(self.results.count()):
            item = self.results.item(i)
            if item.data(Qt.ItemDataRole.UserRole) != secret:
                continue
            ticket = self._tickets.get(secret)
            after = ticket_after_redeem(ticket, outcome) if ticket is not None else None
            if after is not None and after is not ticket:
                self._fill(item, after)

    def show_error(self, message: str) -> None:
        """The search failed: say what to do."""
        self.message.setText(message)

    def ask_confirmation(self) -> None:
        """Ask before checking the selected ticket in by hand."""
        item = self.results.currentItem()
        if item is None or (self.dialog is not None and self.dialog.isVisible()):
            return
        secret = item.data(Qt.ItemDataRole.UserRole)
        text = item.data(TEXT_ROLE)
        state = item.data(STATE_ROLE)
        question = translate("Search", "Check in this ticket?")
        self.dialog = ConfirmCheckin(f"{question}\n\n{text}\n({state.lower()})", self)
        self.dialog.accepted.connect(lambda: self.redeem_confirmed.emit(secret))
        self.dialog.open()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)
