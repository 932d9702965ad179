"""The meter readings (抄表) workplace: routes, the day-end entry grid, imports, route sheets and,
for those who decide on them, the held readings."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from gasdesk.ui.readings.page import ReadingsPage

    return ReadingsPage(ctx)
