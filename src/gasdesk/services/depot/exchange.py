"""换瓶: the customer's empties taken in and full cylinders handed over, paid on the spot, in one
transaction: every cylinder is checked first, and one refusal refuses the whole exchange (nothing
stored; the screen logs the refusal in the rejection log with ``log_refusals``).

Company cylinders circulate: an empty of the company's is taken from any customer who holds one of
that size (an exchange or a deposit). When it was recorded with another customer, the record
follows the cylinders (the one this customer was recorded holding is re-recorded to the other), so
every customer's count of company cylinders stays what they really hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Coupon, Cylinder, CylinderRefusal, LpgCustomer, Receipt
from gasdesk.models.depot import CylinderState
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.label_table import joined
from gasdesk.services.core.permissions import require
from gasdesk.services.depot import checks, customers, cylinders, movements, sales
from gasdesk.services.depot import coupons as coupon_rules
from gasdesk.services.depot.labels import REASON
from gasdesk.services.depot.machine import CylinderEvent

MAX_PAIRS = 20


@dataclass(frozen=True)
class Pair:
    taken_in: str  # the customer's empty, as scanned
    handed_out: str  # the full one handed over
    seen: frozenset[str] = frozenset()  # what the keeper marked on the empty (checks.SEEN)


@dataclass(frozen=True)
class Refusal:
    serial: str
    direction: str  # "in" or "out"
    reasons: list[str]


class ExchangeRefused(Conflict):
    """One or more cylinders of an exchange, a loan or a return refused, each with its reason codes."""

    def __init__(self, refusals: list[Refusal]) -> None:
        zh = "；".join(f"{'收回' if r.direction == 'in' else '发出'} {r.serial}：{joined(REASON, r.reasons, 'zh')}"
                      for r in refusals)
        en = "; ".join(f"{'in' if r.direction == 'in' else 'out'} {r.serial}: {joined(REASON, r.reasons, 'en')}"
                       for r in refusals)
        super().__init__(f"钢瓶不能办理（{zh}）。", f"Cylinders refused ({en}).")
        self.refusals = refusals


@dataclass(frozen=True)
class Exchanged(Changed):
    transaction_id: int
    customer_number: str
    pairs: list[tuple[str, str]]
    amount: Decimal
    receipt_number: str | None
    replayed: bool = False
    coupons: list[str] = field(default_factory=list)

    def json(self) -> dict[str, object]:
        return {"transaction_id": self.transaction_id, "customer": self.customer_number,
                "pairs": [{"in": i, "out": o} for i, o in self.pairs], "amount": str(self.amount),
                "receipt_number": self.receipt_number, "coupons": self.coupons, "replayed": self.replayed}


def _held(session: Session, customer_id: int, size: str) -> list[Cylinder]:
    """The company cylinders of ``size`` recorded with the customer."""
    return list(session.scalars(select(Cylinder).where(
        Cylinder.holder_id == customer_id, Cylinder.owner_id.is_(None), Cylinder.size == size,
        Cylinder.state == CylinderState.WITH_CUSTOMER).order_by(Cylinder.id)))


def _checked(session: Session, customer: LpgCustomer, pairs: Sequence[Pair], depot_id: int
             ) -> tuple[list[tuple[Cylinder, Cylinder, Pair]], list[Refusal]]:
    day = business_day.today(session)
    found, refused = [], []
    for pair in pairs:
        empty, full = cylinders.find(session, pair.taken_in), cylinders.find(session, pair.handed_out)
        if empty is None:
            reasons_in = checks.take_in(checks.Facts(on=day, registered=False, seen=pair.seen))
        else:
            entitled = empty.holder_id == customer.id or bool(_held(session, customer.id, empty.size))
            reasons_in = checks.take_in(movements.facts(empty, day, customer_id=customer.id, here=depot_id,
                                                        seen=pair.seen, entitled=entitled))
        if full is None:
            reasons_out = ["unregistered"]
        else:
            reasons_out = checks.hand_out(movements.facts(full, day, customer_id=customer.id, here=depot_id))
            if empty is not None and full.size != empty.size:
                reasons_out.append("other_size")
        label_in = empty.serial if empty else cylinders.clean_serial_or_raw(pair.taken_in)
        label_out = full.serial if full else cylinders.clean_serial_or_raw(pair.handed_out)
        if reasons_in:
            refused.append(Refusal(label_in, "in", reasons_in))
        if reasons_out:
            refused.append(Refusal(label_out, "out", reasons_out))
        if empty is not None and full is not None:
            found.append((empty, full, pair))
    return found, refused


def take_in_from(session: Session, txn: movements.DepotTransaction, empty: Cylinder, customer_id: int) -> None:
    """Take ``empty`` in from the customer; a company cylinder recorded with someone else moves that
    record to them from one of this customer's (the record follows the cylinders)."""
    previous = empty.holder_id
    movements.move(session, txn, empty, CylinderEvent.TAKE_IN)
    if empty.owner_id is None and previous is not None and previous != customer_id:
        mine = _held(session, customer_id, empty.size)
        if mine:
            movements.move(session, txn, mine[0], CylinderEvent.REASSIGN, holder_id=previous,
                           reason=f"随 {empty.serial} 转记")


