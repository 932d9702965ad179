"""Cylinder movements: every change of a cylinder's state, in a depot transaction.

``move`` is the only writer of a cylinder's state, holder and depot: it checks the step against the
state machine, writes the movement row (append-only) and updates the register's row in the same
transaction. ``replay`` rebuilds the states from the movements alone, which ``db check`` and the
property test hold equal to the register.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from gasdesk.models import Counter, Cylinder, CylinderMovement, DepotTransaction
from gasdesk.models.depot import CylinderState
from gasdesk.services.core import business_day, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.label_table import Label
from gasdesk.services.depot import checks, dates
from gasdesk.services.depot.machine import MACHINE, CylinderEvent, Step


def depot_of(session: Session, actor: Actor) -> Counter:
    """The depot the actor signed in at: cylinders move only at a registered depot."""
    counter = session.get(Counter, actor.counter_id) if actor.counter_id is not None else None
    if counter is None or counter.kind != "depot":
        raise Conflict("钢瓶收发须在调瓶点办理：请用调瓶点（类型为“调瓶点”的柜台）登录。",
                       "Cylinders move at a depot: sign in at a counter of kind depot.")
    return counter


def find_transaction(session: Session, key: str) -> DepotTransaction | None:
    return session.scalar(select(DepotTransaction).where(DepotTransaction.idempotency_key == key))


def open_transaction(session: Session, actor: Actor, kind: str, key: str, *, customer_id: int | None = None,
                     document: str = "", note: str = "") -> DepotTransaction:
    """A new depot transaction at the actor's depot, on today's business date."""
    depot = depot_of(session, actor)
    clean = (key or "").strip()
    if not clean or len(clean) > 80:
        raise ValidationError("缺少提交编号（idempotency key）。", "A submission key (idempotency key) is required.")
    txn = DepotTransaction(kind=kind, idempotency_key=clean, counter_id=depot.id, user_id=actor.user_id,
                           customer_id=customer_id, document=document.strip()[:40], note=note.strip()[:200],
                           business_date=business_day.today(session))
    session.add(txn)
    session.flush()
    return txn


def hand_out_margin(session: Session) -> int:
    """How long a full cylinder must stay in date to be handed out (the setting)."""
    return settings.get_int(session, "depot_due_soon_days")


def facts(cylinder: Cylinder, on: date, *, margin_days: int | None = None, **kw: object) -> checks.Facts:
    """What the checks read of a registered cylinder on day ``on`` (the hand-out margin: the
    setting, unless the caller read it once for many)."""
    if margin_days is None:
        session = object_session(cylinder)
        margin_days = hand_out_margin(session) if session else dates.DUE_SOON_DAYS
    return checks.Facts(on=on, registered=True, state=cylinder.state, size=cylinder.size,
                        next_due_on=cylinder.next_due_on, life_ends_on=cylinder.life_ends_on,
                        owner_id=cylinder.owner_id, holder_id=cylinder.holder_id, counter_id=cylinder.counter_id,
                        margin_days=margin_days, **kw)  # type: ignore[arg-type]


def record(session: Session, txn: DepotTransaction, cylinder: Cylinder, event: str, to_state: str, *,
           holder_id: int | None = None, reason: str = "", first: bool = False) -> CylinderMovement:
    """Write the movement and the register's row together (the one writer of both); ``first``: the
    cylinder's registration (from no state)."""
    row = CylinderMovement(cylinder_id=cylinder.id, transaction_id=txn.id, event=event,
                           from_state=None if first else cylinder.state,
                           to_state=to_state, holder_id=holder_id, counter_id=txn.counter_id, user_id=txn.user_id,
                           business_date=txn.business_date, reason=reason[:200])
    cylinder.state, cylinder.holder_id, cylinder.counter_id = to_state, holder_id, txn.counter_id
    session.add(row)
    return row


def move(session: Session, txn: DepotTransaction, cylinder: Cylinder, event: CylinderEvent, *,
         holder_id: int | None = None, reason: str = "", step_facts: checks.Facts | None = None) -> CylinderMovement:
    """One step of ``cylinder`` by the state machine (its guards read ``step_facts``)."""
    context = Step(cylinder.serial, step_facts or facts(cylinder, txn.business_date, here=txn.counter_id,
                                                        customer_id=holder_id))
    target = MACHINE.step(CylinderState(cylinder.state), event, context)
    if target == CylinderState.WITH_CUSTOMER and holder_id is None:
        raise ValidationError(f"钢瓶 {cylinder.serial} 交给哪位用户？请先选定液化气用户。",
                              f"Cylinder {cylinder.serial}: to which customer? Choose the LPG customer first.",
                              field="customer")
    return record(session, txn, cylinder, event.value, target.value,
                  holder_id=holder_id if target == CylinderState.WITH_CUSTOMER else None, reason=reason)


def replay(rows: Iterable[tuple[int, str, int | None]]) -> dict[int, tuple[str, int | None]]:
    """(cylinder_id, to_state, holder_id) in movement order -> each cylinder's state and holder."""
    state: dict[int, tuple[str, int | None]] = {}
    for cylinder_id, to_state, holder_id in rows:
        state[cylinder_id] = (to_state, holder_id)
    return state


def replayed(session: Session) -> dict[int, tuple[str, int | None]]:
    q = select(CylinderMovement.cylinder_id, CylinderMovement.to_state, CylinderMovement.holder_id).order_by(
        CylinderMovement.id)
    return replay(session.execute(q))  # type: ignore[arg-type]


def register_differences(session: Session) -> list[str]:
    """The cylinders whose register row says other than their movements (for db check)."""
    derived = replayed(session)
    rows = session.execute(select(Cylinder.id, Cylinder.serial, Cylinder.state, Cylinder.holder_id))
    return [serial for cid, serial, st, holder in rows if derived.get(cid) != (st, holder)]


def findings(session: Session, limit: int = 20) -> list[Label]:
    """``db check``: each cylinder whose register row is not what its movements say."""
    return [Label(f"钢瓶 {serial} 的登记状态与其收发记录不符", f"cylinder {serial}: its register row differs from "
                  "its movements") for serial in register_differences(session)[:limit]]
