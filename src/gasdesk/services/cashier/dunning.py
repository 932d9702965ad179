"""催缴 on a reader's round: the households of a route in arrears, in walking order, and the mark a
reader types for each visit (reached, not at home, refused) with its day.

Marks are append-only (DunningMark rows are never changed): a household visited twice has two
marks, and the arrears list shows the latest since its arrears began. A mark is refused when
the household has nothing past due on the day it names (no visit to dun it could have been
made), for a day still to come, or when the same outcome was marked for it that day already
(a key pressed twice). Each mark is one audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, DunningMark, DunningOutcome, Route, RouteStop
from gasdesk.models.base import utcnow
from gasdesk.models.users import User
from gasdesk.services.accounts.identity import mask_name
from gasdesk.services.cashier import arrears as arrears_
from gasdesk.services.cashier.arrears import ZERO, ArrearsList
from gasdesk.services.core import audit, business_day, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown

OUTCOMES = tuple(o.value for o in DunningOutcome)  # reached, not_home, refused
NOTE_CHARS = 200


@dataclass(frozen=True)
class RouteArrears:
    """A route with how many of its households are in arrears and what they owe."""

    route_id: int
    code: str
    name: str
    reader_id: int | None
    accounts: int
    owed: Decimal


def routes_in_arrears(session: Session, actor: Actor, *, on: date | None = None) -> list[RouteArrears]:
    """Every active route by code, each with its households in arrears on ``on`` (default: today)
    and their total: one grouped query (routes with none show 0)."""
    require(session, actor, "arrears.view")
    on = on or business_day.today(session)
    agg = arrears_.per_account(arrears_.open_charges(on), on, 0)
    counts = {rid: (n, owed) for rid, n, owed in session.execute(
        select(RouteStop.route_id, func.count(), arrears_.money_sum(agg.c.owed))
        .join(agg, agg.c.account_id == RouteStop.account_id).group_by(RouteStop.route_id))}
    return [RouteArrears(r.id, r.code, r.name, r.reader_id, *counts.get(r.id, (0, ZERO)))
            for r in session.scalars(select(Route).where(Route.active.is_(True)).order_by(Route.code))]


def households(session: Session, actor: Actor, route_id: int, *, on: date | None = None, min_days: int = 0,
               offset: int = 0, limit: int = arrears_.PAGE) -> ArrearsList:
    """The route's households in arrears on ``on``, in walking order, with each one's last mark."""
    return arrears_.arrears(session, actor, on=on, route_id=route_id, min_days=min_days, order="route",
                            offset=offset, limit=limit)


@dataclass(frozen=True)
class MarkInfo:
    id: int
    account_id: int
    outcome: str
    on: date
    note: str
    marked_by: str  # name (login)
    marked_at: datetime  # aware UTC

    @property
    def label(self) -> labels.Label:
        return labels.DUNNING_OUTCOME.get(self.outcome, labels.Label(self.outcome, self.outcome))


@dataclass(frozen=True)
class Marked(Changed):
    account_number: str
    holder_name: str  # masked
    mark: MarkInfo
    owed: Decimal  # past due on the mark's day, as the household was dunned for it


def _who(user: User | None) -> str:
    if user is None:
        return ""
    return f"{user.name}（{user.login}）" if user.name and user.name != user.login else user.login


def _named(account: Account) -> str:
    return account.number or f"#{account.id}"


def _outcome(outcome: str) -> labels.Label:
    found = labels.DUNNING_OUTCOME.get(outcome)
    if outcome not in OUTCOMES or found is None:
        choices_zh = "、".join(f"“{labels.DUNNING_OUTCOME[o].zh}”" for o in OUTCOMES)
        choices_en = ", ".join(labels.DUNNING_OUTCOME[o].en.lower() for o in OUTCOMES)
        raise ValidationError(f"催缴结果“{shown(str(outcome))}”不明：只能是{choices_zh}。",
                              f"Unknown dunning outcome “{shown(str(outcome))}”: it is one of {choices_en}.",
                              field="outcome")
    return found


def _day(on: object, today: date) -> date:
    if not isinstance(on, date) or isinstance(on, datetime):
        raise ValidationError("请填写催缴的日期。", "Give the day of the visit.", field="on")
    if on > today:
        raise ValidationError(f"催缴日期 {on.isoformat()} 还没到（今天是 {today.isoformat()}），请填写实际上门的日期。",
                              f"The visit's day {on.isoformat()} is still to come (today is {today.isoformat()}): "
                              "give the day the household was visited.", field="on")
    return on


def _owed_on(session: Session, account: Account, on: date, today: date) -> Decimal:
    """What the household had past due on ``on`` (payments posted later not counted: the visit was
    made for it); refused in words when nothing."""
    items = arrears_.open_items(session, [account.id], on)[account.id]
    if items:
        return sum((x.open for x in items), ZERO)
    now = arrears_.open_items(session, [account.id], today)[account.id] if on < today else []
    if now:
        first = min(x.due_on for x in now)
        raise Conflict(f"户号 {_named(account)} 在 {on.isoformat()} 还没有逾期的欠费"
                       f"（最早一笔 {first.isoformat()} 到期），请核对催缴日期。",
                       f"Account {_named(account)} had nothing past due on {on.isoformat()} (the oldest open charge "
                       f"was due on {first.isoformat()}): check the day of the visit.")
    raise Conflict(f"户号 {_named(account)} 没有逾期未缴的费用，不用催缴。",
                   f"Account {_named(account)} has nothing past due: there is nothing to dun.")


def mark(session: Session, actor: Actor, account_id: int, outcome: str, on: date, note: str = "") -> Marked:
    """Mark one visit to a household in arrears: reached (the notice handed over), not at home, or
    refused, on the day it was made (today or earlier)."""
    require(session, actor, "dunning.mark")
    label = _outcome(outcome)
    today = business_day.today(session)
    on = _day(on, today)
    note = (note or "").strip()
    if len(note) > NOTE_CHARS:
        raise ValidationError(f"备注太长（最多 {NOTE_CHARS} 字）。", f"The note is too long ({NOTE_CHARS} at most).",
                              field="note")
    account = session.get(Account, account_id) if isinstance(account_id, int) else None
    if account is None:
        raise NotFound(f"用户（编号 {shown(str(account_id))}）不存在。",
                       f"No account has the id {shown(str(account_id))}.")
    owed = _owed_on(session, account, on, today)
    twice = session.execute(select(DunningMark, User).join(User, User.id == DunningMark.marked_by).where(
        DunningMark.account_id == account.id, DunningMark.on == on, DunningMark.outcome == outcome).limit(1)).first()
    if twice is not None:
        raise Conflict(f"户号 {_named(account)} 在 {on.isoformat()} 已登记过“{label.zh}”（{_who(twice[1])} 登记），"
                       "不用重复登记。",
                       f"Account {_named(account)} was marked '{label.en.lower()}' on {on.isoformat()} already "
                       f"(by {_who(twice[1])}).")
    row = DunningMark(account_id=account.id, outcome=outcome, on=on, note=note, marked_by=actor.user_id,
                      marked_at=utcnow())
    session.add(row)
    session.flush()
    audit.record(session, actor, "dunning.mark", "account", account.id,
                 after={"number": account.number, "outcome": outcome, "on": on, "amount": owed,
                        **({"note": note} if note else {})})
    info = MarkInfo(row.id, account.id, outcome, on, note, _who(session.get(User, actor.user_id)), row.marked_at)
    return Marked(_named(account), mask_name(account.holder_name), info, owed,
                  changes=frozenset({Change.ACCOUNT}))


def marks(session: Session, actor: Actor, account_id: int) -> list[MarkInfo]:
    """The household's dunning visits, the latest first."""
    require(session, actor, "arrears.view")
    if session.get(Account, account_id) is None:
        raise NotFound(f"用户（编号 {account_id}）不存在。", f"No account has the id {account_id}.")
    q = (select(DunningMark, User).join(User, User.id == DunningMark.marked_by)
         .where(DunningMark.account_id == account_id).order_by(DunningMark.on.desc(), DunningMark.id.desc()))
    return [MarkInfo(m.id, m.account_id, m.outcome, m.on, m.note, _who(u), m.marked_at)
            for m, u in session.execute(q)]
