"""Whether a cylinder may be taken in from a customer or handed out full, as reason codes.

Pure functions of what is known (``Facts``): the register's row, the day, what the keeper sees
(damage, an illegible stamp, a scrap mark) and whom the cylinder is for. An empty list is a yes.
The same rules serve ``depot check``, the exchange screen and the state machine's guard, so no
path hands out a cylinder these refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gasdesk.models.depot import CylinderState
from gasdesk.services.depot import dates

SEEN = ("damaged", "stamp_illegible", "scrap_mark")  # what the keeper may mark on the counter


@dataclass(frozen=True)
class Facts:
    on: date
    registered: bool
    state: str | None = None
    size: str | None = None
    next_due_on: date | None = None
    life_ends_on: date | None = None
    owner_id: int | None = None  # None: the company's
    holder_id: int | None = None
    counter_id: int | None = None  # the depot it is at
    seen: frozenset[str] = field(default_factory=frozenset)  # of SEEN
    customer_id: int | None = None  # whom it is taken from or handed to
    here: int | None = None  # the depot asking
    entitled: bool = True  # the customer holds a deposit or an exchange for this size
    margin_days: int = dates.DUE_SOON_DAYS


def _fitness(f: Facts) -> list[str]:
    """What makes a cylinder unfit in anyone's hands: its dates and what is seen on it."""
    reasons = []
    assert f.next_due_on is not None and f.life_ends_on is not None
    if dates.overdue(f.next_due_on, f.on):
        reasons.append("inspection_overdue")
    if dates.life_over(f.life_ends_on, f.on):
        reasons.append("life_over")
    reasons += [s for s in SEEN if s in f.seen]
    return reasons


def take_in(f: Facts) -> list[str]:
    """Reasons to refuse the customer's empty (none: take it)."""
    if not f.registered:
        return ["unregistered", *[s for s in SEEN if s in f.seen]]
    reasons = _fitness(f)
    if f.owner_id is not None and f.customer_id is not None and f.owner_id != f.customer_id:
        reasons.append("other_owner")
    if f.state != CylinderState.WITH_CUSTOMER:
        reasons.append("not_with_customer")
    elif f.owner_id is None and not f.entitled:
        reasons.append("no_deposit")
    return reasons


def hand_out(f: Facts) -> list[str]:
    """Reasons to refuse handing this cylinder out full (none: hand it over)."""
    if not f.registered:
        return ["unregistered"]
    reasons = _fitness(f)
    assert f.next_due_on is not None
    if dates.due_soon(f.next_due_on, f.on, f.margin_days):
        reasons.append("inspection_due_soon")
    if f.owner_id is not None and f.customer_id is not None and f.owner_id != f.customer_id:
        reasons.append("other_owner")
    if f.state not in (CylinderState.FULL, CylinderState.EMPTY):
        reasons.append("not_in_stock")
    elif f.state != CylinderState.FULL:
        reasons.append("not_full")
    elif f.here is not None and f.counter_id is not None and f.counter_id != f.here:
        reasons.append("not_in_stock")
    return reasons
