"""The account page's 账单 tab: the account's bills, newest first, with what is still open of each,
and under them the breakdown of the bill picked (part × tier, as the bill was worked out: 算准).
↑/↓ in the list moves and the breakdown follows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from gasdesk.services.billing.notice_slips import price_text
from gasdesk.services.billing.views import BillRow, LineRow
from gasdesk.services.core import labels
from gasdesk.ui.counter import fmt
from gasdesk.ui.tables import Column, RowsModel, table_view


def _span(start: date, end: date) -> str:
    return f"{fmt.day(start)}～{fmt.day(end)}"


class BillsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("billsTab")
        self.model = RowsModel([
            Column(self.tr("Period"), lambda b: _span(b.period_from, b.period_to)),
            Column(self.tr("Use"), lambda b: fmt.m3(b.volume_m3), align_right=True),
            Column(self.tr("Amount"), lambda b: fmt.yuan(b.total), align_right=True),
            Column(self.tr("Open"), lambda b: fmt.yuan(b.open_amount), align_right=True),
            Column(self.tr("Due"), lambda b: fmt.day(b.due_on)),
            Column(self.tr("Status"), lambda b: fmt.name_of(labels.BILL_STATUS, b.status)),
        ], self, muted=lambda b: b.status != "posted")
        self.lines = RowsModel([
            Column(self.tr("Part"), lambda x: _span(x.part_from, x.part_to)),
            Column(self.tr("Days"), lambda x: x.days, align_right=True),
            Column(self.tr("Tariff from"), lambda x: fmt.day(x.schedule_from)),
            Column(self.tr("Tariff year from"), lambda x: fmt.day(x.tariff_year_start)),
            Column(self.tr("Tier"), lambda x: x.tier, align_right=True),
            Column(self.tr("Use"), lambda x: fmt.m3(x.volume_m3), align_right=True),
            Column(self.tr("Price"), lambda x: f"¥{price_text(x.price)}", align_right=True),
            Column(self.tr("Amount"), lambda x: fmt.yuan(x.amount), align_right=True),
        ], self)
        self.view = table_view(self.model)
        self.view.horizontalHeader().setStretchLastSection(False)  # sized to its columns (_fit_list)
        self.lines_view = table_view(self.lines, stretch=0)  # the amounts stay beside the prices
        self.lines_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the list above
        self.caption = QLabel()
        self.caption.setObjectName("billCaption")
        self.caption.setStyleSheet("color: #1f3a5f; font-weight: 600;")
        self.view.selectionModel().currentRowChanged.connect(lambda current, _p: self._show(current))

        below = QWidget()
        inner = QVBoxLayout(below)
        inner.setContentsMargins(0, 2, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(self.caption)
        inner.addWidget(self.lines_view, 1)
        # Side by side: a 768-pixel screen leaves the tabs little height, the breakdown needs its width.
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.view)
        self.split.addWidget(below)
        self.split.setStretchFactor(1, 1)  # the list keeps the width of its columns, the breakdown the rest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.split)
        self.setFocusProxy(self.view)  # Alt+7 and refocus land in the list

    def set_bills(self, bills: Sequence[BillRow]) -> None:
        """Show ``bills``; the bill picked before a reload stays picked (else the newest)."""
        picked = self.current()
        self.model.set_rows(bills)
        row = next((i for i, b in enumerate(bills) if picked is not None and b.id == picked.id), 0)
        if bills:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._show(self.view.currentIndex())
        self._fit_list()

    def _fit_list(self) -> None:
        """The list as wide as its columns (every one readable), the breakdown beside it."""
        header = self.view.horizontalHeader()
        width = sum(max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
                    for c in range(self.model.columnCount()))
        width += 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        total = sum(self.split.sizes()) or self.split.width()
        self.split.setSizes([width, max(total - width, 0)])

    def current(self) -> BillRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None  # type: ignore[no-any-return]

    def _show(self, index: QModelIndex) -> None:
        bill: BillRow | None = self.model.row(index.row()) if index.isValid() else None
        lines: tuple[LineRow, ...] = bill.lines if bill is not None else ()
        self.lines.set_rows(lines)
        if bill is None:
            self.caption.setText(self.tr("No bill yet: a bill is made from each accepted meter reading."))
            return
        text = self.tr("Breakdown of %1: %2 line(s), total %3, open %4")
        for mark, value in (("%1", _span(bill.period_from, bill.period_to)), ("%2", str(len(lines))),
                            ("%3", fmt.yuan(bill.total)), ("%4", fmt.yuan(bill.open_amount))):
            text = text.replace(mark, value)
        self.caption.setText(text)
