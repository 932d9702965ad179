"""The demo builders in an ordered registry: each names the builders it stands on.

A builder fills its domain's part of the demo office through that domain's services; it gets
the admin actor of the office (which is always built first) and the requested extra size.
The order comes from the declared needs, never from which module happened to be imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from gasdesk.services.core.actor import Actor

BuildFn = Callable[[Session, Actor, int], None]


@dataclass(frozen=True)
class Builder:
    name: str
    needs: tuple[str, ...]
    build: BuildFn


def ordered(builders: Iterable[Builder]) -> list[Builder]:
    """The builders with every one after those it needs (declaration order otherwise kept).

    Refuses a need that names no builder and a circle of needs: both are programming errors."""
    pending = list(builders)
    known = {b.name for b in pending}
    for b in pending:
        unknown = [n for n in b.needs if n not in known]
        if unknown:
            raise ValueError(f"demo builder {b.name!r} needs unknown {unknown}")
    done: list[Builder] = []
    placed: set[str] = set()
    while pending:
        ready = next((b for b in pending if set(b.needs) <= placed), None)
        if ready is None:
            raise ValueError(f"demo builders need each other in a circle: {[b.name for b in pending]}")
        pending.remove(ready)
        done.append(ready)
        placed.add(ready.name)
    return done


def run(session: Session, admin: Actor, builders: Sequence[Builder], size: int) -> None:
    for builder in ordered(builders):
        builder.build(session, admin, size)
