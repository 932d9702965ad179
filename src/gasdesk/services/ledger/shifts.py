"""Shifts (班次): the span one user works one counter. Money posted in a shift takes the shift's
business date, so a shift opened before midnight keeps its day until it is closed.

The cashier closes shifts (counted cash against the ledger); until then a money posting opens
the user's shift at their counter when none is open.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Shift
from gasdesk.models.base import utcnow
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, ValidationError


def counter_of(actor: Actor) -> int:
    """The registered counter the actor signed in at; money is never taken without one."""
    if actor.counter_id is None:
        raise ValidationError(
            "记账须在已登记的柜台进行：请用柜台号登录（命令行加 --counter 柜台号）。",
            "Postings are made at a registered counter: sign in with a counter code (--counter CODE).",
        )
    return actor.counter_id


def current(session: Session, actor: Actor) -> Shift:
    """The actor's open shift at their counter, opened now (today's business date) if none is."""
    counter_id = counter_of(actor)
    shift = session.scalar(
        select(Shift).where(Shift.user_id == actor.user_id, Shift.counter_id == counter_id, Shift.status == "open")
    )
    if shift is not None and business_day.pinned(session) and shift.business_date != business_day.today(session):
        # Building history: the day moved on, so that day's shift ends (the cashier closes real ones).
        shift.status, shift.closed_at = "closed", utcnow()
        session.flush()
        shift = None
    if shift is None:
        shift = Shift(counter_id=counter_id, user_id=actor.user_id, business_date=business_day.today(session),
                      status="open")
        session.add(shift)
        session.flush()
        audit.record(session, actor, "shift.open", "shift", shift.id, after={"business_date": shift.business_date})
    return shift


def check_open(shift: Shift) -> None:
    """Money goes into an open shift only (the database refuses it too)."""
    if shift.status != "open":
        raise Conflict(
            f"班次 {shift.id}（{shift.business_date}）已结班，不能再记账。",
            f"Shift {shift.id} ({shift.business_date}) is closed; nothing more can be posted into it.",
        )


def todays(session: Session, actor: Actor) -> Shift:
    """The shift to take today's money in: open, and today's (last night's must be closed first)."""
    shift = current(session, actor)
    check_open(shift)
    if shift.business_date != business_day.today(session):
        raise Conflict(
            f"您 {shift.business_date} 的班次还没有结班：请先结班（日结），再收今天的款。",
            f"Your shift of {shift.business_date} is still open: close it before taking today's payments.")
    return shift
