"""The cylinder depot (调瓶点) workplace: the exchange screen (exchange_page.py), its customer
registration (customer_dialog.py) and the day's movement sheet from it. Coupon books, deposits,
plant and inspection batches are on the command line (``gasdesk depot ...``) for now."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from gasdesk.ui.depot.exchange_page import ExchangePage

    return ExchangePage(ctx)
