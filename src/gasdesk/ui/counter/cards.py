"""A titled block of label: value rows, as the account page shows the holder, premises and money."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class Card(QGroupBox):
    """A titled block of label: value rows."""

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__(title)
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setContentsMargins(12, 16, 12, 10)
        self.values: dict[str, QLabel] = {}
        for key, label in rows:
            value = _value_label()
            value.setObjectName(f"value_{key}")
            form.addRow(label, value)
            self.values[key] = value

    def set(self, key: str, text: str) -> None:
        self.values[key].setText(text)
