"""日结: closing a shift with the cash counted by denomination, confirmed by a supervisor (解缴,
the closed shift's cash handed to finance, is cashier.remittances).

The clerk types the pieces of each denomination; the counted total is held against the cash the
shift's postings took in (shift_report.money_in); a difference must be explained. The close is
written once with the ledger chain's head at that moment, and the shift is closed: the database
refuses any posting into it from then on, and a later payment opens a new shift.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Shift, ShiftClosing
from gasdesk.models.base import utcnow
from gasdesk.models.chain import head
from gasdesk.money import money
from gasdesk.services.cashier import shift_report
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import allowed, require

# 100, 50, 20, 10, 5, 1 yuan; 5 and 1 jiao; 5, 2 and 1 fen
DENOMINATIONS = tuple(Decimal(d) for d in ("100", "50", "20", "10", "5", "1", "0.5", "0.1", "0.05", "0.02", "0.01"))
MAX_PIECES = 100_000
_ITEM = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*[x×*]\s*([0-9]+)\s*")


@dataclass(frozen=True)
class ShiftClosed(Changed):
    report: shift_report.ShiftReport


def parse_counts(text: str) -> dict[Decimal, int]:
    """"100x3,50x1,0.5x2" -> {100: 3, 50: 1, 0.5: 2}: pieces per denomination (full-width digits
    and separators read as such); an unknown note, a count that is not a whole number, a note
    given twice are refused with the words."""
    clean = unicodedata.normalize("NFKC", text or "").replace("，", ",").replace("；", ",").replace(";", ",")
    counts: dict[Decimal, int] = {}
    for item in filter(None, (x.strip() for x in clean.split(","))):
        m = _ITEM.fullmatch(item)
        if m is None:
            raise ValidationError(f"点钞格式不对：{item[:30]}。请写成“面额x张数”，用逗号隔开，如 100x3,50x1,0.5x2。",
                                  f"Count not understood: {item[:30]}. Write denomination x pieces, e.g. 100x3,50x1.",
                                  field="counted")
        note, pieces = Decimal(m.group(1)), int(m.group(2))
        found = next((d for d in DENOMINATIONS if d == note), None)
        if found is None:
            raise ValidationError(f"没有 {m.group(1)} 元的面额。面额为 100、50、20、10、5、1 元，5、1 角，5、2、1 分。",
                                  f"There is no {m.group(1)} yuan note or coin.", field="counted")
        if found in counts:
            raise ValidationError(f"面额 {m.group(1)} 元写了两次，请合并。", f"{m.group(1)} is given twice.",
                                  field="counted")
        if pieces > MAX_PIECES:
            raise ValidationError(f"{m.group(1)} 元 {pieces} 张太多了，请核对。", f"{pieces} pieces is too many.",
                                  field="counted")
        counts[found] = pieces
    return counts


def counts_text(counts: dict[Decimal, int]) -> str:
    return ",".join(f"{_plain(d)}x{n}" for d, n in sorted(counts.items(), reverse=True) if n)


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")


def counted_total(counts: dict[Decimal, int]) -> Decimal:
    return money(sum((d * n for d, n in counts.items()), Decimal(0)))


def open_shift_of(session: Session, actor: Actor) -> Shift:
    shift = session.scalar(select(Shift).where(Shift.user_id == actor.user_id, Shift.counter_id == actor.counter_id,
                                               Shift.status == "open"))
    if shift is None:
        raise NotFound("您在本柜台没有未结的班次。", "You have no open shift at this counter.")
    return shift


def close_shift(session: Session, actor: Actor, *, counted: str | dict[Decimal, int], approver: Actor,
                explanation: str = "", shift_id: int | None = None) -> ShiftClosed:
    """日结 the actor's open shift at their counter (a supervisor may close any open shift)."""
    require(session, actor, "shift.close")
    require(session, approver, "shift.confirm")
    shift = open_shift_of(session, actor) if shift_id is None else session.get(Shift, shift_id)
    if shift is None:
        raise NotFound(f"班次 {shift_id} 不存在。", f"Shift {shift_id} does not exist.")
    if shift.status != "open":
        raise Conflict(f"班次 {shift.id}（{shift.business_date}）已结班。", f"Shift {shift.id} is already closed.")
    if shift.user_id != actor.user_id and not allowed(actor, "shift.confirm"):
        raise Conflict("只能结自己的班；别人的班次请主管代结。", "You can close your own shift only.")
    counts = parse_counts(counted) if isinstance(counted, str) else dict(counted)
    total = counted_total(counts)
    _by_method, expected = shift_report.money_in(session, shift.id)
    difference = total - expected
    why = (explanation or "").strip()[:400]
    if difference and not why:
        word = "长款" if difference > 0 else "短款"
        raise ValidationError(f"实点现金 {total} 元，应有 {expected} 元，{word} {abs(difference)} 元：请写明差额原因。",
                              f"Counted {total}, expected {expected}: explain the difference of {difference}.",
                              field="explanation")
    session.flush()
    chain = head(session.connection()).full
    session.add(ShiftClosing(shift_id=shift.id, counts=counts_text(counts), counted=total, expected=expected,
                             difference=difference, explanation=why, closed_by=actor.user_id,
                             approved_by=approver.user_id, chain_head=chain))
    shift.status, shift.closed_at = "closed", utcnow()
    session.flush()
    audit.record(session, actor, "shift.close", "shift", shift.id,
                 after={"counted": total, "expected": expected, "difference": difference, "explanation": why,
                        "approved_by": approver.login, "chain_head": chain})
    return ShiftClosed(shift_report.report(session, actor, shift.id), changes=frozenset({Change.LEDGER}))


def my_open_shift(session: Session, actor: Actor) -> shift_report.ShiftReport:
    """The report of the actor's open shift at their counter (what the close form shows first)."""
    require(session, actor, "shift.close")
    return shift_report.report(session, actor, open_shift_of(session, actor).id)
