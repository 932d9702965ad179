"""Receipt numbers (收据号): ``C01-A-0000123``, the counter's code, the series (A payments, R
refunds) and a sequence that runs without gaps per counter and series.

The number comes from the series' row, stepped up by one in the receipt's own transaction: a
rolled-back payment takes its number back with it, and two counters (or two processes at one)
paying at once queue on that row (SQLite's write lock, PostgreSQL's row lock), never sharing or
skipping a number. The database refuses any other step (migration 0010's guard).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from gasdesk.models import ReceiptSeries

SEQ_DIGITS = 7


def format_number(counter_code: str, series: str, seq: int) -> str:
    return f"{counter_code}-{series}-{seq:0{SEQ_DIGITS}d}"


def next_number(session: Session, counter_id: int, counter_code: str, series: str) -> tuple[int, str]:
    """The next (sequence, receipt number) of the counter's series, taken in this transaction."""
    t = ReceiptSeries.__table__
    step = (update(t).where(t.c.counter_id == counter_id, t.c.series == series)
            .values(last_number=t.c.last_number + 1).returning(t.c.last_number))
    seq = session.execute(step).scalar()
    if seq is None:  # the series' first receipt: its row is made, once, whoever gets there first
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(insert(t).values(counter_id=counter_id, series=series, last_number=0)
                        .on_conflict_do_nothing(index_elements=["counter_id", "series"]))
        seq = session.execute(step).scalar()
    assert seq is not None
    return seq, format_number(counter_code, series, seq)


def last_numbers(session: Session) -> dict[tuple[int, str], int]:
    """(counter id, series) -> the last number issued: what db check holds the receipts against."""
    return {(r.counter_id, r.series): r.last_number for r in session.scalars(select(ReceiptSeries))}
