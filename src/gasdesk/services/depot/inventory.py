"""What a depot holds and what falls due: the stock sheet (库存表: every cylinder standing at the
depot, by size and state, with its dates), the physical count (盘点: the cylinders found by
scanning against that stock, each difference recorded and explained), and the inspection
reminders (cylinders falling due in the next days, with the customers holding them and their
phones, to be called in).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Cylinder, CylinderSize, LpgCustomer, StockCount, StockCountLine, User
from gasdesk.models.depot import CylinderState as S
from gasdesk.services.core import audit, business_day, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.depot import cylinders, dates, movements
from gasdesk.services.depot.batches import STOCK
from gasdesk.services.depot.labels import CYLINDER_STATE
from gasdesk.services.printing import document, fonts

MAX_COUNTED = 20_000
MAX_REMINDER_DAYS = 366


@dataclass(frozen=True)
class StockItem:
    serial: str
    size: str
    state: str
    next_due_on: date
    life_ends_on: date
    owner: str  # "company" or the owning customer's number
    note: str  # 超期 / 将到期 / 超年限: what the keeper must not hand out

    def json(self) -> dict[str, Any]:
        return {"serial": self.serial, "size": self.size, "state": self.state,
                "next_inspection_due": self.next_due_on.isoformat(), "life_ends_on": self.life_ends_on.isoformat(),
                "owner": self.owner, "note": self.note}


@dataclass(frozen=True)
class StockList:
    depot: str
    day: date
    items: list[StockItem]

    def totals(self) -> list[tuple[str, str, int]]:
        """(size, state, count) in the sheet's order."""
        tally = Tally((i.size, i.state) for i in self.items)
        return [(size, state, n) for (size, state), n in tally.items()]

    def json(self) -> dict[str, Any]:
        return {"depot": self.depot, "date": self.day.isoformat(),
                "totals": [{"size": z, "state": s, "count": n} for z, s, n in self.totals()],
                "cylinders": [i.json() for i in self.items]}


def _note(c: Cylinder, day: date, margin: int) -> str:
    if dates.life_over(c.life_ends_on, day):
        return "超设计年限"
    if dates.overdue(c.next_due_on, day):
        return "超检验期"
    if dates.due_soon(c.next_due_on, day, margin):
        return "即将到检"
    return ""


def in_stock(session: Session, depot_id: int) -> list[Cylinder]:
    """The cylinders standing at the depot by the register, by size, state and serial."""
    q = (select(Cylinder).join(CylinderSize, CylinderSize.code == Cylinder.size)
         .where(Cylinder.counter_id == depot_id, Cylinder.state.in_([s.value for s in STOCK]))
         .order_by(CylinderSize.position, Cylinder.size, Cylinder.state, Cylinder.serial))
    return list(session.scalars(q))


def stock_list(session: Session, actor: Actor) -> StockList:
    """库存表 of the actor's depot now, each cylinder marked where its dates forbid handing it out."""
    require(session, actor, "depot.view")
    depot = movements.depot_of(session, actor)
    day = business_day.today(session)
    margin = movements.hand_out_margin(session)
    rows = in_stock(session, depot.id)
    owners = dict(session.execute(select(LpgCustomer.id, LpgCustomer.number).where(
        LpgCustomer.id.in_({c.owner_id for c in rows if c.owner_id}))).all()) if rows else {}
    items = [StockItem(c.serial, c.size, c.state, c.next_due_on, c.life_ends_on,
                       owners.get(c.owner_id, "") if c.owner_id else "company", _note(c, day, margin)) for c in rows]
    return StockList(f"{depot.code} {depot.name}", day, items)


def _printed_by(session: Session, actor: Actor) -> str:
    user = session.get(User, actor.user_id)
    return user.name if user else actor.login


