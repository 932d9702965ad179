"""An account with open bills, and paying it, as the cashier's tests write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts_support import Office, key
from billing_support import load_residential, read

from gasdesk.models import TariffSchedule, TariffTier
from gasdesk.services.cashier import payments

D = Decimal


def with_open_bills(office: Office) -> int:
    """Gas-on 2026-01-12 at 0 with 300.00 prepaid; 150 m³ (391.50: 91.50 open), then 250 (261.00 open)."""
    load_residential(office)  # 2.61 up to 350 m³ a year
    aid = office.account_at("in_service")
    read(office, aid, "150", date(2026, 2, 11))
    read(office, aid, "250", date(2026, 3, 13))
    return aid


def late_fee_schedule(office: Office, rate: str = "0.001", grace: int = 0) -> None:
    """A residential schedule with a late fee, in force from 2024 (the one bill_meters prices by)."""
    with office.db.write() as s:
        sched = TariffSchedule(customer_type="residential", effective_from=date(2024, 1, 1), year_start="01-01",
                               late_daily_rate=D(rate), late_grace_days=grace, loaded_by=office.admin.user_id)
        s.add(sched)
        s.flush()
        s.add(TariffTier(schedule_id=sched.id, tier=1, up_to_m3=None, price=D("2.61")))


def pay(office: Office, aid: int, amount: str, method: str = "cash", *, tendered: str | None = None,
        reference: str | None = None, submission: str | None = None) -> payments.PaymentDone:
    with office.db.write() as s:
        return payments.take_payment(s, office.clerk, aid, amount=amount, method=method, tendered=tendered,
                                     reference=reference, idempotency_key=submission or key())
