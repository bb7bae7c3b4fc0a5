"""What a person would see cut off or left in English on a window (real widgets, their real fonts).

``clipped(root)`` lists every visible label whose text needs more room than the label has (font
metrics against the label's contents rectangle, wrapping as the label wraps) and every button narrower
than its text needs. ``english_left(root, catalog)`` lists visible texts that are still an English
source text although the catalog translates it differently.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.staff_bar import ElidingLabel

SLACK = 1  # pixels of rounding


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and (widget is root or root.isAncestorOf(widget))


def _label_problem(label: QLabel) -> str:
    text = label.text()
    if not text or isinstance(label, ElidingLabel):  # the staff bar's name elides by design, whole in its tooltip
        return ""
    rect = label.contentsRect()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        doc.setDocumentMargin(0)
        if label.wordWrap():
            doc.setTextWidth(rect.width())
        need_w, need_h = doc.idealWidth(), doc.size().height()
    else:
        metrics = label.fontMetrics()
        if label.wordWrap():
            box = metrics.boundingRect(QRect(0, 0, rect.width(), 100_000),
                                       int(Qt.TextFlag.TextWordWrap | label.alignment()), text)
            need_w, need_h = box.width(), box.height()
        else:
            lines = text.split("\n")
            need_w = max(metrics.horizontalAdvance(line) for line in lines)
            need_h = metrics.height() * len(lines)
    if need_w > rect.width() + SLACK:
        return f"needs {need_w:.0f} px wide, has {rect.width()}"
    if need_h > rect.height() + SLACK:
        return f"needs {need_h:.0f} px high, has {rect.height()}"
    return ""


def clipped(root: QWidget) -> list[str]:
    """Every visible label or button of ``root`` whose text does not fit it, with by how much."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
            if problem:
                problems.append(f"{type(widget).__name__} {widget.text()!r}: {problem}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
            if need > widget.width() + SLACK:
                problems.append(f"{type(widget).__name__} {widget.text()!r}: needs {need} px wide, has {widget.width()}")
    return problems


def visible_texts(root: QWidget) -> list[str]:
    """The texts of every visible label and button of ``root`` (and its window title)."""
    texts = [root.windowTitle()] if root.windowTitle() else []
    for widget in root.findChildren(QWidget):
        if _shown(widget, root) and isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts.append(widget.text())
    return texts


def english_left(root: QWidget, translated: dict[str, str]) -> list[str]:
    """Visible texts that are an English source text whose translation differs (``translated``: source -> text)."""
    return [text for text in visible_texts(root) if text in translated and translated[text] != text]
