"""The station window: the staff bar, the host banner, and one page per screen; maximized or full screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.paths import asset_path
from kiosk.station.screens import Screen
from kiosk.ui.banner import HostBanner
from kiosk.ui.compact_result import CompactResult
from kiosk.ui.confirm_view import ConfirmSetupView
from kiosk.ui.host_view import HostView
from kiosk.ui.preview import PreviewSource, no_camera
from kiosk.ui.result_view import ResultView
from kiosk.ui.scan_view import ScanView
from kiosk.ui.search_view import SearchView
from kiosk.ui.setup_view import SetupView
from kiosk.ui.staff_bar import StaffBar
from kiosk.ui.status_view import StatusView


class MainWindow(QMainWindow):
    """Pages for every Screen; staff actions in a bar that never clips them; emits what staff asked for."""

    panel_requested = Signal(object)  # Screen.SEARCH / STATUS / HOST
    settings_requested = Signal()
    fullscreen_toggle_requested = Signal()
    privacy_toggled = Signal(bool)
    result_dismissed = Signal()
    result_typed = Signal()  # staff typed on a result: if it goes back to search, the keys go there
    close_requested = Signal()
    window_state_changed = Signal()  # full screen, maximized or normal now

    def __init__(self, preview_source: PreviewSource = no_camera) -> None:
        super().__init__()
        self.setWindowTitle(translate("Window", "Check-in station"))
        icon = asset_path("app-icon-256.png")
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.scan_view = ScanView(preview_source)
        self.result_view = ResultView()
        self.search_view = SearchView()
        self.status_view = StatusView()
        self.setup_view = SetupView(preview_source)
        self.confirm_view = ConfirmSetupView()
        self.host_view = HostView()
        self.pages: dict[Screen, QWidget] = {
            Screen.SCANNING: self.scan_view, Screen.RESULT: self.result_view, Screen.SEARCH: self.search_view,
            Screen.STATUS: self.status_view, Screen.SETUP: self.setup_view,
            Screen.CONFIRM_SETUP: self.confirm_view, Screen.HOST: self.host_view,
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.banner = HostBanner()
        self.banner.clicked.connect(lambda: self.panel_requested.emit(Screen.STATUS))
        self.compact_result = CompactResult()  # a scan's result while staff work in a panel or dialog
        self._focus_in: dict[QWidget, QWidget] = {}  # the page left for a result -> its focused widget
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._build_staff_bar()
        layout.addWidget(self.staff_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.compact_result)  # at the top of whatever page is shown
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.allow_close = False
        QApplication.instance().installEventFilter(self)  # a closing dialog gives the keyboard back

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """When one of the station's dialogs closes, the station takes the keyboard back (see take_keyboard)."""
        if (event.type() == QEvent.Type.Hide and isinstance(watched, QDialog)
                and watched.parentWidget() is not None and watched.parentWidget().window() is self):
            QTimer.singleShot(0, self.take_keyboard)  # after the dialog is really gone
        return False

    def take_keyboard(self) -> None:
        """Make this window X's (or the window system's) keyboard focus again, on the widget that had it.

        Without a window manager (a bare X server) nobody else does: when a dialog closes, the
        keyboard focus falls to the root window and typed keys are lost until someone clicks.
        """
        if not self.isVisible() or QApplication.activeModalWidget() is not None:
            return  # hidden, or another dialog is up and keeps the keyboard
        self.raise_()
        self.activateWindow()
        focus = self.focusWidget()
        (focus or self.stack).setFocus()
    def _build_staff_bar(self) -> None:
        bar = StaffBar()
        self.station_label = bar.label

        def action(text: str, shortcut: str, slot: Callable[[], None], checkable: bool = False) -> QAction:
            act = QAction(text, self)
            act.setIconText(f"{text} {shortcut}")  # the button shows the key; the menu has a column for it
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            act.setCheckable(checkable)
            act.triggered.connect(slot)
            self.addAction(act)  # the shortcut works while its button is hidden in the staff menu
            bar.add_staff_action(act)
            return act

        self.search_action = action(translate("Window", "Search"), "F3", lambda: self.panel_requested.emit(Screen.SEARCH))
        self.status_action = action(translate("Window", "Status"), "F4", lambda: self.panel_requested.emit(Screen.STATUS))
        self.host_action = action(translate("Window", "Host"), "F6", lambda: self.panel_requested.emit(Screen.HOST))
        self.privacy_action = action(translate("Window", "Hide names"), "F7", lambda: self.privacy_toggled.emit(
            self.privacy_action.isChecked()), checkable=True)
        self.settings_action = action(translate("Window", "Settings"), "F2", self.settings_requested.emit)
        self.fullscreen_action = action(translate("Window", "Full screen"), "F11", self.fullscreen_toggle_requested.emit)
        self.host_action.setVisible(False)
        self.staff_bar = bar

    def show_maximized(self) -> None:
        """Windowed and maximized; sized to the screen's available area first, where no window manager maximizes."""
        if self.isFullScreen():
            self.showNormal()
        # Without a window manager (a bare X server, Xvfb) a maximize request is ignored: the geometry
        # below is what the user sees. With one, the window is maximized and this is its restore size.
        self.setGeometry(self._screen().availableGeometry())
        self.showMaximized()
        self.activateWindow()  # without a window manager no one gives a new window the keyboard

    def show_full_screen(self) -> None:
        """Full screen (kiosk mode); given the whole screen's geometry first, where no window manager does it."""
        self.setGeometry(self._screen().geometry())
        self.showFullScreen()
        self.activateWindow()

    def _screen(self) -> QScreen:
        return self.screen() or QGuiApplication.primaryScreen()

    def show_screen(self, screen: Screen) -> None:
        """Bring this screen's page to the front.

        A page a result interrupted gets back the focus (and the search box its text selection and
        cursor) it had; a search panel opened afresh has its box focused with its text selected.
        """
        page = self.pages[screen]
        current = self.stack.currentWidget()
        if current is page:
            return
        if page is self.result_view:
            self._focus_in = {}
            focus = self.focusWidget()
            if focus is not None and current.isAncestorOf(focus):
                self._focus_in[current] = focus
            if current is self.search_view:
                self.search_view.remember()
        coming_back = current is self.result_view
        self.stack.setCurrentWidget(page)
        focus = self._focus_in.pop(page, None) if coming_back else None
        if screen is Screen.SEARCH:
            self.search_view.resume(focus) if coming_back else self.search_view.begin()
        elif focus is not None:
            focus.setFocus()
        elif screen in (Screen.SCANNING, Screen.RESULT):
            self.stack.setFocus()

    @property
    def current_screen(self) -> Screen:
        """The screen whose page is shown."""
        current = self.stack.currentWidget()
        return next(screen for screen, page in self.pages.items() if page is current)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.current_screen in (Screen.SEARCH, Screen.STATUS, Screen.HOST):
                self.panel_requested.emit(None)
            elif self.current_screen is Screen.SETUP and self.setup_view.back_button.isVisible():
                self.setup_view.closed.emit()  # a set-up station that came here by "Set up again"
            elif self.current_screen is Screen.RESULT:
                self.result_dismissed.emit()
            elif self.isFullScreen():
                self.fullscreen_toggle_requested.emit()
            return
        if self.current_screen is Screen.RESULT:
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.result_dismissed.emit()
                return
            if (event.text().isprintable() and event.text()) or key == Qt.Key.Key_Backspace:
                self.result_typed.emit()  # the controller may go back to the page the keys are for
                target = self.focusWidget()
                if self.current_screen is not Screen.RESULT and target is not None:
                    QApplication.sendEvent(target, QKeyEvent(event.type(), key, event.modifiers(), event.text()))
                    return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self.window_state_changed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.allow_close:
            # The controller decides: without a PIN it allows closing at once (and this close goes
            # through); in kiosk mode it asks the PIN and closes for real afterwards.
            self.close_requested.emit()
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
