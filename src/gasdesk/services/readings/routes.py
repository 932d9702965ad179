"""Routes (抄表册): a reader's ordered list of accounts, read on a cycle and on its scheduled days.

A route names its reader (an enabled reader or supervisor), its cycle (monthly, or every two
months in the odd or the even months) and its days of the month. An account is on one route
at most; its fitted meter is what is read, so a meter replacement needs no change here.
Accounts join a route at its end, by compound (in walking order: building, unit, room) or one
by one; a named account already on another route is moved, and the route it left closes its
gap. Positions always run 1..n. Each operation is one transaction with its audit row, or
nothing at all.

What the route sheet and the entry grid show of a route's stops is stops.py.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Compound, Premises, Route, RouteCycle, RouteStop
from gasdesk.models.users import User
from gasdesk.services.accounts import numbers
from gasdesk.services.accounts.gas_on_days import premises_key
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError, current_language
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.readings.route_fields import (
    MAX_DAYS,
    READER_ROLES,
    Reader,
    check_cycle,
    clean_code,
    clean_name,
    parse_days,
    reader_user,
    readers,
)
from gasdesk.services.readings.store import CHUNK, READ_STATUSES

# What a route's form checks lives in route_fields; the names are this module's too.
__all__ = ["MAX_DAYS", "READER_ROLES", "Reader", "clean_code", "parse_days", "readers"]



@dataclass(frozen=True)
class RouteInfo(Changed):
    id: int
    code: str
    name: str
    reader_id: int | None
    reader_login: str
    reader_name: str
    cycle: str  # models.RouteCycle
    days: tuple[int, ...]  # days of the month, ascending
    odd_months: bool  # a bimonthly route is read in the odd months (else the even ones)
    active: bool
    stops: int

    @property
    def days_text(self) -> str:
        return ",".join(str(d) for d in self.days)

    def schedule_text(self, lang: str | None = None) -> str:
        """每月 5、6 日 / 每两月（单月）5 日; monthly, day 5 / every two months (odd months), days 5, 6."""
        if (lang or current_language()) == "en":
            when = "monthly" if self.cycle == RouteCycle.MONTHLY else \
                f"every two months ({'odd' if self.odd_months else 'even'} months)"
            return f"{when}, day{'s' if len(self.days) > 1 else ''} {', '.join(map(str, self.days))}"
        when = "每月 " if self.cycle == RouteCycle.MONTHLY else f"每两月（{'单' if self.odd_months else '双'}月）"
        return f"{when}{'、'.join(map(str, self.days))} 日"

    def reads_in(self, year: int, month: int) -> bool:
        return self.cycle == RouteCycle.MONTHLY or (month % 2 == 1) == self.odd_months

    def read_days(self, year: int, month: int) -> list[date]:
        """The route's reading dates in a month (none in a bimonthly route's off month); a day
        past the month's end is its last day (31 → 30 April, 28 or 29 February)."""
        if not self.reads_in(year, month):
            return []
        last = calendar.monthrange(year, month)[1]
        return sorted({date(year, month, min(d, last)) for d in self.days})


@dataclass(frozen=True)
class Assigned(Changed):
    """What putting accounts on a route did. ``on_other_routes`` were left where they are (by
    compound: "N 户已在其他抄表册"); ``moved`` came over from another route (named one by one)."""

    route: RouteInfo
    added: tuple[int, ...]  # account ids now on the route that were not before, in their order
    moved: int
    on_other_routes: int
    already_here: int


# --- routes ------------------------------------------------------------------------------------


def _made(route: Route, reader: User | None, stops: int) -> RouteInfo:
    return RouteInfo(route.id, route.code, route.name, route.reader_id, reader.login if reader else "",
                     reader.name if reader else "", route.cycle, parse_days(route.days) if route.days else (),
                     route.odd_months, route.active, stops)


def _info(session: Session, route: Route, stops: int | None = None) -> RouteInfo:
    reader = session.get(User, route.reader_id) if route.reader_id is not None else None
    if stops is None:
        stops = session.scalar(select(func.count()).select_from(RouteStop).where(RouteStop.route_id == route.id)) or 0
    return _made(route, reader, stops)


