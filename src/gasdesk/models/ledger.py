"""The account ledger: append-only postings and their entries (guarded by triggers).

Sign convention: a positive amount is owed by the customer (a charge, or money paid out to
them); a negative amount is in the customer's favour (money received, a release of held
funds). The balance is SUM(amount): > 0 means arrears, < 0 means credit. Held funds
(prepayment, deposit) are the sums of their bucket; they are part of the balance arithmetic
(a prepayment is charged into its bucket and then paid), so a fully paid signing nets to 0.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp

BUCKETS = ("charge", "prepayment", "deposit", "money")


class LedgerPosting(Base):
    """One business transaction (a signing, a payment, a reversal): its entries net as posted.

    The idempotency key is made when the form opens; a retry with it returns this posting.
    Later cashier work hangs receipts off posting_id in the same transaction.
    """

    __tablename__ = "ledger_postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    action: Mapped[str] = mapped_column(String(40))  # e.g. account.sign_contract, ledger.reverse
    memo: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    counter: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[Timestamp]


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        CheckConstraint("amount <> 0", name="amount_nonzero"),
        CheckConstraint("bucket IN ('charge', 'prepayment', 'deposit', 'money')", name="bucket"),
        # Money moved (payment, refund) names how; nothing else does.
        CheckConstraint("(bucket = 'money') = (method IS NOT NULL)", name="method"),
        CheckConstraint("(kind = 'reversal') = (reversal_of IS NOT NULL)", name="reversal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("ledger_postings.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    bucket: Mapped[str] = mapped_column(String(12))
    amount: Mapped[MoneyCol]
    method: Mapped[str | None] = mapped_column(String(12))
    reversal_of: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    counter: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[Timestamp]
