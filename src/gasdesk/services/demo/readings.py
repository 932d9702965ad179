"""The demo office's meter reading: routes with their readers and two years of readings.

Routes go through services.readings.routes: one per compound, two for a large one (split by
building), each in walking order; the street customers on two routes of their own, the
institutions' read every two months by the supervisor, the rest by the reader 李抄表. The
readings are the cycles of the 24 months up to the one before the build day: use by customer
type and season, some estimated and no-access readings with their notes, meter replacements
through accounts.changes.replace_meter (so their final and initial readings are the service's
own), and a few of each held reason left for the supervisor (a meter passing its maximum, a
jump in use, three periods without use, a reading after a held one).

Every status is what the three checks decide: each meter's readings are judged by
``checks.judge`` in date order against the meter's past, as ``store.submit`` judges them, and
the verdicts are bulk-inserted (some 50,000 readings through ``submit`` would cost the demo
tens of seconds; the readings table has no hash chain). What is generated only chooses the
values; a row the checks would refuse is not stored.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Compound, Meter, Premises, Reading, ReadingKind, ReadingStatus, RouteCycle, User
from gasdesk.models.readings import RouteStop
from gasdesk.services.accounts import changes
from gasdesk.services.accounts.gas_on_days import natural_key, premises_key
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import office
from gasdesk.services.ledger import history
from gasdesk.services.office import counters
from gasdesk.services.readings import checks, routes, store
from gasdesk.services.readings.checks import MeterPast, Past, Thresholds
from gasdesk.services.readings.routes import RouteInfo

K, St = ReadingKind, ReadingStatus
SEED = 20261203
MONTHS = 24  # of history, ending with the month before the build day
SPLIT = 1200  # a compound with more accounts to read than this gets two routes
PER_REASON = 3  # held readings of each reason left for the supervisor
ESTIMATES = NO_ACCESS = 40  # accounts with one such reading (half of them in the last cycle)
REPLACED = 4  # meters replaced during the history
RESIDENTIAL_DAYS = ("5,6", "8,9", "11,12", "14,15")
# A month's use against the year's average (heating in winter, little in summer).
SEASON = {1: 1.6, 2: 1.5, 3: 1.25, 4: 1.0, 5: 0.85, 6: 0.75, 7: 0.7, 8: 0.7, 9: 0.8, 10: 0.95, 11: 1.2, 12: 1.5}
# m³ a month on average, by customer type (a household's grows with its size)
MONTHLY = {"commercial": (120, 320), "public": (100, 300), "industrial": (300, 650)}
ENTERED = time(18, 0)  # readings are entered at day end
NOTES = {
    "estimated": ("表箱上锁，按往期用量估抄", "表前有杂物遮挡，估抄", "户主在外地，电话确认后估抄"),
    "no_access": ("家中无人，已留抄表卡", "门禁进不去，下期补抄", "户主拒绝入户，已告知主管"),
    "spike": ("读数核对无误，户主称近期用气多", "用量突增，已提醒户主检查有无漏气"),
    "zero": ("连续几期无人在家，疑似空置", "户主外出务工，表未走"),
}


@dataclass
class _Stop:
    """An account on a route, its fitted meter and what will be read of it."""

    account_id: int
    customer: str  # account type
    status: str
    household: int
    route: RouteInfo
    position: int
    of: int  # stops on the route
    reader_id: int
    meter_id: int
    digits: int
    dates: list[date] = field(default_factory=list)
    modes: dict[int, str] = field(default_factory=dict)  # date index -> what is special about it
    rate: int = 0  # m³ a month on average
    rolls: bool = False  # the meter passes its maximum at the last reading


def build(session: Session, admin: Actor, size: int) -> None:
    """The readings demo builder (services.demo.BUILDERS): routes, then the history on them."""
    rng = random.Random(SEED)
    own = _meters_own_readings(session)
    made = _routes(session, admin)
    stops = _stops(session, made)
    months = _months(date.today())
    pasts = store.meter_past(session, [s.meter_id for s in stops])
    for s in stops:
        _schedule(s, months, pasts[s.meter_id])
    replaced = _plan(rng, stops, pasts)
    limits = store.thresholds(session)
    book = _Book(session)
    for s in stops:
        book.add(s, _series(rng, s, pasts[s.meter_id], limits, book.ids, until=replaced.get(s.account_id)))
    book.write()
    clerk = _actor(session, "clerk")
    for s in stops:
        if s.account_id in replaced:
            _replace(session, clerk, rng, s, replaced[s.account_id], book, limits)
    book.write()
    audit.record(session, admin, "demo.generate_readings", "reading", "",
                 after={"routes": len(made), "readings": book.stored, "own": own, "refused": book.refused,
                        "held": dict(sorted(book.held.items())), "seed": SEED})


# --- what is already known of the meters -------------------------------------------------------


def _meters_own_readings(session: Session) -> int:
    """The initial and final readings of meters that have no reading yet (the generated accounts'
    meters are inserted in bulk), as the migration took them for the meters it found."""
    rows = session.execute(
        select(Meter.id, Meter.account_id, Meter.installed_on, Meter.initial_reading, Meter.removed_on,
               Meter.final_reading, Meter.registered_by, Meter.created_at)
        .where(~exists().where(Reading.meter_id == Meter.id)).order_by(Meter.id)).all()
    next_id = _next_id(session)
    out = []
    for mid, aid, installed, initial, removed, final, by, created in rows:
        out.append(_row(next_id, aid, mid, installed, initial, K.INITIAL, St.ACCEPTED, (), "", "account", by, created))
        next_id += 1
        if final is not None and removed is not None:
            out.append(_row(next_id, aid, mid, removed, final, K.FINAL, St.ACCEPTED, (), "", "account", by,
                            history.moment(removed)))
            next_id += 1
    history.insert_rows(session, Reading, out)
    return len(out)


def _next_id(session: Session) -> int:
    return (session.scalar(select(func.max(Reading.id))) or 0) + 1


def _row(rid: int, account_id: int, meter_id: int, on: date, value: Decimal | None, kind: str, status: str,
         reasons: tuple[str, ...], note: str, source: str, by: int, at: object) -> dict[str, object]:
    """A readings row with every column, as history.insert_rows wants it."""
    return dict(id=rid, account_id=account_id, meter_id=meter_id, read_on=on, value=value, kind=str(kind),
                status=str(status), reasons=",".join(reasons), note=note, source=source, supersedes_id=None,
                entered_by=by, decided_by=None, decided_at=None, created_at=at)


def _actor(session: Session, login: str) -> Actor:
    """A demo user at the demo counter (the reader, the supervisor, the clerk)."""
    user = session.scalar(select(User).where(User.login == login))
    assert user is not None, f"the demo needs its user {login}"
    counter = counters.registered(session, office.COUNTER)
    return Actor(user.id, user.login, user.name, user.role, counter.code, counter.id)  # type: ignore[arg-type]


# --- routes -----------------------------------------------------------------------------------


def _routes(session: Session, admin: Actor) -> list[RouteInfo]:
    """One route per compound that has accounts to read (two for a large one, by building), then
    the street customers: shops monthly, institutions and factories every two months."""
    made: list[RouteInfo] = []

    def add(name: str) -> RouteInfo:
        made.append(routes.add_route(session, admin, f"A{len(made) + 1:02d}", name, reader_login_or_id="reader",
                                     days=RESIDENTIAL_DAYS[len(made) % len(RESIDENTIAL_DAYS)]))
        return made[-1]

    for compound in session.scalars(select(Compound).order_by(Compound.id)):
        found = session.execute(
            select(Account.id, Premises).join(Premises, Premises.id == Account.premises_id)
            .where(Premises.compound_id == compound.id, Account.status.in_(store.READ_STATUSES))).all()
        if len(found) > SPLIT:  # the first half of the buildings, then the rest below
            found.sort(key=lambda r: (premises_key(r[1]), r[0]))
            buildings = sorted({p.building for _a, p in found}, key=natural_key)
            half = buildings[:len(buildings) // 2]
            first = add(f"{compound.name} {half[0]}–{half[-1]} 栋")
            routes.assign_accounts(session, admin, first.id, [a for a, p in found if p.building in set(half)])
            rest = buildings[len(half):]
            routes.assign_compound(session, admin, add(f"{compound.name} {rest[0]}–{rest[-1]} 栋").id, compound.id)
        elif found:
            routes.assign_compound(session, admin, add(compound.name).id, compound.id)
    street = session.execute(
        select(Account.id, Account.type).join(Premises, Premises.id == Account.premises_id)
        .where(Premises.compound_id.is_(None), Account.status.in_(store.READ_STATUSES))
        .order_by(Premises.street, Account.id)).all()
    for code, name, kinds, reader, cycle, days in (
            ("S01", "沿街商户", {"commercial"}, "reader", RouteCycle.MONTHLY, "18"),
            ("S02", "机关企事业单位", {"public", "industrial"}, "super", RouteCycle.BIMONTHLY, "20")):
        ids = [a for a, kind in street if kind in kinds]
        if ids:
            route = routes.add_route(session, admin, code, name, reader_login_or_id=reader, cycle=cycle, days=days)
            routes.assign_accounts(session, admin, route.id, ids)
            made.append(route)
    return made


def _stops(session: Session, made: list[RouteInfo]) -> list[_Stop]:
    by_id = {r.id: r for r in made}
    count = dict(session.execute(select(RouteStop.route_id, func.count()).group_by(RouteStop.route_id)).all())
    out = []
    for route_id, position, aid, kind, status, household, mid, digits in session.execute(
            select(RouteStop.route_id, RouteStop.position, Account.id, Account.type, Account.status,
                   Account.household_size, Meter.id, Meter.digits)
            .join(Account, Account.id == RouteStop.account_id)
            .join(Meter, (Meter.account_id == Account.id) & Meter.removed_on.is_(None))
            .order_by(RouteStop.route_id, RouteStop.position)):
        route = by_id[route_id]
        out.append(_Stop(aid, kind, status, household or 1, route, position, count[route_id], route.reader_id or 0,
                         mid, digits))
    return out


# --- when each meter is read, and what is special about it ---------------------------------------


def _months(today: date) -> list[tuple[int, int]]:
    """The MONTHS months before today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [divmod(i, 12) for i in range(index - MONTHS, index)]


