"""What ``gasdesk db check`` proves of the money beyond the hash chain: every receipt series (and
the depots' deposit slips, series Y, and custody slips, series K) runs without gaps to its last
number, every receipt equals the money of its posting, every closed shift's close equals its postings, and no charge is
allocated more than it is or less than 0."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import DepositSlip, LedgerAllocation, LedgerEntry, Receipt, ShiftClosing
from gasdesk.models.depot_money import DEPOSIT_SERIES
from gasdesk.services.cashier import numbers, shift_report
from gasdesk.services.core.labels import Label
from gasdesk.services.depot import custody

LIMIT = 20  # findings named; a broken office would otherwise print thousands


def findings(session: Session) -> tuple[int, list[Label]]:
    """(receipts checked, what is wrong) — read only."""
    found: list[Label] = []
    seqs: dict[tuple[int, str], list[int]] = defaultdict(list)
    for counter_id, series, seq in session.execute(select(Receipt.counter_id, Receipt.series, Receipt.seq)):
        seqs[(counter_id, series)].append(seq)
    for counter_id, seq in session.execute(select(DepositSlip.counter_id, DepositSlip.seq)):  # the depot's Y
        seqs[(counter_id, DEPOSIT_SERIES)].append(seq)
    for counter_id, seq in custody.slip_seqs(session):
        seqs[(counter_id, custody.CUSTODY_SERIES)].append(seq)
    last = numbers.last_numbers(session)
    for key in sorted(set(seqs) | set(last)):
        have, top = sorted(seqs.get(key, [])), last.get(key, 0)
        if have != list(range(1, top + 1)):
            missing = sorted(set(range(1, top + 1)) - set(have))[:5]
            found.append(Label(f"柜台 {key[0]} 的 {key[1]} 系列收据号不连续（到 {top} 号，缺 {missing}）",
                               f"receipt series {key[1]} of counter {key[0]} has gaps (to {top}, missing {missing})"))
    money = dict(session.execute(
        select(LedgerEntry.posting_id, func.sum(LedgerEntry.amount)).where(LedgerEntry.bucket == "money")
        .where(LedgerEntry.posting_id.in_(select(Receipt.posting_id))).group_by(LedgerEntry.posting_id)).all())
    count = 0
    for number, posting_id, amount in session.execute(select(Receipt.number, Receipt.posting_id, Receipt.amount)):
        count += 1
        if abs(money.get(posting_id, Decimal(0))) != amount:
            found.append(Label(f"收据 {number} 金额 {amount} 元与其记账的收付款 {money.get(posting_id)} 元不符",
                               f"receipt {number}: {amount} but its posting moved {money.get(posting_id)}"))
    for closing in session.scalars(select(ShiftClosing)):
        cash = shift_report.money_in(session, closing.shift_id)[1]
        if cash != closing.expected or closing.counted - closing.expected != closing.difference:
            found.append(Label(f"班次 {closing.shift_id} 的日结（应有 {closing.expected} 元）与其记账（{cash} 元）不符",
                               f"shift {closing.shift_id}: closed at {closing.expected}, its postings say {cash}"))
    over = session.execute(
        select(LedgerEntry.id, LedgerEntry.amount, func.sum(LedgerAllocation.amount))
        .join(LedgerAllocation, LedgerAllocation.charge_entry_id == LedgerEntry.id)
        .group_by(LedgerEntry.id, LedgerEntry.amount)
        .having((func.sum(LedgerAllocation.amount) > LedgerEntry.amount) | (func.sum(LedgerAllocation.amount) < 0))
        .limit(LIMIT)).all()
    for entry_id, amount, paid in over:
        found.append(Label(f"账目 {entry_id} 金额 {amount} 元，却分配了 {paid} 元",
                           f"entry {entry_id} of {amount} has {paid} allocated"))
    return count, found[:LIMIT]
