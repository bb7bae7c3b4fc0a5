"""First start: scan a setup code, paste it, type URL and key, or host the event on this station."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import QT_TRANSLATE_NOOP, shown, translate
from kiosk.options import parse_setup_json
from kiosk.scanning.codes import StationSetup, format_fingerprint, normalise_fingerprint
from kiosk.settings import OPTIONS_BY_NAME, SettingsError, validate_key
from kiosk.ui.preview import PreviewSource, PreviewWidget, no_camera
from kiosk.ui.style import title_label_css


class SetupView(QWidget):
    """The four ways to set a station up; every one is tested (on the worker) before it is saved."""

    setup_entered = Signal(object)  # StationSetup
    host_requested = Signal()
    closed = Signal()  # "Back to scanning" on a station that is set up (staff chose "Set up again")
    TITLE = QT_TRANSLATE_NOOP("Setup", "Set up this check-in station")

    def __init__(self, preview_source: PreviewSource = no_camera, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.starting = False  # showing the start-up message rather than the setup choices
        self.title = title = QLabel(translate("Setup", self.TITLE))
        title.setStyleSheet(title_label_css(28))
        self.scan_hint = scan_hint = QLabel(translate("Setup", "Hold the setup QR code (shown by the host station "
                                                               "under “Add a station”) up to the camera…"))
        scan_hint.setWordWrap(True)
        scan_hint.setStyleSheet("font-size: 17pt;")
        self.preview = PreviewWidget(preview_source)
        left = QVBoxLayout()
        left.addWidget(scan_hint)
        left.addWidget(self.preview, 1)

        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # every tab named in full (at 1024x600 the preview gives way)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText('{"version": 3, "url": "http://…/pretixdroid/api/ORG/EVENT/", "key": "…"}')
        paste_button = QPushButton(translate("Setup", "Connect with this setup code"))
        paste_button.setProperty("primary", True)
        paste_button.clicked.connect(self._pasted)
        paste_tab = QWidget()
        pl = QVBoxLayout(paste_tab)
        pl.addWidget(QLabel(translate("Setup", "…or paste the setup code (JSON):")))
        pl.addWidget(self.paste, 1)
        pl.addWidget(paste_button)
        self.tabs.addTab(paste_tab, translate("Setup", "Paste code"))

        self.url = QLineEdit()
        self.url.setPlaceholderText("http://192.168.1.10:8000/pretixdroid/api/ORG/EVENT/")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(translate("Setup", "32 characters"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(translate("Setup", "https only: 64 hex digits (the host panel shows them)"))
        typed_button = QPushButton(translate("Setup", "Connect"))
        typed_button.setProperty("primary", True)
        typed_button.clicked.connect(self._typed)
        self.key.returnPressed.connect(self._typed)
        self.fingerprint.returnPressed.connect(self._typed)
        # Shown when an https host's certificate is not trusted and no fingerprint was typed: the one
        # the host presents, for staff to compare with the host panel's before anything is saved.
        self.presented = QLabel("")
        self.presented.setWordWrap(True)
        self.presented.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.presented.setStyleSheet("font-family: monospace; font-size: 14pt;")
        self.presented.setVisible(False)
        self.accept_presented = QPushButton(translate("Setup", "The same as on the host: connect"))
        self.accept_presented.clicked.connect(self._accept_presented)
        self.accept_presented.setVisible(False)
        self._presented: StationSetup | None = None  # the setup whose host presented it
        typed_tab = QWidget()
        form = QFormLayout(typed_tab)
        form.addRow(translate("Setup", "Server URL"), self.url)
        form.addRow(translate("Setup", "Key"), self.key)
        form.addRow(translate("Setup", "Certificate (SHA-256)"), self.fingerprint)
        form.addRow("", typed_button)
        self.tabs.addTab(typed_tab, translate("Setup", "URL and key"))

        host_tab = QWidget()
        hl = QVBoxLayout(host_tab)
        explain = QLabel(translate("Setup", "This station keeps the event's tickets itself; other stations connect "
                                            "to it. You can import an event file or load demo data next."))
        explain.setWordWrap(True)
        self.host_button = QPushButton(translate("Setup", "Host this event on this station"))
        self.host_button.setProperty("primary", True)
        self.host_button.clicked.connect(self.host_requested)
        hl.addWidget(explain)
        hl.addWidget(self.host_button)
        hl.addStretch(1)
        self.tabs.addTab(host_tab, translate("Setup", "Host here"))

        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back_button = QPushButton(translate("Panels", "Back to scanning (Esc)"))
        self.back_button.clicked.connect(self.closed)
        self.back_button.setVisible(False)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.tabs, 2)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(heading)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.presented)
        layout.addWidget(self.accept_presented, 0, Qt.AlignmentFlag.AlignLeft)

    def set_configured(self, configured: bool) -> None:
        """A station that is set up can leave this screen again (it came here by "Set up again")."""
        self.back_button.setVisible(configured)

    def set_starting(self, text: str) -> None:
        """While this station sets itself up (hosting the demo): say so instead of offering the ways to set up."""
        self.starting = starting = bool(text)
        self.title.setText(translate("Setup", "Starting this check-in station…") if starting else
                           translate("Setup", self.TITLE))
        self.scan_hint.setVisible(not starting)
        self.tabs.setVisible(not starting)
        self.show_message(text)

    def _pasted(self) -> None:
        try:
            setup = parse_setup_json(self.paste.toPlainText().strip(), origin="typed")
        except SettingsError as exc:
            problem = shown(exc.args[0]) if exc.args else str(exc)
            self.show_message(translate("Setup", "{problem}. Copy the whole code, including the braces.").format(
                problem=problem.rstrip(".")), error=True)
            return
        self._show_presented("")
        self.setup_entered.emit(setup)

    def _typed(self) -> None:
        url = self.url.text().strip()
        key = self.key.text().strip()
        problem = ""
        try:
            OPTIONS_BY_NAME["server_url"].validate(url)
        except SettingsError:
            problem = translate("Setup", "The server URL must start with http:// or https://, for example "
                                         "http://192.168.1.10:8000/pretixdroid/api/ORG/EVENT/")
        if not url:
            problem = translate("Setup", "Enter the server URL.")
        elif not problem and not key:
            problem = translate("Setup", "Enter the key.")
        elif not problem:
            try:
                validate_key(key)
            except SettingsError:
                problem = translate("Setup", "The key must be printable ASCII without spaces (at most 256 characters).")
        typed_fingerprint = self.fingerprint.text().strip()
        fingerprint = normalise_fingerprint(typed_fingerprint) if typed_fingerprint else ""
        if not problem and fingerprint is None:
            problem = translate("Setup", "The certificate fingerprint must be 64 hex digits (pairs with colons are "
                                         "fine too).")
        elif not problem and fingerprint and not url.lower().startswith("https://"):
            problem = translate("Setup", "Only an https:// server URL has a certificate fingerprint.")
        if problem:
            self.show_message(problem, error=True)
            return
        self._show_presented("")
        self.setup_entered.emit(StationSetup(url if url.endswith("/") else url + "/", key, origin="typed",
                                             cert_sha256=fingerprint or ""))

    def offer_fingerprint(self, offer: StationSetup, fingerprint: str) -> None:
        """The https host of a typed or pasted ``offer`` presents ``fingerprint``, which this computer does not
        trust: staff compare it with the host panel's, then accept it (it is pinned) or not."""
        self._presented = replace(offer, cert_sha256=fingerprint)
        self._show_presented(fingerprint)

    def _show_presented(self, fingerprint: str) -> None:
        if not fingerprint:
            self._presented = None
        self.presented.setText(translate(
            "Setup", "The host presents this certificate (SHA-256):\n{fingerprint}\nCompare it with the "
            "“Certificate fingerprint” in the host's panel (F6 on the host station). Connect only if every "
            "group is the same.").format(fingerprint=format_fingerprint(fingerprint)) if fingerprint else "")
        self.presented.setVisible(bool(fingerprint))
        self.accept_presented.setVisible(bool(fingerprint))

    def _accept_presented(self) -> None:
        """Staff compared the presented fingerprint with the host's: pin it and connect."""
        offer = self._presented
        if offer is not None:
            self._show_presented("")
            self.setup_entered.emit(offer)

    def show_message(self, text: str, error: bool = False) -> None:
        """Progress or a problem, in words staff can act on."""
        self.message.setStyleSheet(f"font-size: 17pt; font-weight: bold; color: {'#ff8a80' if error else '#80d8ff'};")
        self.message.setText(text)
