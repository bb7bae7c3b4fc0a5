"""Installing a language: its catalog and Qt's, the locale for dates and numbers, English again."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from kiosk import i18n
from kiosk.ui.language import locale_for, resolve, use_language


@pytest.fixture
def english_afterwards(qapp):
    yield
    use_language("en")


def test_system_follows_the_locale_and_a_code_is_itself():
    assert resolve("system", "de_CH.UTF-8") == "de"
    assert resolve("system", "pt_BR.UTF-8") == "en"  # no catalog: English
    assert resolve("de", "en_US.UTF-8") == "de"
    assert locale_for("de", QLocale("de_AT")).name() == "de_AT"  # a German system keeps its own formats
    assert locale_for("de", QLocale("en_US")).name() == "de_DE"


def test_german_translates_words_qt_buttons_numbers_and_times(english_afterwards):
    assert use_language("de") == "de"
    assert i18n.translate("Result", "VALID") == "GÜLTIG"
    assert i18n.plural(1).translate("Banner", "%n check-in(s) waiting to upload", None, 1) == \
        "1 Check-in wartet auf Übertragung"
    assert i18n.plural(37).translate("Banner", "%n check-in(s) waiting to upload", None, 1) == \
        "37 Check-ins warten auf Übertragung"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"  # qtbase_de.qm
    assert i18n.format_number(12345) == "12.345"
    assert i18n.format_time(datetime(2026, 9, 18, 14, 2)) == "14:02"
    assert use_language("en") == "en"
    assert i18n.translate("Result", "VALID") == "VALID" and i18n.format_number(12345) == "12,345"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
