"""The depot's money documents: LPG coupon books and their coupons (液化气票), and deposit slips (押金条).

A coupon is for one fill of one size; a book is sold whole, with a receipt, and each coupon is
cancelled when it is redeemed at an exchange. A coupon's status only moves forward (unsold → sold →
redeemed), each step a conditional update, so two counters redeeming one coupon cannot both win.

A deposit slip is numbered in its depot's series ``Y`` (D01-Y-0000001, gap-free like receipts),
names the size and count of company cylinders lent, and is refunded once, against the slip or,
when it is lost, with a supervisor's approval.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp, one_of

DEPOSIT_SERIES = "Y"  # 押: the deposit slips' series beside the receipts' A and R


class CouponStatus(StrEnum):
    UNSOLD = "unsold"  # in the depot's stock of printed books
    SOLD = "sold"
    REDEEMED = "redeemed"


class DepositStatus(StrEnum):
    HELD = "held"
    REFUNDED = "refunded"


class CouponBook(Base):
    """A book of coupons with consecutive serials, for one size at one face value each."""

    __tablename__ = "coupon_books"
    __table_args__ = (
        CheckConstraint("face_value > 0", name="face_value"),
        CheckConstraint("count BETWEEN 1 AND 1000", name="count"),
        CheckConstraint("(posting_id IS NULL) = (sold_on IS NULL)", name="sold"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[str] = mapped_column(ForeignKey("cylinder_sizes.code"))
    face_value: Mapped[MoneyCol]  # per coupon
    first_serial: Mapped[str] = mapped_column(String(32), unique=True)
    last_serial: Mapped[str] = mapped_column(String(32))
    count: Mapped[int]
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))  # the depot that stocks it
    received_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"), index=True)  # sold to
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))  # the sale
    sold_on: Mapped[date | None]
    created_at: Mapped[Timestamp]


class Coupon(Base):
    __tablename__ = "lpg_coupons"
    __table_args__ = (
        CheckConstraint(one_of("status", CouponStatus), name="status"),
        CheckConstraint("(status = 'redeemed') = (redeemed_transaction_id IS NOT NULL)", name="redeemed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("coupon_books.id"), index=True)
    size: Mapped[str] = mapped_column(ForeignKey("cylinder_sizes.code"))
    status: Mapped[str] = mapped_column(String(10), default=CouponStatus.UNSOLD.value)
    redeemed_transaction_id: Mapped[int | None] = mapped_column(ForeignKey("depot_transactions.id"), index=True)
    redeemed_on: Mapped[date | None]


class DepositSlip(Base):
    __tablename__ = "deposit_slips"
    __table_args__ = (
        UniqueConstraint("counter_id", "seq"),
        CheckConstraint(one_of("status", DepositStatus), name="status"),
        CheckConstraint("count BETWEEN 1 AND 20", name="count"),
        CheckConstraint("amount > 0", name="amount"),
        CheckConstraint("(status = 'refunded') = (refund_transaction_id IS NOT NULL)", name="refunded"),
        Index("ix_deposit_slips_customer", "customer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    seq: Mapped[int]
    customer_id: Mapped[int] = mapped_column(ForeignKey("lpg_customers.id"))
    size: Mapped[str] = mapped_column(ForeignKey("cylinder_sizes.code"))
    count: Mapped[int]
    amount: Mapped[MoneyCol]  # the whole deposit of the slip
    status: Mapped[str] = mapped_column(String(10), default=DepositStatus.HELD.value)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("depot_transactions.id"))  # the loan
    posting_id: Mapped[int] = mapped_column(ForeignKey("ledger_postings.id"))
    refund_transaction_id: Mapped[int | None] = mapped_column(ForeignKey("depot_transactions.id"))
    refund_posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))
    lost_approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # refunded without the slip
    business_date: Mapped[date]
    created_at: Mapped[Timestamp]


class CouponHandover(Base):
    """气票解缴: a depot day's redeemed coupons of one size, counted by the keeper and handed to
    finance; a count other than the redeemed is explained. One per depot, day and size."""

    __tablename__ = "coupon_handovers"
    __table_args__ = (
        UniqueConstraint("counter_id", "business_date", "size"),
        CheckConstraint("counted >= 0 AND expected >= 0", name="counts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    business_date: Mapped[date]
    size: Mapped[str] = mapped_column(ForeignKey("cylinder_sizes.code"))
    expected: Mapped[int]  # redeemed that day at the depot
    counted: Mapped[int]
    face_total: Mapped[MoneyCol]  # the redeemed coupons' face value
    explanation: Mapped[str] = mapped_column(String(200), default="")
    received_by: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]
