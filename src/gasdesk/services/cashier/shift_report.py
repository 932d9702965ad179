"""A shift's figures (班次报表): money by method, what it paid by kind of charge, the receipt
numbers it issued, its voids and refunds, and the cash the drawer should hold; with the close
(日结) once made. Read from the shift's postings, so a report and the close agree to the fen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    Counter,
    LedgerAllocation,
    LedgerEntry,
    LedgerPosting,
    Receipt,
    Shift,
    ShiftClosing,
    User,
)
from gasdesk.services.core import business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound
from gasdesk.services.core.permissions import allowed, require

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ReceiptLine:
    number: str
    kind: str  # payment | refund
    status: str  # issued | void
    amount: Decimal
    method: str
    account_number: str


@dataclass(frozen=True)
class Closing:
    counts: str  # "100x3,50x1": denomination x pieces
    counted: Decimal
    expected: Decimal
    difference: Decimal
    explanation: str
    closed_by: str  # login
    approved_by: str  # login
    chain_head: str
    closed_at: datetime


@dataclass(frozen=True)
class ShiftReport:
    shift_id: int
    counter: str
    login: str
    name: str
    business_date: date
    opened_at: datetime
    status: str  # open | closed
    by_method: dict[str, Decimal]  # money in (payments less refunds and voids), per method
    by_kind: dict[str, Decimal]  # what the money paid, per ledger kind (gas_charge, penalty, prepayment ...)
    receipts: tuple[ReceiptLine, ...]  # in number order
    cash_expected: Decimal  # the cash the drawer should hold: cash in less cash out
    closing: Closing | None

    @property
    def total(self) -> Decimal:
        return sum(self.by_method.values(), ZERO)

    @property
    def first_number(self) -> str:
        return self.receipts[0].number if self.receipts else ""

    @property
    def last_number(self) -> str:
        return self.receipts[-1].number if self.receipts else ""

    @property
    def voids(self) -> tuple[ReceiptLine, ...]:
        return tuple(r for r in self.receipts if r.status == "void")

    @property
    def refunds(self) -> tuple[ReceiptLine, ...]:
        return tuple(r for r in self.receipts if r.kind == "refund")

    def json(self) -> dict[str, object]:
        c = self.closing
        return {
            "shift_id": self.shift_id, "counter": self.counter, "login": self.login,
            "business_date": self.business_date.isoformat(), "status": self.status,
            "by_method": {k: f"{v:.2f}" for k, v in self.by_method.items()},
            "by_kind": {k: f"{v:.2f}" for k, v in self.by_kind.items()},
            "total": f"{self.total:.2f}", "cash_expected": f"{self.cash_expected:.2f}",
            "receipts": {"first": self.first_number, "last": self.last_number, "count": len(self.receipts),
                         "void": [r.number for r in self.voids], "refund": [r.number for r in self.refunds]},
            "closing": None if c is None else {
                "counts": c.counts, "counted": f"{c.counted:.2f}", "expected": f"{c.expected:.2f}",
                "difference": f"{c.difference:.2f}", "explanation": c.explanation, "closed_by": c.closed_by,
                "approved_by": c.approved_by, "chain_head": c.chain_head,
                "closed_at": c.closed_at.isoformat(timespec="seconds")},
        }


def money_in(session: Session, shift_id: int) -> tuple[dict[str, Decimal], Decimal]:
    """(net money in per method, net cash in) of the shift's postings: payments less refunds and voids."""
    rows = session.execute(
        select(LedgerEntry.method, func.sum(LedgerEntry.amount))
        .join(LedgerPosting, LedgerPosting.id == LedgerEntry.posting_id)
        .where(LedgerPosting.shift_id == shift_id, LedgerEntry.bucket == "money")
        .group_by(LedgerEntry.method)).all()
    by_method = {method: -amount for method, amount in rows if amount}  # a payment's entry is negative
    return dict(sorted(by_method.items())), by_method.get("cash", ZERO)


def _by_kind(session: Session, shift_id: int) -> dict[str, Decimal]:
    rows = session.execute(
        select(LedgerEntry.kind, func.sum(LedgerAllocation.amount))
        .join(LedgerAllocation, LedgerAllocation.charge_entry_id == LedgerEntry.id)
        .join(LedgerPosting, LedgerPosting.id == LedgerAllocation.posting_id)
        .where(LedgerPosting.shift_id == shift_id)
        .group_by(LedgerEntry.kind)).all()
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for kind, amount in rows:
        totals[kind] += amount
    return {k: v for k, v in sorted(totals.items()) if v}


def _receipts(session: Session, shift_id: int) -> tuple[ReceiptLine, ...]:
    rows = session.execute(select(Receipt, Account.number).outerjoin(Account, Account.id == Receipt.account_id)
                           .where(Receipt.shift_id == shift_id).order_by(Receipt.series, Receipt.seq)).all()
    return tuple(ReceiptLine(r.number, r.kind, r.status, r.amount, r.method, number or "") for r, number in rows)


def _closing(session: Session, shift_id: int) -> Closing | None:
    c = session.scalar(select(ShiftClosing).where(ShiftClosing.shift_id == shift_id))
    if c is None:
        return None
    logins = dict(session.execute(select(User.id, User.login).where(User.id.in_([c.closed_by, c.approved_by]))).all())
    return Closing(c.counts, c.counted, c.expected, c.difference, c.explanation, logins[c.closed_by],
                   logins[c.approved_by], c.chain_head, c.closed_at)


def report(session: Session, actor: Actor, shift_id: int) -> ShiftReport:
    """One shift's report: the clerk's own, or any for a supervisor."""
    require(session, actor, "shift.close")
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise NotFound(f"班次 {shift_id} 不存在。", f"Shift {shift_id} does not exist.")
    if shift.user_id != actor.user_id and not allowed(actor, "shift.confirm"):
        raise NotFound("只能查看自己的班次。", "You can see your own shifts only.")
    counter = session.get(Counter, shift.counter_id)
    user = session.get(User, shift.user_id)
    assert counter is not None and user is not None
    by_method, cash = money_in(session, shift.id)
    return ShiftReport(shift.id, counter.code, user.login, user.name, shift.business_date, shift.opened_at,
                       shift.status, by_method, _by_kind(session, shift.id), _receipts(session, shift.id), cash,
                       _closing(session, shift.id))


def reports(session: Session, actor: Actor, *, on: date | None = None, counter: str | None = None,
            shift_id: int | None = None) -> list[ShiftReport]:
    """The shifts of a business day (today's by default) at a counter (every counter: None), or one
    shift; a clerk sees their own."""
    require(session, actor, "shift.close")
    if shift_id is not None:
        return [report(session, actor, shift_id)]
    q = select(Shift.id).join(Counter, Counter.id == Shift.counter_id)
    q = q.where(Shift.business_date == (on or business_day.today(session)))
    if counter:
        q = q.where(Counter.code == counter.strip().upper())
    if not allowed(actor, "shift.confirm"):
        q = q.where(Shift.user_id == actor.user_id)
    return [report(session, actor, sid) for sid in session.scalars(q.order_by(Shift.id))]
