"""The meter readings (抄表) workplace.

A placeholder until its issue builds the real page here; keep ``create_page(ctx)``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext
from gasdesk.ui.placeholder import PlaceholderPage


def create_page(ctx: AppContext) -> QWidget:
    return PlaceholderPage(
        QCoreApplication.translate("ReadingsPage", "Meter readings"),
        QCoreApplication.translate(
            "ReadingsPage",
            "Here the meter reader will print route sheets, enter or import the day's readings with the"
            " three checks, and print dunning and price-change notices.",
        ),
    )
