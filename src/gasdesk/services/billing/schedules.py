"""The tariff schedules as the billing reads them: plain values, each with its tiers in order.

A schedule is in force for its customer type from its ``effective_from`` day until the day the
next one takes effect. Its tariff year starts each year on ``year_start`` (month, day); the tier
bounds are the year's cumulative use, raised by ``large_extra_m3`` for a household of at least
``large_min_persons``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import TariffSchedule, TariffTier


@dataclass(frozen=True)
class Tier:
    up_to_m3: Decimal | None  # the year's cumulative bound; None: no bound (the last tier)
    price: Decimal  # yuan per m³, up to four places


@dataclass(frozen=True)
class Schedule:
    id: int
    customer_type: str
    effective_from: date
    year_start: tuple[int, int]  # (month, day)
    tiers: tuple[Tier, ...]
    large_min_persons: int | None = None
    large_extra_m3: Decimal | None = None
    late_daily_rate: Decimal | None = None
    late_grace_days: int | None = None

    def bounds(self, household_size: int) -> list[Decimal | None]:
        """The tiers' bounds for a household of this size (a large one's raised)."""
        extra = Decimal(0)
        if self.large_min_persons is not None and self.large_extra_m3 and household_size >= self.large_min_persons:
            extra = self.large_extra_m3
        return [None if t.up_to_m3 is None else t.up_to_m3 + extra for t in self.tiers]

    def year_start_on_or_before(self, day: date) -> date:
        """The first day of the tariff year ``day`` falls in (29 February as a start is 28 February
        in a common year)."""
        start = self.year_start_in(day.year)
        return start if start <= day else self.year_start_in(day.year - 1)

    def year_start_in(self, year: int) -> date:
        return _month_day(year, *self.year_start)


def _month_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 02-29 outside a leap year
        return date(year, month, day - 1)


def parse_year_start(text: str) -> tuple[int, int] | None:
    """"01-01" -> (1, 1); None when it is not a real month-day (29 February is one)."""
    parts = text.strip().split("-") if isinstance(text, str) else []
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) == 2 for p in parts):
        return None
    month, day = int(parts[0]), int(parts[1])
    try:
        date(2000, month, day)  # a leap year: 02-29 is a day
    except ValueError:
        return None
    return month, day


def in_force(schedules: Sequence[Schedule], day: date) -> Schedule | None:
    """The schedule in force on ``day`` (the latest taking effect on or before it)."""
    found = None
    for s in schedules:
        if s.effective_from <= day and (found is None or s.effective_from > found.effective_from):
            found = s
    return found


def load(session: Session, customer_type: str | None = None) -> list[Schedule]:
    """The stored schedules (of one customer type), by type and day."""
    q = select(TariffSchedule).order_by(TariffSchedule.customer_type, TariffSchedule.effective_from)
    if customer_type is not None:
        q = q.where(TariffSchedule.customer_type == customer_type)
    rows = list(session.scalars(q))
    tiers: dict[int, list[Tier]] = {r.id: [] for r in rows}
    if rows:
        for t in session.scalars(select(TariffTier).where(TariffTier.schedule_id.in_(list(tiers)))
                                 .order_by(TariffTier.schedule_id, TariffTier.tier)):
            tiers[t.schedule_id].append(Tier(t.up_to_m3, t.price))
    return [Schedule(r.id, r.customer_type, r.effective_from, parse_year_start(r.year_start) or (1, 1),
                     tuple(tiers[r.id]), r.large_min_persons, r.large_extra_m3, r.late_daily_rate, r.late_grace_days)
            for r in rows]
