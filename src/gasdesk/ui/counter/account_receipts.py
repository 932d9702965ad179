"""The account page's 收据 tab: the account's receipts, newest first; Ctrl+P reprints the one
picked (补打, with the copy mark), Del voids it with a supervisor's approval (or refunds it once
its shift is closed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gasdesk.services.cashier.receipts import ReceiptRow
from gasdesk.services.core import labels
from gasdesk.ui.counter import fmt
from gasdesk.ui.tables import Column, RowsModel, table_view


class ReceiptsTab(QWidget):
    def __init__(self, reprint: Callable[[ReceiptRow], None], void: Callable[[ReceiptRow], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptsTab")
        self.model = RowsModel([
            Column(self.tr("Receipt"), lambda r: r.number),
            Column(self.tr("Day"), lambda r: fmt.day(r.business_date)),
            Column(self.tr("Kind"), lambda r: fmt.name_of(labels.RECEIPT_KIND, r.kind)),
            Column(self.tr("Amount"), lambda r: fmt.yuan(r.amount), align_right=True),
            Column(self.tr("Method"), lambda r: fmt.name_of(labels.PAYMENT_METHOD, r.method)),
            Column(self.tr("Clerk"), lambda r: r.login),
            Column(self.tr("Status"), lambda r: fmt.name_of(labels.RECEIPT_STATUS, r.status)),
        ], self, muted=lambda r: r.status != "issued")
        self.view = table_view(self.model)
        hint = QLabel(self.tr("Ctrl+P reprints the receipt picked (a copy); Del voids it with a supervisor's "
                              "approval (a refund once its shift is closed)."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.setFocusProxy(self.view)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Print, self, lambda: self._with_current(reprint), context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, lambda: self._with_current(void), context=context)

    def set_receipts(self, rows: Sequence[ReceiptRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def current(self) -> ReceiptRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _with_current(self, act: Callable[[ReceiptRow], None]) -> None:
        row = self.current()
        if row is not None:
            act(row)
