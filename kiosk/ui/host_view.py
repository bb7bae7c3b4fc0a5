"""Host mode panel: where the server listens, the event's data, stations (keys) and their setup codes."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import QT_TRANSLATE_NOOP, shown, translate
from kiosk.ui.overview_view import OverviewPanel
from kiosk.ui.pretix_view import PretixSection
from kiosk.ui.qr_widget import MIN_SIDE, QrWidget
from kiosk.ui.style import title_label_css

ALL_NETWORKS = "0.0.0.0"  # a bind address, never an address to connect to: it is not shown as one
BIND_CHOICES = (("127.0.0.1", QT_TRANSLATE_NOOP("Host", "This computer only (127.0.0.1)")),
                (ALL_NETWORKS, QT_TRANSLATE_NOOP("Host", "All networks: other stations")))
WARNING_BG = "#b71c1c"
FIELD_NAMES = {"url": QT_TRANSLATE_NOOP("Host", "Server:"), "key": QT_TRANSLATE_NOOP("Host", "Key:"),
               "json": QT_TRANSLATE_NOOP("Host", "Setup JSON:")}
COPY_TIPS = {"url": QT_TRANSLATE_NOOP("Host", "Copy the server address to the clipboard"),
             "key": QT_TRANSLATE_NOOP("Host", "Copy the station key to the clipboard"),
             "json": QT_TRANSLATE_NOOP("Host", "Copy the setup JSON to the clipboard")}
COPIED = {"url": QT_TRANSLATE_NOOP("Host", "Copied the server address."),
          "key": QT_TRANSLATE_NOOP("Host", "Copied the station key."),
          "json": QT_TRANSLATE_NOOP("Host", "Copied the setup JSON.")}
EVENT_FILTER = QT_TRANSLATE_NOOP("Host", "Event files (*.json *.csv);;All files (*)")


class SetupCode(QrWidget):
    """The new station's code: as large as the view allows, and asking for no more than its minimum (1024x600)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()


class SideColumn(QWidget):
    """The setup code's words and copy fields: laid out again whenever shown or resized.

    Its scroll area sizes it by height for width; a resize while its page is hidden left the old layout in place,
    the wrapped values squeezed to a line and a half.
    """

    def _relayout(self) -> None:
        if self.layout() is not None:
            self.layout().setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._relayout()


def is_local_only(address: str) -> bool:
    """Whether a server bound to (or a URL naming) ``address`` can be reached from this computer only."""
    return address.startswith("127.") or address in ("localhost", "::1")


def wrap_anywhere(text: str) -> str:
    """``text`` with a zero-width space after every character: a QLabel may wrap a key or URL anywhere."""
    return "\u200b".join(text)


def setup_text(setup: dict[str, Any]) -> str:
    """The setup JSON as the QR code carries it (compact: a smaller code reads from further away)."""
    return json.dumps(setup, separators=(",", ":"))  # ASCII (\u escapes): every decoder reads it alike


