"""Arrears (欠费) by account, aged in four buckets, and what the counters and readers see of them.

An open charge is what is still owed on it as of the day: its amount less the allocations
posted by then (a charge reversed by then is not owed at all). It is in arrears once its due
date has passed: a gas bill's ``due_on``, any other charge (a fee) the business date it was
posted on. On the due date itself it is not late yet (the late fee, too, starts the day after),
so the first bucket runs from the first to the 30th day past due, then 31–60, 61–90 and over 90.

The list is one grouped query over the ledger (an office has hundreds of thousands of accounts
and millions of bills): the open charges per account summed into the buckets, joined to the
account's address, route and last dunning mark, paged in SQL. The last mark is the latest one
since the account's oldest open charge fell due: a mark from an earlier spell of arrears, long
paid, does not say this one was dunned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from gasdesk.models import (
    Account,
    Area,
    Bill,
    Compound,
    DunningMark,
    LedgerAllocation,
    LedgerEntry,
    LedgerPosting,
    Premises,
    Route,
    RouteStop,
)
from gasdesk.models.users import User
from gasdesk.money import Money
from gasdesk.services.accounts import records
from gasdesk.services.accounts.identity import mask_name
from gasdesk.services.core import business_day, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.readings.routes import route_info

ZERO = Decimal("0.00")
EDGES = (30, 60, 90)  # the buckets' last days past due: 1–30, 31–60, 61–90, then over 90
PAGE = 200
MAX_PAGE = 1000
ORDERS = ("route", "owed", "oldest")  # by route and stop; the largest first; the longest overdue first


@dataclass(frozen=True)
class Aging:
    """What is owed by days past due: 1–30, 31–60, 61–90, over 90."""

    upto_30: Decimal = ZERO
    upto_60: Decimal = ZERO
    upto_90: Decimal = ZERO
    over_90: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.upto_30 + self.upto_60 + self.upto_90 + self.over_90

    def as_tuple(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return self.upto_30, self.upto_60, self.upto_90, self.over_90


@dataclass(frozen=True)
class LastMark:
    outcome: str  # models.DunningOutcome: reached, not_home, refused
    on: date
    by: str  # name (login)
    note: str

    @property
    def label(self) -> labels.Label:
        return labels.DUNNING_OUTCOME.get(self.outcome, labels.Label(self.outcome, self.outcome))


@dataclass(frozen=True)
class ArrearsRow:
    seq: int  # 1.. in the whole list (paging goes on after the last one shown)
    account_id: int
    account_number: str
    holder_name: str  # masked: the list is read by readers and printed
    address: str
    status: str
    route_id: int | None
    route_code: str  # "" on no route
    position: int | None  # its stop on the route
    aging: Aging
    oldest_due: date
    days_past_due: int  # of its oldest open charge
    last_mark: LastMark | None  # since its oldest open charge fell due

    @property
    def owed(self) -> Decimal:
        return self.aging.total


@dataclass(frozen=True)
class ArrearsList:
    on: date
    rows: tuple[ArrearsRow, ...]  # this page
    accounts: int  # in the whole list
    totals: Aging  # of the whole list
    offset: int

    @property
    def owed(self) -> Decimal:
        return self.totals.total

    @property
    def more(self) -> bool:
        return self.offset + len(self.rows) < self.accounts


@dataclass(frozen=True)
class OpenItem:
    """One charge in arrears, as a dunning notice lists it."""

    charge_id: int
    kind: str  # the ledger kind: gas_charge, installation_fee ...
    period_from: date | None  # a gas bill's period; None for a fee
    period_to: date | None
    open: Decimal
    due_on: date

    @property
    def label(self) -> labels.Label:
        return labels.LEDGER_KIND.get(self.kind, labels.Label(self.kind, self.kind))


# --- the open charges, in SQL ----------------------------------------------------------------------


def open_charges(on: date, *, area_id: int | None = None, compound_id: int | None = None,
                  route_id: int | None = None, account_ids: Sequence[int] | None = None) -> Any:
    """Per open charge past due on ``on``: account_id, charge_id, kind, bill period, open, due."""
    alloc_posting = aliased(LedgerPosting)
    paid = (select(func.coalesce(func.sum(LedgerAllocation.amount), 0))
            .join(alloc_posting, alloc_posting.id == LedgerAllocation.posting_id)
            .where(LedgerAllocation.charge_entry_id == LedgerEntry.id, alloc_posting.business_date <= on)
            .correlate(LedgerEntry).scalar_subquery())
    rev, rev_posting = aliased(LedgerEntry), aliased(LedgerPosting)
    reversed_ = (select(rev.id).join(rev_posting, rev_posting.id == rev.posting_id)
                 .where(rev.reversal_of == LedgerEntry.id, rev_posting.business_date <= on)
                 .correlate(LedgerEntry).exists())
    due = func.coalesce(Bill.due_on, LedgerPosting.business_date)
    q = (select(LedgerEntry.account_id.label("account_id"), LedgerEntry.id.label("charge_id"),
                LedgerEntry.kind.label("kind"), Bill.period_from.label("period_from"),
                Bill.period_to.label("period_to"), type_coerce(LedgerEntry.amount - paid, Money()).label("open"),
                due.label("due"))
         .join(LedgerPosting, LedgerPosting.id == LedgerEntry.posting_id)
         .outerjoin(Bill, Bill.charge_entry_id == LedgerEntry.id)
         .where(LedgerEntry.account_id.is_not(None), LedgerEntry.bucket == "charge", LedgerEntry.amount > 0,
                LedgerEntry.kind != "reversal", LedgerPosting.business_date <= on, ~reversed_,
                due < on, LedgerEntry.amount - paid > 0))
    if area_id is not None or compound_id is not None:
        q = q.join(Account, Account.id == LedgerEntry.account_id)
        if area_id is not None:
            q = q.where(Account.area_id == area_id)
        if compound_id is not None:
            q = q.join(Premises, Premises.id == Account.premises_id).where(Premises.compound_id == compound_id)
    if route_id is not None:
        q = q.join(RouteStop, RouteStop.account_id == LedgerEntry.account_id).where(RouteStop.route_id == route_id)
    if account_ids is not None:
        q = q.where(LedgerEntry.account_id.in_(list(account_ids)))
    return q.subquery("open_charges")


def money_sum(expr: Any) -> Any:
    return type_coerce(func.coalesce(func.sum(expr), 0), Money())


def per_account(charges: Any, on: date, min_days: int) -> Any:
    """Per account: owed in each bucket and its oldest due date.

    Summed twice: per account and bucket first, then across. A query that named the open amount
    in each bucket's CASE would have SQLite work out every charge's payments once per bucket
    (it folds the per-charge subquery into the sum); summed once, the aggregate is not folded."""
    d1, d2, d3 = (on - timedelta(days=n) for n in EDGES)
    c = charges.c
    bucket = case((c.due >= d1, 1), (c.due >= d2, 2), (c.due >= d3, 3), else_=4)
    parts = (select(c.account_id.label("account_id"), bucket.label("bucket"), money_sum(c.open).label("open"),
                    func.min(c.due).label("oldest"))
             .group_by(c.account_id, bucket).subquery("arrears_parts"))
    p = parts.c
    q = (select(p.account_id.label("account_id"),
                *(money_sum(case((p.bucket == n, p.open), else_=0)).label(f"b{n}") for n in (1, 2, 3, 4)),
                money_sum(p.open).label("owed"), func.min(p.oldest).label("oldest"))
         .group_by(p.account_id))
    if min_days > 1:
        q = q.having(func.min(p.oldest) <= on - timedelta(days=min_days))
    return q.subquery("arrears")


def _who(name: str | None, login: str | None) -> str:
    return f"{name}（{login}）" if name and name != login else (login or "")


def _checked(session: Session, actor: Actor, area_id: int | None, compound_id: int | None,
             route_id: int | None) -> None:
    """A filter naming nothing is refused in words, not answered with an empty list."""
    if area_id is not None and session.get(Area, area_id) is None:
        raise NotFound("这个片区不存在。", "The area does not exist.")
    if compound_id is not None and session.get(Compound, compound_id) is None:
        raise NotFound("这个小区不存在。", "The compound does not exist.")
    if route_id is not None:
        route_info(session, actor, route_id)


def arrears(session: Session, actor: Actor, *, on: date | None = None, area_id: int | None = None,
            compound_id: int | None = None, route_id: int | None = None, min_days: int = 0,
            order: str = "route", limit: int = PAGE, offset: int = 0) -> ArrearsList:
    """The accounts in arrears on ``on`` (default: today), each with its buckets, oldest due date
    and last dunning mark, and the totals of the whole list. ``min_days`` keeps the accounts whose
    oldest open charge is at least that many days past due. ``order``: ``route`` (by route and
    stop, the accounts on no route last), ``owed`` (largest first) or ``oldest``. Paged by
    ``limit`` / ``offset``; the count and totals are always the whole list's."""
    require(session, actor, "arrears.view")
    if order not in ORDERS:
        raise ValidationError(f"欠费清单的排序方式不明：{order}", f"Unknown order of the arrears list: {order}")
    if not 0 <= limit <= MAX_PAGE or offset < 0:
        raise ValidationError(f"每页最多 {MAX_PAGE} 户。", f"A page holds {MAX_PAGE} accounts at most.")
    if min_days < 0:
        raise ValidationError("逾期天数不能是负数。", "The days past due cannot be negative.")
    _checked(session, actor, area_id, compound_id, route_id)
    on = on or business_day.today(session)
    agg = per_account(open_charges(on, area_id=area_id, compound_id=compound_id, route_id=route_id), on, min_days)

    count, b1, b2, b3, b4 = session.execute(
        select(func.count(), money_sum(agg.c.b1), money_sum(agg.c.b2), money_sum(agg.c.b3), money_sum(agg.c.b4))).one()
    totals = Aging(b1, b2, b3, b4)
    if not count or not limit:
        return ArrearsList(on, (), count, totals, offset)

    # The latest mark since the oldest open charge fell due (marks are append-only: the id breaks a tie).
    last = (select(DunningMark.id).where(DunningMark.account_id == agg.c.account_id, DunningMark.on > agg.c.oldest)
            .order_by(DunningMark.on.desc(), DunningMark.id.desc()).limit(1).correlate(agg).scalar_subquery())
    q = (select(agg, Account.number, Account.holder_name, Account.status, Premises, Compound.name, RouteStop.route_id,
                RouteStop.position, Route.code, DunningMark.outcome, DunningMark.on, DunningMark.note, User.name,
                User.login)
         .join(Account, Account.id == agg.c.account_id)
         .join(Premises, Premises.id == Account.premises_id)
         .outerjoin(Compound, Compound.id == Premises.compound_id)
         .outerjoin(RouteStop, RouteStop.account_id == Account.id)
         .outerjoin(Route, Route.id == RouteStop.route_id)
         .outerjoin(DunningMark, DunningMark.id == last)
         .outerjoin(User, User.id == DunningMark.marked_by))
    if order == "route":
        q = q.order_by(Route.code.is_(None), Route.code, RouteStop.position, Account.number, Account.id)
    elif order == "owed":
        q = q.order_by(agg.c.owed.desc(), Account.number, Account.id)
    else:
        q = q.order_by(agg.c.oldest, agg.c.owed.desc(), Account.number, Account.id)
    rows = []
    for seq, r in enumerate(session.execute(q.offset(offset).limit(limit)), start=offset + 1):
        (aid, b1, b2, b3, b4, _owed, oldest, number, holder, status, premises, compound, rid, position, code,
         outcome, mark_on, note, by_name, by_login) = r
        mark = LastMark(outcome, mark_on, _who(by_name, by_login), note or "") if outcome else None
        address = records.address_string(premises, compound or "")
        rows.append(ArrearsRow(seq, aid, number or "", mask_name(holder), address, status, rid, code or "", position,
                               Aging(b1, b2, b3, b4), oldest, (on - oldest).days, mark))
    return ArrearsList(on, tuple(rows), count, totals, offset)


def open_items(session: Session, account_ids: Sequence[int], on: date) -> dict[int, list[OpenItem]]:
    """The charges in arrears of these accounts on ``on``, oldest due first (bills before fees on a day)."""
    out: dict[int, list[OpenItem]] = {aid: [] for aid in account_ids}
    ids = list(dict.fromkeys(account_ids))
    for i in range(0, len(ids), 500):  # a route's households, a few hundred to a query
        c = open_charges(on, account_ids=ids[i:i + 500]).c
        for aid, charge_id, kind, p_from, p_to, open_, due in session.execute(
                select(c.account_id, c.charge_id, c.kind, c.period_from, c.period_to, c.open, c.due)
                .order_by(c.account_id, c.due, c.period_from.is_(None), c.charge_id)):
            out[aid].append(OpenItem(charge_id, kind, p_from, p_to, open_, due))
    return out
