"""The workplaces the main window can show, by name: the one extension point for new pages.

A workplace's page comes from ``create_page(ctx)`` in its own package
(``gasdesk.ui.counter`` ...), imported only when a user whose role allows it signs
in. To build a real counter page, replace ``create_page`` in ``ui/counter/``;
to add a workplace, ``register()`` it here and grant ``workplace.<name>`` in
``services/permissions.py`` (the services decide who sees what).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from gasdesk.ui.context import AppContext

PageFactory = Callable[[AppContext], QWidget]


@dataclass(frozen=True)
class Workplace:
    name: str  # matches permissions "workplace.<name>"
    title: str  # English source; shown through translate("Workplaces", ...)
    shortcut: str
    factory: PageFactory

    def display_title(self) -> str:
        return QCoreApplication.translate("Workplaces", self.title)


def _lazy(module: str) -> PageFactory:
    def create(ctx: AppContext) -> QWidget:
        return import_module(module).create_page(ctx)

    return create


WORKPLACES: dict[str, Workplace] = {}


def register(name: str, title: str, shortcut: str, factory: PageFactory) -> None:
    """Add or replace a workplace (the order of first registration is the order shown)."""
    WORKPLACES[name] = Workplace(name, title, shortcut, factory)


register("counter", QT_TRANSLATE_NOOP("Workplaces", "Counter"), "Ctrl+1", _lazy("gasdesk.ui.counter"))
register("readings", QT_TRANSLATE_NOOP("Workplaces", "Meter readings"), "Ctrl+2", _lazy("gasdesk.ui.readings"))
register("depot", QT_TRANSLATE_NOOP("Workplaces", "Cylinder depot"), "Ctrl+3", _lazy("gasdesk.ui.depot"))
register("reports", QT_TRANSLATE_NOOP("Workplaces", "Reports"), "Ctrl+4", _lazy("gasdesk.ui.reports"))
register("admin", QT_TRANSLATE_NOOP("Workplaces", "Administration"), "Ctrl+5", _lazy("gasdesk.ui.admin"))
