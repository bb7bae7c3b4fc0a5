"""The staff bar above every screen: station name and host on the left, staff buttons on the right.

The bar never clips a button. As the window narrows, the station text elides
("Entrance 1 · 192.168.…") down to the station's name (the text before " · ", at least
``LABEL_MIN`` and at most a third of the bar); after that the right-most buttons move
into a "☰ Staff" menu at the bar's right end. Every action also
keeps its keyboard shortcut wherever its button is (the window holds the actions).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from kiosk.i18n import QT_TRANSLATE_NOOP, translate
from kiosk.ui.style import MUTED, SURFACE

MARGIN = 4
SPACING = 6
LABEL_MIN = 140  # below this the station text says nothing: buttons go into the menu first
MENU_TEXT = QT_TRANSLATE_NOOP("StaffBar", "☰ Staff")
MARK_WORDS = {"locked": QT_TRANSLATE_NOOP("StaffBar", "Locked"), "unlocked": QT_TRANSLATE_NOOP("StaffBar", "No PIN")}
MARK_COLOURS = {"locked": "#2e7d32", "unlocked": "#e65100"}  # locked is the good state at a kiosk

BAR_CSS = f"""
#StaffBar {{ background: {SURFACE}; }}
QToolButton {{ font-size: 12pt; padding: 4px 10px; }}
QLabel {{ color: {MUTED}; font-size: 12pt; }}
"""


class ElidingLabel(QLabel):
    """One line of text that ends in "…" when narrow instead of widening its window (``text()`` stays whole).

    ``set_mark("locked" | "unlocked" | "")`` puts the kiosk's lock mark (a drawn padlock and a word) before it.
    """

    mark = ""

    def set_mark(self, mark: str) -> None:
        """Show the kiosk lock mark: "locked", "unlocked" (full screen without a PIN) or "" (none)."""
        if mark != self.mark:
            self.mark = mark
            self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        """Set the text; the bar makes room for the station's name in it."""
        super().setText(text)
        bar = self.parent()
        if isinstance(bar, StaffBar):
            bar.arrange()

    def _mark_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(mark_word(self.mark)) + 36 if self.mark else 0

    @property
    def shown_text(self) -> str:
        """The text as painted at the current width."""
        width = self.contentsRect().width() - self._mark_width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(0, width))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        rect = self.contentsRect()
        if self.mark:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            badge = QRect(rect.x(), rect.y() + 2, self._mark_width() - 8, rect.height() - 4)
            p.fillRect(badge, QColor(MARK_COLOURS[self.mark]))
            draw_padlock(p, QRect(badge.x() + 6, badge.center().y() - 8, 14, 17), self.mark == "locked")
            p.setPen(QColor("#ffffff"))
            p.drawText(badge.adjusted(26, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, mark_word(self.mark))
            rect = rect.adjusted(self._mark_width(), 0, 0, 0)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.shown_text)


def mark_word(mark: str) -> str:
    """The lock mark's word ("Locked", "No PIN") in the station's language."""
    return translate("StaffBar", MARK_WORDS[mark])


def draw_padlock(p: QPainter, box: QRect, closed: bool) -> None:
    """A white padlock in ``box``: the shackle shut (locked) or swung open."""
    p.save()
    p.setPen(QPen(QColor("#ffffff"), 2.2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    body_top = box.y() + box.height() * 7 // 16
    shackle = QRect(box.x() + 2, box.y(), box.width() - 4, (body_top - box.y()) * 2)
    if closed:
        p.drawArc(shackle, 0, 180 * 16)
    else:
        p.drawArc(shackle.translated(5, -2), 0, 180 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRect(box.x(), body_top, box.width(), box.bottom() - body_top), 2, 2)
    p.restore()


class StaffBar(QWidget):
    """Lays its buttons out by hand: each is shown whole or moved into the "☰ Staff" menu, never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StaffBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(BAR_CSS)
        self.label = ElidingLabel(self)
        self.label.setContentsMargins(8, 0, 8, 0)
        self.menu = QMenu(self)
        self.menu_button = QToolButton(self)
        self.menu_button.setText(translate("StaffBar", MENU_TEXT))
        self.menu_button.setToolTip(translate("StaffBar", "Staff actions that do not fit the window's width"))
        self.menu_button.setMenu(self.menu)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.actions_in_bar: list[QAction] = []
        self.buttons: dict[QAction, QToolButton] = {}
        self.overflow: list[QAction] = []

    def add_staff_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` (its ``iconText`` is the button's label, its ``text`` the menu's)."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard belongs to the screens; staff use F-keys
        self.actions_in_bar.append(action)
        self.buttons[action] = button
        action.changed.connect(self._action_changed)  # shown/hidden (host mode, set up) or relabelled
        self._action_changed()
        return button

    def _action_changed(self) -> None:
        self.updateGeometry()
        self.arrange()

    def _height(self) -> int:
        hints = [b.sizeHint().height() for b in (*self.buttons.values(), self.menu_button)]
        return max(hints) + 2 * MARGIN

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        widths = [self.buttons[a].sizeHint().width() + SPACING for a in self.actions_in_bar if a.isVisible()]
        return QSize(2 * MARGIN + self.label.sizeHint().width() + sum(widths), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(2 * MARGIN + LABEL_MIN + self.menu_button.sizeHint().width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.arrange()

    def label_room(self) -> int:
        """The width the station text keeps before buttons go into the menu: its name whole, then "…"."""
        name = self.label.text().split(" · ")[0]
        margins = self.label.contentsMargins()
        need = self.label.fontMetrics().horizontalAdvance(f"{name} · …") + margins.left() + margins.right() + 4
        return max(LABEL_MIN, min(need, self.width() // 3))

    def arrange(self) -> None:
        """Place the buttons that fit from the left; the rest go into the menu, its button right-most."""
        visible = [a for a in self.actions_in_bar if a.isVisible()]
        widths = [self.buttons[a].sizeHint().width() for a in visible]
        room = self.width() - 2 * MARGIN - self.label_room()
        shown = visible
        if sum(widths) + SPACING * len(widths) > room:
            room -= self.menu_button.sizeHint().width() + SPACING
            shown = []
            for action, width in zip(visible, widths, strict=True):
                if width + SPACING > room:
                    break
                shown.append(action)
                room -= width + SPACING
        overflow = visible[len(shown):]
        height = self.height() - 2 * MARGIN
        x = self.width() - MARGIN
        if overflow:
            w = self.menu_button.sizeHint().width()
            x -= w
            self.menu_button.setGeometry(QRect(x, MARGIN, w, height))
            x -= SPACING
        self.menu_button.setVisible(bool(overflow))
        for action in reversed(shown):
            button = self.buttons[action]
            w = button.sizeHint().width()
            x -= w
            button.setGeometry(QRect(x, MARGIN, w, height))
            x -= SPACING
        for action, button in self.buttons.items():
            button.setVisible(action in shown)
        self.label.setGeometry(QRect(MARGIN, MARGIN, max(0, x - MARGIN), height))
        if overflow != self.overflow:
            self.overflow = overflow
            self.menu.clear()  # removes, never deletes: the window owns the actions
            self.menu.addActions(overflow)
