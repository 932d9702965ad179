"""押金: company cylinders lent to a customer against a deposit per cylinder of the size (the size's
setting), with a numbered deposit slip (押金条, series Y), and the deposit refunded when as many
company cylinders of that size come back: against the slip, or, when it is lost, with a
supervisor's approval given on the spot.

The deposit is money like any other at the depot (sales.py): a ``deposit`` charge paid with a
payment receipt when lent, a ``deposit_refund`` with a refund receipt when it goes back, both in
the keeper's shift. The slip itself numbers the loan; its PDF repeats the receipt's number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Counter, Cylinder, CylinderSize, DepositSlip, DepositStatus, LpgCustomer, Receipt
from gasdesk.models.depot import CylinderState
from gasdesk.models.depot_money import DEPOSIT_SERIES
from gasdesk.services import ledger
from gasdesk.services.cashier import numbers, receipts
from gasdesk.services.cashier.receipt_pdf import receipt_pdf
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.depot import checks, customers, cylinders, movements, sales
from gasdesk.services.depot.exchange import ExchangeRefused, Refusal, take_in_from
from gasdesk.services.depot.machine import CylinderEvent
from gasdesk.services.printing import jobs
from gasdesk.services.printing.fonts import configured_font

MAX_LENT = 20
DOCUMENT_KIND = "deposit_slip"
MOVED = frozenset({Change.LEDGER})


@dataclass(frozen=True)
class Lent(Changed):
    slip_number: str
    receipt_number: str
    customer_number: str
    size: str
    serials: list[str]
    amount: Decimal
    replayed: bool = False

    def json(self) -> dict[str, object]:
        return {"slip_number": self.slip_number, "receipt_number": self.receipt_number,
                "customer": self.customer_number, "size": self.size, "serials": self.serials,
                "count": len(self.serials), "amount": str(self.amount), "replayed": self.replayed}


@dataclass(frozen=True)
class DepositRefunded(Changed):
    slip_number: str
    receipt_number: str  # the refund receipt's
    serials: list[str]
    amount: Decimal
    lost_slip: bool
    replayed: bool = False

    def json(self) -> dict[str, object]:
        return {"slip_number": self.slip_number, "receipt_number": self.receipt_number, "serials": self.serials,
                "amount": str(self.amount), "lost_slip": self.lost_slip, "replayed": self.replayed}


def _serials(values: Sequence[str]) -> list[str]:
    clean = [v.strip().upper() for v in values if (v or "").strip()]
    if not clean or len(clean) > MAX_LENT:
        raise ValidationError(f"一次 1 到 {MAX_LENT} 只钢瓶。", f"1 to {MAX_LENT} cylinders at a time.", field="serial")
    if len(set(clean)) != len(clean):
        raise ValidationError("同一只钢瓶扫了两次，请核对。", "The same cylinder was scanned twice.", field="serial")
    return clean


def _slip_serials(session: Session, transaction_id: int | None) -> list[str]:
    if transaction_id is None:
        return []
    q = (select(Cylinder.serial).join(movements.CylinderMovement, movements.CylinderMovement.cylinder_id == Cylinder.id)
         .where(movements.CylinderMovement.transaction_id == transaction_id).order_by(movements.CylinderMovement.id))
    return list(session.scalars(q))


def _receipt_number(session: Session, posting_id: int | None) -> str:
    return session.scalar(select(Receipt.number).where(Receipt.posting_id == posting_id)) or ""


def lend(session: Session, actor: Actor, customer_number: str, serials: Sequence[str], *, method: str, key: str,
         reference: str | None = None, tendered: Decimal | str | None = None) -> Lent:
    """借瓶: hand full company cylinders of one size to the customer and take their deposit."""
    require(session, actor, "depot.sell")
    done = movements.find_transaction(session, key)
    if done is not None:
        slip = session.scalar(select(DepositSlip).where(DepositSlip.transaction_id == done.id))
        if slip is None:
            raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                           "This submission key was already used for something else; reopen the form.")
        customer = session.get(LpgCustomer, slip.customer_id)
        assert customer is not None
        return Lent(slip.number, _receipt_number(session, slip.posting_id), customer.number, slip.size,
                    _slip_serials(session, done.id), slip.amount, True, changes=MOVED)
    customer = customers.find(session, customer_number)
    wanted = _serials(serials)
    depot = movements.depot_of(session, actor)
    day = business_day.today(session)
    found, refused = [], []
    for text in wanted:
        cylinder = cylinders.find(session, text)
        if cylinder is None:
            refused.append(Refusal(cylinders.clean_serial_or_raw(text), "out", ["unregistered"]))
            continue
        why = checks.hand_out(movements.facts(cylinder, day, customer_id=customer.id, here=depot.id))
        if cylinder.owner_id is not None and "other_owner" not in why:
            why.append("other_owner")  # a deposit is for the company's cylinders only
        if found and cylinder.size != found[0].size:
            why.append("other_size")
        if why:
            refused.append(Refusal(cylinder.serial, "out", why))
        found.append(cylinder)
    if refused:
        raise ExchangeRefused(refused)
    size = session.get(CylinderSize, found[0].size)
    assert size is not None
    if size.deposit <= 0:
        raise Conflict(f"{size.code} 没有设定押金，请先在调瓶点设置中设定。",
                       f"No deposit is set for {size.code}; set it first.")
    amount = size.deposit * len(found)
    txn = movements.open_transaction(session, actor, "lend", key, customer_id=customer.id)
    for cylinder in found:
        movements.move(session, txn, cylinder, CylinderEvent.HAND_OUT, holder_id=customer.id, reason="借瓶",
                       step_facts=movements.facts(cylinder, txn.business_date, customer_id=customer.id,
                                                  here=depot.id))
    posted, receipt = sales.take(
        session, actor, customer.party_id,
        [ledger.Line("deposit", amount, reason=f"{size.code} × {len(found)} 只钢瓶押金")],
        method=method, key=key, action="depot.deposit", memo=f"借瓶 {size.code} × {len(found)}",
        reference=reference, tendered=tendered)
    txn.posting_id = posted.posting_id
    seq, number = numbers.next_number(session, depot.id, depot.code, DEPOSIT_SERIES)
    slip = DepositSlip(number=number, counter_id=depot.id, seq=seq, customer_id=customer.id, size=size.code,
                       count=len(found), amount=amount, transaction_id=txn.id, posting_id=posted.posting_id,
                       business_date=txn.business_date)
    session.add(slip)
    session.flush()
    audit.record(session, actor, "depot.deposit", "deposit_slip", number,
                 after={"customer": customer.number, "size": size.code, "serials": [c.serial for c in found],
                        "amount": amount, "receipt": receipt.number})
    return Lent(number, receipt.number, customer.number, size.code, [c.serial for c in found], amount,
                changes=MOVED)


def find_slip(session: Session, number: str) -> DepositSlip:
    text = (number or "").strip().upper()
    slip = session.scalar(select(DepositSlip).where(DepositSlip.number == text)) if text else None
    if slip is None:
        raise NotFound(f"没有押金条 {shown(text, 30)}，请核对押金条号（如 D01-Y-0000001）。",
                       f"No deposit slip {shown(text, 30)} (e.g. D01-Y-0000001).")
    return slip


def held(session: Session, customer_id: int, size: str | None = None) -> list[DepositSlip]:
    """The customer's deposit slips not yet refunded, oldest first."""
    q = select(DepositSlip).where(DepositSlip.customer_id == customer_id,
                                  DepositSlip.status == DepositStatus.HELD.value).order_by(DepositSlip.id)
    return list(session.scalars(q.where(DepositSlip.size == size) if size else q))


