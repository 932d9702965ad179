"""Reading the ledger: an account's entries and its balances, always derived as sums.

Sign convention (see models/ledger.py): positive = owed by the customer, negative = in the
customer's favour. Nothing stores a balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from gasdesk.models import Counter, LedgerEntry, LedgerPosting, User
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.permissions import require

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Balances:
    balance: Decimal  # > 0 owed by the customer, < 0 credit
    prepayment_credit: Decimal
    deposits: Decimal

    @property
    def arrears(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def credit(self) -> Decimal:
        return max(-self.balance, ZERO)

    @property
    def available(self) -> Decimal:
        """What the counter calls 余额: prepayment plus overpayment minus arrears (deposits aside).

        Positive is money the customer has with us, negative is what they owe. The registers
        compute the same figure in SQL (services.reports.registers._balance_column).
        """
        return self.prepayment_credit - self.balance

    @property
    def held(self) -> Decimal:
        return self.prepayment_credit + self.deposits

    @property
    def to_settle(self) -> bool:
        """Something is left to settle before closing: a balance either way, or held funds."""
        return bool(self.balance or self.held)

    def settlement_net(self, charge: Decimal = ZERO) -> Decimal:
        """What closing with a final ``charge`` leaves to take (> 0) or pay back (< 0), once
        prepayment and deposits are released."""
        return self.balance + charge - self.prepayment_credit - self.deposits


@dataclass(frozen=True)
class EntryInfo:
    id: int
    posting_id: int
    account_id: int | None
    kind: str
    kind_zh: str
    bucket: str
    amount: Decimal
    method: str | None
    reversal_of: int | None
    reversed_by: int | None
    reason: str
    login: str
    counter: str  # the registered counter's code
    created_at: datetime
    business_date: date  # the posting's 记账日期 (reports, shifts and balances as of a day read this)
    party_id: int = 0
    tendered: Decimal | None = None  # cash handed over, on a cash payment
    change_given: Decimal | None = None


def entry_info(e: LedgerEntry, login: str, reversed_by: int | None, counter: str, business_date: date) -> EntryInfo:
    return EntryInfo(
        e.id, e.posting_id, e.account_id, e.kind, labels.text(labels.LEDGER_KIND, e.kind, "zh"), e.bucket, e.amount,
        e.method, e.reversal_of, reversed_by, e.reason, login, counter, e.created_at, business_date, e.party_id,
        e.tendered, e.change_given,
    )


def entries_query() -> Any:
    """Entries with who wrote them, where, on which business day, and what reversed them."""
    rev = aliased(LedgerEntry)
    return (
        select(LedgerEntry, User.login, rev.id, Counter.code, LedgerPosting.business_date)
        .join(User, User.id == LedgerEntry.user_id)
        .join(LedgerPosting, LedgerPosting.id == LedgerEntry.posting_id)
        .join(Counter, Counter.id == LedgerPosting.counter_id)
        .outerjoin(rev, rev.reversal_of == LedgerEntry.id)
    )


def infos(session: Session, query: Any) -> list[EntryInfo]:
    return [entry_info(e, login, rev_id, code, day) for e, login, rev_id, code, day in session.execute(query)]


def party_balances(session: Session, party_id: int, *, as_of: date | None = None,
                   up_to_posting: int | None = None) -> Balances:
    """A party's balances from its entries; ``as_of`` counts postings up to that business day,
    ``up_to_posting`` those up to that posting (what a receipt shows as the balance after it)."""
    q = _sums().where(LedgerEntry.party_id == party_id)
    if up_to_posting is not None:
        q = q.where(LedgerEntry.posting_id <= up_to_posting)
    if as_of is not None:
        q = q.join(LedgerPosting, LedgerPosting.id == LedgerEntry.posting_id)
        q = q.where(LedgerPosting.business_date <= as_of)
    return Balances(*session.execute(q).one())


def _sums() -> Any:
    # SUM and COALESCE keep the Money type, so the sums come back as Decimal yuan.
    return select(
        func.coalesce(func.sum(LedgerEntry.amount), 0),
        func.coalesce(func.sum(case((LedgerEntry.bucket == "prepayment", LedgerEntry.amount), else_=0)), 0),
        func.coalesce(func.sum(case((LedgerEntry.bucket == "deposit", LedgerEntry.amount), else_=0)), 0),
    )


def balances(session: Session, account_id: int) -> Balances:
    """An account's balances (the account's entries are its party's)."""
    return Balances(*session.execute(_sums().where(LedgerEntry.account_id == account_id)).one())


def entries(
    session: Session, actor: Actor, account_id: int, limit: int = 200, *, before_id: int | None = None
) -> list[EntryInfo]:
    """The account's entries, newest first; ``before_id`` pages on (keyset: ids below it)."""
    require(session, actor, "account.view")
    q = entries_query().where(LedgerEntry.account_id == account_id).order_by(LedgerEntry.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(LedgerEntry.id < before_id)
    return infos(session, q)
