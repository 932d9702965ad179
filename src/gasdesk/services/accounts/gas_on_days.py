"""Compound gas-on days (小区点火通气): plan the day, mark each installed household, sign-off rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    AccountStatus,
    Area,
    Compound,
    GasOnEvent,
    GasOnHousehold,
    Meter,
    Premises,
)
from gasdesk.models.base import utcnow
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import mask_phone
from gasdesk.services.core import audit, business_day, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError, found
from gasdesk.services.core.permissions import require
from gasdesk.services.core.state_machine import StateMachine, Transition


class DayStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class DayEvent(StrEnum):
    FINISH = "finish"
    CANCEL = "cancel"


class Outcome(StrEnum):
    PENDING = "pending"
    DONE = "done"
    ABSENT = "absent"
    REFUSED = "refused"


@dataclass(frozen=True)
class Marking:
    """What a household's guard reads: the note the team wrote."""

    note: str


def refusal_explained(marking: Marking) -> None:
    if not marking.note.strip():
        raise ValidationError("请填写拒绝原因。", "Give the reason for the refusal.")


# A day is planned, then done or cancelled; its list changes only while it is planned.
DAY: StateMachine[DayStatus, DayEvent, None] = StateMachine(
    labels.Label("通气计划", "gas-on day"),
    {(DayStatus.PLANNED, DayEvent.FINISH): Transition(DayStatus.DONE, forward=True),
     (DayStatus.PLANNED, DayEvent.CANCEL): Transition(DayStatus.CANCELLED)},
    states=labels.GAS_ON_STATUS, events=labels.GAS_ON_DAY_EVENT,
    actions={"add_households": (DayStatus.PLANNED,), "mark": (DayStatus.PLANNED,)},
    action_labels=labels.GAS_ON_DAY_ACTION,
)

# A household not yet on gas may be marked again (absent today, done on a second visit);
# gas on is final. The events are named by the outcome they record.
_OPEN_OUTCOMES = (Outcome.PENDING, Outcome.ABSENT, Outcome.REFUSED)
HOUSEHOLD: StateMachine[Outcome, Outcome, Marking] = StateMachine(
    labels.Label("通气户", "household"),
    {
        **{(s, Outcome.DONE): Transition(Outcome.DONE, forward=True) for s in _OPEN_OUTCOMES},
        **{(s, Outcome.ABSENT): Transition(Outcome.ABSENT) for s in _OPEN_OUTCOMES},
        **{(s, Outcome.REFUSED): Transition(Outcome.REFUSED, (refusal_explained,)) for s in _OPEN_OUTCOMES},
    },
    states=labels.GAS_ON_OUTCOME, events=labels.GAS_ON_OUTCOME,
)


@dataclass(frozen=True)
class GasOnEventInfo(Changed):
    id: int
    compound_id: int
    compound_name: str
    area_name: str
    planned_on: date
    status: str
    status_zh: str
    installer_team: str
    note: str
    households: int
    done: int
    absent: int
    refused: int
    pending: int


@dataclass(frozen=True)
class SignOffRow(Changed):
    seq: int
    account_id: int
    number: str
    holder_name: str
    address: str
    phone: str  # masked: the sheet goes out of the office
    meter_serial: str
    initial_reading: Decimal | None
    outcome: str
    outcome_zh: str
    note: str


@dataclass(frozen=True)
class SignOffSheet:
    event: GasOnEventInfo
    rows: list[SignOffRow]


def _event(session: Session, event_id: int) -> GasOnEvent:
    return found(session.get(GasOnEvent, event_id), "通气计划不存在。", "The gas-on event does not exist.")


