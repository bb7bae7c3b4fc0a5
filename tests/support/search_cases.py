"""One table of name searches that the host and the station's offline copy must answer alike.

Each case: what a steward types, the attendee name on the ticket, and whether it is found.
Run against both foldings directly (tests/unit/test_search_table.py) and through a real host
over HTTP and a real station copy (tests/integration/test_search_table.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchCase:
    name: str  # the case's id
    query: str
    attendee: str
    found: bool


CASES = [
    SearchCase("same spelling", "Müller", "Jürgen Müller", True),
    SearchCase("capitals without umlaut", "MULLER", "Jürgen Müller", True),
    SearchCase("umlaut dropped", "Muller", "François Müller", True),
    SearchCase("umlaut written out", "mueller", "Jürgen Müller", True),
    SearchCase("umlaut written out in capitals", "MUELLER", "Jürgen Müller", True),
    SearchCase("umlaut typed, name written out", "Müller", "Hans Mueller", True),
    SearchCase("written out does not find a plain u", "mueller", "Hans Muller", False),
    SearchCase("cedilla dropped", "Francois", "François Müller", True),
    SearchCase("cedilla typed, name without", "FRANÇOIS", "Francois Dupont", True),
    SearchCase("acute accent dropped", "jose garcia", "José García", True),
    SearchCase("caron dropped", "dvorak", "Antonín Dvořák", True),
    SearchCase("sharp s as ss", "strasse", "Anna Straße", True),
    SearchCase("ss typed as sharp s", "Straße", "Anna Strasse", True),
    SearchCase("o slash", "Bjorn", "Bjørn Ås", True),
    SearchCase("l stroke", "Lukasz", "Łukasz Nowak", True),
    SearchCase("ae ligature", "Aeschylus", "Æschylus", True),
    SearchCase("decomposed umlaut in the query", "Mu\u0308ller", "Jürgen Müller", True),
    SearchCase("decomposed umlaut in the name", "Müller", "Jürgen Mu\u0308ller", True),
    SearchCase("diaeresis on e", "Noel Smith", "Noël Smith", True),
    SearchCase("a start of a name", "muel", "Jürgen Müller", True),
    SearchCase("another name", "Muller", "Gustav Mahler", False),
    SearchCase("accents do not join words", "jurgenmuller", "Jürgen Müller", False),
]