def _route(session: Session, route_id: int) -> Route:
    route = session.get(Route, route_id)
    if route is None:
        raise NotFound("抄表册不存在。", "The route does not exist.")
    return route


def _facts(route: Route, reader_login: str) -> dict[str, object]:
    """What the audit rows record of a route."""
    return {"code": route.code, "name": route.name, "reader": reader_login, "cycle": route.cycle,
            "days": route.days, "odd_months": route.odd_months, "active": route.active}


def add_route(
    session: Session, actor: Actor, code: str, name: str, *, reader_login_or_id: str | int,
    cycle: str = RouteCycle.MONTHLY.value, days: str | Iterable[int] = "1", odd_months: bool = True,
) -> RouteInfo:
    """A new route, empty. ``days``: "5" or "5,6" (see ``parse_days``: a day past a short month's
    end means its last day); ``odd_months`` says which months a bimonthly route is read in."""
    require(session, actor, "route.manage")
    code, name, cycle = clean_code(code), clean_name(name), check_cycle(cycle)
    day_list = parse_days(days)
    reader = reader_user(session, reader_login_or_id)
    if session.scalar(select(Route.id).where(Route.code == code)) is not None:
        raise Conflict(f"抄表册编号 {code} 已经有了，请换一个编号。",
                       f"The route code {code} is already taken; choose another.")
    route = Route(code=code, name=name, reader_id=reader.id, cycle=cycle, days=",".join(map(str, day_list)),
                  odd_months=bool(odd_months), active=True)
    session.add(route)
    session.flush()
    audit.record(session, actor, "route.add", "route", route.id, after=_facts(route, reader.login))
    return changed(_info(session, route, 0), Change.ROUTE)


def change_route(
    session: Session, actor: Actor, route_id: int, *, name: str | None = None,
    reader_login_or_id: str | int | None = None, cycle: str | None = None,
    days: str | Iterable[int] | None = None, odd_months: bool | None = None, active: bool | None = None,
) -> RouteInfo:
    """Change what is given (None: unchanged). Its stops stay on a route that is disabled."""
    require(session, actor, "route.manage")
    route = _route(session, route_id)
    old_reader = session.get(User, route.reader_id) if route.reader_id is not None else None
    before = _facts(route, old_reader.login if old_reader else "")
    reader = old_reader
    if name is not None:
        route.name = clean_name(name)
    if reader_login_or_id is not None:
        reader = reader_user(session, reader_login_or_id)
        route.reader_id = reader.id
    if cycle is not None:
        route.cycle = check_cycle(cycle)
    if days is not None:
        route.days = ",".join(map(str, parse_days(days)))
    if odd_months is not None:
        route.odd_months = bool(odd_months)
    if active is not None:
        route.active = bool(active)
    after = _facts(route, reader.login if reader else "")
    diff = [k for k in after if after[k] != before[k]]
    if not diff:
        return _info(session, route)
    session.flush()
    audit.record(session, actor, "route.change", "route", route.id,
                 before={k: before[k] for k in diff}, after={k: after[k] for k in diff})
    return changed(_info(session, route), Change.ROUTE)


def routes(session: Session, actor: Actor, *, active_only: bool = False) -> list[RouteInfo]:
    """Every route by code, with its reader and how many stops it has."""
    require(session, actor, "route.view")
    counts = dict(session.execute(select(RouteStop.route_id, func.count()).group_by(RouteStop.route_id)).all())
    readers = {u.id: u for u in session.scalars(select(User).where(User.id.in_(select(Route.reader_id))))}
    q = select(Route).order_by(Route.code)
    if active_only:
        q = q.where(Route.active.is_(True))
    return [_made(r, readers.get(r.reader_id) if r.reader_id is not None else None, counts.get(r.id, 0))
            for r in session.scalars(q)]


