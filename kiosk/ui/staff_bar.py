"""The staff bar above every screen: station name and host on the left, staff buttons on the right.

The bar never clips a button. As the window narrows, the station text elides
("Entrance 1 · 192.168.…") down to the station's name (the text before " · ", at least
``LABEL_MIN`` and at most a third of the bar); after that the right-most buttons move
into a "☰ Staff" menu at the bar's right end. Every action also
keeps its keyboard shortcut wherever its button is (the window holds the actions).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from kiosk.ui.style import MUTED, SURFACE

MARGIN = 4
SPACING = 6
LABEL_MIN = 140  # below this the station text says nothing: buttons go into the menu first
MENU_TEXT = "☰ Staff"

BAR_CSS = f"""
#StaffBar {{ background: {SURFACE}; }}
QToolButton {{ font-size: 12pt; padding: 4px 10px; }}
QLabel {{ color: {MUTED}; font-size: 12pt; }}
"""


class ElidingLabel(QLabel):
    """One line of text that ends in "…" when narrow instead of widening its window (``text()`` stays whole)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        """Set the text; the bar makes room for the station's name in it."""
        super().setText(text)
        bar = self.parent()
        if isinstance(bar, StaffBar):
            bar.arrange()

    @property
    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.shown_text)


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
        self.menu_button.setText(MENU_TEXT)
        self.menu_button.setToolTip("Staff actions that do not fit the window's width")
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
