"""How names are folded for search in the offline copy, so "MULLER", "Muller" and "mueller" find "Müller".

The station's own copy of the host's ``server.folding`` (the station may not import
``server/`` outside host mode); keep the two alike: one table of cases,
``tests/support/search_cases.py``, runs against both, directly and through a host and a copy.
A text folds to one or two *variants*: casefolded (``ß`` -> ``ss``), accents dropped (NFKD
without combining marks: "François" -> "francois"), a few letters that do not decompose
spelled out (``ø`` -> ``o``, ``ł`` -> ``l``, ``æ`` -> ``ae`` ...), and, when it has a German
umlaut, also the umlaut written out (``ü`` -> ``ue``). A query matches a name when any variant
of the query is part of any variant of the name.
"""

from __future__ import annotations

import unicodedata

# Bump when the folding changes: the copy refolds its names when the store opens.
FOLD_VERSION = 2
# Letters NFKD leaves alone, as people without the key type them.
_PLAIN = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_variants(text: str) -> list[str]:
    """The folded forms of ``text``: accents dropped, and (if it differs) German umlauts spelled out."""
    base = unicodedata.normalize("NFC", text.casefold()).translate(_PLAIN)
    plain = _strip_marks(base)
    german = _strip_marks(base.translate(_GERMAN))
    return [plain] if german == plain else [plain, german]


def fold_names(*names: str | None) -> str:
    """Every variant of the non-empty ``names``, joined by newlines (a position's ``names_folded``)."""
    folded: list[str] = []
    for name in names:
        if name:
            folded.extend(v for v in fold_variants(name) if v not in folded)
    return "\n".join(folded)


def names_match(variants: list[str], *names: str | None) -> bool:
    """Whether a query folded to ``variants`` is part of one of ``names`` (any variant of either)."""
    return any(q in v for name in names if name for v in fold_variants(name) for q in variants)