def _info(session: Session, event: GasOnEvent) -> GasOnEventInfo:
    compound = session.get(Compound, event.compound_id)
    assert compound is not None
    area = session.get(Area, compound.area_id)
    outcomes = list(session.scalars(select(GasOnHousehold.outcome).where(GasOnHousehold.event_id == event.id)))
    return GasOnEventInfo(
        event.id, compound.id, compound.name, area.name if area else "", event.planned_on, event.status,
        labels.text(labels.GAS_ON_STATUS, event.status, "zh"), event.installer_team, event.note, len(outcomes),
        outcomes.count("done"),
        outcomes.count("absent"), outcomes.count("refused"), outcomes.count("pending"),
    )


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """Sort key that reads the digit runs as numbers: room 101 before 1003, building 2 before 10.
    Each part is tagged so a number and a word never compare directly."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _DIGITS.split(text or "") if p)


def premises_key(premises: Premises) -> tuple[object, ...]:
    """Walking order in a compound: building, unit, room, each in natural order."""
    return natural_key(premises.building), natural_key(premises.unit), natural_key(premises.room)


def _installed_in(session: Session, compound_id: int) -> list[int]:
    q = (
        select(Account.id, Premises)
        .join(Premises, Premises.id == Account.premises_id)
        .where(Premises.compound_id == compound_id, Account.status == AccountStatus.INSTALLED)
    )
    return [aid for aid, _p in sorted(session.execute(q), key=lambda r: (premises_key(r[1]), r[0]))]


def plan_event(
    session: Session, actor: Actor, compound_id: int, *, planned_on: date, installer_team: str = "", note: str = ""
) -> GasOnEventInfo:
    """Plan a gas-on day with every installed household of the compound on its list."""
    require(session, actor, "gas_on.manage")
    compound = session.get(Compound, compound_id)
    if compound is None:
        raise NotFound("小区不存在。", "The compound does not exist.")
    households = _installed_in(session, compound_id)
    if not households:
        raise Conflict(f"小区“{compound.name}”没有已安装待通气的用户。",
                       f"The compound {compound.name!r} has no installed households waiting for gas-on.")
    event = GasOnEvent(compound_id=compound_id, planned_on=planned_on, status="planned",
                       installer_team=" ".join(installer_team.split())[:40], note=note.strip()[:400],
                       created_by=actor.user_id)
    session.add(event)
    session.flush()
    for account_id in households:
        session.add(GasOnHousehold(event_id=event.id, account_id=account_id, outcome="pending", note=""))
    session.flush()
    audit.record(session, actor, "gas_on.plan", "gas_on_event", event.id,
                 after={"compound_id": compound_id, "planned_on": planned_on, "households": len(households)})
    return _info(session, event)


def add_households(session: Session, actor: Actor, event_id: int) -> GasOnEventInfo:
    """Add households installed since the plan was made."""
    require(session, actor, "gas_on.manage")
    event = _planned(session, event_id, "add_households")
    listed = set(session.scalars(select(GasOnHousehold.account_id).where(GasOnHousehold.event_id == event.id)))
    new = [a for a in _installed_in(session, event.compound_id) if a not in listed]
    for account_id in new:
        session.add(GasOnHousehold(event_id=event.id, account_id=account_id, outcome="pending", note=""))
    session.flush()
    audit.record(session, actor, "gas_on.add_households", "gas_on_event", event.id, after={"added": len(new)})
    return _info(session, event)


def _planned(session: Session, event_id: int, action: str) -> GasOnEvent:
    event = _event(session, event_id)
    DAY.check_action(DayStatus(event.status), action)
    return event


def _day_has_come(session: Session, event: GasOnEvent) -> None:
    """A household's result (and the day's end) is known only once the day has come: a mark
    before it would put a gas-on date in the future on the account and in the register."""
    day = business_day.today(session)
    if event.planned_on > day:
        raise ValidationError(
            f"本次通气计划在 {event.planned_on}，今天是 {day}：通气日到了才能登记各户结果或完成本次计划。"
            "如已提前通气，请取消本计划，按实际日期重新安排通气日。",
            f"This gas-on day is planned for {event.planned_on} and today is {day}: households are marked, "
            "and the day finished, once the day has come. If gas went on earlier, cancel this day and plan "
            "one on the actual date.",
        )


def mark(
    session: Session,
    actor: Actor,
    event_id: int,
    account_id: int,
    outcome: str,
    *,
    note: str = "",
    serial: str | None = None,
    initial_reading: Decimal | None = None,
) -> SignOffRow:
    """Mark one household: done performs the account's gas-on (meter from its registration or
    from serial + initial reading); absent / refused keep it installed for a later day."""
    require(session, actor, "gas_on.manage")
    event = _planned(session, event_id, "mark")
    _day_has_come(session, event)
    if outcome not in (Outcome.DONE, Outcome.ABSENT, Outcome.REFUSED):
        raise ValidationError("请选择结果：已通气、不在家或拒绝。", "Choose the outcome: done, absent or refused.")
    row = session.scalar(
        select(GasOnHousehold).where(GasOnHousehold.event_id == event.id, GasOnHousehold.account_id == account_id)
    )
    if row is None:
        raise NotFound("该户不在本次通气名单上。", "This household is not on the gas-on list.")
    if row.outcome == Outcome.DONE:
        raise Conflict("该户已通气，不能再修改结果。", "This household already has gas; the outcome is final.")
    HOUSEHOLD.step(Outcome(row.outcome), Outcome(outcome), Marking(note))
    if outcome == Outcome.DONE:
        opening.gas_on(session, actor, account_id, on=event.planned_on, serial=serial, initial_reading=initial_reading)
    row.outcome = outcome
    row.note = note.strip()[:200]
    row.marked_by = actor.user_id
    row.marked_at = utcnow()
    session.flush()
    audit.record(session, actor, "gas_on.mark", "account", account_id,
                 after={"event_id": event.id, "outcome": outcome, "note": row.note})
    return changed(_rows(session, event, only=account_id)[0], Change.GAS_ON, Change.ACCOUNT)


def finish(session: Session, actor: Actor, event_id: int, *, cancel: bool = False) -> GasOnEventInfo:
    require(session, actor, "gas_on.manage")
    event = _event(session, event_id)
    if not cancel and event.status == DayStatus.PLANNED:
        _day_has_come(session, event)
    event.status = DAY.step(DayStatus(event.status), DayEvent.CANCEL if cancel else DayEvent.FINISH, None).value
    session.flush()
    audit.record(session, actor, "gas_on.finish", "gas_on_event", event.id, after={"status": event.status})
    return changed(_info(session, event), Change.GAS_ON)


def list_events(session: Session, actor: Actor, compound_id: int | None = None) -> list[GasOnEventInfo]:
    require(session, actor, "account.view")
    q = select(GasOnEvent).order_by(GasOnEvent.planned_on.desc(), GasOnEvent.id.desc())
    if compound_id is not None:
        q = q.where(GasOnEvent.compound_id == compound_id)
    return [_info(session, e) for e in session.scalars(q)]


def _rows(session: Session, event: GasOnEvent, only: int | None = None) -> list[SignOffRow]:
    compound = session.get(Compound, event.compound_id)
    compound_name = compound.name if compound else ""
    q = (
        select(GasOnHousehold, Account, Premises, Meter)
        .join(Account, Account.id == GasOnHousehold.account_id)
        .join(Premises, Premises.id == Account.premises_id)
        .outerjoin(Meter, (Meter.account_id == Account.id) & Meter.removed_on.is_(None))
        .where(GasOnHousehold.event_id == event.id)
    )
    found = sorted(session.execute(q), key=lambda r: (premises_key(r[2]), r[1].id))
    # seq is the household's place on the whole list, also when only one row is asked for.
    rows = []
    for seq, (h, account, premises, meter) in enumerate(found, start=1):
        if only is not None and account.id != only:
            continue
        rows.append(SignOffRow(
            seq, account.id, account.number or "", account.holder_name,
            records.address_string(premises, compound_name), mask_phone(account.phone),
            meter.serial if meter else "", meter.initial_reading if meter else None, h.outcome,
            labels.text(labels.GAS_ON_OUTCOME, h.outcome, "zh"), h.note,
        ))
    return rows


def sign_off_rows(session: Session, actor: Actor, event_id: int) -> SignOffSheet:
    """Plain rows for the printed sign-off sheet (the print service renders them)."""
    require(session, actor, "account.view")
    event = _event(session, event_id)
    return SignOffSheet(_info(session, event), _rows(session, event))
