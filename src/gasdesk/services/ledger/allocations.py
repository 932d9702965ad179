"""Allocations: which charges a credit settles, and by how much.

The balance stays the sum of entries; allocations say what is paid: a charge's open amount is
its amount less its allocations. A posting's credits (money received, prepayment applied) go to
its own charges first, then to the party's open bills oldest first, then its other open charges
oldest first; what is left over stays credit
(prepayment). The billing issue applies prepayment through here; the cashier extends it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from gasdesk.models import LedgerAllocation, LedgerEntry, LedgerPosting

ZERO = Decimal("0.00")
CHARGE_BUCKETS = ("charge", "prepayment", "deposit")  # what a payment can settle


@dataclass(frozen=True)
class AllocationInfo:
    id: int
    credit_entry_id: int
    charge_entry_id: int
    amount: Decimal
    reversal_of: int | None = None


def _info(a: LedgerAllocation) -> AllocationInfo:
    return AllocationInfo(a.id, a.credit_entry_id, a.charge_entry_id, a.amount, a.reversal_of)


def of_posting(session: Session, posting_id: int) -> list[AllocationInfo]:
    rows = session.scalars(select(LedgerAllocation).where(LedgerAllocation.posting_id == posting_id)
                           .order_by(LedgerAllocation.id))
    return [_info(a) for a in rows]


def _is_credit(e: LedgerEntry) -> bool:
    return e.amount < 0 and (e.kind == "payment" or e.kind == "prepayment_applied")


def _is_charge(e: LedgerEntry) -> bool:
    return e.amount > 0 and e.bucket in CHARGE_BUCKETS


def open_amounts(session: Session, party_id: int, exclude_posting: int | None = None) -> list[tuple[int, Decimal]]:
    """(charge entry, open amount) of the party's charges not yet settled: gas bills oldest first,
    then the other charges oldest first (the counter's rule: a payment settles the bills first).

    A reversed charge is not open: its reversal cancelled it."""
    # What was allocated to each of the party's charges, looked up per charge by its index (a
    # grouped subquery over all allocations would read the whole table on every payment).
    paid = (select(func.coalesce(func.sum(LedgerAllocation.amount), 0))
            .where(LedgerAllocation.charge_entry_id == LedgerEntry.id).correlate(LedgerEntry).scalar_subquery())
    rev = aliased(LedgerEntry)
    q = (
        select(LedgerEntry.id, LedgerEntry.amount, paid)
        .outerjoin(rev, rev.reversal_of == LedgerEntry.id)
        .where(LedgerEntry.party_id == party_id, LedgerEntry.bucket == "charge", LedgerEntry.amount > 0,
               LedgerEntry.kind != "reversal", rev.id.is_(None))
        .order_by(case((LedgerEntry.kind == "gas_charge", 0), else_=1), LedgerEntry.id)
    )
    if exclude_posting is not None:
        q = q.where(LedgerEntry.posting_id != exclude_posting)
    out = []
    for entry_id, amount, paid in session.execute(q):  # SUM and COALESCE keep the Money type
        if amount - paid > 0:
            out.append((entry_id, amount - paid))
    return out


def allocate(session: Session, posting: LedgerPosting, written: Sequence[LedgerEntry]) -> None:
    """Allocate the posting's credits: its own charges first, then the party's oldest open ones."""
    credits = [[e, -e.amount] for e in written if _is_credit(e)]
    if not credits:
        return
    targets = [(e.id, e.amount) for e in written if _is_charge(e)]
    targets += open_amounts(session, posting.party_id, exclude_posting=posting.id)
    for charge_id, open_amount in targets:
        while open_amount > 0 and credits:
            credit = credits[0]
            amount = min(open_amount, credit[1])
            session.add(LedgerAllocation(posting_id=posting.id, credit_entry_id=credit[0].id,
                                         charge_entry_id=charge_id, amount=amount))
            open_amount -= amount
            credit[1] -= amount
            if credit[1] == 0:
                credits.pop(0)
        if not credits:
            break
    session.flush()


def reverse(session: Session, posting: LedgerPosting, entry_ids: Sequence[int]) -> None:
    """Undo the allocations that name these entries, each by a negative allocation naming it."""
    if not entry_ids:
        return
    undone = aliased(LedgerAllocation)
    q = (
        select(LedgerAllocation)
        .outerjoin(undone, undone.reversal_of == LedgerAllocation.id)
        .where(LedgerAllocation.reversal_of.is_(None), undone.id.is_(None),
               (LedgerAllocation.credit_entry_id.in_(entry_ids)) | (LedgerAllocation.charge_entry_id.in_(entry_ids)))
        .order_by(LedgerAllocation.id)
    )
    for a in list(session.scalars(q)):
        session.add(LedgerAllocation(posting_id=posting.id, credit_entry_id=a.credit_entry_id,
                                     charge_entry_id=a.charge_entry_id, amount=-a.amount, reversal_of=a.id))
    session.flush()


def open_amount(session: Session, charge_entry_id: int) -> Decimal:
    """What is still owed on one charge (its amount less what was allocated to it)."""
    entry = session.get(LedgerEntry, charge_entry_id)
    assert entry is not None
    paid = session.scalar(select(func.coalesce(func.sum(LedgerAllocation.amount), 0))
                          .where(LedgerAllocation.charge_entry_id == charge_entry_id))
    return entry.amount - paid