def exchange(session: Session, actor: Actor, customer_number: str, pairs: Sequence[Pair], *,
             amount: Decimal | str | None = None, method: str | None = None, key: str,
             reference: str | None = None, tendered: Decimal | str | None = None,
             coupons: Sequence[str] = ()) -> Exchanged:
    """Exchange ``pairs`` for the customer, paid by ``method`` through the cashier's receipt and
    shift, or with ``coupons`` (one of the size per full cylinder, cancelled; no money moves)."""
    require(session, actor, "depot.sell")
    done = movements.find_transaction(session, key)
    if done is not None:
        return _replayed(session, done)
    customer = customers.find(session, customer_number)
    if not pairs or len(pairs) > MAX_PAIRS:
        raise ValidationError(f"一次换 1 到 {MAX_PAIRS} 对钢瓶。", f"Exchange 1 to {MAX_PAIRS} pairs at a time.",
                              field="pairs")
    if coupons and (method or amount not in (None, "")):
        raise ValidationError("用气票付款时不再收钱：金额和付款方式不填。",
                              "Paid by coupon: no amount or method.", field="coupon")
    if not coupons and not method:
        raise ValidationError("请选择付款方式，或扫描气票。", "Choose a payment method, or scan coupons.",
                              field="method")
    serials = [p.taken_in.strip().upper() for p in pairs] + [p.handed_out.strip().upper() for p in pairs]
    if len(set(serials)) != len(serials):
        raise ValidationError("同一只钢瓶扫了两次，请核对。", "The same cylinder was scanned twice.", field="pairs")
    depot = movements.depot_of(session, actor)
    found, refused = _checked(session, customer, pairs, depot.id)
    if refused:
        raise ExchangeRefused(refused)
    paying: list[Coupon] = []
    if coupons:
        paying, bad = coupon_rules.checked(session, coupons, [full.size for _e, full, _p in found])
        if bad:
            raise coupon_rules.CouponRefused(bad)
    txn = movements.open_transaction(session, actor, "exchange", key, customer_id=customer.id)
    for empty, full, _pair in found:
        take_in_from(session, txn, empty, customer.id)
        movements.move(session, txn, full, CylinderEvent.HAND_OUT, holder_id=customer.id,
                       step_facts=movements.facts(full, txn.business_date, customer_id=customer.id, here=depot.id))
    price, receipt_number = Decimal("0.00"), None
    if coupons:
        coupon_rules.redeem(session, txn, paying)
    else:
        price = money(amount if amount is not None else "")
        assert method is not None
        posted, receipt = sales.take(session, actor, customer.party_id,
                                     [ledger.Line("lpg_sale", price, reason="换瓶")], method=method, key=key,
                                     action="depot.exchange", memo=f"换瓶 {len(found)} 对", reference=reference,
                                     tendered=tendered)
        txn.posting_id, receipt_number = posted.posting_id, receipt.number
    session.flush()
    used = [c.serial for c in paying]
    audit.record(session, actor, "depot.exchange", "depot_transaction", txn.id,
                 after={"customer": customer.number, "pairs": [[e.serial, f.serial] for e, f, _ in found],
                        "amount": price, "receipt": receipt_number, "coupons": used})
    return Exchanged(txn.id, customer.number, [(e.serial, f.serial) for e, f, _ in found], price, receipt_number,
                     coupons=used, changes=frozenset({Change.LEDGER}))


def _replayed(session: Session, txn: movements.DepotTransaction) -> Exchanged:
    if txn.kind != "exchange":
        raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                       "This submission key was already used for something else; reopen the form.")
    customer = session.get(LpgCustomer, txn.customer_id)
    assert customer is not None
    rows = session.execute(select(movements.CylinderMovement.event, Cylinder.serial).join(
        Cylinder, Cylinder.id == movements.CylinderMovement.cylinder_id).where(
        movements.CylinderMovement.transaction_id == txn.id).order_by(movements.CylinderMovement.id)).all()
    taken = [s for e, s in rows if e == "take_in"]
    given = [s for e, s in rows if e == "hand_out"]
    receipt = session.scalar(select(Receipt).where(Receipt.posting_id == txn.posting_id))
    return Exchanged(txn.id, customer.number, list(zip(taken, given, strict=True)),
                     receipt.amount if receipt else Decimal("0.00"), receipt.number if receipt else None, True,
                     coupons=coupon_rules.of_transaction(session, txn.id), changes=frozenset({Change.LEDGER}))


def log_refusals(session: Session, actor: Actor, customer_number: str | None, refusals: Sequence[Refusal]) -> int:
    """Write refused cylinders to the rejection log (a transaction of its own, after the refusal)."""
    require(session, actor, "depot.sell")
    depot = movements.depot_of(session, actor)
    who = customers.find(session, customer_number).id if customer_number else None
    day = business_day.today(session)
    for r in refusals:
        found = cylinders.find(session, r.serial)
        session.add(CylinderRefusal(serial=r.serial[:64], cylinder_id=found.id if found else None, customer_id=who,
                                    direction=r.direction, reasons=",".join(r.reasons)[:200], counter_id=depot.id,
                                    user_id=actor.user_id, business_date=day))
    session.flush()
    return len(refusals)
