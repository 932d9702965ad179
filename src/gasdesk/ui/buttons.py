"""A button that shows its key and answers it while focus is anywhere in its page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget


def shortcut_button(owner: QWidget, text: str, shortcut: str, slot: Callable[[], object]) -> QPushButton:
    sequence = QKeySequence(shortcut)
    button = QPushButton(f"{text}  ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
    button.clicked.connect(slot)
    action = QAction(text, owner)
    action.setShortcut(sequence)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    return button
