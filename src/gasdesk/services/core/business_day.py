"""The business day (记账日期): never typed, always the clock's.

On SQLite the day comes from this machine's local clock; on PostgreSQL from the server's, so
several counters sharing a server agree on the day whatever their own clocks say.

Building history (the demo office's years, an import of old records) pins the session's day
with ``on_day``: everything posted inside it belongs to that day, as if the clock said so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

_PINNED = "gasdesk.business_day"


def today(session: Session) -> date:
    pinned = session.info.get(_PINNED)
    if pinned is not None:
        return pinned  # type: ignore[no-any-return]
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(select(func.current_date()))  # type: ignore[no-any-return]
    return date.today()


def pinned(session: Session) -> bool:
    return session.info.get(_PINNED) is not None


@contextmanager
def on_day(session: Session, day: date) -> Iterator[None]:
    """Post as on ``day`` (history only: the demo builder, imports of old records)."""
    before = session.info.get(_PINNED)
    session.info[_PINNED] = day
    try:
        yield
    finally:
        if before is None:
            session.info.pop(_PINNED, None)
        else:
            session.info[_PINNED] = before
