"""The reports (报表) workplace.

A placeholder until its issue builds the real page here; keep ``create_page(ctx)``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext
from gasdesk.ui.placeholder import PlaceholderPage


def create_page(ctx: AppContext) -> QWidget:
    return PlaceholderPage(
        QCoreApplication.translate("ReportsPage", "Reports"),
        QCoreApplication.translate(
            "ReportsPage",
            "Here supervisors will find the daily takings, arrears, reading and cylinder stock reports,"
            " and export them.",
        ),
    )
