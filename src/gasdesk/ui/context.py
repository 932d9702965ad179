"""What every page receives in its constructor: no global main-window singleton."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gasdesk.services.core.actor import Actor
from gasdesk.ui.printer import PrintQueue

if TYPE_CHECKING:
    from gasdesk.db import Database
    from gasdesk.ui.runner import Runner


@dataclass(frozen=True)
class AppContext:
    db: Database  # for its display name only; pages reach data through the runner
    runner: Runner  # the one way to call a service
    actor: Actor  # the signed-in user (role, counter)
    demo: bool = False  # the demo office (the login shows demo passwords)
    lang: str = "zh"  # "zh" or "en"
    printer: PrintQueue = field(default_factory=PrintQueue)  # the print thread (never the runner's worker)

    @property
    def db_name(self) -> str:
        return self.db.display_name
