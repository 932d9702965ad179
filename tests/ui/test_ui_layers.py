"""Widgets reach data only through the services: no ORM, no SQL in the UI."""

from __future__ import annotations

import re
from pathlib import Path

import gasdesk.ui

UI = Path(gasdesk.ui.__file__).parent
FORBIDDEN = re.compile(r"^\s*(from|import)\s+(sqlalchemy|gasdesk\.models)\b", re.MULTILINE)


def test_no_ui_module_imports_the_orm() -> None:
    offenders = [str(p.relative_to(UI)) for p in sorted(UI.rglob("*.py")) if FORBIDDEN.search(p.read_text("utf-8"))]
    assert offenders == []


def test_every_workplace_the_permissions_know_has_a_page() -> None:
    from gasdesk.services.core.permissions import WORKPLACES as NAMES
    from gasdesk.ui.workplaces import WORKPLACES

    assert list(WORKPLACES) == list(NAMES)
    assert [w.shortcut for w in WORKPLACES.values()] == [f"Ctrl+{i}" for i in range(1, 6)]