class HostView(QWidget):
    """Staff panel for the event this station hosts; every action is done by the host worker."""

    bind_chosen = Signal(str)
    import_requested = Signal(str)
    demo_requested = Signal()
    station_requested = Signal(str)
    key_revoked = Signal(str)
    closed = Signal()
    overview_shown = Signal(bool)  # the overview page came into view (True) or left it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup: dict[str, Any] = {}  # the setup code on show
        self._copy_texts: dict[str, str] = {}  # what each Copy button copies
        self._lan_url = ""
        scroll = QScrollArea()  # on a small screen (800x600, with the OFFLINE banner) it scrolls, not overflows
        self.scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_manage())
        self.pages = QStackedWidget()  # the setup code is not in the scroll area: its code is sized to the view
        self.pages.addWidget(scroll)
        station = QScrollArea()  # 800x600 with the OFFLINE banner: the code scrolls; from 1024x600 it fits
        station.setWidgetResizable(True)
        station.setFrameShape(QFrame.Shape.NoFrame)
        station.setWidget(self._build_station())
        self.pages.addWidget(station)
        self.overview = OverviewPanel()  # page 2: stations, arrivals, problems (kiosk/ui/overview_view.py)
        overview = QScrollArea()  # never makes the window taller than a small screen
        overview.setWidgetResizable(True)
        overview.setFrameShape(QFrame.Shape.NoFrame)
        overview.setWidget(self.overview)
        self.pages.addWidget(overview)
        # Below the scroll area, always in view (1024x600): "Back to scanning", or "Done" on a setup code.
        self.back_button = QPushButton(translate("Host", "Back to scanning (Esc)"))
        self.back_button.clicked.connect(self.closed)
        self.done_button = QPushButton(translate("Host", "Done"))
        self.done_button.setProperty("primary", True)
        self.done_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.done_button.setVisible(False)
        self.overview_button = QPushButton(translate("Host", "Event overview"))
        self.overview_button.clicked.connect(lambda: self.pages.setCurrentIndex(2))
        self.pages.currentChanged.connect(self._page_shown)
        footer = QHBoxLayout()
        footer.addWidget(self.overview_button)
        footer.addStretch(1)
        footer.addWidget(self.done_button)
        footer.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)

    def _page_shown(self, index: int) -> None:
        self.done_button.setVisible(index != 0)
        self.back_button.setVisible(index == 0)
        self.overview_button.setVisible(index == 0)
        self.overview_shown.emit(index == 2)

    def _build_manage(self) -> QWidget:
        page = QWidget()
        title = QLabel(translate("Host", "Host this event"))
        title.setStyleSheet(title_label_css())
        self.server = QLabel(translate("Host", "Server not started"))
        self.server.setWordWrap(True)
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bind_buttons = QButtonGroup(self)  # radio buttons: both choices in view, as on the status panel
        self.bind_choices = QVBoxLayout()  # one under the other: side by side they need 1100 px
        self.bind_choices.setSpacing(4)
        for value, text in ((value, translate("Host", text)) for value, text in BIND_CHOICES):
            self._add_bind_choice(value, text)
        apply_bind = QPushButton(translate("Host", "Listen there"))
        apply_bind.clicked.connect(lambda: self.bind_chosen.emit(self.chosen_bind()))
        self.listen_button = apply_bind
        self.bind_row = QHBoxLayout()
        self.bind_row.setSpacing(18)
        self.bind_row.addLayout(self.bind_choices)
        self.bind_row.addWidget(apply_bind, 0, Qt.AlignmentFlag.AlignVCenter)
        self.bind_row.addStretch(1)
        self.event_label = QLabel(translate("Host", "No event loaded"))
        self.event_label.setStyleSheet("font-size: 19pt; font-weight: bold;")
        self.event_label.setWordWrap(True)
        self.import_button = QPushButton(translate("Host", "Import event file…"))
        self.import_button.clicked.connect(self._choose_file)
        self.demo_button = QPushButton(translate("Host", "Load demo data"))
        self.demo_button.clicked.connect(self.demo_requested)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.station_name = QLineEdit()
        self.station_name.setPlaceholderText(translate("Host", "Station name, e.g. Entrance 2"))
        self.add_button = QPushButton(translate("Host", "Add a station"))
        self.add_button.setProperty("primary", True)
        self.add_button.clicked.connect(self._add_station)
        self.station_name.returnPressed.connect(self._add_station)
        self.keys = QListWidget()
        self.keys.setMinimumHeight(96)  # two rows; it grows with the window
        revoke = QPushButton(translate("Host", "Revoke selected key"))
        revoke.clicked.connect(self._revoke_selected)

        grid = QGridLayout()
        grid.addWidget(QLabel(translate("Host", "Server:")), 0, 0)
        grid.addWidget(self.server, 0, 1, 1, 3)
        grid.addWidget(QLabel(translate("Host", "Listen on:")), 1, 0)
        grid.addLayout(self.bind_row, 1, 1, 1, 3)
        grid.addWidget(QLabel(translate("Host", "Event:")), 2, 0)
        grid.addWidget(self.event_label, 2, 1, 1, 3)
        grid.addWidget(self.import_button, 3, 1)
        grid.addWidget(self.demo_button, 3, 2)
        grid.addWidget(self.progress, 4, 1, 1, 3)
        grid.addWidget(self.message, 5, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.station_name, 1)
        add_row.addWidget(self.add_button)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.keys, 1)
        keys_row.addWidget(revoke, 0, Qt.AlignmentFlag.AlignTop)
        self.port_notice = QLabel("")  # the port stations were set up for was taken: what they need now
        self.port_notice.setWordWrap(True)
        self.port_notice.setStyleSheet("background: #b71c1c; color: #ffffff; font-weight: bold; padding: 6px;")
        self.port_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.port_notice.setVisible(False)
        self.security = QLabel("")  # the certificate's fingerprint, or the plain-HTTP warning
        self.security.setWordWrap(True)
        self.security.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self.port_notice)
        layout.addWidget(self.security)
        layout.addLayout(grid)
        layout.addWidget(QLabel(translate("Host", "Stations (keys):")))
        layout.addLayout(add_row)
        layout.addLayout(keys_row, 1)
        self.pretix = PretixSection()  # connect to a live pretix, and each connection's sync
        layout.addWidget(self.pretix)
        return page

    def _build_station(self) -> QWidget:
        page = QWidget()
        self.station_title = QLabel()
        self.station_title.setStyleSheet(title_label_css(24))
        self.station_title.setWordWrap(True)
        self.qr = SetupCode()
        how = QLabel(translate("Host", "Hold the new station's camera about half a metre from this code, or copy "
                                       "the setup JSON (or server and key) to it."))
        how.setWordWrap(True)
        self.local_warning = QFrame()  # while the host listens on this computer only
        self.local_warning.setStyleSheet(f"QFrame {{ background: {WARNING_BG}; }} QLabel {{ color: #ffffff; }}")
        warning_text = QLabel(translate("Host", "Listening on this computer only. No other computer can use this code."))
        warning_text.setWordWrap(True)
        warning_text.setStyleSheet("font-weight: bold;")
        self.all_networks_button = QPushButton(translate("Host", "Listen on all networks"))
        self.all_networks_button.clicked.connect(lambda: self.bind_chosen.emit(ALL_NETWORKS))
        warning_layout = QVBoxLayout(self.local_warning)
        warning_layout.addWidget(warning_text)
        warning_layout.addWidget(self.all_networks_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.local_warning.setVisible(False)
        self.station_url = QLabel()
        self.station_key = QLabel()
        self.station_json = QLabel()
        self.station_json.setStyleSheet("font-family: monospace; font-size: 10pt;")
        self.copy_buttons: dict[str, QPushButton] = {}
        # Each name with its Copy button, the value under both: wide enough to read. Box layouts, not a grid: a
        # grid gives a wrapped label spanning two columns less than its height for the width (lines cut in half).
        fields = QVBoxLayout()
        fields.setSpacing(2)
        for what, label in (("url", self.station_url), ("key", self.station_key), ("json", self.station_json)):
            label.setWordWrap(True)  # shown breakable anywhere (wrap_anywhere); Copy takes the text itself
            label.setMinimumWidth(120)
            copy = QPushButton(translate("Host", "Copy"))
            copy.setToolTip(translate("Host", COPY_TIPS[what]))
            copy.clicked.connect(lambda _=False, w=what: self.copy(w))
            self.copy_buttons[what] = copy
            name_row = QHBoxLayout()
            name_row.addWidget(QLabel(translate("Host", FIELD_NAMES[what])), 1, Qt.AlignmentFlag.AlignBottom)
            name_row.addWidget(copy)
            fields.addLayout(name_row)
            fields.addWidget(label)
        self.copied = QLabel("")
        self.copied.setStyleSheet("color: #a5d6a7; font-weight: bold;")
        side_page = SideColumn()
        side = QVBoxLayout(side_page)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(how)
        side.addWidget(self.local_warning)
        side.addLayout(fields)
        side.addWidget(self.copied)
        side.addStretch(1)
        # The words, warning and copy fields scroll on their own (1024x600 with the warning): the code keeps its
        # size, and the wrapped values get their whole height instead of squeezing the window taller.
        self.side_scroll = QScrollArea()
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setWidget(side_page)
        body = QHBoxLayout()
        body.addWidget(self.qr, 3)
        body.addWidget(self.side_scroll, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # the panel has its margins: here every pixel goes to the code
        layout.addWidget(self.station_title)
        layout.addLayout(body, 1)
        return page

    def _add_bind_choice(self, address: str, text: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setProperty("bind", address)
        self.bind_buttons.addButton(button)
        self.bind_choices.addWidget(button)
        return button

    def bind_button(self, address: str) -> QRadioButton | None:
        """The radio button that means listening on ``address`` (None if not offered)."""
        return next((b for b in self.bind_buttons.buttons() if b.property("bind") == address), None)

    def chosen_bind(self) -> str:
        """The address of the ticked radio button ("" if none)."""
        checked = self.bind_buttons.checkedButton()
        return checked.property("bind") if checked is not None else ""

    # --- filled by the controller ------------------------------------------------
    def set_server(self, url: str, lan_url: str, bind: str) -> None:
        """Where the server listens, as the address to use (the LAN address, never 0.0.0.0)."""
        local = is_local_only(bind)
        where = (translate("Host", "only this computer can connect") if local else
                 translate("Host", "other stations use this address"))
        self.server.setText(f"{lan_url} — {where}")
        self._lan_url = lan_url
        self.local_warning.setVisible(local)
        if self._setup:  # a code on show follows the move: same key, the address stations can now use
            path = urlsplit(self._setup["url"]).path
            self._show_setup({**self._setup, "url": lan_url.rstrip("/") + path})
        button = self.bind_button(bind)
        if button is None:  # e.g. --bind 192.168.1.20: show it as it is, so the choice never misstates it
            button = self._add_bind_choice(bind, translate("Host", "Only {address} (as started)").format(address=bind))
        button.setChecked(True)

    def set_security(self, fingerprint: str, warning: str) -> None:
        """The certificate fingerprint stations compare (in groups of four), or a warning about plain HTTP."""
        if warning:
            self.security.setStyleSheet("background: #b71c1c; color: #ffffff; font-weight: bold; padding: 6px;")
            self.security.setText(shown(warning))
        else:
            self.security.setStyleSheet("")
            groups = " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4))
            self.security.setText(translate("Host", "Certificate fingerprint (SHA-256): {fingerprint}").format(
                fingerprint=groups) if fingerprint else "")

    def show_port_moved(self, wanted: int, port: int, lan_url: str) -> None:
        """Say plainly that the usual port was taken, and what stations set up for it need now."""
        self.port_notice.setText(translate(
            "Host", "Port {wanted} is taken by another program, so this host now listens on port {port}. Stations set "
                    "up for port {wanted} cannot reach it: for each of them, “Add a station” below (under a new name) "
                    "and show the new code to that station's camera. Stations now need {url}.").format(
            wanted=wanted, port=port, url=lan_url))
        self.port_notice.setVisible(True)

    def set_event(self, text: str) -> None:
        """The hosted event's name."""
        self.event_label.setText(text)

    def set_keys(self, keys: list[dict[str, Any]]) -> None:
        """List the stations' keys (name, and whether revoked)."""
        self.keys.clear()
        for key in keys:
            name = key.get("name") or "(unnamed)"
            revoked = key.get("revoked") or key.get("revoked_at")
            item = QListWidgetItem(translate("Host", "{name}  (revoked)").format(name=name) if revoked else name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if revoked:
                item.setForeground(Qt.GlobalColor.gray)
            self.keys.addItem(item)

    def set_busy(self, text: str, done: int = 0, total: int = 0) -> None:
        """Show progress of an import ("" = finished)."""
        self.progress.setVisible(bool(text))
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)
        self.import_button.setEnabled(not text)
        self.demo_button.setEnabled(not text)
        if text:
            self.message.setText(text)

    def show_message(self, text: str, error: bool = False) -> None:
        """A result or a problem, in words."""
        self.message.setStyleSheet(f"color: {'#ff8a80' if error else '#a5d6a7'}; font-weight: bold;")
        self.message.setText(text)

    def show_station_setup(self, name: str, setup: dict[str, Any], lan_url: str) -> None:
        """Show a new station's setup code (large enough for its webcam), its URL, key and JSON to copy."""
        self.station_title.setText(translate("Host", "Setup code for “{name}”").format(name=name))
        self.local_warning.setVisible(is_local_only(urlsplit(setup.get("url", lan_url)).hostname or ""))
        self._show_setup(setup)
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()

    def _show_setup(self, setup: dict[str, Any]) -> None:
        self._setup = dict(setup)
        text = setup_text(setup)
        self.qr.set_text(text)
        self._copy_texts = {"url": setup.get("url", ""), "key": setup.get("key", ""), "json": text}
        for what, label in (("url", self.station_url), ("key", self.station_key), ("json", self.station_json)):
            label.setText(wrap_anywhere(self._copy_texts[what]))
        self.copied.setText("")

    def copy(self, what: str) -> None:
        """Put the shown setup's URL, key or JSON ("url", "key", "json") on the clipboard."""
        QGuiApplication.clipboard().setText(self._copy_texts.get(what, ""))
        self.copied.setText(translate("Host", COPIED[what]))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Host", "Import an event file"), "",
                                              translate("Host", EVENT_FILTER))
        if path:
            self.import_requested.emit(path)

    def _add_station(self) -> None:
        name = self.station_name.text().strip()
        if not name:
            self.show_message(translate("Host", "Type a name for the new station first."), error=True)
            self.station_name.setFocus()
            return
        self.station_requested.emit(name)

    def _revoke_selected(self) -> None:
        item = self.keys.currentItem()
        if item is not None:
            self.key_revoked.emit(item.data(Qt.ItemDataRole.UserRole))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # The code no taller than what shows below the title: on a 1024x600 screen it is seen whole.
        room = self.scroll.viewport().height() - self.done_button.sizeHint().height() - 12
        self.qr.setMaximumHeight(max(MIN_SIDE, room))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentIndex() != 0:
                self.pages.setCurrentIndex(0)
            else:
                self.closed.emit()
            return
        super().keyPressEvent(event)
