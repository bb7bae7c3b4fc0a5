"""Every word the station shows is translated: marked in the code, present and finished in each catalog,
placeholders kept, the compiled catalogs current. Failures name each text with its file and line.

After merging code that adds words: ``scripts/translations.sh`` (lupdate + lrelease), translate what it
reports as unfinished in ``kiosk/translations/checkin_kiosk_<code>.ts``, then run it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.station.presenting import offline_banner
from tests.support.catalogs import ROOT, catalog_paths, marked_texts, placeholders, read_catalog
from tests.support.untranslated import untranslated

HOW = "Run scripts/translations.sh, translate what it reports as unfinished, run it again (docs/translations.md)."


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6 (pip install the package's dependencies)")
    return found


def test_every_text_the_station_shows_goes_through_translation():
    found = untranslated()
    assert not found, (
        "Shown without translation (wrap each in translate(\"Context\", \"...\") from kiosk.i18n, or "
        "QT_TRANSLATE_NOOP for a constant; allowlist in tests/support/untranslated.py only what is not words "
        f"for people), then: {HOW}\n" + "\n".join(map(str, found)))


def test_there_is_a_german_catalog():
    assert [p.name for p in catalog_paths()] == ["checkin_kiosk_de.ts"] or "de" in i18n.available_languages()
    assert "de" in i18n.available_languages()


@pytest.mark.parametrize("catalog", catalog_paths(), ids=lambda p: p.stem)
def test_every_marked_text_is_in_the_catalog_and_translated(catalog):
    messages = read_catalog(catalog)
    problems = []
    for text in marked_texts():
        message = messages.get((text.context, text.source))
        where = f"{text.path}:{text.line}: [{text.context}] {text.source!r}"
        if message is None:
            problems.append(f"{where}: missing from {catalog.name}")
        elif not message.finished:
            problems.append(f"{where}: unfinished in {catalog.name}")
        elif text.plural and not message.plural:
            problems.append(f"{where}: a plural, but not one in {catalog.name}")
    assert not problems, f"{len(problems)} texts not translated. {HOW}\n" + "\n".join(problems)


@pytest.mark.parametrize("catalog", catalog_paths(), ids=lambda p: p.stem)
def test_translations_keep_every_placeholder(catalog):
    wrong = []
    for message in read_catalog(catalog).values():
        if not message.finished:
            continue
        for text in message.translations:
            if placeholders(text) != placeholders(message.source):
                wrong.append(f"[{message.context}] {message.source!r} -> {text!r}")
    assert not wrong, f"{catalog.name}: a translation must keep the source's {{placeholders}} and %n:\n" + \
        "\n".join(wrong)


def test_plurals_have_every_form_german_needs():
    catalog = read_catalog(next(p for p in catalog_paths() if p.stem.endswith("_de")))
    plurals = [m for m in catalog.values() if m.plural]
    assert plurals, "the plural texts (e.g. check-ins waiting) are not marked as plurals"
    assert all(len(m.translations) == 2 for m in plurals), [m.source for m in plurals if len(m.translations) != 2]


def test_catalogs_are_up_to_date_with_the_code_and_compiled(tmp_path):
    """What lupdate would extract now is in the committed .ts, and the committed .qm says what the .ts says."""
    from PySide6.QtCore import QTranslator

    lupdate = _tool("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "kiosk").rglob("*.py"))
    for catalog in catalog_paths():
        fresh = tmp_path / catalog.name
        shutil.copy(catalog, fresh)
        subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
                       check=True, capture_output=True, timeout=120)
        committed, now = read_catalog(catalog), read_catalog(fresh)
        new = sorted(f"[{c}] {s!r}" for (c, s) in now.keys() - committed.keys())
        gone = sorted(f"[{c}] {s!r}" for (c, s) in committed.keys() - now.keys())
        assert not new and not gone, (f"{catalog.name} is not up to date with the code. {HOW}\nnew: "
                                      + "\n     ".join(new) + "\nno longer in the code: " + "\n     ".join(gone))
        shipped = catalog.with_suffix(".qm")
        translator = QTranslator()
        assert translator.load(str(shipped)), f"{shipped.relative_to(ROOT)} is missing or unreadable: {HOW}"
        stale = []
        for message in committed.values():
            if not message.finished:
                continue
            if message.plural:  # German: the first form for 1, the second for 2 (%n is filled in later)
                got = tuple(translator.translate(message.context, message.source, None, n) for n in (1, 2))
                want = message.translations[:2]
            else:
                got, want = translator.translate(message.context, message.source), message.translations[0]
            if got != want:
                stale.append(f"[{message.context}] {message.source!r}: the .qm says {got!r}")
        assert not stale, f"{shipped.relative_to(ROOT)} is not the compiled {catalog.name}: {HOW}\n" + "\n".join(stale)


def test_counts_read_right_in_english_without_a_catalog():
    assert "1 check-in waiting to upload" in offline_banner(True, 30.0, 1)
    assert "37 check-ins waiting to upload" in offline_banner(True, 30.0, 37)
    assert "0 check-ins waiting to upload" in offline_banner(True, 30.0, 0)


def test_languages_are_the_catalogs_and_the_system_locale_picks_one():
    assert i18n.language_choices()[:2] == ("system", "en") and "de" in i18n.language_choices()
    assert i18n.language_for_locale("de_AT.UTF-8") == "de"
    assert i18n.language_for_locale("de") == "de"
    assert i18n.language_for_locale("fr_FR.UTF-8") == "en"  # no French catalog (yet): English
    assert i18n.language_for_locale("C") == "en"


def test_a_marked_text_stays_english_in_logs_and_shows_translated():
    text = i18n.later(i18n.QT_TRANSLATE_NOOP("Camera", "Camera {index} is not open."), index=2)
    assert str(text) == "Camera 2 is not open." and f"{text}" == "Camera 2 is not open."
    german = {("Camera", "Camera {index} is not open."): "Kamera {index} ist nicht geöffnet."}
    i18n.install(lambda context, source, _d, _n: german.get((context, source), source))
    try:
        assert i18n.shown(text) == "Kamera 2 ist nicht geöffnet."
        assert i18n.shown(str(text)) == "Kamera 2 ist nicht geöffnet."  # a plain str, as a Qt signal hands it on
        assert i18n.shown("something else") == "something else"
    finally:
        i18n.install(None)


def test_an_error_raised_with_a_marked_constant_shows_translated_after_str():
    # HostError(QT_TRANSLATE_NOOP("Host", "…")) reaches the GUI as str(exc): a plain str, its context lost.
    error = RuntimeError(i18n.QT_TRANSLATE_NOOP("Host", "The host server is not running; start it first."))
    german = {("Host", "The host server is not running; start it first."):
              "Der Host-Server läuft nicht; starten Sie ihn zuerst."}
    i18n.install(lambda context, source, _d, _n: german.get((context, source), source))
    try:
        assert type(str(error)) is str
        assert i18n.shown(str(error)) == "Der Host-Server läuft nicht; starten Sie ihn zuerst."
    finally:
        i18n.install(None)