def route_by_code(session: Session, actor: Actor, code: str) -> RouteInfo:
    """The route a command line names by its code (R01), refused in words when there is none."""
    require(session, actor, "route.view")
    route = session.scalar(select(Route).where(Route.code == clean_code(code)))
    if route is None:
        raise NotFound(f"没有代码为“{shown(code)}”的抄表册。", f"No route has the code “{shown(code)}”.")
    return _info(session, route)


def route_info(session: Session, actor: Actor, route_id: int) -> RouteInfo:
    """One route, as ``routes`` lists it."""
    require(session, actor, "route.view")
    return _info(session, _route(session, route_id))


# --- stops -------------------------------------------------------------------------------------


def _stops_of(session: Session, route_id: int) -> list[RouteStop]:
    return list(session.scalars(select(RouteStop).where(RouteStop.route_id == route_id)
                                .order_by(RouteStop.position, RouteStop.id)))


def _renumber(stops: Sequence[RouteStop]) -> None:
    for position, stop in enumerate(stops, start=1):
        if stop.position != position:
            stop.position = position


def _open_route(session: Session, route_id: int) -> Route:
    route = _route(session, route_id)
    if not route.active:
        raise Conflict(f"抄表册 {route.code}（{route.name}）已停用，不能再加入用户。",
                       f"The route {route.code} ({route.name}) is disabled; no accounts can join it.")
    return route


def _accounts(session: Session, wanted: Sequence[int | str]) -> list[Account]:
    """The accounts named by id or number, in the order named, each once; all known and read."""
    keys: list[int | str] = []
    for w in wanted:
        key = w if isinstance(w, int) else numbers.validate_number(w)
        if key not in keys:
            keys.append(key)
    ids = [k for k in keys if isinstance(k, int)]
    nums = [k for k in keys if isinstance(k, str)]
    by_id: dict[int, Account] = {}
    by_number: dict[str, Account] = {}
    for i in range(0, len(ids), CHUNK):
        by_id.update({a.id: a for a in session.scalars(select(Account).where(Account.id.in_(ids[i:i + CHUNK])))})
    for i in range(0, len(nums), CHUNK):
        by_number.update({a.number: a for a in session.scalars(select(Account).where(
            Account.number.in_(nums[i:i + CHUNK]))) if a.number})
    out: list[Account] = []
    for k in keys:
        account = by_id.get(k) if isinstance(k, int) else by_number.get(k)
        if account is None:
            raise NotFound(f"没有户号为 {k} 的用户。" if isinstance(k, str) else f"用户（编号 {k}）不存在。",
                           f"No account has the number {k}." if isinstance(k, str) else f"No account has the id {k}.")
        if account.status not in READ_STATUSES:
            status = labels.ACCOUNT_STATUS.get(account.status, labels.Label(account.status, account.status))
            named = account.number or f"#{account.id}"
            raise Conflict(f"户号 {named} 的状态是“{status.zh}”，不在抄表范围（只抄已通气、在用和停气的户）。",
                           f"Account {named} is '{status.en}': only gas-on, in-service and suspended accounts "
                           "are read.")
        if account not in out:
            out.append(account)
    if not out:
        raise ValidationError("请指定要加入抄表册的用户。", "Name the accounts to put on the route.")
    return out


def _current_stops(session: Session, account_ids: Sequence[int]) -> dict[int, RouteStop]:
    found: dict[int, RouteStop] = {}
    for i in range(0, len(account_ids), CHUNK):
        found.update({s.account_id: s for s in session.scalars(
            select(RouteStop).where(RouteStop.account_id.in_(account_ids[i:i + CHUNK])))})
    return found


def _put_on(session: Session, route: Route, account_ids: Sequence[int], current: dict[int, RouteStop]) -> int:
    """Append the accounts at the route's end (moving any from another route); how many moved."""
    last = session.scalar(select(func.max(RouteStop.position)).where(RouteStop.route_id == route.id)) or 0
    left: set[int] = set()
    for position, account_id in enumerate(account_ids, start=last + 1):
        stop = current.get(account_id)
        if stop is None:
            session.add(RouteStop(route_id=route.id, account_id=account_id, position=position))
        else:
            left.add(stop.route_id)
            stop.route_id, stop.position = route.id, position
    session.flush()
    for other in sorted(left):  # the routes they left close their gaps
        _renumber(_stops_of(session, other))
    session.flush()
    return sum(1 for a in account_ids if a in current)