def _schedule(s: _Stop, months: list[tuple[int, int]], past: MeterPast) -> None:
    """The stop's reading days: its route's day in each month it is read (the route's stops are
    shared out over its days in order), after the meter's last stored reading."""
    latest = past.readings[-1].read_on if past.readings else date.min
    for year, month0 in months:
        days = s.route.read_days(year, month0 + 1)
        if not days:
            continue
        day = days[min(len(days) - 1, (s.position - 1) * len(days) // s.of)]
        if day > latest + timedelta(days=10):
            s.dates.append(day)
    if s.status != "in_service":  # a suspended meter is read twice (no use since), a new one once
        s.dates = s.dates[-2:] if s.status == "suspended" else s.dates[-1:]
        s.modes = {0: "small", 1: "zero"} if s.status == "suspended" else {0: "small"}


def _plan(rng: random.Random, stops: list[_Stop], pasts: dict[int, MeterPast]) -> dict[int, date]:
    """Use rates and the special readings; returns the accounts whose meter is replaced, with the day."""
    for s in stops:
        if s.customer == "residential":
            s.rate = 6 + 2 * min(s.household, 6) + rng.randint(0, 4)
        else:
            s.rate = rng.randint(*MONTHLY[s.customer])
    # Long-read in-service meters with their previous reading known: the special cases come from these.
    steady = [s for s in stops if s.status == "in_service" and len(s.dates) >= 12 and pasts[s.meter_id].previous()]
    homes = [s for s in steady if s.customer == "residential" and s.route.cycle == RouteCycle.MONTHLY]
    shops = [s for s in steady if s.customer != "residential" and s.route.cycle == RouteCycle.MONTHLY]
    picked = iter(rng.sample(homes, min(len(homes), 3 * PER_REASON + REPLACED + ESTIMATES + NO_ACCESS)))
    for s in _take(picked, PER_REASON):  # a jump in use in the last cycle
        s.modes[len(s.dates) - 1] = "spike"
    for s in _take(picked, PER_REASON):  # a jump the cycle before: the last reading waits for it
        s.modes[len(s.dates) - 2] = "spike"
    for s in _take(picked, PER_REASON):  # nobody home for the last three cycles
        s.modes.update({len(s.dates) - k: "zero" for k in (1, 2, 3)})
    for s in rng.sample(shops, min(len(shops), PER_REASON)):  # an old meter passing its maximum
        s.rolls = True
    replaced = {s.account_id: s.dates[-10] + timedelta(days=12) for s in _take(picked, REPLACED)}
    for n, (mode, count) in enumerate((("estimated", ESTIMATES), ("no_access", NO_ACCESS))):
        for i, s in enumerate(_take(picked, count)):
            last = i % 2 == n % 2  # half in the last cycle, the others some time before
            s.modes[len(s.dates) - 1 if last else rng.randrange(3, len(s.dates) - 1)] = mode
    return replaced


def _take(it: Iterator[_Stop], n: int) -> list[_Stop]:
    return [s for _, s in zip(range(n), it, strict=False)]


# --- the readings ----------------------------------------------------------------------------


def _use(rng: random.Random, s: _Stop, since: date, on: date) -> int:
    """What the meter turns from ``since`` to ``on`` (the season of the reading's month)."""
    days = (on - since).days
    season = SEASON[on.month] if days <= 70 else 1.05  # over years, the year's average
    return max(0, round(s.rate * season * days / 30.4 * rng.uniform(0.85, 1.15)))


Judged = tuple[int, date, Decimal | None, str, str, str, tuple[str, ...]]


def _series(rng: random.Random, s: _Stop, past: MeterPast, limits: Thresholds, ids: Iterator[int], *,
            until: date | None = None) -> Iterator[Judged]:
    """The meter's readings dated before ``until``, each judged against the ones before it:
    (id, day, value, kind, note, status, reasons); status "" is a refusal (not stored, no id).
    Each stored one joins ``past``, as store.submit appends what it stores."""
    previous = past.previous()
    assert previous is not None and previous.value is not None, "a fitted meter has its initial reading"
    dates = [d for d in s.dates if until is None or d < until]
    if not dates:
        return
    uses, since = [], previous.read_on
    for i, on in enumerate(dates):
        mode = s.modes.get(i, "")
        use = _use(rng, s, since, on)
        uses.append(0 if mode == "zero" else rng.randint(1, 5) if mode == "small" else
                    max(60, 5 * use) if mode == "spike" else use)
        since = on
    cap = int(past.maximum - 1 - previous.value)
    if s.rolls and until is None:  # the first period takes the meter to just below its maximum
        uses[0] = cap - sum(uses[1:-1]) - math.ceil(uses[-1] / 2)
    elif sum(uses) > cap * 9 // 10:  # a heavy user that would pass the maximum: less each month
        uses = [u * (cap * 9 // 10) // sum(uses) for u in uses]
    true, since = previous.value, previous.read_on  # what the meter shows, and when it was last read
    for i, on in enumerate(dates):
        mode = s.modes.get(i, "")
        true += uses[i]
        kind, value = K.ACTUAL, true % past.maximum
        if mode == "estimated":  # the reader writes the usual use on top of the last reading
            last = past.previous()
            base = last.value if last is not None and last.value is not None else true
            kind, value = K.ESTIMATED, min(base + _use(rng, s, since, on), past.maximum - 1)
        elif mode == "no_access":
            kind, value = K.NO_ACCESS, None
        note = rng.choice(NOTES[mode]) if mode in NOTES else ""
        verdict = checks.judge(past, value, on, kind, limits)
        if verdict.outcome not in ("accepted", "held"):
            yield 0, on, value, kind, note, "", verdict.codes
            continue
        rid, status = next(ids), St.HELD if verdict.outcome == "held" else St.ACCEPTED
        past.readings.append(Past(rid, on, value, kind, status))
        yield rid, on, value, kind, note, status, verdict.codes
        since = on


class _Book:
    """The readings judged so far (explicit ids, so that each meter's past knows them), inserted in
    bulk when written."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids = itertools.count(_next_id(session))
        self.rows: list[dict[str, object]] = []
        self.stored = self.refused = 0
        self.held: Counter[str] = Counter()

    def add(self, s: _Stop, series: Iterator[Judged]) -> None:
        for rid, on, value, kind, note, status, reasons in series:
            if not status:
                self.refused += 1
                continue
            self.rows.append(_row(rid, s.account_id, s.meter_id, on, value, kind, status, reasons, note,
                                  "history", s.reader_id, history.moment(on, ENTERED)))
            self.held.update(reasons)

    def write(self) -> None:
        history.insert_rows(self.session, Reading, sorted(self.rows, key=lambda r: r["id"]))  # type: ignore[arg-type,return-value]
        self.stored += len(self.rows)
        self.rows = []


def _replace(session: Session, clerk: Actor, rng: random.Random, s: _Stop, on: date, book: _Book,
             limits: Thresholds) -> None:
    """换表 on ``on``: the old meter's final reading, then the new meter's readings from its initial one."""
    old = store.meter_past(session, [s.meter_id])[s.meter_id]
    previous = old.previous()
    assert previous is not None and previous.value is not None
    final = previous.value + _use(rng, s, previous.read_on, on)
    new = changes.replace_meter(session, clerk, s.account_id, final_reading=final, new_serial=f"HB{s.account_id:08d}",
                                new_initial_reading=Decimal(0), on=on)
    s.meter_id, s.modes = new.id, {}
    s.dates = [d for d in s.dates if d > on]
    book.ids = itertools.count(_next_id(session))  # the service stored readings of its own
    book.add(s, _series(rng, s, store.meter_past(session, [new.id])[new.id], limits, book.ids))
    book.write()  # before the next replacement's service takes the next free ids
