"""顾客钢瓶代存: a customer's own cylinders left at the depot (to keep, or to go for inspection) are
taken in against a numbered custody slip (代存单, series K, gap-free like receipts) and handed back
against it.

The slip's number is the custody transaction's document; its return is a ``hand_back``
transaction with the same document, so the slip's state is read from the transactions and is
stored once. A cylinder of the slip away at inspection is handed back once it is back; one the
inspection scrapped is named on the hand-back and stays with the depot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Counter, Cylinder, CylinderMovement, DepotTransaction, LpgCustomer, User
from gasdesk.models.depot import CylinderState as S
from gasdesk.services.accounts.identity import mask_name
from gasdesk.services.cashier import numbers
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.depot import customers, cylinders, movements
from gasdesk.services.depot.exchange import ExchangeRefused, Refusal
from gasdesk.services.depot.labels import CYLINDER_STATE
from gasdesk.services.depot.machine import CylinderEvent
from gasdesk.services.printing import document, jobs
from gasdesk.services.printing.fonts import configured_font

CUSTODY_SERIES = "K"
TAKE, BACK = "custody", "hand_back"
DOCUMENT_KIND = "custody_slip"
MAX_KEPT = 20


@dataclass(frozen=True)
class CustodyDone(Changed):
    slip_number: str
    customer_number: str
    serials: list[str]
    kept: list[str]  # hand-back: what stays at the depot (scrapped at inspection)
    replayed: bool = False

    def json(self) -> dict[str, object]:
        return {"slip_number": self.slip_number, "customer": self.customer_number, "serials": self.serials,
                "kept": self.kept, "replayed": self.replayed}


def _slip_cylinders(session: Session, txn_id: int) -> list[Cylinder]:
    q = (select(Cylinder).join(CylinderMovement, CylinderMovement.cylinder_id == Cylinder.id)
         .where(CylinderMovement.transaction_id == txn_id).order_by(CylinderMovement.id))
    return list(dict.fromkeys(session.scalars(q)))


def _replayed(session: Session, txn: DepotTransaction, kind: str) -> CustodyDone:
    if txn.kind != kind:
        raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                       "This submission key was already used for something else; reopen the form.")
    customer = session.get(LpgCustomer, txn.customer_id)
    assert customer is not None
    moved = [c.serial for c in _slip_cylinders(session, txn.id)]
    return CustodyDone(txn.document, customer.number, moved, [], True, changes=frozenset({cylinders.CYLINDERS}))


def take(session: Session, actor: Actor, customer_number: str, serials: Sequence[str], *, key: str) -> CustodyDone:
    """收存: the customer's own cylinders, with them, into the depot's custody against a new slip."""
    require(session, actor, "depot.move")
    done = movements.find_transaction(session, key)
    if done is not None:
        return _replayed(session, done, TAKE)
    customer = customers.find(session, customer_number)
    depot = movements.depot_of(session, actor)
    wanted = [s for s in serials if (s or "").strip()]
    if not wanted or len(wanted) > MAX_KEPT:
        raise ValidationError(f"一次代存 1 到 {MAX_KEPT} 只钢瓶。", f"1 to {MAX_KEPT} cylinders a slip.",
                              field="serial")
    found, refused = [], []
    for text in wanted:
        c = cylinders.find(session, text)
        if c is None:
            refused.append(Refusal(cylinders.clean_serial_or_raw(text), "in", ["unregistered"]))
            continue
        why = [r for r, bad in (("not_own", c.owner_id != customer.id),
                                ("not_with_customer", c.state != S.WITH_CUSTOMER)) if bad]
        if why:
            refused.append(Refusal(c.serial, "in", why))
        elif c in found:
            raise ValidationError(f"钢瓶 {c.serial} 扫了两次，请核对。", f"Cylinder {c.serial} was scanned twice.",
                                  field="serial")
        found.append(c)
    if refused:
        raise ExchangeRefused(refused)
    _seq, number = numbers.next_number(session, depot.id, depot.code, CUSTODY_SERIES)
    txn = movements.open_transaction(session, actor, TAKE, key, customer_id=customer.id, document=number)
    for c in found:
        movements.move(session, txn, c, CylinderEvent.TAKE_CUSTODY, reason=f"代存单 {number}")
    session.flush()
    audit.record(session, actor, "depot.custody", "depot_transaction", txn.id,
                 after={"slip": number, "customer": customer.number, "serials": [c.serial for c in found]})
    return CustodyDone(number, customer.number, [c.serial for c in found], [],
                       changes=frozenset({cylinders.CYLINDERS}))


def find_slip(session: Session, number: str) -> DepotTransaction:
    text = (number or "").strip().upper()
    txn = session.scalar(select(DepotTransaction).where(DepotTransaction.kind == TAKE,
                                                        DepotTransaction.document == text)) if text else None
    if txn is None:
        raise NotFound(f"没有代存单 {shown(text, 30)}，请核对单号（如 D01-K-0000001）。",
                       f"No custody slip {shown(text, 30)} (e.g. D01-K-0000001).")
    return txn


def handed_back(session: Session, slip: DepotTransaction) -> DepotTransaction | None:
    return session.scalar(select(DepotTransaction).where(DepotTransaction.kind == BACK,
                                                         DepotTransaction.document == slip.document))


def hand_back(session: Session, actor: Actor, slip_number: str, *, key: str) -> CustodyDone:
    """发还: every cylinder of the slip back to its owner (those scrapped at inspection stay)."""
    require(session, actor, "depot.move")
    done = movements.find_transaction(session, key)
    if done is not None:
        return _replayed(session, done, BACK)
    slip = find_slip(session, slip_number)
    if handed_back(session, slip) is not None:
        raise Conflict(f"代存单 {slip.document} 的钢瓶已经发还。",
                       f"Custody slip {slip.document} was handed back already.")
    movements.depot_of(session, actor)
    kept = _slip_cylinders(session, slip.id)
    away = [Refusal(c.serial, "out", ["not_in_custody"]) for c in kept if c.state not in (S.IN_CUSTODY, S.SCRAPPED)]
    if away:
        raise ExchangeRefused(away)
    txn = movements.open_transaction(session, actor, BACK, key, customer_id=slip.customer_id, document=slip.document)
    back = [c for c in kept if c.state == S.IN_CUSTODY]
    for c in back:
        movements.move(session, txn, c, CylinderEvent.HAND_BACK, holder_id=c.owner_id,
                       reason=f"凭代存单 {slip.document}")
    customer = session.get(LpgCustomer, slip.customer_id)
    assert customer is not None
    scrapped = [c.serial for c in kept if c.state == S.SCRAPPED]
    session.flush()
    audit.record(session, actor, "depot.custody_back", "depot_transaction", txn.id,
                 after={"slip": slip.document, "customer": customer.number, "serials": [c.serial for c in back],
                        "scrapped": scrapped})
    return CustodyDone(slip.document, customer.number, [c.serial for c in back], scrapped,
                       changes=frozenset({cylinders.CYLINDERS}))


def slip_seqs(session: Session) -> list[tuple[int, int]]:
    """(depot id, sequence) of every custody slip, for db check's gap-free series."""
    q = select(DepotTransaction.counter_id, DepotTransaction.document).where(DepotTransaction.kind == TAKE)
    return [(counter_id, int(doc.rsplit("-", 1)[-1])) for counter_id, doc in session.execute(q)]


