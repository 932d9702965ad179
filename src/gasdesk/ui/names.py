"""Translated names of roles (the source strings are English; Chinese comes from the .qm)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ROLE_TITLES: dict[str, str] = {
    "clerk": QT_TRANSLATE_NOOP("Roles", "Counter clerk"),
    "reader": QT_TRANSLATE_NOOP("Roles", "Meter reader"),
    "depot": QT_TRANSLATE_NOOP("Roles", "Depot keeper"),
    "supervisor": QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("Roles", "Administrator"),
}


def role_title(role: str) -> str:
    """``role`` is a Role (a str enum) or its value."""
    return QCoreApplication.translate("Roles", ROLE_TITLES[str(role)])
