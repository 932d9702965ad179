"""Where gasdesk keeps its files, and where its shipped resources are found."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

_PKG = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user's data folder (overridable with GASDESK_HOME, e.g. for tests)."""
    override = os.environ.get("GASDESK_HOME")
    path = Path(override) if override else user_data_path("gasdesk", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "gasdesk.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def shipped(name: str) -> Path:
    """A top-level folder shipped in the wheel (``migrations``, ``resources``).

    An installed wheel has it inside the package; a source checkout (editable
    install, PyInstaller build from the tree) has it at the top of the tree.
    """
    for candidate in (_PKG / name, _PKG.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gasdesk is installed without its {name}/ folder")
