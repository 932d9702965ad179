"""The counter (柜台) workplace: find an account in a keystroke, open accounts, change them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from gasdesk.ui.counter.page import CounterPage

    return CounterPage(ctx)
