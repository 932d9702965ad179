"""The look: a calm, readable counter application (large enough type for a busy counter)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

_CJK_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
                 "WenQuanYi Micro Hei", "Source Han Sans SC"]

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
QMainWindow, QDialog { background: #f5f7fa; }
#navigation { background: #1f3a5f; color: #e8eef6; border: none; font-size: 12pt; padding-top: 8px; }
#navigation::item { padding: 14px 18px; border-left: 4px solid transparent; }
#navigation::item:selected { background: #2d5286; color: white; border-left: 4px solid #f2a900; }
#navigation::item:hover:!selected { background: #27466f; }
#pageTitle { font-size: 18pt; font-weight: 600; color: #1f3a5f; }
#dialogTitle { font-size: 16pt; font-weight: 600; color: #1f3a5f; }
#dialogSubtitle { color: #5b6b7f; }
#placeholderCard, #lockCard { background: white; border: 1px solid #d8dee6; border-radius: 8px; }
#placeholderNotice { font-size: 12pt; color: #8a5a00; }
#placeholderDetail { color: #3d4b5c; }
QStatusBar { background: #e9edf2; border-top: 1px solid #d3d9e1; }
QStatusBar QLabel { padding: 2px 10px; color: #2b3a4d; }
QLineEdit, QComboBox, QSpinBox { min-height: 26px; padding: 1px 6px; }
QPushButton { min-height: 28px; padding: 2px 16px; }
QTableView, QTreeView, QTableWidget { background: white; alternate-background-color: #f3f6fa; }
QHeaderView::section { background: #e6ebf1; padding: 5px 8px; border: none;
                       border-right: 1px solid #d3d9e1; border-bottom: 1px solid #d3d9e1; font-weight: 600; }
QGroupBox { font-weight: 600; margin-top: 14px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QTabWidget::pane { border: 1px solid #d3d9e1; background: #f9fafc; }
QTabBar::tab { padding: 8px 20px; }
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setFamilies([*_CJK_FAMILIES, font.family()])
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
