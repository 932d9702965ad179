"""What the readings look like to people: lists by route, day and status, the held list, an
account's history with the use of each period, and a route's progress through its cycle.

The use of a reading is what its meter turned since the reading before it that still counts
(checks.MeterPast.use_between); a superseded reading shows the use it claimed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    Meter,
    Reading,
    ReadingFollowUp,
    ReadingKind,
    ReadingStatus,
    RouteCycle,
    RouteStop,
    User,
)
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.readings import decisions
from gasdesk.services.readings.checks import MeterPast, Past

K, St = ReadingKind, ReadingStatus
MAX_ROWS = 5000


@dataclass(frozen=True)
class ReadingRow:
    """One reading, in the shape of ``readings list --json`` and the account's ``readings``."""

    id: int
    account_number: str
    meter_serial: str
    date: date
    value: Decimal | None
    kind: str
    status: str
    reasons: tuple[str, ...]
    note: str
    use_m3: Decimal | None
    entered_by: str = ""
    meter_id: int = 0

    def json(self, *, with_account: bool = True) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id}
        if with_account:
            data["account_number"] = self.account_number
        data.update({
            "meter_serial": self.meter_serial, "date": self.date.isoformat(),
            "value": None if self.value is None else f"{self.value:.3f}",
        })
        if not with_account:
            data["use_m3"] = None if self.use_m3 is None else f"{self.use_m3:.3f}"
        data.update({"kind": self.kind, "status": self.status, "reasons": list(self.reasons)})
        if not with_account:
            data["note"] = self.note
        return data


def _uses(session: Session, meter_ids: set[int]) -> dict[int, Decimal | None]:
    """reading id -> use over its period, for every reading of these meters."""
    if not meter_ids:
        return {}
    rows = session.execute(
        select(Reading.id, Reading.meter_id, Reading.read_on, Reading.value, Reading.kind, Reading.status)
        .where(Reading.meter_id.in_(meter_ids)).order_by(Reading.meter_id, Reading.read_on, Reading.id))
    digits = dict(session.execute(select(Meter.id, Meter.digits).where(Meter.id.in_(meter_ids))).all())
    by_meter: dict[int, list[Past]] = defaultdict(list)
    for rid, mid, on, value, kind, status in rows:
        by_meter[mid].append(Past(rid, on, value, kind, status))
    uses: dict[int, Decimal | None] = {}
    for mid, readings in by_meter.items():
        past = MeterPast(mid, digits[mid])
        last: Past | None = None
        for p in readings:
            uses[p.id] = past.use_between(last, p) if last is not None and p.value is not None else None
            if p.value is not None and p.status != St.SUPERSEDED:
                last = p
    return uses


def _rows(session: Session, q: Select) -> list[ReadingRow]:
    found = session.execute(q).all()
    uses = _uses(session, {r.meter_id for r, *_ in found})
    return [ReadingRow(r.id, number or "", serial, r.read_on, r.value, r.kind, r.status,
                       tuple(filter(None, r.reasons.split(","))), r.note, uses.get(r.id), login or "", r.meter_id)
            for r, number, serial, login in found]


def _base_query() -> Select:
    return (select(Reading, Account.number, Meter.serial, User.login)
            .join(Account, Account.id == Reading.account_id).join(Meter, Meter.id == Reading.meter_id)
            .join(User, User.id == Reading.entered_by))


def reading_list(
    session: Session, actor: Actor, *, route_id: int | None = None, day: date | None = None,
    status: str | None = None, limit: int = 500, offset: int = 0,
) -> list[ReadingRow]:
    """Readings by route, day and status, newest first (``readings list``)."""
    require(session, actor, "route.view")
    if status is not None and status not in {s.value for s in St}:
        raise ValidationError(f"没有“{status}”这种读数状态（可选：accepted、held、superseded、billed）。",
                              f"No reading status '{status}' (accepted, held, superseded, billed).")
    q = _base_query()
    if route_id is not None:
        q = q.join(RouteStop, RouteStop.account_id == Reading.account_id).where(RouteStop.route_id == route_id)
    if day is not None:
        q = q.where(Reading.read_on == day)
    if status is not None:
        q = q.where(Reading.status == status)
    q = q.order_by(Reading.read_on.desc(), Reading.id.desc()).offset(offset).limit(min(limit, MAX_ROWS))
    return _rows(session, q)


def account_readings(session: Session, account_id: int, limit: int = 500) -> list[ReadingRow]:
    """An account's readings of every meter, newest first (no permission: the account page's, which checks)."""
    q = (_base_query().where(Reading.account_id == account_id)
         .order_by(Reading.read_on.desc(), Reading.id.desc()).limit(limit))
    return _rows(session, q)


@dataclass(frozen=True)
class UsePoint:
    """One period's use, for the account page's small chart."""

    read_on: date
    use_m3: Decimal
    kind: str


