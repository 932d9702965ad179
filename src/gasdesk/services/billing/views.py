"""An account's bills as the account page and ``account show --json`` show them, with each bill's
breakdown and what is still open of it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Bill, BillLine
from gasdesk.services import ledger


@dataclass(frozen=True)
class LineRow:
    part_from: date
    part_to: date
    days: int
    schedule_from: date
    tariff_year_start: date
    tier: int
    volume_m3: Decimal
    price: Decimal
    amount: Decimal

    def json(self) -> dict[str, object]:
        return {"part_from": self.part_from.isoformat(), "part_to": self.part_to.isoformat(), "days": self.days,
                "schedule_from": self.schedule_from.isoformat(),
                "tariff_year_start": self.tariff_year_start.isoformat(), "tier": self.tier,
                "volume_m3": f"{self.volume_m3:.3f}", "price": _price(self.price), "amount": f"{self.amount:.2f}"}


@dataclass(frozen=True)
class BillRow:
    id: int
    reading_id: int
    period_from: date
    period_to: date
    volume_m3: Decimal
    total: Decimal
    due_on: date
    status: str
    open_amount: Decimal  # what is still owed of it (0 once paid, or reversed)
    lines: tuple[LineRow, ...]

    def json(self) -> dict[str, object]:
        return {"id": self.id, "reading_id": self.reading_id, "period_from": self.period_from.isoformat(),
                "period_to": self.period_to.isoformat(), "volume_m3": f"{self.volume_m3:.3f}",
                "total": f"{self.total:.2f}", "due_on": self.due_on.isoformat(), "status": self.status,
                "open_amount": f"{self.open_amount:.2f}", "lines": [x.json() for x in self.lines]}


def _price(value: Decimal) -> str:
    """A price as the tariff wrote it: up to four places, at least two (2.61, 2.8375)."""
    text = f"{value:.4f}".rstrip("0")
    return text + "0" * max(0, 2 - len(text.split(".")[1]))


def account_bills(session: Session, account_id: int, limit: int = 200) -> list[BillRow]:
    """The account's bills, newest first (the account page checks its own permission)."""
    found = list(session.scalars(select(Bill).where(Bill.account_id == account_id)
                                 .order_by(Bill.period_to.desc(), Bill.id.desc()).limit(limit)))
    lines: dict[int, list[LineRow]] = defaultdict(list)
    if found:
        for x in session.scalars(select(BillLine).where(BillLine.bill_id.in_([b.id for b in found]))
                                 .order_by(BillLine.id)):
            lines[x.bill_id].append(LineRow(x.part_from, x.part_to, x.days, x.schedule_from, x.tariff_year_start,
                                            x.tier, x.volume_m3, x.price, x.amount))
    return [BillRow(b.id, b.reading_id, b.period_from, b.period_to, b.volume_m3, b.total, b.due_on, b.status,
                    ledger.open_amount(session, b.charge_entry_id) if b.status == "posted" else Decimal("0.00"),
                    tuple(lines[b.id])) for b in found]
