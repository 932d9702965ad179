"""The counter (柜台) workplace.

A placeholder until its issue builds the real page here; keep ``create_page(ctx)``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext
from gasdesk.ui.placeholder import PlaceholderPage


def create_page(ctx: AppContext) -> QWidget:
    return PlaceholderPage(
        QCoreApplication.translate("CounterPage", "Counter"),
        QCoreApplication.translate(
            "CounterPage",
            "Here the counter clerk will open accounts, sign contracts, collect fees and deposits, "
            "rename and transfer accounts, print receipts and close the shift.",
        ),
    )
