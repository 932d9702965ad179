"""收发存日报: each size and state's count on a day, from the movements alone: opening (the count at
the end of the day before) + received (movements into the state that day) − issued (out of it) =
closing. A movement moves one cylinder from one state to another, so the count of a state at the
end of a day is the movements into it minus those out of it, up to that day: the sheet balances
for every size and state by construction, and each day's closing is the next day's opening.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Cylinder, CylinderMovement, CylinderSize, User
from gasdesk.services.core import business_day, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.label_table import text
from gasdesk.services.core.permissions import require
from gasdesk.services.depot.labels import CYLINDER_STATE
from gasdesk.services.printing import document, fonts


@dataclass(frozen=True)
class StockRow:
    size: str
    state: str
    opening: int
    received: int
    issued: int
    closing: int

    def json(self) -> dict[str, Any]:
        return {"size": self.size, "state": self.state, "opening": self.opening, "received": self.received,
                "issued": self.issued, "closing": self.closing}


@dataclass(frozen=True)
class DaySheet:
    day: date
    rows: list[StockRow]

    def json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "rows": [r.json() for r in self.rows]}


def _net_before(session: Session, day: date) -> dict[tuple[str, str], int]:
    """(size, state) -> cylinders in that state at the end of the day before ``day``."""
    net: dict[tuple[str, str], int] = defaultdict(int)
    for column, sign in ((CylinderMovement.to_state, +1), (CylinderMovement.from_state, -1)):
        q = (select(Cylinder.size, column, func.count()).join(Cylinder, Cylinder.id == CylinderMovement.cylinder_id)
             .where(CylinderMovement.business_date < day, column.is_not(None)).group_by(Cylinder.size, column))
        for size, state, n in session.execute(q):
            net[(size, state)] += sign * n
    return net


def day_sheet(session: Session, actor: Actor, on: date | None = None) -> DaySheet:
    """The movement sheet of ``on`` (today), by size and state (the rows with any cylinder or movement)."""
    require(session, actor, "depot.view")
    day = on or business_day.today(session)
    opening = _net_before(session, day)
    moved = CylinderMovement.from_state.is_(None) | (CylinderMovement.from_state != CylinderMovement.to_state)
    today = (select(Cylinder.size, CylinderMovement.from_state, CylinderMovement.to_state, func.count())
             .join(Cylinder, Cylinder.id == CylinderMovement.cylinder_id)
             .where(CylinderMovement.business_date == day, moved)
             .group_by(Cylinder.size, CylinderMovement.from_state, CylinderMovement.to_state))
    received: dict[tuple[str, str], int] = defaultdict(int)
    issued: dict[tuple[str, str], int] = defaultdict(int)
    for size, before, after, n in session.execute(today):
        received[(size, after)] += n
        if before is not None:
            issued[(size, before)] += n
    sizes = list(session.scalars(select(CylinderSize.code).order_by(CylinderSize.position, CylinderSize.code)))
    rows = []
    for size in sizes:
        for state in CYLINDER_STATE:
            k = (size, state)
            o, r, i = opening.get(k, 0), received.get(k, 0), issued.get(k, 0)
            if o or r or i:
                rows.append(StockRow(size, state, o, r, i, o + r - i))
    return DaySheet(day, rows)


def sheet_pdf(session: Session, actor: Actor, on: date | None = None) -> tuple[DaySheet, bytes]:
    """The day's movement sheet as an A4 PDF, with the totals by size and the keeper's signature line."""
    sheet = day_sheet(session, actor, on)
    user = session.get(User, actor.user_id)
    body = [[r.size, text(CYLINDER_STATE, r.state, "zh"), r.opening, r.received, r.issued, r.closing]
            for r in sheet.rows]
    for size in dict.fromkeys(r.size for r in sheet.rows):
        mine = [r for r in sheet.rows if r.size == size]
        body.append([size, "合计", *(sum(getattr(r, f) for r in mine) for f in ("opening", "received", "issued",
                                                                                  "closing"))])
    body.sort(key=lambda row: str(row[0]))  # each size's rows, then its total (a stable sort keeps the order)
    spec = document.SheetSpec(
        title="钢瓶收发存日报", columns=["规格", "状态", "期初", "收入", "发出", "期末"], rows=body,
        widths_mm=[30, 40, 25, 25, 25, 25], right_aligned={2, 3, 4, 5}, office=settings.get(session, "office_name"),
        subtitle_lines=[f"全公司钢瓶（各调瓶点合计）    营业日 {sheet.day}    期初 + 收入 − 发出 = 期末",
                        f"前一日 {sheet.day - timedelta(days=1)} 的期末即本日期初"],
        footer_lines=["营业员签字：________________    主管签字：________________"],
        printed_by=user.name if user else actor.login)
    return sheet, document.table_sheet(spec, font=fonts.configured_font(session))
