"""The station's words in the staff's language, without Qt (the widgets install the real translator).

Every text a station shows is marked so that ``pyside6-lupdate`` extracts it into
``kiosk/translations/checkin_kiosk_<code>.ts`` (see docs/translations.md):

* ``translate("Context", "text {name}").format(name=...)`` where the text is made at run time
  (after ``kiosk.ui.language`` installed Qt's translator; until then, and in plain Python tests,
  it returns the English source);
* ``QT_TRANSLATE_NOOP("Context", "text")`` for constants made at import time; where they are
  shown they go through ``translate("Context", constant)``;
* plurals: ``plural(n).translate("Context", "%n check-in(s) waiting", None, 1)``; English has no catalog,
  so "(s)" is resolved here.

Placeholders are Python's ``{name}`` (translators keep them as they are). The journal, CSV
exports, logs and the HTTP API stay English: they never go through ``translate``.
Dates, times and numbers go through ``format_time``/``format_day_time``/``format_number``, which
the widgets point at the chosen QLocale.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
CATALOG_PREFIX = "checkin_kiosk_"
SOURCE_LANGUAGE = "en"
SYSTEM = "system"

Translator = Callable[[str, str, str | None, int], str]
_translator: Translator | None = None
_number: Callable[[int], str] = str
_time: Callable[[datetime], str] = lambda when: when.strftime("%H:%M")  # noqa: E731
_day_time: Callable[[datetime], str] = lambda when: f"{when.day} {when:%b %H:%M}"  # noqa: E731


class Text(str):
    """English words (the ``str`` itself: logs and journal stay English) that can show themselves translated.

    Made by ``QT_TRANSLATE_NOOP`` (a constant) or ``later(QT_TRANSLATE_NOOP(...), name=value)`` (a text
    with placeholders filled in); ``shown(text)`` gives it in the station's language.
    """

    context: str
    source: str
    args: dict

    def __new__(cls, context: str, source: str, args: dict | None = None) -> Text:
        made = super().__new__(cls, source.format(**args) if args else source)
        made.context, made.source, made.args = context, source, dict(args or {})
        # ``str(exc)`` and Qt signals hand on a plain str: ``shown`` finds the text again by its English.
        with _recent_lock:
            if args:
                _recent[str(made)] = made
                while len(_recent) > RECENT_TEXTS:
                    _recent.pop(next(iter(_recent)))
            else:  # a constant: one per marked text in the code, so this stays small
                _marked.setdefault(source, made)
        return made


RECENT_TEXTS = 256
_recent: dict[str, Text] = {}
_marked: dict[str, Text] = {}
_recent_lock = threading.Lock()


def QT_TRANSLATE_NOOP(context: str, text: str) -> Text:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; it stays English until shown (``shown``, ``translate``)."""
    return Text(context, text)


def later(text: Text, **args: object) -> Text:
    """A marked text with its ``{placeholders}`` filled: English as a ``str``, translated by ``shown``."""
    return Text(text.context, text.source, args)


def shown(text: str | None) -> str:
    """``text`` as the station shows it: a ``Text`` translated in its context (its arguments too); any other
    message looked up among the operator messages (context ``Messages``), else as it is."""
    if not text:
        return text or ""
    text = text if isinstance(text, Text) else _recent.get(text) or _marked.get(text, text)
    if isinstance(text, Text):
        args = {name: shown(value) if isinstance(value, str) else value for name, value in text.args.items()}
        return translate(text.context, text.source).format(**args) if args else translate(text.context, text.source)
    return translate("Messages", text)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the station's language (English until a translator is installed); ``%n`` = ``n``."""
    result = _translator(context, text, disambiguation, n) if _translator is not None else text
    if n >= 0:
        result = result.replace("%n", str(n)).replace("(s)", "" if n == 1 else "s")
    return result


class plural:  # noqa: N801 - reads as a function: plural(n).translate(...)
    """A count for a plural text: ``plural(n).translate("Context", "%n check-in(s) waiting", None, 1)``.

    The literal ``1`` is for ``pyside6-lupdate``, which marks a text as a plural (numerus forms) only
    when it sees a number there; the count used is ``n``.
    """

    def __init__(self, n: int) -> None:
        self.n = int(n)

    def translate(self, context: str, text: str, disambiguation: str | None = None, _numerus: int = 1) -> str:
        """``text`` in the station's language, in the form for ``n`` (``%n`` replaced by it)."""
        return translate(context, text, disambiguation, self.n)


def install(translator: Translator | None, number: Callable[[int], str] = str,
            time: Callable[[datetime], str] | None = None, day_time: Callable[[datetime], str] | None = None) -> None:
    """Use ``translator`` (Qt's ``QCoreApplication.translate``) and these formatters; ``None``: English again."""
    global _translator, _number, _time, _day_time
    _translator = translator
    _number = number
    _time = time or (lambda when: when.strftime("%H:%M"))
    _day_time = day_time or (lambda when: f"{when.day} {when:%b %H:%M}")


def format_number(value: int) -> str:
    """A count as the chosen locale writes it ("1,234" / "1.234")."""
    return _number(value)


def format_time(when: datetime) -> str:
    """A clock time ("14:02") as the chosen locale writes it."""
    return _time(when)


def format_day_time(when: datetime) -> str:
    """A day and clock time, for a time that is not today."""
    return _day_time(when)


def available_languages(directory: Path = TRANSLATIONS_DIR) -> tuple[str, ...]:
    """English and every language with a catalog (``checkin_kiosk_<code>.ts`` or ``.qm``), sorted."""
    codes = {path.stem[len(CATALOG_PREFIX):] for pattern in ("*.ts", "*.qm")
             for path in directory.glob(CATALOG_PREFIX + pattern)}
    return (SOURCE_LANGUAGE, *sorted(codes - {SOURCE_LANGUAGE}))


def language_choices() -> tuple[str, ...]:
    """The values of the ``language`` setting and ``--language``: ``system``, then the language codes."""
    return (SYSTEM, *available_languages())


def language_for_locale(locale_name: str, available: tuple[str, ...] | None = None) -> str:
    """The station language for a system locale such as ``de_AT.UTF-8`` (English when there is no catalog)."""
    available = available if available is not None else available_languages()
    code = locale_name.replace("-", "_").split(".")[0].split("@")[0]
    for candidate in (code, code.split("_")[0]):
        if candidate in available:
            return candidate
    return SOURCE_LANGUAGE
