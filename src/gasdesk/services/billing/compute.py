"""A bill worked out by hand's rules (算准), as a pure function: the same inputs, the same fen.

The period runs from the day after the reading the use is measured from to the reading day,
both included. It is cut into parts where a price change or a tariff-year start falls inside
it; each part but the last gets ``floor(litres × its days / period days)`` of the use and the
last the remainder. Each part is priced tier by tier on the account's cumulative billed use in
that part's tariff year (the large-household bounds where the household qualifies); each line
(part × tier) is its volume × price rounded half-up to the fen, and the total is their sum.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from gasdesk.money import FEN, from_litres
from gasdesk.services.billing.schedules import Schedule, in_force


class NoTariff(Exception):
    """No schedule is in force on a day of the period: the reading waits for a tariff."""

    def __init__(self, day: date) -> None:
        super().__init__(day)
        self.day = day


@dataclass(frozen=True)
class Part:
    start: date
    end: date
    schedule: Schedule
    year_start: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Line:
    part_from: date
    part_to: date
    days: int
    schedule_id: int
    schedule_from: date
    tariff_year_start: date
    tier: int  # from 1
    litres: int
    price: Decimal
    amount: Decimal

    @property
    def volume_m3(self) -> Decimal:
        return from_litres(self.litres)


def parts(period_from: date, period_to: date, schedules: Sequence[Schedule]) -> list[Part]:
    """The period cut at every price change and tariff-year start inside it."""
    out: list[Part] = []
    day = period_from
    changes = sorted({s.effective_from for s in schedules})
    while day <= period_to:
        schedule = in_force(schedules, day)
        if schedule is None:
            raise NoTariff(day)
        year = schedule.year_start_on_or_before(day)
        ends = [period_to, schedule.year_start_in(year.year + 1) - timedelta(days=1)]
        next_change = next((c for c in changes if c > day), None)
        if next_change is not None:
            ends.append(next_change - timedelta(days=1))
        end = min(ends)
        out.append(Part(day, end, schedule, year))
        day = end + timedelta(days=1)
    return out


def apportion(litres: int, cut: Sequence[Part]) -> list[int]:
    """Whole litres to each part by its share of the days; the remainder to the last."""
    total_days = sum(p.days for p in cut)
    shares = [litres * p.days // total_days for p in cut[:-1]]
    return [*shares, litres - sum(shares)]


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def price_part(part: Part, litres: int, used_before: int, household_size: int) -> list[Line]:
    """One part's lines: ``litres`` on top of ``used_before`` litres already billed in its tariff year."""
    lines: list[Line] = []
    low = 0
    bounds = part.schedule.bounds(household_size)
    for number, (tier, bound) in enumerate(zip(part.schedule.tiers, bounds, strict=True), start=1):
        high = None if bound is None else int(bound * 1000)
        start, end = max(used_before, low), used_before + litres if high is None else min(used_before + litres, high)
        if end > start:
            amount = _round(from_litres(end - start) * tier.price)
            lines.append(Line(part.start, part.end, part.days, part.schedule.id, part.schedule.effective_from,
                              part.year_start, number, end - start, tier.price, amount))
        if high is None:
            break
        low = high
    return lines


def bill_lines(
    period_from: date,
    period_to: date,
    litres: int,
    schedules: Sequence[Schedule],
    household_size: int,
    used_in_year: Callable[[date], int],
) -> list[Line]:
    """Every line of a bill. ``used_in_year(year_start)``: litres already billed to the account in
    the tariff year starting that day (this bill's earlier parts of the same year are added here)."""
    cut = parts(period_from, period_to, schedules)
    billed_here: dict[date, int] = {}
    lines: list[Line] = []
    for part, share in zip(cut, apportion(litres, cut), strict=True):
        before = used_in_year(part.year_start) + billed_here.get(part.year_start, 0)
        lines.extend(price_part(part, share, before, household_size))
        billed_here[part.year_start] = billed_here.get(part.year_start, 0) + share
    return lines


def total(lines: Sequence[Line]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0.00"))
