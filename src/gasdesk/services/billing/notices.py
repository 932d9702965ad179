"""Price changes (调价) and their notices (调价通知): who must be told, the slips the reader hands
out, and the mark per household of when it was told and by whom.

A price change is every schedule of a customer type but its first, compared with the one before
it. The households it affects are the accounts of that type that are read (gas-on, in service,
suspended), listed by route in walking order; those on no route come last, in a group of their
own (``UNASSIGNED``, "未分配抄表册"). A route's notices print on A4, three slips a page with cut
lines: each slip names the household, the day the change takes effect and the old and new prices
tier by tier, and ends in a tear-off receipt the holder signs. Its first print is the original,
a later one a copy (副本), as services.printing.jobs decides.

A household is marked once per change (PriceNotice rows are never changed); a mark names the
person who typed it and when. A batch of marks is all or nothing, with one audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Compound, Premises, PriceNotice, Route, RouteStop
from gasdesk.models.base import utcnow
from gasdesk.models.users import User
from gasdesk.services.accounts import numbers, records
from gasdesk.services.billing import notice_slips, schedules
from gasdesk.services.billing.schedules import Schedule
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError, current_language
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.printing import jobs
from gasdesk.services.printing.document import INVARIANT_STAMP
from gasdesk.services.printing.fonts import configured_font
from gasdesk.services.readings.routes import route_info
from gasdesk.services.readings.store import CHUNK, READ_STATUSES

TITLE = "调价通知"
DOCUMENT_KIND = "price_notice"  # print jobs: one change's notices for one route
UNASSIGNED = 0  # the group of the accounts on no route (no route has the id 0)
UNASSIGNED_NAME = "未分配抄表册"


# --- what a price change is -----------------------------------------------------------------------


@dataclass(frozen=True)
class PriceChange:
    schedule: Schedule  # the new prices
    previous: Schedule  # the prices they replace

    @property
    def id(self) -> int:
        return self.schedule.id

    @property
    def customer_type(self) -> str:
        return self.schedule.customer_type

    @property
    def effective_from(self) -> date:
        return self.schedule.effective_from

    def title(self, lang: str | None = None) -> str:
        """居民 2027-04-01 调价 / Residential price change of 2027-04-01."""
        kind = labels.text(labels.ACCOUNT_TYPE, self.customer_type, lang)
        if (lang or current_language()) == "en":
            return f"{kind} price change of {self.effective_from.isoformat()}"
        return f"{kind} {self.effective_from.isoformat()} 调价"


def _changes(all_schedules: Sequence[Schedule]) -> list[PriceChange]:
    previous: dict[str, Schedule] = {}
    found = []
    for s in sorted(all_schedules, key=lambda s: (s.customer_type, s.effective_from)):
        if s.customer_type in previous:
            found.append(PriceChange(s, previous[s.customer_type]))
        previous[s.customer_type] = s
    types = list(labels.ACCOUNT_TYPE)  # on one day: residential first, as the account types are listed
    return sorted(found, key=lambda c: (c.effective_from, types.index(c.customer_type)
                                        if c.customer_type in types else len(types)))


def price_changes(session: Session, actor: Actor, *, upcoming_only: bool = True) -> list[PriceChange]:
    """The price changes by the day they take effect, each with the schedule it replaces;
    ``upcoming_only``: those taking effect after today."""
    require(session, actor, "tariff.view")
    found = _changes(schedules.load(session))
    if upcoming_only:
        today = business_day.today(session)
        found = [c for c in found if c.effective_from > today]
    return found


def price_change(session: Session, actor: Actor, schedule_id: int) -> PriceChange:
    """One price change, refused in words when the schedule is none (or is a type's first)."""
    require(session, actor, "tariff.view")
    return _change(session, schedule_id)


def _change(session: Session, schedule_id: int) -> PriceChange:
    own = next((s for s in schedules.load(session) if s.id == schedule_id), None)
    if own is None:
        raise NotFound("这份气价不存在。", "The price schedule does not exist.")
    change = next((c for c in _changes(schedules.load(session, own.customer_type)) if c.id == schedule_id), None)
    if change is None:
        kind = labels.ACCOUNT_TYPE.get(own.customer_type, labels.Label(own.customer_type, own.customer_type))
        raise Conflict(f"{own.effective_from.isoformat()} 起的{kind.zh}气价是第一份气价，不是调价，不用通知用户。",
                       f"The {kind.en.lower()} schedule of {own.effective_from.isoformat()} is the first one: "
                       "it changes no price and needs no notice.")
    return change


# --- the households it affects ------------------------------------------------------------------


@dataclass(frozen=True)
class Household:
    seq: int  # 1.. within its group (paging goes on after the last one shown)
    position: int | None  # its stop on the route; None on no route
    account_id: int
    account_number: str
    holder_name: str
    address: str
    household_size: int
    status: str
    notified_at: datetime | None  # aware UTC
    notified_by: str  # name (login)
    note: str

    @property
    def notified(self) -> bool:
        return self.notified_at is not None


@dataclass(frozen=True)
class RouteGroup:
    route_id: int  # UNASSIGNED: the accounts on no route
    code: str
    name: str
    total: int
    notified: int
    households: tuple[Household, ...] = ()  # in walking order; empty where only counts were asked

    @property
    def pending(self) -> int:
        return self.total - self.notified


@dataclass(frozen=True)
class Affected:
    change: PriceChange
    groups: tuple[RouteGroup, ...]  # by route code, the accounts on no route last

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def notified(self) -> int:
        return sum(g.notified for g in self.groups)

    @property
    def pending(self) -> int:
        return self.total - self.notified


def _affected_accounts(change: PriceChange):  # type: ignore[no-untyped-def]
    return (Account.type == change.customer_type) & Account.status.in_(READ_STATUSES)


def _notice_of(change: PriceChange):  # type: ignore[no-untyped-def]
    return (PriceNotice.account_id == Account.id) & (PriceNotice.schedule_id == change.id)


def _on_route(route_id: int):  # type: ignore[no-untyped-def]
    return RouteStop.route_id.is_(None) if route_id == UNASSIGNED else RouteStop.route_id == route_id


def _counts(session: Session, change: PriceChange, route_id: int | None) -> list[RouteGroup]:
    """Each group's households and how many were told (no households listed)."""
    q = (select(RouteStop.route_id, func.count(Account.id), func.count(PriceNotice.id))
         .select_from(Account)
         .outerjoin(RouteStop, RouteStop.account_id == Account.id)
         .outerjoin(PriceNotice, _notice_of(change))
         .where(_affected_accounts(change))
         .group_by(RouteStop.route_id))
    if route_id is not None:
        q = q.where(_on_route(route_id))
    counts = {rid or UNASSIGNED: (total, told) for rid, total, told in session.execute(q)}
    named = {r.id: r for r in session.scalars(select(Route).where(Route.id.in_([i for i in counts if i])))}
    groups = [RouteGroup(rid, named[rid].code, named[rid].name, *counts[rid]) for rid in counts if rid]
    groups.sort(key=lambda g: g.code)
    if UNASSIGNED in counts:
        groups.append(RouteGroup(UNASSIGNED, "", UNASSIGNED_NAME, *counts[UNASSIGNED]))
    return groups


def _households(session: Session, change: PriceChange, route_id: int, offset: int,
                limit: int | None) -> tuple[Household, ...]:
    q = (select(RouteStop.position, Account.id, Account.number, Account.holder_name, Account.household_size,
                Account.status, Premises, Compound.name, PriceNotice.notified_at, PriceNotice.note, User.name,
                User.login)
         .join(Premises, Premises.id == Account.premises_id)
         .outerjoin(Compound, Compound.id == Premises.compound_id)
         .outerjoin(RouteStop, RouteStop.account_id == Account.id)
         .outerjoin(PriceNotice, _notice_of(change))
         .outerjoin(User, User.id == PriceNotice.notified_by)
         .where(_affected_accounts(change), _on_route(route_id))
         # A route's stops in walking order; the accounts on no route by number (area, then opening).
         .order_by(RouteStop.position, Account.number, Account.id)
         .offset(max(offset, 0)))
    if limit is not None:
        q = q.limit(max(limit, 0))
    out = []
    for seq, (position, aid, number, holder, size, status, premises, compound, at, note, by_name, by_login) in \
            enumerate(session.execute(q), start=max(offset, 0) + 1):
        by = f"{by_name}（{by_login}）" if by_name and by_name != by_login else (by_login or "")
        out.append(Household(seq, position, aid, number or "", holder, records.address_string(premises, compound or ""),
                             size, status, at, by, note or ""))
    return tuple(out)


def affected(session: Session, actor: Actor, schedule_id: int, *, route_id: int | None = None, offset: int = 0,
             limit: int | None = None) -> Affected:
    """The households the change affects, by route: each route's stops in walking order, with
    whether, when and by whom each was told. ``route_id`` keeps one group (``UNASSIGNED``: the
    accounts on no route), and only then do ``offset`` / ``limit`` page its households (the
    group's counts are always the whole group's)."""
    require(session, actor, "tariff.view")
    change = _change(session, schedule_id)
    if route_id not in (None, UNASSIGNED):
        route_info(session, actor, route_id)  # words for a route that is not there
    groups = _counts(session, change, route_id)
    if route_id is None:
        offset, limit = 0, None
    filled = tuple(RouteGroup(g.route_id, g.code, g.name, g.total, g.notified,
                              _households(session, change, g.route_id, offset, limit)) for g in groups)
    return Affected(change, filled)


def route_counts(session: Session, actor: Actor, schedule_id: int) -> Affected:
    """``affected`` without the households: each route's count, told and not yet."""
    require(session, actor, "tariff.view")
    change = _change(session, schedule_id)
    return Affected(change, tuple(_counts(session, change, None)))


def unnotified_count(session: Session, actor: Actor, schedule_id: int) -> int:
    """How many affected households have not been marked as told yet."""
    return route_counts(session, actor, schedule_id).pending


# --- marking households told ----------------------------------------------------------------------


@dataclass(frozen=True)
class Notified:
    account_number: str
    holder_name: str
    notified_at: datetime
    notified_by: str


@dataclass(frozen=True)
class Marked(Changed):
    change: PriceChange
    marked: tuple[Notified, ...]  # marked now, in the order given
    already: tuple[Notified, ...]  # marked before, left as they were (the earlier mark shown)
    pending: int  # households of the change still not told


NOTHING = ("本次未登记任何一户。", "Nothing was marked.")  # every refusal of a batch says so


def _named(account: Account) -> str:
    return account.number or f"#{account.id}"


def _accounts(session: Session, change: PriceChange, wanted: Sequence[int | str]) -> list[Account]:
    """The accounts named (ids or numbers), each once in the order named; every one of them the
    change's customer type and read, or the lot is refused in words."""
    keys: list[int | str] = []
    for w in wanted:
        try:
            key = w if isinstance(w, int) else numbers.validate_number(w)
        except ValidationError as exc:  # in a batch: which one, and that none was marked
            raise ValidationError(f"“{shown(str(w))}”：{exc.zh}{NOTHING[0]}",
                                  f"“{shown(str(w))}”: {exc.en} {NOTHING[1]}") from None
        if key not in keys:
            keys.append(key)
    if not keys:
        raise ValidationError("请输入要登记的户号。", "Type the account numbers to mark.")
    found: dict[int | str, Account] = {}
    ids = [k for k in keys if isinstance(k, int)]
    nums = [k for k in keys if isinstance(k, str)]
    for i in range(0, len(ids), CHUNK):
        found.update({a.id: a for a in session.scalars(select(Account).where(Account.id.in_(ids[i:i + CHUNK])))})
    for i in range(0, len(nums), CHUNK):
        found.update({a.number: a for a in session.scalars(select(Account).where(Account.number.in_(nums[i:i + CHUNK])))
                      if a.number})
    kind = labels.ACCOUNT_TYPE.get(change.customer_type, labels.Label(change.customer_type, change.customer_type))
    nothing_zh, nothing_en = NOTHING
    out: list[Account] = []
    for k in keys:
        account = found.get(k)
        if account is None:
            raise NotFound(f"没有户号为 {k} 的用户。{nothing_zh}" if isinstance(k, str) else
                           f"用户（编号 {k}）不存在。{nothing_zh}",
                           f"No account has the number {k}. {nothing_en}" if isinstance(k, str) else
                           f"No account has the id {k}. {nothing_en}")
        if account.type != change.customer_type:
            other = labels.ACCOUNT_TYPE.get(account.type, labels.Label(account.type, account.type))
            raise Conflict(f"户号 {_named(account)} 是{other.zh}用户，这次调价只涉及{kind.zh}用户。{nothing_zh}",
                           f"Account {_named(account)} is {other.en.lower()}; this price change is for "
                           f"{kind.en.lower()} accounts only. {nothing_en}")
        if account.status not in READ_STATUSES:
            status = labels.ACCOUNT_STATUS.get(account.status, labels.Label(account.status, account.status))
            raise Conflict(f"户号 {_named(account)} 的状态是“{status.zh}”，不在调价通知范围"
                           f"（只通知已通气、在用和停气的户）。{nothing_zh}",
                           f"Account {_named(account)} is '{status.en}': only gas-on, in-service and suspended "
                           f"accounts are notified. {nothing_en}")
        if account not in out:
            out.append(account)
    return out


def _who(user: User | None) -> str:
    if user is None:
        return ""
    return f"{user.name}（{user.login}）" if user.name and user.name != user.login else user.login


def mark_notified(session: Session, actor: Actor, schedule_id: int, accounts: Sequence[int | str], note: str = "",
                  ) -> Marked:
    """Mark households as told of the change (account ids or numbers, typed or scanned). One
    already marked keeps its mark and is counted; an account of another customer type, or one
    that is not read, refuses the whole batch. One audit row for the batch."""
    require(session, actor, "notice.mark")
    change = _change(session, schedule_id)
    found = _accounts(session, change, accounts)
    earlier: dict[int, PriceNotice] = {}
    for i in range(0, len(found), CHUNK):
        earlier.update({n.account_id: n for n in session.scalars(select(PriceNotice).where(
            PriceNotice.schedule_id == change.id, PriceNotice.account_id.in_([a.id for a in found[i:i + CHUNK]])))})
    markers = {u.id: u for u in session.scalars(select(User).where(
        User.id.in_({n.notified_by for n in earlier.values()})))} if earlier else {}
    note = (note or "").strip()[:200]
    now, me = utcnow(), _who(session.get(User, actor.user_id))
    marked, already = [], []
    for account in found:
        before = earlier.get(account.id)
        if before is not None:
            already.append(Notified(_named(account), account.holder_name, before.notified_at,
                                    _who(markers.get(before.notified_by))))
            continue
        session.add(PriceNotice(schedule_id=change.id, account_id=account.id, notified_by=actor.user_id,
                                notified_at=now, note=note))
        marked.append(Notified(_named(account), account.holder_name, now, me))
    if marked:
        session.flush()
        audit.record(session, actor, "notice.mark", "tariff", change.id,
                     after={"type": change.customer_type, "on": change.effective_from, "accounts": len(marked),
                            "already_notified": len(already), **({"note": note} if note else {})})
    pending = route_counts(session, actor, change.id).pending
    return Marked(change, tuple(marked), tuple(already), pending,
                  changes=frozenset({Change.ACCOUNT}) if marked else frozenset())


# --- the notices on paper -------------------------------------------------------------------------


def _group_to_print(session: Session, actor: Actor, change: PriceChange, route_id: int) -> RouteGroup:
    found = affected(session, actor, change.id, route_id=route_id).groups
    if found and found[0].households:
        return found[0]
    if route_id == UNASSIGNED:
        raise Conflict(f"{UNASSIGNED_NAME}的户中没有这次调价要通知的用户。",
                       "No household on no route is to be notified of this price change.")
    code = route_info(session, actor, route_id).code
    raise Conflict(f"抄表册 {code} 没有这次调价要通知的用户。",
                   f"The route {code} has no household to notify of this price change.")


def notice_pdf(session: Session, actor: Actor, schedule_id: int, route_id: int, *, copy: bool = False,
               invariant: bool = False, printed_at: datetime | None = None) -> bytes:
    """The route's notices as PDF bytes (notice_slips: A4, three households a page in walking
    order, each slip with its tear-off receipt). ``route_id`` ``UNASSIGNED``: the households on
    no route. ``copy`` is a reprint: the 副本 mark and a ``print.reprint`` audit row (call it
    inside a write)."""
    require(session, actor, "tariff.view")
    change = _change(session, schedule_id)
    group = _group_to_print(session, actor, change, route_id)
    wheres = [f"{group.code} 第 {h.position} 户" if h.position is not None else UNASSIGNED_NAME
              for h in group.households]
    stamp = printed_at or (INVARIANT_STAMP if invariant else datetime.now())
    where = UNASSIGNED_NAME if route_id == UNASSIGNED else f"{group.code} {group.name}"
    footer = f"{TITLE}（{change.title('zh')}）{where} 共 {group.total} 户    打印：{actor.name or actor.login}  " \
             f"{stamp:%Y-%m-%d %H:%M}"
    notice_on = stamp.date() if printed_at or invariant else business_day.today(session)
    pdf = notice_slips.slips_pdf(change, group.households, wheres, office=settings.get(session, "office_name"),
                                 notice_on=notice_on, footer=footer, copy=copy, invariant=invariant,
                                 font=configured_font(session))
    if copy:
        audit.record(session, actor, "print.reprint", "tariff", change.id,
                     after={"document": DOCUMENT_KIND, "route": group.code or UNASSIGNED_NAME,
                            "accounts": group.total})
    return pdf


@dataclass(frozen=True)
class PrintedNotices(Changed):
    pdf: bytes
    copy: bool  # a second print of the route's notices: 副本 on every page (and a print.reprint row)
    document: jobs.Document  # what the print job of this PDF records (jobs.record_document)


def document_id(schedule_id: int, route_id: int) -> str:
    return f"{schedule_id}@{route_id}"


def print_notices(session: Session, actor: Actor, schedule_id: int, route_id: int) -> PrintedNotices:
    """The notices to preview and print: the original until one was printed or saved, then a
    copy. Run it as a write (a copy logs its reprint); the program records the job after the spool."""
    require(session, actor, "tariff.view")
    document = jobs.prepare(session, DOCUMENT_KIND, document_id(schedule_id, route_id))
    pdf = notice_pdf(session, actor, schedule_id, route_id, copy=document.copy)
    return PrintedNotices(pdf, document.copy, document, changes=frozenset({Change.PRINT}))
