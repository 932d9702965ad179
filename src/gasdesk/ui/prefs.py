"""Per-machine preferences (language, last counter id) in an ini file in the data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gasdesk.machine import PREFS_FILE
from gasdesk.paths import data_dir


def prefs() -> QSettings:
    return QSettings(str(data_dir() / PREFS_FILE), QSettings.Format.IniFormat)


def get(key: str, default: str = "") -> str:
    value = prefs().value(key, default)
    return str(value) if value is not None else default


def put(key: str, value: str) -> None:
    store = prefs()
    store.setValue(key, value)
    store.sync()
