"""The cashier's rows: receipt series and receipts, shift closings with their counted cash,
remittances to finance, and the dunning marks of the arrears round.

A receipt is issued in the transaction of its posting, numbered from its series' row (updated in
the same transaction, so numbers run without gaps per counter and series). It never changes but
once: issued -> void (with the void's posting). A shift closing is written once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Money, MoneyCol, Timestamp, UTCDateTime, one_of


class ReceiptStatus(StrEnum):
    ISSUED = "issued"
    VOID = "void"


class ReceiptKind(StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"


# The series a receipt is numbered in (C01-A-0000123): payments and refunds each run on their own.
SERIES = {ReceiptKind.PAYMENT: "A", ReceiptKind.REFUND: "R"}


class ReceiptSeries(Base):
    """The last number issued per counter and series: the one row a receipt's number comes from."""

    __tablename__ = "receipt_series"
    __table_args__ = (
        UniqueConstraint("counter_id", "series"),
        CheckConstraint("last_number >= 0", name="last_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    series: Mapped[str] = mapped_column(String(2))
    last_number: Mapped[int] = mapped_column(default=0)


class Receipt(Base):
    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("counter_id", "series", "seq"),
        CheckConstraint(one_of("kind", ReceiptKind), name="kind"),
        CheckConstraint(one_of("status", ReceiptStatus), name="status"),
        CheckConstraint("amount > 0", name="amount"),
        CheckConstraint("seq >= 1", name="seq"),
        CheckConstraint("(status = 'void') = (void_posting_id IS NOT NULL)", name="void"),
        Index("ix_receipts_business_date", "business_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # a counter code of up to 16, series, 7 digits
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    series: Mapped[str] = mapped_column(String(2))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default=ReceiptStatus.ISSUED.value)
    posting_id: Mapped[int] = mapped_column(ForeignKey("ledger_postings.id"), unique=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    amount: Mapped[MoneyCol]
    method: Mapped[str] = mapped_column(String(12))
    reference: Mapped[str] = mapped_column(String(64), default="")
    tendered: Mapped[Decimal | None] = mapped_column(Money())
    change_given: Mapped[Decimal | None] = mapped_column(Money())
    refund_of: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"))  # a refund of a closed shift's payment
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    business_date: Mapped[date]
    created_at: Mapped[Timestamp]
    void_posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"), unique=True)
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# What of a receipt never changes: models.guards.RECEIPT_FIXED (the triggers of migration 0010).


class ShiftClosing(Base):
    """日结: a shift's close, written once: the cash counted by denomination against what the
    ledger says the drawer holds, the difference and why, and the supervisor who confirmed it."""

    __tablename__ = "shift_closings"

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), unique=True)
    counts: Mapped[str] = mapped_column(String(200))  # "100x3,50x1,0.5x2": denomination x pieces
    counted: Mapped[MoneyCol]
    expected: Mapped[MoneyCol]  # the cash the shift's postings took in, less the cash paid out
    difference: Mapped[MoneyCol]  # counted - expected
    explanation: Mapped[str] = mapped_column(String(400), default="")
    closed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    chain_head: Mapped[str] = mapped_column(String(100), default="")  # COUNT:HASH, the ledger chain at the close
    closed_at: Mapped[Timestamp]


class Remittance(Base):
    """解缴: the cash of a closed shift handed to finance, and who received it."""

    __tablename__ = "remittances"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), unique=True)
    amount: Mapped[MoneyCol]
    received_by: Mapped[str] = mapped_column(String(60))  # finance's cashier, by name
    handed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    remitted_at: Mapped[Timestamp]


class DunningOutcome(StrEnum):
    REACHED = "reached"
    NOT_HOME = "not_home"
    REFUSED = "refused"


class DunningMark(Base):
    """催缴: a reader's visit to a household in arrears, and how it went."""

    __tablename__ = "dunning_marks"
    __table_args__ = (
        CheckConstraint(one_of("outcome", DunningOutcome), name="outcome"),
        Index("ix_dunning_marks_account_on", "account_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    outcome: Mapped[str] = mapped_column(String(10))
    on: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")
    marked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    marked_at: Mapped[Timestamp]
