"""The cylinder register: cylinders by stamped serial (钢印号) and label barcode, registered one by
one or as a serial range from a delivery note, found by either, and checked as ``depot check`` says.

A serial is what is stamped on the collar: letters, digits and dashes, kept as typed in upper case
(a scanner types the label's code then Enter: either finds the cylinder).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gasdesk.models import Cylinder, CylinderMovement, CylinderSize, LpgCustomer
from gasdesk.models.depot import CylinderState
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.label_table import Label
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import check_digits, shown
from gasdesk.services.depot import checks, customers, dates, movements

_SERIAL = re.compile(r"[A-Z0-9][A-Z0-9-]{2,31}")
_RANGE = re.compile(r"(.*?)(\d+)\s*(?:-|~|～|\.\.|至)\s*\1?(\d+)")
MAX_BATCH = 2000
CYLINDERS = Change.LEDGER  # the depot's screens reload on it like the counter's on money


@dataclass(frozen=True)
class CylinderView:
    """A cylinder as ``depot check`` and ``depot list`` show it."""

    serial: str
    size: str
    status: str
    owner: str  # "company" or the owning customer's number
    holder: str | None  # the customer number holding it
    next_inspection_due: date | None
    life_ends_on: date | None
    may_take_in: bool
    may_hand_out: bool
    reasons: list[str]

    def json(self) -> dict[str, Any]:
        return {"serial": self.serial, "size": self.size, "status": self.status, "owner": self.owner,
                "holder": self.holder,
                "next_inspection_due": self.next_inspection_due.isoformat() if self.next_inspection_due else None,
                "life_ends_on": self.life_ends_on.isoformat() if self.life_ends_on else None,
                "may_take_in": self.may_take_in, "may_hand_out": self.may_hand_out, "reasons": self.reasons}


@dataclass(frozen=True)
class RegisteredCylinders(Changed):
    serials: list[str]


# what is typed: the thing (two characters) then its number; the messages use both and the number alone
CYLINDER_SERIAL = Label("钢瓶钢印号", "the cylinder's serial")


def clean_serial(text: str, what: Label = CYLINDER_SERIAL) -> str:
    """A serial as kept: full-width forms read as such, upper case, no spaces (a coupon's the same)."""
    value = unicodedata.normalize("NFKC", text or "").strip().upper().replace(" ", "")
    if not value:
        raise ValidationError(f"请输入或扫描{what.zh}。", f"Type or scan {what.en}.", field="serial")
    if not _SERIAL.fullmatch(value):
        what_en = what.en[:1].upper() + what.en[1:]
        raise ValidationError(f"{what.zh[2:]}只能是 3 到 32 位字母、数字或“-”：{shown(text)}",
                              f"{what_en} is 3 to 32 letters, digits or dashes: {shown(text)}", field="serial")
    return value


def clean_serial_or_raw(text: str) -> str:
    """The serial as the rejection log keeps it: cleaned when it is one, else as scanned (cut short)."""
    try:
        return clean_serial(text)
    except ValidationError:
        return unicodedata.normalize("NFKC", text or "").strip()[:64]


def expand(text: str, what: Label = CYLINDER_SERIAL, limit: int = MAX_BATCH, unit: str = "只") -> list[str]:
    """A serial, or a range from a delivery note: "A2026-0001~0100" (the same width) -> its serials."""
    clean = unicodedata.normalize("NFKC", text or "").strip().upper().replace(" ", "")
    m = _RANGE.fullmatch(clean) if any(sep in clean for sep in ("~", "..", "至")) else None
    if m is None:
        return [clean_serial(clean, what)]
    prefix, first, last = m.group(1), m.group(2), m.group(3)
    width = len(first)
    if len(last) < width:  # "A0001~99": the end's digits replace the tail of the start
        last = first[: width - len(last)] + last
    start, end = int(first), int(last)
    if end < start or end - start + 1 > limit:
        raise ValidationError(f"{what.zh[2:]}范围不对：{shown(text, 40)}（一次最多 {limit} {unit}，由小到大）。",
                              f"Range of {what.en} not understood: {shown(text, 40)} (at most {limit}, ascending).",
                              field="serial")
    return [clean_serial(f"{prefix}{n:0{width}d}", what) for n in range(start, end + 1)]


def size_of(session: Session, code: str) -> CylinderSize:
    clean = unicodedata.normalize("NFKC", code or "").strip().upper()
    if not clean:
        raise ValidationError("请写明钢瓶规格，如 YSP35.5。", "Give the cylinder's size, e.g. YSP35.5.", field="size")
    size = session.get(CylinderSize, clean)
    if size is None:
        known = "、".join(session.scalars(select(CylinderSize.code).order_by(CylinderSize.position)))
        raise ValidationError(f"没有 {shown(code)} 这种规格；可选：{known}。",
                              f"No size {shown(code)}; sizes: {known}.", field="size")
    return size


def find(session: Session, text: str) -> Cylinder | None:
    """The cylinder of a typed serial or a scanned label code, or None (another script's digits are
    refused in words: a serial is stamped in ASCII)."""
    check_digits(text or "")
    value = unicodedata.normalize("NFKC", text or "").strip().upper().replace(" ", "")
    if not value:
        return None
    return session.scalar(select(Cylinder).where(or_(Cylinder.serial == value, Cylinder.barcode == value)))


def get(session: Session, text: str) -> Cylinder:
    cylinder = find(session, text)
    if cylinder is None:
        value = shown(text)
        raise NotFound(f"钢瓶 {value} 没有登记。", f"Cylinder {value} is not registered.")
    return cylinder


def register(session: Session, actor: Actor, serials: str, *, size: str, made_on: str, last_inspected_on: str,
             maker: str = "", owner: str | None = None, barcode: str | None = None, state: str = "full",
             key: str, document: str = "") -> RegisteredCylinders:
    """Register one cylinder or a range (all or none): a delivery of the company's (full or empty),
    or a customer's own (with them). Due and end-of-life dates follow the size's settings."""
    require(session, actor, "depot.register")
    done = movements.find_transaction(session, key)
    if done is not None:
        q = (select(Cylinder.serial).join(CylinderMovement, CylinderMovement.cylinder_id == Cylinder.id)
             .where(CylinderMovement.transaction_id == done.id).order_by(Cylinder.serial))
        return RegisteredCylinders(list(session.scalars(q)), changes=frozenset({CYLINDERS}))
    batch = expand(serials)
    kind = size_of(session, size)
    made = dates.parse_day(made_on, Label("制造日期", "Manufacture date"), field="made_on")
    ring = (last_inspected_on or "").strip()
    inspected = dates.parse_day(ring, Label("上次检验日期", "Last inspection"), field="last_inspected_on")
    month_only = inspected == dates.month_end(inspected.year, inspected.month) and len(re.findall(r"\d+", ring)) == 2
    today = business_day.today(session)
    if made > today or inspected > today:
        raise ValidationError("制造或检验日期不能晚于今天。", "A manufacture or inspection date cannot be after today.",
                              field="made_on")
    if inspected < made:
        raise ValidationError("检验日期不能早于制造日期。", "The inspection cannot be before manufacture.",
                              field="last_inspected_on")
    due = (dates.month_end(inspected.year + kind.inspection_years, inspected.month) if month_only
           else dates.next_due(inspected, kind.inspection_years))
    owner_row = customers.find(session, owner) if owner else None
    if state not in (CylinderState.FULL, CylinderState.EMPTY) and owner_row is None:
        raise ValidationError("公司钢瓶登记为满瓶或空瓶在库。", "A company cylinder is registered full or empty.",
                              field="state")
    if owner_row is not None:
        state = CylinderState.WITH_CUSTOMER.value  # a customer's own cylinder, with them
    code = unicodedata.normalize("NFKC", barcode or "").strip().upper() or None
    if code is not None and len(batch) > 1:
        raise ValidationError("标签码只能登记单只钢瓶。", "A label code is for a single cylinder.", field="barcode")
    taken = session.scalars(select(Cylinder.serial).where(Cylinder.serial.in_(batch))).all()
    if taken:
        raise Conflict(f"钢印号已登记：{'、'.join(sorted(taken)[:5])}{' 等' if len(taken) > 5 else ''}。",
                       f"Already registered: {', '.join(sorted(taken)[:5])}.")
    if code is not None and find(session, code) is not None:
        raise Conflict(f"标签码 {code} 已用于另一只钢瓶。", f"Label code {code} is on another cylinder.")
    txn = movements.open_transaction(session, actor, "register", key, customer_id=owner_row.id if owner_row else None,
                                     document=document)
    holder = owner_row.id if owner_row is not None else None
    for serial in batch:
        cylinder = Cylinder(serial=serial, barcode=code, size=kind.code, maker=" ".join(maker.split())[:60],
                            made_on=made, last_inspected_on=inspected, next_due_on=due,
                            life_ends_on=dates.life_ends_on(made, kind.life_years), owner_id=holder, state=state,
                            holder_id=holder, counter_id=txn.counter_id)
        session.add(cylinder)
        session.flush()
        movements.record(session, txn, cylinder, "register", state, holder_id=holder, first=True)
    session.flush()
    audit.record(session, actor, "depot.register", "depot_transaction", txn.id,
                 after={"count": len(batch), "first": batch[0], "last": batch[-1], "size": kind.code,
                        "document": txn.document})
    return RegisteredCylinders(batch, changes=frozenset({CYLINDERS}))


def _numbers(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    q = select(LpgCustomer.id, LpgCustomer.number).where(LpgCustomer.id.in_(ids))
    return {i: n for i, n in session.execute(q)}


def view(cylinder: Cylinder, on: date, numbers: dict[int, str], *, customer_id: int | None = None,
         here: int | None = None, margin_days: int | None = None) -> CylinderView:
    f = movements.facts(cylinder, on, customer_id=customer_id, here=here, margin_days=margin_days)
    taking, handing = checks.take_in(f), checks.hand_out(f)
    reasons = taking if cylinder.state == CylinderState.WITH_CUSTOMER else handing
    return CylinderView(cylinder.serial, cylinder.size, cylinder.state,
                        numbers.get(cylinder.owner_id, "") if cylinder.owner_id else "company",
                        numbers.get(cylinder.holder_id) if cylinder.holder_id else None,
                        cylinder.next_due_on, cylinder.life_ends_on, not taking, not handing, reasons)


def check(session: Session, actor: Actor, serial: str, *, on: date | None = None,
          customer: str | None = None) -> CylinderView:
    """``depot check``: may this cylinder be taken in, or handed out, on ``on`` (today), for ``customer``."""
    require(session, actor, "depot.view")
    day = on or business_day.today(session)
    who = customers.find(session, customer) if customer else None
    cylinder = find(session, serial)
    if cylinder is None:
        value = clean_serial_or_raw(serial)
        if not value:
            raise ValidationError("请输入或扫描钢瓶钢印号。", "Type or scan the cylinder's serial.", field="serial")
        return CylinderView(value, "", "unregistered", "", None, None, None, False, False, ["unregistered"])
    ids = {i for i in (cylinder.owner_id, cylinder.holder_id) if i}
    return view(cylinder, day, _numbers(session, ids), customer_id=who.id if who else None,
                here=actor.counter_id)


def listing(session: Session, actor: Actor, *, status: str | None = None, size: str | None = None,
            due_before: date | None = None, on: date | None = None, after: str = "",
            limit: int = 500) -> list[CylinderView]:
    """``depot list``: cylinders by serial, a page at a time (``after``: the last serial shown)."""
    require(session, actor, "depot.view")
    if status is not None and status not in {s.value for s in CylinderState}:
        raise ValidationError(f"没有 {shown(status)} 这种状态。", f"No status {shown(status)}.", field="status")
    q = select(Cylinder).where(Cylinder.serial > after).order_by(Cylinder.serial).limit(max(1, min(limit, 5000)))
    if status:
        q = q.where(Cylinder.state == status)
    if size:
        q = q.where(Cylinder.size == size_of(session, size).code)
    if due_before:
        q = q.where(Cylinder.next_due_on < due_before)
    rows = session.scalars(q).all()
    numbers = _numbers(session, {i for c in rows for i in (c.owner_id, c.holder_id) if i})
    day = on or business_day.today(session)
    margin = movements.hand_out_margin(session)
    return [view(c, day, numbers, here=actor.counter_id, margin_days=margin) for c in rows]
