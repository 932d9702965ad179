"""The cylinder depot (调瓶点) workplace, in two tabs: the exchange screen (exchange_page.py, with
customer registration, deposits, coupon books and custody from it) and the stock tab
(stock_page.py: batches to the plant and the inspection station, scrapping, the physical count,
custody slips handed back, the stock and movement sheets and the inspection reminders)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from gasdesk.ui.context import AppContext


class DepotWorkplace(QTabWidget):
    """Ctrl+1 the exchange, Ctrl+2 the stock: each tab takes the keyboard where its work starts."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from gasdesk.ui.depot.exchange_page import ExchangePage
        from gasdesk.ui.depot.stock_page import StockPage

        super().__init__(parent)
        self.setObjectName("depotWorkplace")
        self.exchange = ExchangePage(ctx)
        self.stock = StockPage(ctx)
        self.addTab(self.exchange, self.tr("Exchange (Ctrl+1)"))
        self.addTab(self.stock, self.tr("Stock and batches (Ctrl+2)"))
        self.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the work
        self.setFocusProxy(self.exchange.find)
        self.currentChanged.connect(self._entered)
        for key, index in (("Ctrl+1", 0), ("Ctrl+2", 1)):
            QShortcut(QKeySequence(key), self, lambda i=index: self.setCurrentIndex(i),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _entered(self, index: int) -> None:
        (self.exchange.find if index == 0 else self.stock.scan).setFocus()


def create_page(ctx: AppContext) -> QWidget:
    return DepotWorkplace(ctx)
