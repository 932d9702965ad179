"""The demo office's counter year: payments through the cashier's services on the weekdays of
the year before the build day, by every method at both counters, a few voids (same day) and
refunds (after the close), every day's shift closed by denomination and remitted to finance.

What stays unpaid is the demo's arrears, of every age: the office's bills run for years and only
REGULARS of its households come to the counter (their first visit clears what they owe). Payments
go through ``payments.take_payment`` with the day pinned (``business_day.on_day``), so receipts,
shifts and closes are the service's own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Bill
from gasdesk.services.cashier import payments, refunds, remittances, shift_close, shift_report
from gasdesk.services.core import business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound
from gasdesk.services.demo.readings import _actor
from gasdesk.services.office import counters

SEED = 20261203
DAYS = 365
PER_DAY = (1, 4)  # payments a counter day
METHODS = ("cash", "cash", "cash", "wechat", "alipay", "card", "transfer")
FINANCE = "刘会计"
REGULARS = 200  # the households that pay at the counter: a first visit clears years, later ones a bill


def notes(cash: Decimal) -> str:
    """The cash as counted: hundreds, ones, fen."""
    return f"100x{int(cash // 100)},1x{int(cash % 100)},0.01x{int(cash % 1 * 100)}"


def build(session: Session, admin: Actor, size: int) -> None:
    """The cashier demo builder (services.demo.BUILDERS)."""
    rng = random.Random(SEED)
    clerk, boss = _actor(session, "clerk"), _actor(session, "super")
    second = Actor(boss.user_id, boss.login, boss.name, boss.role, "C02", _counter_id(session, "C02"))
    billed = list(session.scalars(select(Bill.account_id).join(Account, Account.id == Bill.account_id)
                                  .where(Account.status != "closed").distinct().order_by(Bill.account_id)))
    if not billed:
        return
    regulars = rng.sample(billed, min(REGULARS, len(billed)))  # who comes to the counter; the rest owe
    today = date.today()
    paid: list[tuple[str, date, str]] = []  # (receipt, day, method) of the payments still standing
    counter_days = [today - timedelta(days=n) for n in range(DAYS, 0, -1)]
    for day in (d for d in counter_days if d.weekday() < 5):
        actor = second if day.weekday() == 4 else clerk  # Fridays the supervisor opens the second counter
        with business_day.on_day(session, day):
            for n in range(rng.randint(*PER_DAY)):
                method = rng.choice(METHODS)
                paid.append((_pay(session, actor, rng.choice(regulars), day, n, method, rng), day, method))
            if rng.random() < 0.08 and paid[-1][1] == day:  # a mistaken receipt, voided at once
                number = paid.pop()[0]
                refunds.void_receipt(session, actor, number, "收错金额，重新收费", approver=boss,
                                     idempotency_key=f"demo-void-{number}")
            earlier = [i for i, (_r, on, m) in enumerate(paid) if on < day and m != "cash"]
            if rng.random() < 0.04 and earlier:  # an earlier day's payment paid back (to the bank, not the till)
                number = paid.pop(rng.choice(earlier))[0]
                refunds.refund_receipt(session, actor, number, "重复缴费，退还", approver=boss,
                                       idempotency_key=f"demo-refund-{number}")
            _close(session, actor, boss, rng)


def _counter_id(session: Session, code: str) -> int:
    return counters.registered(session, code).id


def _pay(session: Session, actor: Actor, account_id: int, day: date, n: int, method: str,
         rng: random.Random) -> str:
    due = payments.quote(session, actor, account_id).total
    if due <= 0:
        amount = Decimal(rng.choice((100, 200, 300)))  # nothing owed: money put aside for the winter
    elif rng.random() < 0.2:
        amount = max(Decimal("1.00"), (due / 2).quantize(Decimal("0.01")))  # part now, the rest later
    else:
        amount = due
    tendered = (amount // 50 + 1) * 50 if method == "cash" and rng.random() < 0.6 else None
    reference = None if method == "cash" else f"{method[:2].upper()}{day:%Y%m%d}{account_id:06d}{n}"
    done = payments.take_payment(session, actor, account_id, amount=amount, method=method, tendered=tendered,
                                 reference=reference, idempotency_key=f"demo-pay-{day}-{account_id}-{n}")
    return done.receipt_number


def _close(session: Session, actor: Actor, boss: Actor, rng: random.Random) -> None:
    try:
        shift = shift_close.open_shift_of(session, actor)
    except NotFound:  # nothing was taken that day
        return
    cash = shift_report.money_in(session, shift.id)[1]
    short = Decimal("0.50") if rng.random() < 0.05 and cash >= 1 else Decimal(0)
    shift_close.close_shift(session, actor, counted=notes(cash - short), approver=boss,
                            explanation="找零时多找 0.5 元" if short else "")
    remittances.remit(session, actor, shift.id, received_by=FINANCE)
