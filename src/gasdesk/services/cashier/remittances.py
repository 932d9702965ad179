"""解缴: the counted cash of a closed shift handed to finance, once per shift, with who received it.

A clerk remits their own closed shifts; a supervisor any (a shift they closed for a clerk who
left). The list of what is waiting is the closed shifts without a remittance, oldest first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Counter, Remittance, Shift, ShiftClosing, User
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import allowed, require


@dataclass(frozen=True)
class Waiting:
    """A closed shift whose cash has not gone to finance yet."""

    shift_id: int
    business_date: date
    counter: str
    login: str
    counted: Decimal
    difference: Decimal


@dataclass(frozen=True)
class Remitted(Changed):
    shift_id: int
    amount: Decimal
    received_by: str


def _mine_only(actor: Actor) -> bool:
    return not allowed(actor, "shift.confirm")  # a supervisor remits any shift


def pending(session: Session, actor: Actor) -> list[Waiting]:
    """The closed shifts not yet remitted: the actor's own, or every one for a supervisor."""
    require(session, actor, "remittance.record")
    q = (select(Shift.id, Shift.business_date, Counter.code, User.login, ShiftClosing.counted,
                ShiftClosing.difference)
         .join(ShiftClosing, ShiftClosing.shift_id == Shift.id)
         .join(Counter, Counter.id == Shift.counter_id).join(User, User.id == Shift.user_id)
         .outerjoin(Remittance, Remittance.shift_id == Shift.id)
         .where(Remittance.id.is_(None)).order_by(Shift.business_date, Shift.id))
    if _mine_only(actor):
        q = q.where(Shift.user_id == actor.user_id)
    return [Waiting(*row) for row in session.execute(q)]


def remit(session: Session, actor: Actor, shift_id: int, *, received_by: str, note: str = "") -> Remitted:
    """解缴 the closed shift's counted cash to finance's ``received_by``."""
    require(session, actor, "remittance.record")
    closing = session.scalar(select(ShiftClosing).where(ShiftClosing.shift_id == shift_id))
    if closing is None:
        raise Conflict("这个班次还没有日结，不能解缴。", "The shift is not closed yet; it cannot be remitted.")
    shift = session.get(Shift, shift_id)
    assert shift is not None
    if _mine_only(actor) and shift.user_id != actor.user_id:
        raise Conflict("只能解缴自己的班次；别人的班次请主管办理。", "You can remit your own shifts only.")
    who = unicodedata.normalize("NFKC", received_by or "").strip()
    if not who or len(who) > 60:
        raise ValidationError("请填写财务接收人的姓名（最多 60 字）。", "Name finance's receiver (60 at most).",
                              field="received_by")
    if session.scalar(select(Remittance.id).where(Remittance.shift_id == shift_id)) is not None:
        raise Conflict("这个班次已经解缴过。", "This shift was already remitted.")
    session.add(Remittance(shift_id=shift_id, amount=closing.counted, received_by=who, handed_by=actor.user_id,
                           note=(note or "").strip()[:200]))
    session.flush()
    audit.record(session, actor, "remittance.record", "shift", shift_id,
                 after={"amount": closing.counted, "received_by": who})
    return Remitted(shift_id, closing.counted, who, changes=frozenset({Change.LEDGER}))
