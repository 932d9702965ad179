"""The cylinder depot (调瓶点) workplace.

A placeholder until its issue builds the real page here; keep ``create_page(ctx)``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext
from gasdesk.ui.placeholder import PlaceholderPage


def create_page(ctx: AppContext) -> QWidget:
    return PlaceholderPage(
        QCoreApplication.translate("DepotPage", "Cylinder depot"),
        QCoreApplication.translate(
            "DepotPage",
            "Here the depot keeper will issue and take back LPG cylinders, refuse unfit ones, take "
            "deposits and coupons, and print stock sheets.",
        ),
    )
