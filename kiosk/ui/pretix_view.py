"""The host panel's pretix section: connect this host to a live pretix, and how each connection syncs.

Staff paste a device's setup code (or pretix's address and the device token) and press
Connect, or hold the device's QR code to the camera (the station fills in an offer here).
While connecting: progress; when pretix lists several events (or dates of a series): a
choice. Per connection: pretix URL and device, in sync or what is wrong, last pull and push,
check-ins waiting and rejected (and which), the list mapping, the list features pretixdroid
cannot express, and "Sync now". The widget does no work: it emits requests and shows what
it is given.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.hosting.pretix import ConnectAnswer, ConnectRequest, request_from_fields
from kiosk.i18n import QT_TRANSLATE_NOOP, shown, translate
from kiosk.scanning.codes import PretixDeviceCode
from kiosk.station.pretix_lines import OK, PROBLEM, WARNING, ConnectionLines, connected_summary

TONE_COLOURS = {OK: "#a5d6a7", WARNING: "#ffd54f", PROBLEM: "#ff8a80"}
HOW_TO = QT_TRANSLATE_NOOP("Pretix", "Connect this host to a live pretix: in pretix, go to Organizer → Devices → "
                                    "Connect a device (limited to the event, security profile “pretixSCAN”), then "
                                    "hold its QR code to this station's camera, or paste its setup code here.")
CHOICE_WORDS = {"event": QT_TRANSLATE_NOOP("Pretix", "This device may see several events. Choose the event to "
                                                     "connect:"),
                "subevent": QT_TRANSLATE_NOOP("Pretix", "This event is a series. Choose the date to connect:")}


def _label(text: str = "", wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ConnectionBox(QFrame):
    """One connected event: its lines and a "Sync now" button."""

    sync_now = Signal(str, str)

    def __init__(self, lines: ConnectionLines, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PretixConnection")
        self.setStyleSheet("QFrame#PretixConnection { border: 1px solid #455a64; border-radius: 6px; }")
        self.key = lines.key
        self.title = _label()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.where = _label()
        self.state = _label()
        self.times = _label()
        self.mappings = _label()
        self.unsupported = _label()
        self.unsupported.setStyleSheet(f"color: {TONE_COLOURS[WARNING]};")
        self.rejected = _label()
        self.sync_button = QPushButton(translate("Pretix", "Sync now"))
        self.sync_button.clicked.connect(lambda: self.sync_now.emit(*self.key))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(head)
        for label in (self.where, self.state, self.times, self.mappings, self.unsupported, self.rejected):
            layout.addWidget(label)
        self.show_lines(lines)

    def show_lines(self, lines: ConnectionLines) -> None:
        """Show this connection's current words."""
        self.title.setText(lines.title)
        self.where.setText(lines.where)
        self.state.setText(lines.state)
        self.state.setStyleSheet(f"color: {TONE_COLOURS.get(lines.tone, '#ffffff')}; font-weight: bold;")
        self.times.setText(lines.times)
        self.mappings.setText(translate("Pretix", "Check-in lists:") + "\n" + "\n".join(lines.mappings)
                              if lines.mappings else "")
        self.unsupported.setText(translate("Pretix", "pretix list features this host does not apply:") + "\n"
                                 + "\n".join(lines.unsupported) if lines.unsupported else "")
        self.rejected.setText(translate("Pretix", "Rejected by pretix (not retried):") + "\n"
                              + "\n".join(lines.rejected) if lines.rejected else "")
        for label in (self.mappings, self.unsupported, self.rejected):
            label.setVisible(bool(label.text()))


