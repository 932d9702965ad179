"""The depot's day end: its cash goes through the cashier's shift close and remittance, like a
counter's; its redeemed coupons are handed in here (气票解缴). The keeper counts the coupons of each
size; what was redeemed that day at the depot is the expected count, and a count that differs is
explained. A day's handover is made once (one row per depot, day and size; append-only).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import CouponHandover, CylinderSize
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.depot import coupons, movements

_COUNT = re.compile(r"([A-Z0-9.]+)[X×*](\d{1,6})")
MAX_RECEIVER = 60


@dataclass(frozen=True)
class SizeCount:
    size: str
    expected: int
    counted: int | None  # None until handed in
    face_total: Decimal

    def json(self) -> dict[str, Any]:
        return {"size": self.size, "expected": self.expected, "counted": self.counted,
                "face_total": str(self.face_total)}


@dataclass(frozen=True)
class CouponDay(Changed):
    day: date
    rows: list[SizeCount]
    handed_in: bool
    received_by: str = ""
    explanation: str = ""

    def json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "handed_in": self.handed_in, "received_by": self.received_by,
                "explanation": self.explanation, "sizes": [r.json() for r in self.rows]}


def _redeemed(session: Session, depot_id: int, day: date) -> dict[str, tuple[int, Decimal]]:
    by_size: dict[str, list[Decimal]] = defaultdict(list)
    for _serial, size, face in coupons.redeemed_on(session, depot_id, day):
        by_size[size].append(face)
    return {size: (len(faces), sum(faces, Decimal("0.00"))) for size, faces in by_size.items()}


def _sizes(session: Session) -> list[str]:
    return list(session.scalars(select(CylinderSize.code).order_by(CylinderSize.position, CylinderSize.code)))


def coupon_day(session: Session, actor: Actor, on: date | None = None) -> CouponDay:
    """The day's redeemed coupons at the actor's depot by size, and what was handed in, if it was."""
    require(session, actor, "depot.view")
    depot = movements.depot_of(session, actor)
    day = on or business_day.today(session)
    redeemed = _redeemed(session, depot.id, day)
    done = {h.size: h for h in session.scalars(select(CouponHandover).where(
        CouponHandover.counter_id == depot.id, CouponHandover.business_date == day))}
    rows = [SizeCount(z, redeemed.get(z, (0, Decimal("0.00")))[0], done[z].counted if z in done else None,
                      redeemed.get(z, (0, Decimal("0.00")))[1])
            for z in _sizes(session) if z in redeemed or z in done]
    first = next(iter(done.values()), None)
    return CouponDay(day, rows, bool(done), first.received_by if first else "", first.explanation if first else "")


def parse_counts(text: str, sizes: list[str]) -> dict[str, int]:
    """"YSP35.5x12,YSP12x3" (× or * too; full-width forms read as such) -> {size: count}."""
    clean = unicodedata.normalize("NFKC", text or "").upper().replace(" ", "")
    counts: dict[str, int] = {}
    for part in (p for p in re.split(r"[,，、;；]+", clean) if p):
        m = _COUNT.fullmatch(part)
        if m is None or m.group(1) not in sizes:
            known = "、".join(sizes)
            raise ValidationError(f"气票张数看不懂：{shown(part, 30)}（写成规格x张数，如 YSP35.5x12；规格：{known}）。",
                                  f"Coupon count not understood: {shown(part, 30)} (size x count, e.g. YSP35.5x12).",
                                  field="counted")
        if m.group(1) in counts:
            raise ValidationError(f"{m.group(1)} 写了两次。", f"{m.group(1)} is given twice.", field="counted")
        counts[m.group(1)] = int(m.group(2))
    return counts


def hand_in_coupons(session: Session, actor: Actor, counted: str, *, received_by: str,
                    explanation: str = "") -> CouponDay:
    """气票解缴 of today at the actor's depot: the counted coupons by size against those redeemed."""
    require(session, actor, "depot.sell")
    depot = movements.depot_of(session, actor)
    day = business_day.today(session)
    if session.scalar(select(CouponHandover.id).where(CouponHandover.counter_id == depot.id,
                                                      CouponHandover.business_date == day).limit(1)):
        raise Conflict(f"{day} 的气票已经解缴，不能再交一次。", f"The coupons of {day} were handed in already.")
    receiver = " ".join((received_by or "").split())
    if not receiver or len(receiver) > MAX_RECEIVER:
        raise ValidationError("请填写接收气票的财务人员姓名（最多 60 字）。",
                              "Give the name of who receives the coupons (at most 60 characters).",
                              field="received_by")
    redeemed = _redeemed(session, depot.id, day)
    counts = parse_counts(counted, _sizes(session))
    sizes = [z for z in _sizes(session) if z in redeemed or z in counts]
    if not sizes:
        raise ValidationError("今天没有收回气票，也没有清点到气票。", "No coupon was redeemed or counted today.",
                              field="counted")
    differs = [z for z in sizes if counts.get(z, 0) != redeemed.get(z, (0, 0))[0]]
    why = " ".join((explanation or "").split())
    if differs and not why:
        detail = "、".join(f"{z} 收回 {redeemed.get(z, (0, 0))[0]} 张、清点 {counts.get(z, 0)} 张" for z in differs)
        raise ValidationError(f"气票张数不符（{detail}），请写明原因。",
                              f"The coupon count differs ({', '.join(differs)}): explain it.", field="explanation")
    for z in sizes:
        n, face = redeemed.get(z, (0, Decimal("0.00")))
        session.add(CouponHandover(counter_id=depot.id, business_date=day, size=z, expected=n,
                                   counted=counts.get(z, 0), face_total=face, explanation=why[:200],
                                   received_by=receiver, user_id=actor.user_id))
    session.flush()
    audit.record(session, actor, "depot.coupon_handover", "counter", depot.code,
                 after={"date": day, "counted": {z: counts.get(z, 0) for z in sizes},
                        "redeemed": {z: redeemed.get(z, (0, 0))[0] for z in sizes}, "received_by": receiver,
                        "explanation": why})
    result = coupon_day(session, actor, day)
    return CouponDay(result.day, result.rows, True, receiver, why, changes=frozenset({Change.LEDGER}))
