"""Tariffs (price schedules with their tiers), bills from readings with their lines, and the
price-change notices handed to households.

A schedule is in force for its customer type from ``effective_from`` until the next one's day.
A bill is frozen once posted: its lines never change, and the bill itself moves only from
posted to reversed (a correction is a reversal and a new bill).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp, UTCDateTime, VolumeCol, one_of
from gasdesk.money import Price, Volume


class BillStatus(StrEnum):
    POSTED = "posted"
    REVERSED = "reversed"


class TariffSchedule(Base):
    __tablename__ = "tariff_schedules"
    __table_args__ = (
        Index("ix_tariff_schedules_type_from", "customer_type", "effective_from", unique=True),
        CheckConstraint("customer_type IN ('residential', 'commercial', 'industrial', 'public')",
                        name="customer_type"),
        CheckConstraint("large_min_persons IS NULL OR large_min_persons >= 1", name="large_min_persons"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_type: Mapped[str] = mapped_column(String(12))
    effective_from: Mapped[date]
    year_start: Mapped[str] = mapped_column(String(5), default="01-01")  # MM-DD: the tariff year's first day
    large_min_persons: Mapped[int | None]  # a household of this many or more ...
    large_extra_m3: Mapped[Decimal | None] = mapped_column(Volume())  # ... has every tier bound raised by this
    late_daily_rate: Mapped[Decimal | None] = mapped_column(Price())  # of the overdue amount, a day
    late_grace_days: Mapped[int | None]
    loaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class TariffTier(Base):
    __tablename__ = "tariff_tiers"
    __table_args__ = (Index("ix_tariff_tiers_schedule_tier", "schedule_id", "tier", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("tariff_schedules.id"))
    tier: Mapped[int]  # 1, 2, 3 ...
    up_to_m3: Mapped[Decimal | None] = mapped_column(Volume())  # the year's cumulative bound; None: the last tier
    price: Mapped[Decimal] = mapped_column(Price())


class Bill(Base):
    __tablename__ = "bills"
    __table_args__ = (
        CheckConstraint(one_of("status", BillStatus), name="status"),
        Index("ix_bills_account_period", "account_id", "period_to"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    meter_id: Mapped[int] = mapped_column(ForeignKey("meters.id"))
    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id"), index=True)
    from_reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id"))  # the reading the use is measured from
    period_from: Mapped[date]
    period_to: Mapped[date]
    # What the tiers were read for when it was billed (a later change of either bills the next period).
    customer_type: Mapped[str] = mapped_column(String(12))
    household_size: Mapped[int]
    volume_m3: Mapped[VolumeCol]
    total: Mapped[MoneyCol]
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default=BillStatus.POSTED.value)
    # None for a bill that comes to nothing (a few litres rounding to 0.00): no charge is posted.
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))
    charge_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    reversal_posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class BillLine(Base):
    """One part of the period (cut at a price change or a tariff-year start) in one tier."""

    __tablename__ = "bill_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    part_from: Mapped[date]
    part_to: Mapped[date]
    days: Mapped[int]
    schedule_id: Mapped[int] = mapped_column(ForeignKey("tariff_schedules.id"))
    schedule_from: Mapped[date]
    tariff_year_start: Mapped[date]
    tier: Mapped[int]
    volume_m3: Mapped[VolumeCol]
    price: Mapped[Decimal] = mapped_column(Price())
    amount: Mapped[MoneyCol]

    __table_args__ = (Index("ix_bill_lines_account_year", "account_id", "tariff_year_start"),)


class PriceNotice(Base):
    """A household told of a price change (调价通知): who handed it out and when."""

    __tablename__ = "price_notices"
    __table_args__ = (Index("ix_price_notices_schedule_account", "schedule_id", "account_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("tariff_schedules.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    notified_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(String(200), default="")