def refund(session: Session, actor: Actor, serials: Sequence[str], *, key: str, slip_number: str | None = None,
           customer_number: str | None = None, approver: Actor | None = None, method: str = "cash",
           reference: str | None = None) -> DepositRefunded:
    """退押金: as many company cylinders of the slip's size taken back, the deposit paid back.
    Without the slip (``customer_number`` instead): the customer's oldest slip of that size, with
    ``approver``'s approval."""
    require(session, actor, "depot.sell")
    done = movements.find_transaction(session, key)
    if done is not None:
        slip = session.scalar(select(DepositSlip).where(DepositSlip.refund_transaction_id == done.id))
        if slip is None:
            raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                           "This submission key was already used for something else; reopen the form.")
        return DepositRefunded(slip.number, _receipt_number(session, slip.refund_posting_id),
                               _slip_serials(session, done.id), slip.amount, slip.lost_approved_by is not None, True,
                               changes=MOVED)
    wanted = _serials(serials)
    movements.depot_of(session, actor)  # cylinders come back at a depot
    returned = [cylinders.find(session, s) for s in wanted]
    if slip_number:
        slip = find_slip(session, slip_number)
        if slip.status != DepositStatus.HELD:
            raise Conflict(f"押金条 {slip.number} 的押金已经退过。",
                           f"Deposit slip {slip.number} was refunded already.")
        if approver is not None:
            raise ValidationError("凭押金条退押金不需要主管批准。", "A refund against its slip needs no approval.")
    else:
        if not customer_number:
            raise ValidationError("请输入押金条号；押金条遗失的，输入用户编号并由主管批准。",
                                  "Give the slip's number; for a lost slip, the customer's number and a "
                                  "supervisor's approval.", field="slip")
        if approver is None:
            raise ValidationError("押金条遗失，退押金须由主管批准。",
                                  "A lost slip's deposit needs a supervisor's approval.", field="approver")
        require(session, approver, "ledger.approve")
        customer = customers.find(session, customer_number)
        size = next((c.size for c in returned if c is not None), None)
        slips = held(session, customer.id, size)
        if not slips:
            raise NotFound(f"用户 {customer.number} 没有{size or ''}未退的押金。",
                           f"Customer {customer.number} holds no {size or ''} deposit.")
        slip = slips[0]
    customer = session.get(LpgCustomer, slip.customer_id)
    assert customer is not None
    refused = []
    for text, cylinder in zip(wanted, returned, strict=True):
        if cylinder is None:
            refused.append(Refusal(cylinders.clean_serial_or_raw(text), "in", ["unregistered"]))
            continue
        why = [r for r, bad in (("other_owner", cylinder.owner_id is not None),
                                ("other_size", cylinder.size != slip.size),
                                ("not_with_customer", cylinder.state != CylinderState.WITH_CUSTOMER)) if bad]
        if why:
            refused.append(Refusal(cylinder.serial, "in", why))
    if refused:
        raise ExchangeRefused(refused)
    if len(wanted) != slip.count:
        raise ValidationError(f"押金条 {slip.number} 是 {slip.size} × {slip.count} 只，请归还 {slip.count} 只（现在 "
                              f"{len(wanted)} 只）。", f"Slip {slip.number} is for {slip.count} × {slip.size}; "
                              f"{len(wanted)} returned.", field="serial")
    txn = movements.open_transaction(session, actor, "deposit_refund", key, customer_id=customer.id,
                                     document=slip.number)
    for cylinder in returned:
        assert cylinder is not None
        take_in_from(session, txn, cylinder, customer.id)
    back = ledger.Line("deposit_refund", -slip.amount, reason=f"退押金 {slip.number}")
    posted, receipt = sales.give_back(
        session, actor, customer.party_id, [back],
        method=method, key=key, action="depot.deposit_refund", memo=f"退押金 {slip.number}",
        approved_by=approver.user_id if approver else None, reference=reference)
    txn.posting_id = posted.posting_id
    slip.status, slip.refund_transaction_id, slip.refund_posting_id = (DepositStatus.REFUNDED.value, txn.id,
                                                                      posted.posting_id)
    slip.lost_approved_by = approver.user_id if approver else None
    session.flush()
    audit.record(session, actor, "depot.deposit_refund", "deposit_slip", slip.number,
                 after={"customer": customer.number, "serials": [c.serial for c in returned if c],
                        "amount": slip.amount, "receipt": receipt.number, "lost_slip": approver is not None,
                        "approved_by": approver.login if approver else None})
    return DepositRefunded(slip.number, receipt.number, [c.serial for c in returned if c], slip.amount,
                           approver is not None, changes=MOVED)


