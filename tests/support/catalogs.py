"""The station's translation catalogs as data, and what the code marks for translation (an AST walk; no Qt).

``marked_texts()`` finds every ``translate("Context", "text")``, ``QT_TRANSLATE_NOOP("Context", "text")``
and ``plural(n).translate("Context", "text", None, 1)`` in kiosk/ with literal arguments, where they
are; ``read_catalog(path)`` reads a ``.ts`` file's messages. The translation test compares the two,
so a text lupdate would miss (or that nobody ran lupdate for) is named with its file and line.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "kiosk" / "translations"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


@dataclass(frozen=True)
class Marked:
    """A text the code marks for translation, and where."""

    context: str
    source: str
    plural: bool
    path: str
    line: int


@dataclass(frozen=True)
class Message:
    """One message of a ``.ts`` catalog."""

    context: str
    source: str
    plural: bool
    translations: tuple[str, ...]  # one, or the numerus forms
    finished: bool


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def marked_texts(root: Path = ROOT) -> list[Marked]:
    """Every marked text in kiosk/**/*.py with literal context and text, in file and line order."""
    found: list[Marked] = []
    for path in sorted((root / "kiosk").rglob("*.py")):
        rel = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), rel)):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            context, source = _literal(node.args[0]), _literal(node.args[1])
            if context is None or source is None:
                continue  # translate("Context", CONSTANT): the constant is marked where it is made
            plural = (name == "translate" and isinstance(node.func, ast.Attribute)
                      and isinstance(node.func.value, ast.Call) and getattr(node.func.value.func, "id", "") == "plural")
            found.append(Marked(context, source, plural, rel, node.lineno))
    return found


def catalog_paths(directory: Path = TRANSLATIONS) -> list[Path]:
    """Every language's ``.ts`` file."""
    return sorted(directory.glob("checkin_kiosk_*.ts"))


def read_catalog(path: Path) -> dict[tuple[str, str], Message]:
    """The messages of a ``.ts`` file by (context, source); vanished/obsolete ones left out."""
    messages: dict[tuple[str, str], Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            plural = message.get("numerus") == "yes"
            if plural:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",) if translation is not None else ("",)
            source = message.findtext("source") or ""
            messages[(name, source)] = Message(name, source, plural, texts,
                                               kind != "unfinished" and all(texts))
    return messages


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a text (and ``%n``)."""
    found = set(PLACEHOLDER.findall(text))
    return found | ({"%n"} if "%n" in text else set())
