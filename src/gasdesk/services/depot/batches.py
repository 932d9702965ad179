"""Cylinders by the batch, with a delivery note's number: empties sent to the filling plant (充装站)
and brought back full, batches sent to the inspection station (检验站) and brought back (passed,
with the new inspection date, or scrapped), and cylinders taken out of use (停用、报废).

A batch is all or nothing: every serial is checked first and one refusal refuses the batch with
each cylinder's reason codes (nothing stored). An empty overdue for inspection or past its design
life is not sent for filling: it goes for inspection (or is scrapped) instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Cylinder, CylinderMovement, CylinderSize
from gasdesk.models.depot import CylinderState as S
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.label_table import Label
from gasdesk.services.core.permissions import require
from gasdesk.services.depot import cylinders, dates, movements
from gasdesk.services.depot.exchange import ExchangeRefused, Refusal
from gasdesk.services.depot.machine import CylinderEvent as E

MAX_BATCH = 500
STOCK = (S.FULL, S.EMPTY, S.REJECTED, S.IN_CUSTODY)  # what stands at a depot


@dataclass(frozen=True)
class Batch(Changed):
    kind: str  # the depot transaction's kind: to_plant, from_plant, to_inspection, from_inspection, scrap
    document: str
    serials: list[str]
    scrapped: list[str]  # of them: scrapped (failed inspection, or taken out of use)
    replayed: bool = False

    def json(self) -> dict[str, object]:
        return {"kind": self.kind, "document": self.document, "serials": self.serials, "count": len(self.serials),
                "scrapped": self.scrapped, "replayed": self.replayed}


# Each check: the reasons to refuse one cylinder of the batch (none: it goes).
Check = Callable[[Cylinder, date, int], list[str]]


def _at_depot(c: Cylinder, depot_id: int) -> bool:
    return c.state in STOCK and c.counter_id == depot_id


def _unfit(c: Cylinder, day: date) -> list[str]:
    return [r for r, bad in (("inspection_overdue", dates.overdue(c.next_due_on, day)),
                             ("life_over", dates.life_over(c.life_ends_on, day))) if bad]


def _to_plant(c: Cylinder, day: date, depot_id: int) -> list[str]:
    why = [] if c.state == S.EMPTY and c.counter_id == depot_id else ["not_empty"]
    if c.owner_id is not None:
        why.append("other_owner")  # the plant fills the company's cylinders
    return why + _unfit(c, day)


def _from_plant(c: Cylinder, day: date, depot_id: int) -> list[str]:
    return [] if c.state == S.AT_PLANT else ["not_at_plant"]


def _to_inspection(c: Cylinder, day: date, depot_id: int) -> list[str]:
    return [] if _at_depot(c, depot_id) else ["not_in_stock"]


def _from_inspection(c: Cylinder, day: date, depot_id: int) -> list[str]:
    return [] if c.state == S.AT_INSPECTION else ["not_at_inspection"]


def _to_scrap(c: Cylinder, day: date, depot_id: int) -> list[str]:
    why = [] if _at_depot(c, depot_id) and c.state != S.IN_CUSTODY else ["not_in_stock"]
    return why + (["other_owner"] if c.owner_id is not None else [])  # a customer's own is theirs to scrap


def _checked(session: Session, serials: Sequence[str], check: Check, depot_id: int, direction: str
             ) -> list[Cylinder]:
    wanted: list[str] = []
    for text in serials:
        wanted += cylinders.expand(text, limit=MAX_BATCH)
    if not wanted:
        raise ValidationError("请扫描或输入钢瓶钢印号。", "Scan or type the cylinders' serials.", field="serial")
    if len(wanted) > MAX_BATCH:
        raise ValidationError(f"一批最多 {MAX_BATCH} 只钢瓶（现在 {len(wanted)} 只）。",
                              f"At most {MAX_BATCH} cylinders a batch ({len(wanted)} given).", field="serial")
    day = business_day.today(session)
    found, refused, seen = [], [], set()
    for text in wanted:
        c = cylinders.find(session, text)
        if c is None:
            refused.append(Refusal(cylinders.clean_serial_or_raw(text), direction, ["unregistered"]))
            continue
        if c.id in seen:
            raise ValidationError(f"钢瓶 {c.serial} 扫了两次，请核对。", f"Cylinder {c.serial} was scanned twice.",
                                  field="serial")
        seen.add(c.id)
        why = check(c, day, depot_id)
        if why:
            refused.append(Refusal(c.serial, direction, why))
        found.append(c)
    if refused:
        raise ExchangeRefused(refused)
    return found


def _document(text: str) -> str:
    clean = " ".join((text or "").split())
    if not clean:
        raise ValidationError("请填写交接单号（充装站或检验站的单据号）。",
                              "Give the delivery note's number (the plant's or the inspection station's).",
                              field="document")
    if len(clean) > 40:
        raise ValidationError("交接单号最多 40 个字符。", "A delivery note's number is at most 40 characters.",
                              field="document")
    return clean


def _replayed(session: Session, txn: movements.DepotTransaction, kind: str) -> Batch:
    if txn.kind != kind:
        raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                       "This submission key was already used for something else; reopen the form.")
    rows = session.execute(select(Cylinder.serial, CylinderMovement.to_state).join(
        CylinderMovement, CylinderMovement.cylinder_id == Cylinder.id).where(
        CylinderMovement.transaction_id == txn.id).order_by(CylinderMovement.id)).all()
    serials = list(dict.fromkeys(s for s, _t in rows))
    return Batch(kind, txn.document, serials, [s for s, t in rows if t == S.SCRAPPED], True,
                 changes=frozenset({cylinders.CYLINDERS}))


def _run(session: Session, actor: Actor, kind: str, serials: Sequence[str], *, document: str, key: str,
         check: Check, direction: str, step: Callable[[movements.DepotTransaction, Cylinder], None],
         note: str = "") -> Batch:
    require(session, actor, "depot.move")
    done = movements.find_transaction(session, key)
    if done is not None:
        return _replayed(session, done, kind)
    depot = movements.depot_of(session, actor)
    note_no = _document(document)
    found = _checked(session, serials, check, depot.id, direction)
    txn = movements.open_transaction(session, actor, kind, key, document=note_no, note=note)
    for c in found:
        step(txn, c)
    session.flush()
    scrapped = [c.serial for c in found if c.state == S.SCRAPPED]
    audit.record(session, actor, "depot.move", "depot_transaction", txn.id,
                 after={"kind": kind, "document": note_no, "count": len(found), "first": found[0].serial,
                        "last": found[-1].serial, "scrapped": scrapped})
    return Batch(kind, note_no, [c.serial for c in found], scrapped, changes=frozenset({cylinders.CYLINDERS}))


def _mover(session: Session, event: E) -> Callable[[movements.DepotTransaction, Cylinder], None]:
    def step(txn: movements.DepotTransaction, c: Cylinder) -> None:
        movements.move(session, txn, c, event)
    return step


def send_to_plant(session: Session, actor: Actor, serials: Sequence[str], *, document: str, key: str) -> Batch:
    """空瓶送充装: the depot's company empties, each in date, to the filling plant."""
    return _run(session, actor, "to_plant", serials, document=document, key=key, check=_to_plant, direction="out",
                step=_mover(session, E.SEND_TO_PLANT))