def stock_list_pdf(session: Session, actor: Actor) -> tuple[StockList, bytes]:
    """The stock sheet on A4: the counts by size and state, then every cylinder by size and state."""
    sheet = stock_list(session, actor)
    totals = [[z, CYLINDER_STATE[s].zh, n] for z, s, n in sheet.totals()]
    frame = pd.DataFrame(
        [{"规格": i.size, "状态": CYLINDER_STATE[i.state].zh, "钢印号": i.serial, "下次检验": i.next_due_on,
          "设计年限止": i.life_ends_on, "产权": "公司" if i.owner == "company" else f"用户 {i.owner}", "备注": i.note}
         for i in sheet.items],
        columns=["规格", "状态", "钢印号", "下次检验", "设计年限止", "产权", "备注"])
    tables = [
        document.Table("汇总", totals, [document.Col("规格", 40), document.Col("状态", 40),
                                        document.Col("只数", 25, "count")], heading="按规格和状态汇总", numbered=False),
        document.Table("明细", frame, [document.Col("规格", 25), document.Col("状态", 25), document.Col("钢印号", 40),
                                       document.Col("下次检验", 28, "date"), document.Col("设计年限止", 28, "date"),
                                       document.Col("产权", 30), document.Col("备注", 25)],
                       heading="钢瓶明细", group_by=("规格", "状态"), unit="只"),
    ]
    pdf = document.sheet_pdf(document.Sheet(
        "钢瓶库存表", tables, page="A4",
        subtitle_lines=[f"{sheet.depot}    营业日 {sheet.day}    在库共 {len(sheet.items)} 只",
                        "“超检验期”“超设计年限”“即将到检”的钢瓶不得充装发出，应送检或报废。"],
        office=settings.get(session, "office_name"), printed_by=_printed_by(session, actor),
        footer_lines=["营业员签字：________________    盘点人签字：________________"]),
        font=fonts.configured_font(session))
    return sheet, pdf


# --- 盘点 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    serial: str
    difference: str  # missing | extra
    state: str  # the register's state ("" when not registered)


@dataclass(frozen=True)
class Counted(Changed):
    count_id: int
    expected: int
    counted: int
    differences: list[Difference]
    explanation: str

    def json(self) -> dict[str, Any]:
        return {"count_id": self.count_id, "expected": self.expected, "counted": self.counted,
                "missing": [d.serial for d in self.differences if d.difference == "missing"],
                "extra": [{"serial": d.serial, "state": d.state or None} for d in self.differences
                          if d.difference == "extra"],
                "explanation": self.explanation}


def _scans(scanned: Sequence[str]) -> list[str]:
    """What was scanned or typed, a range (A0001~0100) as its serials; a serial not registered is
    counted as found (an extra), what is no serial at all is refused in words."""
    out: list[str] = []
    for text in scanned:
        if (text or "").strip():
            out += cylinders.expand(text, limit=MAX_COUNTED)
    return out


def compare(session: Session, depot_id: int, scanned: Sequence[str]) -> tuple[int, int, list[Difference]]:
    """(expected, counted, differences) of a scan of the depot's stock (read only: the screen's preview)."""
    stock = {c.serial: c for c in in_stock(session, depot_id)}
    found: dict[str, Cylinder | None] = {}
    for text in _scans(scanned):
        c = cylinders.find(session, text)
        found.setdefault(c.serial if c else cylinders.clean_serial_or_raw(text), c)
    if len(found) > MAX_COUNTED:
        raise ValidationError(f"一次盘点最多 {MAX_COUNTED} 只。", f"At most {MAX_COUNTED} cylinders a count.")
    missing = [Difference(s, "missing", c.state) for s, c in stock.items() if s not in found]
    extra = [Difference(s, "extra", c.state if c else "") for s, c in found.items() if s not in stock]
    return len(stock), len(found), missing + extra


def preview(session: Session, actor: Actor, scanned: Sequence[str]) -> tuple[int, int, list[Difference]]:
    """The count so far at the actor's depot, before it is recorded."""
    require(session, actor, "depot.view")
    return compare(session, movements.depot_of(session, actor).id, scanned)