def _assigned(session: Session, actor: Actor, route: Route, added: list[int], moved: int, elsewhere: int,
              here: int, **facts: object) -> Assigned:
    if added:
        audit.record(session, actor, "route.assign", "route", route.id,
                     after={"route": route.code, **facts, "added": len(added), "moved": moved,
                            "on_other_routes": elsewhere})
    info = _info(session, route)
    return Assigned(info, tuple(added), moved, elsewhere, here,
                    changes=frozenset({Change.ROUTE}) if added else frozenset())


def assign_compound(session: Session, actor: Actor, route_id: int, compound_id: int) -> Assigned:
    """Put the compound's read accounts (gas-on, in service, suspended) that are on no route yet at
    the route's end, in walking order; those on another route stay there and are counted."""
    require(session, actor, "route.manage")
    route = _open_route(session, route_id)
    compound = session.get(Compound, compound_id)
    if compound is None:
        raise NotFound("小区不存在。", "The compound does not exist.")
    rows = session.execute(
        select(Account.id, RouteStop.route_id, Premises)
        .join(Premises, Premises.id == Account.premises_id)
        .outerjoin(RouteStop, RouteStop.account_id == Account.id)
        .where(Premises.compound_id == compound.id, Account.status.in_(READ_STATUSES))
    ).all()
    rows.sort(key=lambda r: (premises_key(r[2]), r[0]))
    free = [aid for aid, on, _p in rows if on is None]
    here = sum(1 for _a, on, _p in rows if on == route.id)
    elsewhere = len(rows) - len(free) - here
    if not rows:
        raise Conflict(f"小区“{compound.name}”没有需要抄表的用户（已通气、在用或停气）。",
                       f"The compound {compound.name!r} has no accounts to read (gas-on, in service or suspended).")
    _put_on(session, route, free, {})
    return _assigned(session, actor, route, free, 0, elsewhere, here, compound_id=compound.id)


def assign_accounts(session: Session, actor: Actor, route_id: int, accounts: Sequence[int | str]) -> Assigned:
    """Put accounts (ids or numbers) at the route's end in the order given; one already on another
    route is moved here. All of them, or none: an unknown or unread account refuses the lot."""
    require(session, actor, "route.manage")
    route = _open_route(session, route_id)
    found = _accounts(session, accounts)
    current = _current_stops(session, [a.id for a in found])
    here = [a.id for a in found if a.id in current and current[a.id].route_id == route.id]
    new = [a.id for a in found if a.id not in here]
    moved = _put_on(session, route, new, {a: current[a] for a in new if a in current})
    return _assigned(session, actor, route, new, moved, 0, len(here))


def move(session: Session, actor: Actor, accounts: Sequence[int | str], to_route_id: int) -> Assigned:
    """Move accounts that are on a route to the end of another (meters between routes)."""
    require(session, actor, "route.manage")
    _open_route(session, to_route_id)
    found = _accounts(session, accounts)
    current = _current_stops(session, [a.id for a in found])
    loose = [a for a in found if a.id not in current]
    if loose:
        named = "、".join(a.number or f"#{a.id}" for a in loose[:5])
        raise Conflict(f"户号 {named} 不在任何抄表册上，请用“加入抄表册”。",
                       f"Account {named.replace('、', ', ')} is on no route; put it on one instead.")
    return assign_accounts(session, actor, to_route_id, [a.id for a in found])