def receive_from_plant(session: Session, actor: Actor, serials: Sequence[str], *, document: str,
                       key: str) -> Batch:
    """充装站送满瓶: cylinders sent to the plant come back full, into this depot's stock (new
    cylinders of a delivery are registered instead: ``cylinders.register``)."""
    return _run(session, actor, "from_plant", serials, document=document, key=key, check=_from_plant,
                direction="in", step=_mover(session, E.RECEIVE_FULL))


def send_to_inspection(session: Session, actor: Actor, serials: Sequence[str], *, document: str,
                       key: str) -> Batch:
    """送检: cylinders in this depot's stock (a customer's own in custody too) to the inspection station."""
    return _run(session, actor, "to_inspection", serials, document=document, key=key, check=_to_inspection,
                direction="out", step=_mover(session, E.SEND_INSPECTION))


INSPECTED_ON = Label("检验日期", "The inspection date")


def receive_inspected(session: Session, actor: Actor, serials: Sequence[str], *, passed: bool, document: str,
                      key: str, inspected_on: str | None = None) -> Batch:
    """检验回厂: passed (the new inspection date written, the next due from it by the size's interval;
    a company cylinder into the empties, a customer's own into custody for them) or failed (scrapped)."""
    day = business_day.today(session)
    when = dates.parse_day(inspected_on, INSPECTED_ON, field="inspected_on") if inspected_on else day
    if when > day:
        raise ValidationError("检验日期不能晚于今天。", "The inspection date cannot be after today.",
                              field="inspected_on")

    def check(c: Cylinder, on: date, depot_id: int) -> list[str]:
        why = _from_inspection(c, on, depot_id)
        if passed and dates.life_over(c.life_ends_on, on):
            why.append("life_over")  # past its design life it is scrapped, whatever the test says
        return why

    def step(txn: movements.DepotTransaction, c: Cylinder) -> None:
        if not passed:
            movements.move(session, txn, c, E.FAIL_INSPECTION, reason="检验不合格")
            return
        if when < c.last_inspected_on:
            raise ValidationError(f"钢瓶 {c.serial} 上次检验是 {c.last_inspected_on}，新的检验日期不能更早。",
                                  f"Cylinder {c.serial} was last inspected on {c.last_inspected_on}: the new "
                                  "inspection cannot be earlier.", field="inspected_on")
        size = session.get(CylinderSize, c.size)
        assert size is not None
        c.last_inspected_on, c.next_due_on = when, dates.next_due(when, size.inspection_years)
        movements.move(session, txn, c, E.PASS_INSPECTION if c.owner_id is None else E.RETURN_OWN,
                       reason=f"检验合格 {when}")

    return _run(session, actor, "from_inspection", serials, document=document, key=key, check=check,
                direction="in", step=step, note="合格" if passed else "报废")


def scrap(session: Session, actor: Actor, serials: Sequence[str], *, document: str, key: str,
          reason: str) -> Batch:
    """停用报废: company cylinders in stock taken out of use for good (past their life, damaged)."""
    why = " ".join((reason or "").split())
    if not why or len(why) > 200:
        raise ValidationError("请写明报废原因（最多 200 字）。",
                              "Give the reason for scrapping (at most 200 characters).", field="reason")

    def step(txn: movements.DepotTransaction, c: Cylinder) -> None:
        if c.state != S.REJECTED:
            movements.move(session, txn, c, E.REJECT, reason=why)
        movements.move(session, txn, c, E.SCRAP, reason=why)

    return _run(session, actor, "scrap", serials, document=document, key=key, check=_to_scrap, direction="out",
                step=step, note=why)
