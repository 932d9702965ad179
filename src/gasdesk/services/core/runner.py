"""Running one service call as one unit of work (used by the CLI and by the Qt runner).

A refused permission rolls the action back; its audit row is then written in a
transaction of its own, so the refusal is on record even though nothing else is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import PermissionDenied

T = TypeVar("T")


def run(db: Database, actor: Actor | None, fn: Callable[[Session], T], *, write: bool = True) -> T:
    try:
        with db.write() if write else db.read() as session:
            return fn(session)
    except PermissionDenied as exc:
        if actor is not None:
            with db.write() as session:
                audit.record(session, actor, "permission.denied", "action", getattr(exc, "action", ""))
        raise
