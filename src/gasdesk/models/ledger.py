"""The ledger: parties, shifts, append-only postings, their entries and allocations.

Sign convention: a positive amount is owed by the customer (a charge, or money paid out to
them); a negative amount is in the customer's favour (money received, a release of held
funds). The balance is SUM(amount): > 0 means arrears, < 0 means credit. Held funds
(prepayment, deposit) are the sums of their bucket; they are part of the balance arithmetic
(a prepayment is charged into its bucket and then paid), so a fully paid signing nets to 0.

Every posting belongs to a party (a piped-gas account, or an LPG customer of a depot), has a
business date (记账日期) besides the moment it was written, a registered counter, the user, an
optional approver and, when it moves money, the shift it was taken in.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp, UTCDateTime
from gasdesk.models.chain import Chained
from gasdesk.money import Money

BUCKETS = ("charge", "prepayment", "deposit", "money")
PARTY_KINDS = ("account", "lpg_customer")


class Party(Base):
    """Whom a posting is for. A piped-gas account has exactly one party; an LPG customer
    (the depot's real-name customer) points at its own party from its table."""

    __tablename__ = "parties"
    __table_args__ = (
        CheckConstraint("kind IN ('account', 'lpg_customer')", name="kind"),
        CheckConstraint("(kind = 'account') = (account_id IS NOT NULL)", name="account"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), unique=True)
    created_at: Mapped[Timestamp]


class Shift(Base):
    """班次: one user at one counter from opening to close. Money posted in it takes its
    business date (the day it opened). A closed shift never changes and takes no posting."""

    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("(status = 'closed') = (closed_at IS NOT NULL)", name="closed"),
        # One open shift per user and counter.
        Index("uq_shifts_open", "user_id", "counter_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    business_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(8), default="open")
    opened_at: Mapped[Timestamp]
    closed_at = mapped_column(UTCDateTime(), nullable=True)


class LedgerPosting(Chained, Base):
    """One business transaction (a signing, a payment, a void): its entries net as posted.

    The idempotency key is made when the form opens; a retry with it returns this posting.
    A void is a posting of its own that names the posting it voids (``voids``, once only).
    """

    __tablename__ = "ledger_postings"
    __table_args__ = (Index("ix_ledger_postings_business_date", "business_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)  # the party's account
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    action: Mapped[str] = mapped_column(String(40))  # e.g. account.sign_contract, ledger.void
    memo: Mapped[str] = mapped_column(String(200), default="")
    business_date: Mapped[date]
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    voids: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"), unique=True)
    created_at: Mapped[Timestamp]


class LedgerEntry(Chained, Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        CheckConstraint("amount <> 0", name="amount_nonzero"),
        CheckConstraint("bucket IN ('charge', 'prepayment', 'deposit', 'money')", name="bucket"),
        # Money moved (payment, refund) names how; nothing else does.
        CheckConstraint("(bucket = 'money') = (method IS NOT NULL)", name="method"),
        CheckConstraint("(kind = 'reversal') = (reversal_of IS NOT NULL)", name="reversal"),
        # Cash handed over: the tendered amount and the change given, on a cash payment only,
        # and they add up (a payment's amount is negative: received = -amount).
        CheckConstraint("(tendered IS NULL) = (change_given IS NULL)", name="tendered_pair"),
        CheckConstraint("tendered IS NULL OR (kind = 'payment' AND method = 'cash')", name="tendered_cash"),
        CheckConstraint("tendered IS NULL OR (change_given >= 0 AND change_given = tendered + amount)",
                        name="tendered_change"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("ledger_postings.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    bucket: Mapped[str] = mapped_column(String(12))
    amount: Mapped[MoneyCol]
    method: Mapped[str | None] = mapped_column(String(12))
    tendered: Mapped[Decimal | None] = mapped_column(Money())
    change_given: Mapped[Decimal | None] = mapped_column(Money())
    reversal_of: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class LedgerAllocation(Chained, Base):
    """Which charge a credit settles, and by how much. A charge's open amount is its amount
    less its allocations; the balance is still the sum of entries. A void reverses an
    allocation with a negative one that names it."""

    __tablename__ = "ledger_allocations"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_nonzero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("ledger_postings.id"), index=True)
    credit_entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    charge_entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    amount: Mapped[MoneyCol]
    reversal_of: Mapped[int | None] = mapped_column(ForeignKey("ledger_allocations.id"), unique=True)
    created_at: Mapped[Timestamp]