def render_slip(session: Session, actor: Actor, number: str, layout: str = "roll") -> tuple[jobs.Document, bytes]:
    """The deposit slip's PDF (roll or A5): the deposit's receipt retitled 押金条 with the slip's
    number, the size and count, and the receipt's number; a second print is a copy (副本)."""
    require(session, actor, "receipt.view")
    receipts.check_layout(layout)
    slip = find_slip(session, number)
    receipt = session.scalar(select(Receipt).where(Receipt.posting_id == slip.posting_id))
    assert receipt is not None
    job = jobs.prepare(session, DOCUMENT_KIND, slip.number)
    counter = session.get(Counter, slip.counter_id)
    assert counter is not None
    size = session.get(CylinderSize, slip.size)
    assert size is not None
    serials = "、".join(_slip_serials(session, slip.transaction_id))
    base = receipts.document(session, actor, receipt, copy=job.copy)
    items = (receipts.ReceiptItem("钢瓶押金", f"{size.code}（{size.name}）× {slip.count} 只  {serials}", slip.amount),)
    notes = (f"收据号 {receipt.number}", f"凭本押金条归还 {slip.size} 公司钢瓶 {slip.count} 只，退还押金。",
             *(("★ 押金已退 ★",) if slip.status == DepositStatus.REFUNDED else ()))
    doc = replace(base, title="押金条", number=slip.number, items=items, notes=notes, show_balance=False)
    return job, receipt_pdf(doc, layout, font=configured_font(session))
