"""The checks the German screen tests rely on can fail: a cut-off label, a cut-off button, English left."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tests.support.clipping import clipped, english_left


def test_a_label_or_button_too_small_for_its_text_is_named(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    fits = QLabel("OK", page)
    long = QLabel("Halten Sie den QR-Code Ihres Tickets vor die Kamera", page)
    wrapped = QLabel("Sehr langer Text, der umbricht, aber nicht in zwanzig Pixel Höhe passt", page)
    wrapped.setWordWrap(True)
    button = QPushButton("Veranstaltungsdatei importieren…", page)
    fits.setGeometry(0, 0, 100, 40)
    long.setGeometry(0, 40, 120, 40)
    wrapped.setGeometry(0, 80, 160, 20)
    button.setGeometry(0, 100, 60, 30)
    page.resize(400, 200)
    page.show()
    found = clipped(page)
    assert len(found) == 3, found
    assert any("Halten Sie" in f and "wide" in f for f in found)
    assert any("Sehr langer" in f and "high" in f for f in found)
    assert any("Veranstaltungsdatei" in f for f in found)


def test_a_text_left_in_english_is_named(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("Suche"))
    layout.addWidget(QPushButton("Refresh"))
    layout.addWidget(QLabel("Status"))  # the same word in German: not a leftover
    page.show()
    assert english_left(page, {"Search": "Suche", "Refresh": "Aktualisieren", "Status": "Status"}) == ["Refresh"]
