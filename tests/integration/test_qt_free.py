"""Everything outside kiosk/ui is Qt-free: importing any other module of kiosk/ or server/ loads no PySide6.

The walk finds the modules itself, so a new module is checked without being listed. The
station's modules also stay free of the web server (Flask, cheroot), and only host mode
(kiosk/hosting/) may use the server package. ``__main__`` modules are left out: importing
them runs the program (they only call ``cli.main``, which is walked).

Each package is imported in a fresh interpreter, one module after another; after each import
the test looks at what is loaded, so the first module that brings in a forbidden package is
the one named (whatever it loaded on the way is its doing).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_GLUE = ("kiosk.ui",)  # widgets and the thin Qt glue, by design
HOSTING = ("kiosk.hosting",)  # host mode runs the server in the station

CHECK = """
import importlib, json, sys
report = []
for module, forbidden in json.loads(sys.argv[1]):
    importlib.import_module(module)
    loaded = {name.partition(".")[0] for name in sys.modules}
    report.append([module, sorted(loaded & set(forbidden))])
print(json.dumps(report))
"""


def modules(package: str) -> list[str]:
    """Every module of ``package`` (a folder under the repository root), sorted, ``__main__`` left out."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        found.append(".".join(parts))
    return found


def within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def first_offenders(checks: list[tuple[str, list[str]]]) -> dict[str, str]:
    """Import each module in turn in a fresh interpreter; for each forbidden package, the module that loaded it."""
    result = subprocess.run([sys.executable, "-c", CHECK, json.dumps(checks)], capture_output=True, text=True,
                            timeout=240, cwd=ROOT, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    offenders: dict[str, str] = {}
    for module, loaded in json.loads(result.stdout):
        for name in loaded:
            offenders.setdefault(name, module)
    return offenders


def test_everything_outside_kiosk_ui_is_qt_free():
    kiosk = [m for m in modules("kiosk") if not within(m, QT_GLUE)]
    # Host mode may load the server package: import it last, after every module that may not.
    kiosk.sort(key=lambda m: within(m, HOSTING))
    kiosk_checks = [(m, ["PySide6", "flask", "cheroot"] + ([] if within(m, HOSTING) else ["server"]))
                    for m in kiosk]  # fmt: skip
    server_checks = [(m, ["PySide6", "kiosk"]) for m in modules("server")]
    assert len(kiosk_checks) > 30 and len(server_checks) > 20  # the walk found the packages
    assert first_offenders(kiosk_checks) == {}
    assert first_offenders(server_checks) == {}
