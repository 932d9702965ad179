"""A tariff, a reading and an account's bills, as the billing tests (and the cashier's) write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts_support import Office
from sqlalchemy import select

from gasdesk.models import Account, Bill, Meter, TariffSchedule, TariffTier
from gasdesk.services.readings.store import ReadingInput, submit

D = Decimal


def load_residential(office: Office, *tiers: tuple[str | None, str], on: date = date(2024, 1, 1)) -> None:
    """A residential schedule written directly (the tariff file's loader is tested on its own)."""
    with office.db.write() as s:
        sched = TariffSchedule(customer_type="residential", effective_from=on, year_start="01-01",
                               loaded_by=office.admin.user_id)
        s.add(sched)
        s.flush()
        for n, (bound, price) in enumerate(tiers or ((("350", "2.61"), ("500", "3.13"), (None, "3.91"))), 1):
            s.add(TariffTier(schedule_id=sched.id, tier=n, up_to_m3=D(bound) if bound else None, price=D(price)))


def read(office: Office, aid: int, value: str, day: date, kind: str = "actual"):  # type: ignore[no-untyped-def]
    with office.db.read() as s:
        number = s.get(Account, aid).number
        serial = s.scalar(select(Meter.serial).where(Meter.account_id == aid, Meter.removed_on.is_(None)))
    with office.db.write() as s:
        return submit(s, office.reader, [ReadingInput(number, serial, value, day, str(day), kind)], source="entry")


def bills_of(office: Office, aid: int) -> list[tuple]:
    with office.db.read() as s:
        return [(b.period_from, b.period_to, b.volume_m3, b.total, b.status) for b in
                s.scalars(select(Bill).where(Bill.account_id == aid).order_by(Bill.id))]
