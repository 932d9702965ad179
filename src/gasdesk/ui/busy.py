"""A small window that says what the program is doing while nothing else is on screen (at start)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class BusySplash(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("busySplash")
        self.setWindowTitle("gasdesk")
        self.label = QLabel()
        self.label.setObjectName("dialogTitle")
        bar = QProgressBar()
        bar.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(QLabel("gasdesk"))
        layout.addWidget(self.label)
        layout.addWidget(bar)
        self.setMinimumWidth(420)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self.raise_()
