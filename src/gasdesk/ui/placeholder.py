"""An honest empty workplace: says what will be here, offers no buttons that do nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, planned: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        notice = QLabel(self.tr("This workplace will be provided in a later version."))
        notice.setObjectName("placeholderNotice")
        detail = QLabel(planned)
        detail.setWordWrap(True)
        detail.setObjectName("placeholderDetail")
        card = QFrame()
        card.setObjectName("placeholderCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(heading)
        inner.addWidget(notice)
        inner.addWidget(detail)
        card.setMaximumWidth(760)
        row = QHBoxLayout()  # centred by stretches: an aligned item would lose the wrapped text's height
        row.addStretch(1)
        row.addWidget(card, 8)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addLayout(row)
        layout.addStretch(1)
