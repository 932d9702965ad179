"""Recomputing posted bills (``gasdesk db check``): every bill again from its readings, the
schedules and the bills before it, to the fen.

The use a bill's parts were priced on is what the account had billed in the tariff year before
it: the bills made before this one that were standing then (posted, or reversed only later).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import BigInteger, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from gasdesk.models import Account, Bill, BillLine, Meter, Reading
from gasdesk.money import to_litres
from gasdesk.services.billing import compute, schedules
from gasdesk.services.billing.schedules import Schedule
from gasdesk.services.core.labels import Label

CHUNK = 1000


@dataclass(frozen=True)
class Mismatch:
    bill_id: int
    account_number: str
    stored: Decimal
    recomputed: Decimal | None  # None: the bill cannot be worked out again (no tariff, readings gone)
    why: Label  # in both languages


def recompute(session: Session, bill: Bill, by_type: dict[str, list[Schedule]] | None = None) -> list[compute.Line]:
    account = session.get(Account, bill.account_id)
    meter = session.get(Meter, bill.meter_id)
    earlier, reading = session.get(Reading, bill.from_reading_id), session.get(Reading, bill.reading_id)
    assert account is not None and meter is not None and earlier is not None and reading is not None
    assert earlier.value is not None and reading.value is not None
    litres = to_litres(reading.value) - to_litres(earlier.value)
    if litres < 0:
        litres += 10 ** meter.digits * 1000
    found = by_type if by_type is not None else {}
    if bill.customer_type not in found:
        found[bill.customer_type] = schedules.load(session, bill.customer_type)

    def used(year_start: object) -> int:
        stood = (Bill.id < bill.id) & or_(Bill.status == "posted", Bill.reversal_posting_id > bill.posting_id)
        litres = type_coerce(BillLine.volume_m3, BigInteger)
        return int(session.scalar(
            select(func.coalesce(func.sum(litres), 0)).join(Bill, Bill.id == BillLine.bill_id)
            .where(BillLine.account_id == account.id, BillLine.tariff_year_start == year_start, stood)) or 0)

    return compute.bill_lines(bill.period_from, bill.period_to, litres, found[bill.customer_type],
                              bill.household_size, used)


def mismatches(session: Session, *, limit: int | None = None) -> Iterator[Mismatch]:
    """Every bill whose lines or total do not come out the same again, a few queries per chunk of
    accounts: each account's bills in the order they were made, the tariff year's billed litres kept
    as it goes (``recompute`` is the same rule for one bill). ``limit``: stop after the chunk that
    reaches that many bills (a benchmark's sample)."""
    by_type: dict[str, list[Schedule]] = {}
    for s in schedules.load(session):
        by_type.setdefault(s.customer_type, []).append(s)
    last = checked = 0
    while True:
        ids = list(session.scalars(select(Bill.account_id).where(Bill.account_id > last).group_by(Bill.account_id)
                                   .order_by(Bill.account_id).limit(CHUNK)))
        if not ids:
            return
        low, high = ids[0], ids[-1]
        checked += yield from _chunk(session, low, high, by_type)
        last = high
        if limit is not None and checked >= limit:
            return


def _chunk(session: Session, low: int, high: int,
           by_type: dict[str, list[Schedule]]) -> Generator[Mismatch, None, int]:
    """The mismatches among the bills of accounts ``low``..``high``; returns how many bills it checked."""
    between = Bill.account_id.between(low, high)
    bills = session.execute(select(Bill).where(between).order_by(Bill.account_id, Bill.id)).scalars().all()
    stored: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    years: dict[int, dict[object, int]] = defaultdict(lambda: defaultdict(int))
    for x in session.scalars(select(BillLine).where(BillLine.account_id.between(low, high)).order_by(BillLine.id)):
        stored[x.bill_id].append((x.tier, x.part_from, x.part_to, to_litres(x.volume_m3), x.price, x.amount))
        years[x.bill_id][x.tariff_year_start] += to_litres(x.volume_m3)
    values = dict(session.execute(select(Reading.id, Reading.value).where(Reading.account_id.between(low, high))).all())
    digits = dict(session.execute(select(Meter.id, Meter.digits).where(Meter.account_id.between(low, high))).all())
    numbers = dict(session.execute(select(Account.id, Account.number).where(Account.id.between(low, high))).all())
    before: list[Bill] = []
    for bill in bills:
        if before and before[-1].account_id != bill.account_id:
            before = []
        # The bills standing when this one was made: posted, or reversed only after it.
        standing = [b for b in before if b.status == "posted" or (b.reversal_posting_id or 0) > (bill.posting_id or 0)]
        litres = to_litres(values[bill.reading_id]) - to_litres(values[bill.from_reading_id])
        if litres < 0:
            litres += 10 ** digits[bill.meter_id] * 1000
        try:
            lines = compute.bill_lines(bill.period_from, bill.period_to, litres, by_type.get(bill.customer_type, []),
                                       bill.household_size, lambda y, s=standing: sum(years[b.id][y] for b in s))
        except compute.NoTariff as missing:
            yield Mismatch(bill.id, numbers.get(bill.account_id) or "", bill.total, None,
                           Label(f"{missing.day} 没有生效的气价", f"no tariff in force on {missing.day}"))
        else:
            again = [(x.tier, x.part_from, x.part_to, x.litres, x.price, x.amount) for x in lines]
            if again != stored[bill.id] or compute.total(lines) != bill.total:
                yield Mismatch(bill.id, numbers.get(bill.account_id) or "", bill.total, compute.total(lines),
                               Label("重算结果与账单不符", "the recomputation differs from the bill"))
        before.append(bill)
    return len(bills)
