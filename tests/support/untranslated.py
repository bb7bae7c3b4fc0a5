"""Find words a station shows without going through Qt's translation (an AST walk; no Qt).

A *text* is a string literal (or an f-string) that reads like words for people: two or more
letters and a space, a capital or an ellipsis. It is fine where it is
- inside ``translate(...)``/``QT_TRANSLATE_NOOP(...)``/``self.tr(...)`` (what lupdate extracts),
- a docstring, a comment's neighbour such as a log line (``log.info(...)``: logs stay English),
  an exception for programmers (``raise ValueError(...)``), a style sheet, an object name,
  a dict key or a comparison operand (``state == "Camera"``), an ``__repr__``,
- or listed in ``ALLOWED`` with the reason.
Anything else is reported as ``file:line: 'text'``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The station's user-visible text lives in these files (Qt widgets, and the Qt-free modules whose
# words reach the screen). A new UI module under kiosk/ui is walked without being listed.
SCANNED = ("kiosk/ui", "kiosk/station/presenting.py", "kiosk/station/screens.py",
           "kiosk/station/pretix_lines.py", "kiosk/client/errors.py",
           "kiosk/scanning/cameras.py", "kiosk/scanning/codes.py", "kiosk/offline", "kiosk/selftest.py",
           "kiosk/scanning/decoder.py", "kiosk/scanning/decoding.py", "kiosk/scanning/sources.py",
           "kiosk/hosting")
SKIPPED_FILES = {"kiosk/ui/style.py"}  # colours and style sheets only

MARKERS = {"translate", "tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "QT_TRANSLATE_N_NOOP", "QT_TR_N_NOOP"}
# Calls whose string arguments are never shown to people.
NOT_SHOWN_CALLS = {
    "debug", "info", "warning", "error", "exception", "critical", "log", "getLogger",
    "setStyleSheet", "setObjectName", "setProperty", "property", "setAccessibleName", "QColor", "Signal",
    "startswith", "endswith", "split", "partition", "replace", "get", "pop", "setdefault", "strftime",
    "strptime", "fromisoformat", "compile", "match", "fullmatch", "search", "sub", "Path", "joinpath",
    "open", "setApplicationName", "setOrganizationName", "environ", "getenv", "fields", "encode", "decode", "format_exc", "dump_traceback_later", "QRegularExpression", "QUrl", "join",
    "setSuffix",  # checked on its own: units are translated where they are words
    "isinstance", "hasattr", "getattr", "setattr", "dataclass", "field", "namedtuple", "NamedTuple",
    "section", "select", "execute", "QKeySequence", "QMediaDevices", "fromTheme", "setWindowRole",
}
PROGRAMMER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError", "NotImplementedError",
                     "AttributeError", "OSError", "SettingsError", "IndexError", "LookupError", "StopIteration"}
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|AND|OR)\b|^\s*(substr|instr)\(|order_status = ")
CSS = re.compile(r"[a-z-]+\s*:\s*[^;]+;|^\s*Q[A-Z]\w+\s*(#|\{|::)|^#\w+")
WORDISH = re.compile(r"[A-Za-zÄÖÜäöüß]{2}")

# (file, text) pairs that are right as they are, with why.
ALLOWED: dict[tuple[str, str], str] = {
    ("kiosk/ui/language.py", "en_GB"): "a locale name",
    ("kiosk/ui/language.py", "de_DE"): "a locale name",
    ("kiosk/ui/language.py", "Qt"): "a folder name",
    ("kiosk/ui/language.py", "d MMM"): "a date pattern",
    ("kiosk/ui/settings_dialog.py", "English"): "each language is offered in its own words",
    ("kiosk/ui/setup_view.py", '{"version": 3, "url": "http://…/pretixdroid/api/ORG/EVENT/", "key": "…"}'):
        "an example of the setup JSON, which is the same in every language",
    ("kiosk/ui/station.py", "command line"): "a setup's origin tag, never shown",
    ("kiosk/offline/refresh.py", "download answer is not UTF-8"): "a log line's detail",
    ("kiosk/offline/refresh.py", "download answer is not the API's JSON: {…}"): "a log line's detail",
    ("kiosk/scanning/decoder.py", "{…} pictures decoded, {…} unchanged ones skipped; per picture: median {…} ms, "
                                  "95th percentile {…} ms, max {…} ms"): "decoder statistics for the log",
    ("kiosk/hosting/service.py", "{…} (host {…})"): "the host station's own key name, stored on the host",
    ("kiosk/ui/arrivals_chart.py", "UTC"): "a time zone name",
    ("kiosk/ui/overview_view.py", "UTC"): "a time zone name",
    ("kiosk/ui/overview_view.py", "pretix sync: "): "the host's English prefix, taken off its text",
    ("kiosk/selftest.py", "[ OK ]"): "the checklist's marks stay the same in every language: scripts look for them",
    ("kiosk/selftest.py", "[FAIL]"): "the checklist's marks stay the same in every language: scripts look for them",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")  # CERT_NONE: a name in code, not a word
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


def _is_text(value: str) -> bool:
    if not WORDISH.search(value) or IDENTIFIER.match(value) or value in HTTP_METHODS:
        return False
    if CSS.search(value) or SQL.search(value):
        return False
    if value.startswith(("http://", "https://", "rtsp://", "%(", "<", "*.")):
        return False
    return " " in value.strip() or any(c.isupper() for c in value) or "…" in value


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


class _Walker(ast.NodeVisitor):
    def __init__(self, path: str, skip: set[int]) -> None:
        self.path = path
        self.skip = skip
        self.found: list[Finding] = []

    def _skip_subtree(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            self.skip.add(id(sub))

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 - ast API
        name = _call_name(node)
        if name in MARKERS or name in NOT_SHOWN_CALLS:
            self._skip_subtree(node)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:  # noqa: N802 - ast API
        if isinstance(node.exc, ast.Call) and _call_name(node.exc) in PROGRAMMER_ERRORS:
            self._skip_subtree(node.exc)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:  # noqa: N802 - ast API
        self._skip_subtree(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:  # noqa: N802 - ast API
        self._skip_subtree(node.slice)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:  # noqa: N802 - ast API
        for key in node.keys:
            if key is not None:
                self._skip_subtree(key)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:  # noqa: N802 - ast API
        if node.name in ("__repr__", "__str__"):
            self._skip_subtree(node)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:  # noqa: N802 - ast API
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            self._skip_subtree(node.value)
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:  # noqa: N802 - ast API
        if id(node) in self.skip:
            return
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        shown = "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
        if _is_text(literal) and (self.path, shown) not in ALLOWED:
            self.found.append(Finding(self.path, node.lineno, shown))
        self._skip_subtree(node)

    def visit_Constant(self, node: ast.Constant) -> None:  # noqa: N802 - ast API
        if id(node) in self.skip or not isinstance(node.value, str):
            return
        if _is_text(node.value) and (self.path, node.value) not in ALLOWED:
            self.found.append(Finding(self.path, node.lineno, node.value))


def scanned_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for entry in SCANNED:
        path = root / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return [f for f in files if str(f.relative_to(root)) not in SKIPPED_FILES]


def untranslated(root: Path = ROOT) -> list[Finding]:
    """Every text in the scanned files that is shown without translation, in file and line order."""
    found: list[Finding] = []
    for path in scanned_files(root):
        rel = str(path.relative_to(root))
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        walker = _Walker(rel, _docstrings(tree))
        walker.visit(tree)
        found += walker.found
    return found


if __name__ == "__main__":
    for finding in untranslated():
        print(finding)
