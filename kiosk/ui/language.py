"""Install the station's language: its catalog, Qt's own (standard buttons), the locale for dates and numbers.

``use_language("de")`` loads ``kiosk/translations/checkin_kiosk_de.qm`` and Qt's ``qtbase_de.qm``
(from PySide6's translations folder, ``QLibraryInfo``), sets the default QLocale, and points
``kiosk.i18n`` (the Qt-free marker) at ``QCoreApplication.translate`` and that locale. Call it
before any widget is made: widgets take their words when they are built.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTime, QTranslator

from kiosk import i18n

log = logging.getLogger(__name__)

# The locale for a language when the system's own locale speaks another one (24-hour clock, day first).
DEFAULT_LOCALES = {"en": "en_GB", "de": "de_DE"}
_installed: list[QTranslator] = []


def resolve(setting: str, system_locale: str | None = None) -> str:
    """The language code for the ``language`` setting: itself, or the system locale's language for ``system``."""
    if setting != i18n.SYSTEM:
        return setting
    return i18n.language_for_locale(system_locale or QLocale.system().name())


def locale_for(code: str, system: QLocale | None = None) -> QLocale:
    """The system's locale if it speaks ``code`` (de_AT keeps its own formats), else a common one for ``code``."""
    system = system or QLocale.system()
    if system.name().split("_")[0] == code:
        return system
    return QLocale(DEFAULT_LOCALES.get(code, code))


def qt_translations_dir() -> Path:
    """Where Qt's own catalogs are (``qtbase_de.qm``): QLibraryInfo's path, else the PySide6 package's."""
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if path.is_dir():
        return path
    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def use_language(setting: str) -> str:
    """Translate the station into the language ``setting`` names (``system``, ``en``, ``de``…); the code used."""
    app = QCoreApplication.instance()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    code = resolve(setting)
    if code != i18n.SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(i18n.TRANSLATIONS_DIR / f"{i18n.CATALOG_PREFIX}{code}.qm")):
            _installed.append(ours)
        else:
            log.warning("no catalog for language %s in %s: the station speaks English", code, i18n.TRANSLATIONS_DIR)
            code = i18n.SOURCE_LANGUAGE
        qt = QTranslator(app)
        if code != i18n.SOURCE_LANGUAGE and qt.load(f"qtbase_{code}", str(qt_translations_dir())):
            _installed.append(qt)
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    locale = locale_for(code)
    QLocale.setDefault(locale)
    i18n.install(_translate, number=locale.toString, time=lambda when: _time(locale, when),
                 day_time=lambda when: _day_time(locale, when))
    log.info("language %s (setting %s), locale %s", code, setting, locale.name())
    return code


def _translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def _time(locale: QLocale, when: datetime) -> str:
    return locale.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)


def _day_time(locale: QLocale, when: datetime) -> str:
    day = locale.toString(QDate(when.year, when.month, when.day), "d MMM")
    return f"{day} {_time(locale, when)}"