class PretixSection(QFrame):
    """The pretix part of the host panel (see the module docstring)."""

    connect_requested = Signal(object)  # ConnectRequest
    sync_now_requested = Signal(str, str)  # organizer, event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PretixSection")
        self._request: ConnectRequest | None = None  # the connect under way or waiting for a choice
        self._offer: ConnectRequest | None = None  # a scanned device code waiting for "Connect"
        self._choice_kind = ""
        self.boxes: dict[tuple[str, str], ConnectionBox] = {}
        title = QLabel(translate("Pretix", "pretix sync"))
        title.setStyleSheet("font-size: 17pt; font-weight: bold;")
        how = _label(translate("Pretix", HOW_TO), selectable=False)
        self.setup = QLineEdit()
        self.setup.setPlaceholderText(translate("Pretix", 'Device setup code {"handshake_version":1,…}, or '
                                                          "pretix's address"))
        self.token = QLineEdit()
        self.token.setPlaceholderText(translate("Pretix", "Device token"))
        self.token.setToolTip(translate("Pretix", "With pretix's address: the device's token, shown beside its QR "
                                                  "code in pretix"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.connect_button = QPushButton(translate("Pretix", "Connect"))
        self.connect_button.clicked.connect(self._connect_typed)
        self.setup.returnPressed.connect(self._connect_typed)
        self.token.returnPressed.connect(self._connect_typed)
        fields = QHBoxLayout()
        fields.addWidget(self.setup, 3)
        fields.addWidget(self.token, 1)
        fields.addWidget(self.connect_button)
        # A scanned device code: "Connect this host to https://…?" [Connect] [Cancel]
        self.offer = QFrame()
        self.offer_text = _label()
        self.offer_text.setStyleSheet("font-weight: bold;")
        self.offer_connect = QPushButton(translate("Pretix", "Connect"))
        self.offer_connect.setProperty("primary", True)
        self.offer_connect.clicked.connect(self._connect_offer)
        self.offer_cancel = QPushButton(translate("Pretix", "Cancel"))
        self.offer_cancel.clicked.connect(self.clear_offer)
        offer_row = QHBoxLayout(self.offer)
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_row.addWidget(self.offer_text, 1)
        offer_row.addWidget(self.offer_connect)
        offer_row.addWidget(self.offer_cancel)
        self.offer.setVisible(False)
        # pretix lists several events (or dates): staff choose one.
        self.choice = QFrame()
        self.choice_text = _label(selectable=False)
        self.choices = QComboBox()
        self.choose_button = QPushButton(translate("Pretix", "Connect to this one"))
        self.choose_button.setProperty("primary", True)
        self.choose_button.clicked.connect(self._choose)
        choice_cancel = QPushButton(translate("Pretix", "Cancel"))
        choice_cancel.clicked.connect(self._cancel_choice)
        choice_layout = QVBoxLayout(self.choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.choice_text)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.choices, 1)
        choice_row.addWidget(self.choose_button)
        choice_row.addWidget(choice_cancel)
        choice_layout.addLayout(choice_row)
        self.choice.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setMaximum(0)  # busy: pretix says how far it is in words
        self.progress.setVisible(False)
        self.message = _label()
        self.message.setVisible(False)
        self.none_yet = _label(translate("Pretix", "No event is connected to pretix."), selectable=False)
        self.connections = QVBoxLayout()
        self.connections.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(title)
        layout.addWidget(how)
        layout.addLayout(fields)
        layout.addWidget(self.offer)
        layout.addWidget(self.choice)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.none_yet)
        layout.addLayout(self.connections)

    # --- staff input -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A connect is under way."""
        return self.progress.isVisible()

    def _connect_typed(self) -> None:
        request = request_from_fields(self.setup.text(), self.token.text())
        if isinstance(request, str):
            self.show_message(shown(request), error=True)
            return
        self._start(request)

    def offer_code(self, code: PretixDeviceCode) -> None:
        """A device code was scanned here: offer to connect to it (or say why it cannot be used)."""
        if not code.usable:
            self.clear_offer()
            self.show_message(translate("Pretix", "This pretix device code cannot be used. {reason}").format(
                reason=shown(code.problem)), error=True)
            return
        if self.busy:
            self.show_message(translate("Pretix", "A connect is under way: scan the code again when it has "
                                                 "finished."), error=True)
            return
        self._offer = ConnectRequest(code.url, code.token)
        self.offer_text.setText(translate("Pretix", "Scanned a pretix device code. Connect this host to pretix at "
                                                   "{url}?").format(url=code.url))
        self.offer.setVisible(True)
        self.offer_connect.setFocus()
        self.bring_into_view(self.offer)

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll the host panel so that ``widget`` (a part of this section) is on screen."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(widget)

    def clear_offer(self) -> None:
        """Forget a scanned code's offer."""
        self._offer = None
        self.offer.setVisible(False)

    def _connect_offer(self) -> None:
        if self._offer is not None:
            request, self._offer = self._offer, None
            self.offer.setVisible(False)
            self._start(request)

    def _start(self, request: ConnectRequest) -> None:
        if self.busy:
            return
        self._request = request
        self.choice.setVisible(False)
        self.set_busy(translate("Pretix", "Connecting to pretix at {url}…").format(url=request.url))
        self.connect_requested.emit(request)

    def _choose(self) -> None:
        value = self.choices.currentData()
        if self._request is None or value is None:
            return
        self._start(self._request.choosing(self._choice_kind, str(value)))

    def _cancel_choice(self) -> None:
        self._request = None
        self.choice.setVisible(False)
        self.show_message(translate("Pretix", "Not connected: nothing was changed."))

    # --- filled by the controller ------------------------------------------------------
    def set_busy(self, text: str) -> None:
        """A connect under way ("" = over), with what it does now."""
        self.progress.setVisible(bool(text))
        self.connect_button.setEnabled(not text)
        self.setup.setEnabled(not text)
        self.token.setEnabled(not text)
        if text:
            self.show_message(text)

    def show_progress(self, line: str) -> None:
        """A progress line from the connect under way."""
        if self.busy:
            self.show_message(line)

    def show_answer(self, answer: ConnectAnswer) -> None:
        """How a connect ended: connected, a choice to make, or why not."""
        self.set_busy("")
        if answer.ok:
            self._request = None
            self.setup.clear()
            self.token.clear()
            lines = [connected_summary(answer.result), *getattr(answer.result, "mappings", [])]
            unsupported = list(getattr(answer.result, "unsupported", []) or [])
            if unsupported:
                lines.append(translate("Pretix", "Not supported here: {features}").format(features="; ".join(unsupported)))
            self.show_message("\n".join(lines))
        elif answer.options:
            self._choice_kind = answer.kind
            self.choice_text.setText(translate("Pretix", CHOICE_WORDS[answer.kind]) if answer.kind in CHOICE_WORDS
                                     else shown(answer.error))
            self.choices.clear()
            for value, label in answer.options:
                self.choices.addItem(label, value)
            self.choice.setVisible(True)
            self.message.setVisible(False)
            self.choose_button.setFocus()
            self.bring_into_view(self.choice)
        else:
            self._request = None
            self.show_message(translate("Pretix", "Not connected: {problem}").format(problem=shown(answer.error)),
                              error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        """A line under the fields (green, or red for a problem)."""
        self.message.setStyleSheet(f"color: {TONE_COLOURS[PROBLEM if error else OK]}; font-weight: bold;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_connections(self, connections: list[ConnectionLines], problem: str = "") -> None:
        """Every connection's current status (boxes kept, so a refresh does not flicker or lose focus)."""
        if problem:
            self.show_message(problem, error=True)
        keys = [c.key for c in connections]
        for key in list(self.boxes):
            if key not in keys:
                box = self.boxes.pop(key)
                self.connections.removeWidget(box)
                box.deleteLater()
        for lines in connections:
            box = self.boxes.get(lines.key)
            if box is None:
                box = ConnectionBox(lines)
                box.sync_now.connect(self._sync_now)
                self.boxes[lines.key] = box
                self.connections.addWidget(box)
            else:
                box.show_lines(lines)
        self.none_yet.setVisible(not connections)

    def _sync_now(self, organizer: str, event: str) -> None:
        box = self.boxes.get((organizer, event))
        if box is not None:
            box.state.setText(translate("Pretix", "Syncing now…"))
        self.sync_now_requested.emit(organizer, event)
