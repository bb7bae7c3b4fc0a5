"""The "nothing shown untranslated" walk names what it should, and only that."""

from __future__ import annotations

from pathlib import Path

from tests.support.untranslated import untranslated

SOURCE = '''
"""A docstring is not shown."""
import logging

from kiosk.i18n import QT_TRANSLATE_NOOP, plural, translate

log = logging.getLogger(__name__)
WORD = QT_TRANSLATE_NOOP("Result", "VALID")
BARE = "NOT VALID NOW"
MODES = {"automatic": "Automatic"}


class View:
    def build(self, label, n, state):
        label.setText(translate("View", "Find a ticket"))
        label.setText(plural(n).translate("View", "%n found", None, 1))
        label.setText("Back to scanning (Esc)")
        label.setToolTip(f"Copy the {state} to the clipboard")
        label.setStyleSheet("font-size: 20pt; color: #ffffff;")
        log.warning("Camera %s failed", state)
        if state == "Camera":
            raise ValueError("Not for people")
        return {"CERT_NONE": "GET", "method": "GET"}
'''


def test_unwrapped_words_are_named_with_file_and_line_and_nothing_else(tmp_path: Path):
    ui = tmp_path / "kiosk" / "ui"
    ui.mkdir(parents=True)
    (ui / "view.py").write_text(SOURCE, encoding="utf-8")
    found = [str(f) for f in untranslated(tmp_path)]
    assert found == ["kiosk/ui/view.py:9: 'NOT VALID NOW'", "kiosk/ui/view.py:10: 'Automatic'",
                     "kiosk/ui/view.py:17: 'Back to scanning (Esc)'",
                     "kiosk/ui/view.py:18: 'Copy the {…} to the clipboard'"]
