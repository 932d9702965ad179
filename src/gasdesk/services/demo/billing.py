"""The demo office's tariffs and bills: every demo reading billed through the billing service.

Tariffs go in through services.billing.tariffs as an administrator loads them: the city's
earlier tariff (EARLIER, in force when the demo's first meters were fitted in 2016: the
readings demo measures each meter's first cycle from its initial reading, years back), the
shipped sample file (the city's tariff from 2024-01-01), and one residential price change
(调价) on the 20th of the month PRICE_CHANGE_MONTHS before the build day, when the residential
routes (read on the 5th to the 15th) are in the middle of their cycles: tier prices up about
8 %. The tariff year starts on 1 January, inside every December–January period.

Bills come from ``bills.bill_history`` (bill_meters' own rules, written in bulk: some 50,000
bills one by one through the ORM would take the demo many minutes), posted by the clerk the
day after each reading. A closed account's meters are left out: its closing settlement already
charged the use its final reading shows (accounts.DEMO_PRICE), and billing it again would
charge the gas twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Meter
from gasdesk.money import round_fen
from gasdesk.services.billing import bills, schedules, tariffs
from gasdesk.services.billing.schedules import Tier
from gasdesk.services.billing.tariffs import ScheduleInput
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo.readings import _actor

D = Decimal
EARLIER_FROM = date(2016, 1, 1)  # the accounts demo's first day
# The city's tariff before 2024 (illustrative): the sample file's shape at lower prices.
EARLIER = {"residential": ((D(350), D("2.53")), (D(500), D("3.04")), (None, D("3.79"))),
           "commercial": ((None, D("3.35")),), "industrial": ((None, D("3.10")),), "public": ((None, D("3.00")),)}
PRICE_CHANGE_MONTHS = 8
PRICE_CHANGE_DAY = 20
RAISE = D("1.08")  # the price change's residential tiers, each rounded to the fen


def build(session: Session, admin: Actor, size: int) -> None:
    """The billing demo builder (services.demo.BUILDERS): tariffs, then every reading billed."""
    sample = tariffs.load(session, admin, tariffs.sample_path())
    current = schedules.in_force(schedules.load(session, "residential"), date.today())
    assert current is not None, "the sample tariff prices households"
    changed_on = price_change_day(date.today())
    more = tariffs.load(session, admin, [*earlier_tariff(current), price_change(current, changed_on)],
                        name="演示：2016 年气价与居民调价")
    meters = session.scalars(select(Meter.id).join(Account, Account.id == Meter.account_id)
                             .where(Account.status != "closed"))
    done = bills.bill_history(session, _actor(session, "clerk"), meters,
                              posted_on=lambda read_on: read_on + timedelta(days=1))
    audit.record(session, admin, "demo.generate_bills", "bill", "",
                 after={"schedules": len(sample.stored) + len(more.stored), "price_change": changed_on,
                        "bills": len(done.bills), "zero_use": len(done.unbilled), "reversed": len(done.reversed),
                        "waiting": len(done.waiting), "total": done.total})


def price_change_day(today: date) -> date:
    """The 20th of the month PRICE_CHANGE_MONTHS before ``today``'s."""
    index = today.year * 12 + today.month - 1 - PRICE_CHANGE_MONTHS
    return date(index // 12, index % 12 + 1, PRICE_CHANGE_DAY)


def _like(s: schedules.Schedule, customer_type: str, on: date, tiers: tuple[Tier, ...]) -> ScheduleInput:
    """A schedule like ``s`` (its tariff year and large-household and late-fee terms) from ``on``."""
    return ScheduleInput(customer_type, on, tiers, f"{s.year_start[0]:02d}-{s.year_start[1]:02d}",
                         s.large_min_persons, s.large_extra_m3, s.late_daily_rate, s.late_grace_days)


def earlier_tariff(residential: schedules.Schedule, since: date = EARLIER_FROM) -> list[ScheduleInput]:
    """EARLIER's schedules from ``since`` (the residential one on ``residential``'s terms)."""
    out = []
    for kind, tiers in EARLIER.items():
        made = tuple(Tier(bound, price) for bound, price in tiers)
        out.append(_like(residential, kind, since, made) if kind == "residential"
                   else ScheduleInput(kind, since, made))
    return out


def price_change(current: schedules.Schedule, on: date) -> ScheduleInput:
    """``current`` with its tier prices RAISE'd, from ``on``."""
    raised = tuple(Tier(t.up_to_m3, round_fen(t.price * RAISE)) for t in current.tiers)
    return _like(current, "residential", on, raised)