def count(session: Session, actor: Actor, scanned: Sequence[str], *, key: str, explanation: str = "") -> Counted:
    """Record a physical count: every difference is a line; any difference needs the keeper's explanation."""
    require(session, actor, "depot.move")
    done = movements.find_transaction(session, key)
    if done is not None:
        row = session.scalar(select(StockCount).where(StockCount.transaction_id == done.id))
        if row is None:
            raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                           "This submission key was already used for something else; reopen the form.")
        lines = session.scalars(select(StockCountLine).where(StockCountLine.count_id == row.id)
                                .order_by(StockCountLine.id))
        return Counted(row.id, row.expected, row.counted, [Difference(li.serial, li.difference, li.state)
                                                           for li in lines], row.explanation)
    depot = movements.depot_of(session, actor)
    if not any((s or "").strip() for s in scanned):
        raise ValidationError("还没有扫描任何钢瓶。", "No cylinder was scanned.", field="serial")
    expected, counted, differences = compare(session, depot.id, scanned)
    why = " ".join((explanation or "").split())
    if differences and not why:
        missing = sum(d.difference == "missing" for d in differences)
        raise ValidationError(f"盘点有差异（少 {missing} 只，多 {len(differences) - missing} 只），请写明原因。",
                              f"The count differs ({missing} missing, {len(differences) - missing} extra): "
                              "explain it.", field="explanation")
    if len(why) > 400:
        raise ValidationError("差异说明最多 400 字。", "The explanation is at most 400 characters.",
                              field="explanation")
    txn = movements.open_transaction(session, actor, "count", key, note=why[:200])
    row = StockCount(transaction_id=txn.id, counter_id=depot.id, expected=expected, counted=counted, explanation=why,
                     business_date=txn.business_date)
    session.add(row)
    session.flush()
    for d in differences:
        found = cylinders.find(session, d.serial) if d.state else None
        session.add(StockCountLine(count_id=row.id, serial=d.serial[:64], cylinder_id=found.id if found else None,
                                   difference=d.difference, state=d.state))
    session.flush()
    audit.record(session, actor, "depot.count", "depot_transaction", txn.id,
                 after={"expected": expected, "counted": counted, "differences": len(differences),
                        "explanation": why})
    return Counted(row.id, expected, counted, differences, why)


# --- 到检提醒 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    serial: str
    size: str
    state: str
    next_due_on: date
    customer: str | None  # the customer number holding it (or owning it, in custody)
    name: str
    phone: str  # in full: the keeper calls them in

    def json(self) -> dict[str, Any]:
        return {"serial": self.serial, "size": self.size, "state": self.state,
                "next_inspection_due": self.next_due_on.isoformat(), "customer": self.customer, "name": self.name,
                "phone": self.phone}


def reminders(session: Session, actor: Actor, days: int = 30) -> tuple[date, date, list[Reminder]]:
    """Cylinders in use (not scrapped, not away at inspection) falling due from today through
    ``days`` days on, soonest first, with their customers: (from, through, rows)."""
    require(session, actor, "depot.customer")
    if not 1 <= days <= MAX_REMINDER_DAYS:
        raise ValidationError(f"提醒天数须在 1 到 {MAX_REMINDER_DAYS} 之间。",
                              f"Days ahead: 1 to {MAX_REMINDER_DAYS}.", field="days")
    today = business_day.today(session)
    through = today + timedelta(days=days)
    who = LpgCustomer
    q = (select(Cylinder, who).outerjoin(who, who.id == Cylinder.holder_id)
         .where(Cylinder.next_due_on >= today, Cylinder.next_due_on <= through,
                Cylinder.state.not_in([S.SCRAPPED.value, S.AT_INSPECTION.value]))
         .order_by(Cylinder.next_due_on, Cylinder.serial))
    owners: dict[int, LpgCustomer] = {}
    rows = []
    for c, holder in session.execute(q):
        person = holder
        if person is None and c.owner_id is not None:  # a customer's own, in custody: its owner is called
            person = owners.get(c.owner_id) or session.get(LpgCustomer, c.owner_id)
            if person is not None:
                owners[c.owner_id] = person
        rows.append(Reminder(c.serial, c.size, c.state, c.next_due_on, person.number if person else None,
                             person.name if person else "", person.phone if person else ""))
    return today, through, rows


def reminders_pdf(session: Session, actor: Actor, days: int = 30) -> tuple[list[Reminder], bytes]:
    start, through, rows = reminders(session, actor, days)
    body = [[r.next_due_on, r.serial, r.size, CYLINDER_STATE[r.state].zh, r.customer or "", r.name, r.phone, ""]
            for r in rows]
    spec = document.SheetSpec(
        title="钢瓶到检提醒", columns=["到检日期", "钢印号", "规格", "状态", "用户编号", "姓名", "电话", "通知情况"],
        rows=body, widths_mm=[22, 30, 18, 20, 22, 22, 28, 28], page="A4", office=settings.get(session, "office_name"),
        subtitle_lines=[f"{start} 至 {through} 到检的钢瓶，共 {len(rows)} 只",
                        "请电话通知用户送检；在库的钢瓶到期前送检。本表含用户电话，请妥善保管。"],
        footer_lines=["通知人签字：________________"], printed_by=_printed_by(session, actor), row_height_mm=8)
    return rows, document.table_sheet(spec, font=fonts.configured_font(session))