def render_slip(session: Session, actor: Actor, number: str) -> tuple[jobs.Document, bytes]:
    """The custody slip on A5: the customer (masked), each cylinder and its dates, both signatures;
    a second print is a copy (副本), and a slip handed back says so."""
    require(session, actor, "depot.view")
    slip = find_slip(session, number)
    job = jobs.prepare(session, DOCUMENT_KIND, slip.document)
    customer = session.get(LpgCustomer, slip.customer_id)
    depot, keeper = session.get(Counter, slip.counter_id), session.get(User, actor.user_id)
    assert customer is not None and depot is not None and keeper is not None
    back = handed_back(session, slip)
    rows = [[c.serial, c.size, c.made_on, c.next_due_on, CYLINDER_STATE[c.state].zh]
            for c in _slip_cylinders(session, slip.id)]
    spec = document.SheetSpec(
        title="顾客钢瓶代存单", columns=["钢印号", "规格", "制造日期", "下次检验", "现状"], rows=rows,
        widths_mm=[34, 22, 24, 24, 24], page="A5", office=settings.get(session, "office_name"),
        subtitle_lines=[f"代存单号 {slip.document}    {depot.code} {depot.name}    营业日 {slip.business_date}",
                        f"用户 {customer.number} {mask_name(customer.name)}    共 {len(rows)} 只自有钢瓶",
                        *((f"★ 已于 {back.business_date} 发还 ★",) if back else ())],
        footer_lines=["凭本单领回钢瓶；钢瓶送检的，检验合格后领回，报废的由调瓶点处置。",
                      "用户签字：______________    营业员签字：______________"],
        printed_by=keeper.name, copy_mark=job.copy)
    return job, document.table_sheet(spec, font=configured_font(session))
