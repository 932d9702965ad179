"""What an account owes at the counter (应缴): its open bills oldest first, then its other open
charges, each with the late fee (滞纳金) its tariff sets, and how a payment splits over them.

The late fee accrues on what is paid late: a bill's part paid ``d`` days after its due date plus
the schedule's grace days carries ``part × daily rate × d``, rounded half-up to the fen, charged
in the payment's own posting. So a partial payment charges the fee on the part it pays, and the
rest carries its own fee when it is paid: no day is charged twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Bill, LedgerEntry
from gasdesk.money import FEN
from gasdesk.services import ledger
from gasdesk.services.billing import schedules
from gasdesk.services.core import labels
from gasdesk.services.ledger import allocations, parties

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DueItem:
    charge_id: int
    bill_id: int | None  # None: a charge that is not a gas bill (a fee, a settlement)
    kind: str  # the ledger kind: gas_charge, installation_fee ...
    period_from: date | None
    period_to: date | None
    volume_m3: Decimal | None
    due_on: date | None
    open: Decimal
    late_days: int  # days past the due date and the grace days (0: not late, or no late fee)
    late_rate: Decimal  # the schedule's daily rate (0 when it sets none)

    def late_fee(self, paid: Decimal) -> Decimal:
        return (paid * self.late_rate * self.late_days).quantize(FEN, ROUND_HALF_UP)

    @property
    def label(self) -> labels.Label:
        return labels.LEDGER_KIND.get(self.kind, labels.Label(self.kind, self.kind))

    @property
    def detail(self) -> str:
        if self.period_from is None or self.period_to is None:
            return ""
        return f"{self.period_from}～{self.period_to}  {self.volume_m3:.3f} m³"


@dataclass(frozen=True)
class Due:
    account_id: int
    on: date  # the business date the late fees are worked out to
    items: tuple[DueItem, ...]
    prepayment: Decimal  # prepayment held on the account

    @property
    def owed(self) -> Decimal:
        return sum((x.open for x in self.items), ZERO)

    @property
    def late_fees(self) -> Decimal:
        return sum((x.late_fee(x.open) for x in self.items), ZERO)

    @property
    def total(self) -> Decimal:
        """What pays everything off today: the open amounts and their late fees."""
        return self.owed + self.late_fees


@dataclass(frozen=True)
class Part:
    item: DueItem
    paid: Decimal  # of the charge's open amount
    fee: Decimal  # its late fee, charged with the payment


def split(due: Due, amount: Decimal) -> tuple[list[Part], Decimal]:
    """How ``amount`` pays the items in order, each with the fee on its part; what is left over
    (beyond everything, or a fen too little for the next part's fee) becomes prepayment."""
    parts: list[Part] = []
    rest = amount
    for item in due.items:
        if rest <= 0:
            break
        whole = item.open + item.late_fee(item.open)
        if rest >= whole:
            paid = item.open
        else:  # the largest part whose fee still fits: p + fee(p) <= rest
            factor = 1 + item.late_rate * item.late_days
            paid = (rest / factor).quantize(FEN, ROUND_DOWN)
            while paid > 0 and paid + item.late_fee(paid) > rest:
                paid -= FEN
            if paid <= 0:
                break
        parts.append(Part(item, paid, item.late_fee(paid)))
        rest -= paid + item.late_fee(paid)
    return parts, rest


def _late_terms(session: Session, bills: dict[int, Bill], on: date) -> dict[int, tuple[int, Decimal]]:
    """Per bill: (days late, daily rate), from the schedule in force on its last day."""
    by_type: dict[str, list[schedules.Schedule]] = {}
    terms: dict[int, tuple[int, Decimal]] = {}
    for bill in bills.values():
        if bill.customer_type not in by_type:
            by_type[bill.customer_type] = schedules.load(session, bill.customer_type)
        sched = schedules.in_force(by_type[bill.customer_type], bill.period_to)
        if sched is None or not sched.late_daily_rate:
            continue
        start = bill.due_on + timedelta(days=sched.late_grace_days or 0)
        days = (on - start).days
        if days > 0:
            terms[bill.id] = (days, sched.late_daily_rate)
    return terms


def amount_due(session: Session, account_id: int, on: date) -> Due:
    """The account's open charges as the counter collects them (a read: no permission of its own)."""
    party = parties.for_account(session, account_id)
    open_ = allocations.open_amounts(session, party.id)  # bills first, oldest first, then the others
    kinds = dict(session.execute(select(LedgerEntry.id, LedgerEntry.kind)
                                 .where(LedgerEntry.id.in_([c for c, _o in open_]))).all()) if open_ else {}
    bills = {b.charge_entry_id: b for b in session.scalars(
        select(Bill).where(Bill.charge_entry_id.in_([c for c, _o in open_])))} if open_ else {}
    terms = _late_terms(session, {b.id: b for b in bills.values()}, on)
    items = []
    for charge_id, amount in open_:
        bill = bills.get(charge_id)
        days, rate = terms.get(bill.id, (0, Decimal(0))) if bill else (0, Decimal(0))
        items.append(DueItem(charge_id, bill.id if bill else None, kinds[charge_id],
                             bill.period_from if bill else None, bill.period_to if bill else None,
                             bill.volume_m3 if bill else None, bill.due_on if bill else None, amount, days, rate))
    return Due(account_id, on, tuple(items), ledger.balances(session, account_id).prepayment_credit)