def use_per_cycle(rows: list[ReadingRow]) -> list[UsePoint]:
    """The periods of the account's readings that still count, oldest first (initial ones start a meter)."""
    return [UsePoint(r.date, r.use_m3, r.kind) for r in reversed(rows)
            if r.use_m3 is not None and r.status != St.SUPERSEDED]


@dataclass(frozen=True)
class HeldRow:
    id: int
    account_id: int
    account_number: str
    holder_name: str
    meter_serial: str
    read_on: date
    value: Decimal | None
    kind: str
    reasons: tuple[str, ...]
    words: str  # the reasons with their numbers, in the current language
    previous_value: Decimal | None
    previous_on: date | None
    use_m3: Decimal | None
    entered_by: str
    follow_ups: int


def held(session: Session, actor: Actor, *, route_id: int | None = None, limit: int = 200,
         offset: int = 0) -> list[HeldRow]:
    """The held readings, oldest first, each with its reasons in words (the supervisor's list)."""
    require(session, actor, "route.view")
    q = (select(Reading, Account.number, Account.holder_name, Meter.serial, User.login)
         .join(Account, Account.id == Reading.account_id).join(Meter, Meter.id == Reading.meter_id)
         .join(User, User.id == Reading.entered_by).where(Reading.status == St.HELD))
    if route_id is not None:
        q = q.join(RouteStop, RouteStop.account_id == Reading.account_id).where(RouteStop.route_id == route_id)
    found = session.execute(q.order_by(Reading.read_on, Reading.id).offset(offset).limit(min(limit, MAX_ROWS))).all()
    counts = dict(session.execute(
        select(ReadingFollowUp.reading_id, func.count()).where(
            ReadingFollowUp.reading_id.in_([r.id for r, *_ in found])).group_by(ReadingFollowUp.reading_id)
    ).all()) if found else {}
    rows = []
    for r, number, name, serial, login in found:
        verdict = decisions.explain(session, r)
        prev = verdict.previous
        rows.append(HeldRow(r.id, r.account_id, number or "", name, serial, r.read_on, r.value, r.kind,
                            tuple(filter(None, r.reasons.split(","))),
                            "；".join(x.text() for x in verdict.reasons), prev.value if prev else None,
                            prev.read_on if prev else None, verdict.use, login, counts.get(r.id, 0)))
    return rows


def held_count(session: Session, actor: Actor) -> int:
    require(session, actor, "route.view")
    return session.scalar(select(func.count()).select_from(Reading).where(Reading.status == St.HELD)) or 0


def cycle_window(cycle: str, odd_months: bool, day: date) -> tuple[date, date]:
    """The reading cycle ``day`` falls in, first and last day: its month for a monthly route; for
    a bimonthly one the route's reading month (odd or even, as it is read) and the month after."""
    first = day.replace(day=1)
    months = 1
    if cycle == RouteCycle.BIMONTHLY:
        months = 2
        if (first.month % 2 == 1) != odd_months:  # the off month: the cycle began a month before
            first = (first - timedelta(days=1)).replace(day=1)
    month = first.month - 1 + months
    after = date(first.year + month // 12, month % 12 + 1, 1)
    return first, after - timedelta(days=1)


@dataclass(frozen=True)
class Progress:
    """A route through one cycle: how many stops are read, not yet read, held, estimated, no access."""

    stops: int
    read: int
    not_read: int
    held: int
    estimated: int
    no_access: int


def route_progress(session: Session, actor: Actor, route_id: int, start: date, end: date) -> Progress:
    """Each stop's latest reading dated ``start``..``end`` (both included) counted by what it is."""
    require(session, actor, "route.view")
    if end < start:
        raise ValidationError("结束日期早于开始日期。", "The end date is before the start date.")
    stops = session.scalar(select(func.count()).select_from(RouteStop).where(RouteStop.route_id == route_id)) or 0
    latest = (select(Reading.account_id, func.max(Reading.id).label("rid"))
              .join(RouteStop, RouteStop.account_id == Reading.account_id)
              .where(RouteStop.route_id == route_id, Reading.read_on.between(start, end),
                     Reading.status != St.SUPERSEDED, Reading.kind.in_([K.ACTUAL, K.ESTIMATED, K.NO_ACCESS]))
              .group_by(Reading.account_id).subquery())
    found = session.execute(select(Reading.kind, Reading.status).join(latest, latest.c.rid == Reading.id)).all()
    held_n = sum(1 for _k, s in found if s == St.HELD)
    estimated = sum(1 for k, s in found if k == K.ESTIMATED and s != St.HELD)
    no_access = sum(1 for k, s in found if k == K.NO_ACCESS and s != St.HELD)
    read = len(found) - held_n - estimated - no_access
    return Progress(stops, read, stops - len(found), held_n, estimated, no_access)

