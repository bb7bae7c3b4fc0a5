"""Colours, font sizes and the application style sheet: big, high contrast, readable from 2 m."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

BACKGROUND = "#101418"
SURFACE = "#1c232b"
TEXT = "#f4f6f8"
MUTED = "#b8c2cc"
ACCENT = "#4fc3f7"
OFFLINE = "#ff6f00"
DANGER = "#e53935"

BASE_POINT_SIZE = 15

STYLE_SHEET = f"""
QWidget {{ background: {BACKGROUND}; color: {TEXT}; }}
QLabel {{ background: transparent; }}
QPushButton, QToolButton {{
    background: {SURFACE}; color: {TEXT}; border: 2px solid #3a4654; border-radius: 8px;
    padding: 8px 16px; min-height: 28px;
}}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QListWidget:focus, QPlainTextEdit:focus,
QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{ border: 3px solid {ACCENT}; }}
QPushButton:hover, QToolButton:hover {{ border-color: {ACCENT}; }}
QPushButton:pressed, QToolButton:pressed {{ background: #2a3440; }}
QPushButton:disabled {{ color: #6b7784; border-color: #2a3440; }}
QPushButton[primary="true"] {{ background: #1565c0; border-color: #64b5f6; font-weight: bold; }}
QLineEdit, QPlainTextEdit, QListWidget, QComboBox, QSpinBox, QDoubleSpinBox, QTableWidget {{
    background: #0b0f13; color: {TEXT}; border: 2px solid #3a4654; border-radius: 6px; padding: 6px;
    selection-background-color: #1565c0;
}}
QListWidget::item {{ padding: 10px 6px; border-bottom: 1px solid #26303a; }}
QListWidget::item:selected {{ background: #1565c0; color: white; }}
QListWidget#SearchResults::item {{ padding: 0px; border: none; }}
QHeaderView::section {{ background: {SURFACE}; color: {TEXT}; padding: 6px 10px; border: none; }}
QTableWidget::item {{ padding: 2px 10px; }}
QScrollBar:vertical {{ background: #0b0f13; width: 16px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: #0b0f13; height: 16px; margin: 0; border: none; }}
QScrollBar::handle {{ background: #3a4654; border-radius: 6px; margin: 3px; }}
QScrollBar::handle:vertical {{ min-height: 48px; }}
QScrollBar::handle:horizontal {{ min-width: 48px; }}
QScrollBar::handle:hover {{ background: {ACCENT}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QProgressBar {{ border: 2px solid #3a4654; border-radius: 6px; text-align: center; height: 28px; }}
QProgressBar::chunk {{ background: #43a047; }}
QToolBar {{ background: {SURFACE}; border: none; spacing: 6px; padding: 4px; }}
QTabWidget::pane {{ border: 2px solid #3a4654; border-radius: 6px; }}
QTabBar::tab {{ background: {SURFACE}; padding: 10px 18px; border: 2px solid #3a4654; margin-right: 4px; }}
QTabBar::tab:selected {{ background: #1565c0; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 22px; height: 22px; border: 2px solid {MUTED}; background: #0b0f13;
}}
QRadioButton::indicator {{ border-radius: 13px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: {ACCENT}; border-color: #ffffff; }}
"""


def font(point_size: float, bold: bool = False) -> QFont:
    """A font of this size (points), optionally bold."""
    f = QFont()
    f.setPointSizeF(max(6.0, point_size))
    f.setBold(bold)
    return f


def fit_font(widget: QWidget, fraction_of_height: float, bold: bool = False, minimum: float = 12.0) -> QFont:
    """A font whose pixel height is a fraction of ``widget``'s window height (scales with the screen)."""
    window = widget.window() if widget.window() is not None else widget
    pixels = max(minimum, window.height() * fraction_of_height)
    f = QFont()
    f.setPixelSize(int(pixels))
    f.setBold(bold)
    return f


def app_font() -> QFont:
    """The application's base font (the style sheet sets no font size, so widgets can set their own)."""
    return font(BASE_POINT_SIZE)


def title_label_css(size_pt: int = 26) -> str:
    """Style sheet for a panel's title label."""
    return f"font-size: {size_pt}pt; font-weight: bold; color: {TEXT};"
