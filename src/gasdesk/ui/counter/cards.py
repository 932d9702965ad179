"""A titled block of label: value rows, as the account page shows the holder, premises and money."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class Card(QGroupBox):
    """A titled block of label: value rows."""

    link = Signal(str)  # a value shown as a link was clicked: its name (set_links)

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
            value.linkActivated.connect(self.link.emit)
            form.addRow(label, value)
            self.values[key] = value

    def set(self, key: str, text: str) -> None:
        label = self.values[key]
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setToolTip("")

    def set_links(self, key: str, parts: list[tuple[str, str | None]], hint: str = "", tip: str = "") -> None:
        """Show ``parts`` (text, link name or None) side by side; a click on a linked one emits ``link``.
        ``hint`` follows in grey (the key that does the same)."""
        html = "&nbsp;&nbsp;".join(f'<a href="{escape(name)}">{escape(text)}</a>' if name else escape(text)
                                   for text, name in parts if text)
        if hint:
            html += f'&nbsp;&nbsp;<span style="color:#8a94a3;">{escape(hint)}</span>'
        label = self.values[key]
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.setText(html)
        label.setToolTip(tip)