def remove(session: Session, actor: Actor, route_id: int, accounts: Sequence[int | str]) -> RouteInfo:
    """Take accounts off the route; the others close up."""
    require(session, actor, "route.manage")
    route = _route(session, route_id)
    keys = [a if isinstance(a, int) else numbers.validate_number(a) for a in accounts]
    stops = _stops_of(session, route.id)
    numbers_of = _numbers(session, [s.account_id for s in stops])
    by_key: dict[int | str, RouteStop] = {s.account_id: s for s in stops}
    by_key.update({numbers_of[s.account_id]: s for s in stops if numbers_of.get(s.account_id)})
    missing = [k for k in keys if k not in by_key]
    if missing:
        named = "、".join(str(k) if isinstance(k, str) else f"#{k}" for k in missing[:5])
        raise Conflict(f"户号 {named} 不在抄表册 {route.code} 上。",
                       f"Account {named.replace('、', ', ')} is not on the route {route.code}.")
    gone = {by_key[k].account_id for k in keys}
    if not gone:
        raise ValidationError("请指定要移出抄表册的用户。", "Name the accounts to take off the route.")
    for stop in stops:
        if stop.account_id in gone:
            session.delete(stop)
    session.flush()
    _renumber([s for s in stops if s.account_id not in gone])
    session.flush()
    audit.record(session, actor, "route.remove", "route", route.id, after={"route": route.code, "removed": len(gone)})
    return changed(_info(session, route), Change.ROUTE)


def _numbers(session: Session, account_ids: Sequence[int]) -> dict[int, str | None]:
    found: dict[int, str | None] = {}
    for i in range(0, len(account_ids), CHUNK):
        found.update(dict(session.execute(select(Account.id, Account.number).where(
            Account.id.in_(account_ids[i:i + CHUNK]))).all()))
    return found


def reorder(session: Session, actor: Actor, route_id: int, account_ids: Sequence[int]) -> RouteInfo:
    """The route's accounts in a new order, numbered 1..n. The list must hold exactly the route's
    accounts, each once; anything else is refused and nothing moves."""
    require(session, actor, "route.manage")
    route = _route(session, route_id)
    stops = _stops_of(session, route.id)
    by_account = {s.account_id: s for s in stops}
    given = list(account_ids)
    missing = len(set(by_account) - set(given))
    extra = len(set(given) - set(by_account))
    twice = len(given) - len(set(given))
    if missing or extra or twice:
        zh = "、".join(p for n, p in ((missing, f"缺少 {missing} 户"), (extra, f"多出 {extra} 户不在本册"),
                                      (twice, f"重复 {twice} 户")) if n)
        en = ", ".join(p for n, p in ((missing, f"{missing} missing"), (extra, f"{extra} not on the route"),
                                      (twice, f"{twice} listed twice")) if n)
        raise ValidationError(
            f"新顺序应正好列出抄表册 {route.code} 的 {len(stops)} 户，每户一次：{zh}。顺序未改变。",
            f"The new order must list each of the route {route.code}'s {len(stops)} accounts once: {en}. "
            "The order is unchanged.",
        )
    ordered = [by_account[a] for a in given]
    repositioned = sum(1 for pos, s in enumerate(ordered, start=1) if s.position != pos)
    if not repositioned:
        return _info(session, route, len(stops))
    _renumber(ordered)
    session.flush()
    audit.record(session, actor, "route.reorder", "route", route.id,
                 after={"route": route.code, "accounts": len(stops), "repositioned": repositioned})
    return changed(_info(session, route, len(stops)), Change.ROUTE)


def _step(session: Session, actor: Actor, route_id: int, account_id: int, by: int) -> RouteInfo:
    require(session, actor, "route.manage")
    order = [s.account_id for s in _stops_of(session, _route(session, route_id).id)]
    if account_id not in order:
        number = _numbers(session, [account_id]).get(account_id) or f"#{account_id}"
        raise Conflict(f"户号 {number} 不在这个抄表册上。", f"Account {number} is not on this route.")
    i = order.index(account_id)
    j = min(max(i + by, 0), len(order) - 1)
    order[i], order[j] = order[j], order[i]
    return reorder(session, actor, route_id, order)  # at either end: nothing moves, nothing is logged


def move_up(session: Session, actor: Actor, route_id: int, account_id: int) -> RouteInfo:
    return _step(session, actor, route_id, account_id, -1)


def move_down(session: Session, actor: Actor, route_id: int, account_id: int) -> RouteInfo:
    return _step(session, actor, route_id, account_id, +1)
