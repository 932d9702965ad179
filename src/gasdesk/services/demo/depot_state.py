"""What the depot demo's builder (demo/depot.py) keeps of the depot as its year goes: the register
is the truth, this saves asking it for every pick."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from gasdesk.models import Cylinder
from gasdesk.services.core import business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.depot import checks, dates, movements
from gasdesk.services.depot.machine import CylinderEvent as E


@dataclass
class Regular:
    id: int
    number: str
    kind: str
    pays: str  # coupon | cash | wechat
    holds: list[Cylinder] = field(default_factory=list)  # company cylinders recorded with them
    wallet: dict[str, list[str]] = field(default_factory=dict)  # size -> unused coupons
    active: bool = True
    slip: str | None = None  # a deposit slip of theirs


@dataclass
class DepotYear:
    """What the builder knows of the depot as the year goes: the register is the truth, this saves
    asking it for every pick."""

    session: Session
    keeper: Actor
    boss: Actor
    rng: random.Random
    full: dict[str, list[Cylinder]] = field(default_factory=dict)  # fit fulls in stock, by size
    empty: list[Cylinder] = field(default_factory=list)  # empties in stock
    unfit: list[Cylinder] = field(default_factory=list)  # empties in stock that may not be filled
    plant: list[Cylinder] = field(default_factory=list)
    inspection: list[Cylinder] = field(default_factory=list)  # sent for inspection, not yet back
    slips: list[str] = field(default_factory=list)  # custody slips not handed back
    regulars: list[Regular] = field(default_factory=list)
    books: dict[str, list[str]] = field(default_factory=dict)  # size -> first serials of unsold books
    next_coupon: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    n: int = 0
    margin: int = dates.DUE_SOON_DAYS  # how long a full must stay in date to go out (the setting)

    @property
    def here(self) -> int:
        assert self.keeper.counter_id is not None
        return self.keeper.counter_id

    def key(self, what: str) -> str:
        self.n += 1
        return f"demo-depot-{what}-{business_day.today(self.session):%Y%m%d}-{self.n}"

    def may_hand_out(self, c: Cylinder, customer_id: int | None) -> bool:
        day = business_day.today(self.session)
        return not checks.hand_out(movements.facts(c, day, customer_id=customer_id, here=self.here,
                                                   margin_days=self.margin))

    def may_take_in(self, c: Cylinder, customer_id: int) -> bool:
        day = business_day.today(self.session)
        return not checks.take_in(movements.facts(c, day, customer_id=customer_id, here=self.here,
                                                  margin_days=self.margin))

    def move(self, txn: movements.DepotTransaction, c: Cylinder, event: E, *, holder_id: int | None = None,
             reason: str = "") -> None:
        """``movements.move`` with the facts its guard reads as it would gather them (the margin read once)."""
        facts = movements.facts(c, txn.business_date, here=txn.counter_id, customer_id=holder_id,
                                margin_days=self.margin)
        movements.move(self.session, txn, c, event, holder_id=holder_id, reason=reason, step_facts=facts)

    def pick_full(self, size: str, customer_id: int | None) -> Cylinder | None:
        """A full in stock fit to go out (unfit ones stay back: their dates only get worse)."""
        pool = self.full[size]
        while pool:
            i = self.rng.randrange(len(pool))
            c = pool[i]
            pool[i] = pool[-1]
            pool.pop()
            if self.may_hand_out(c, customer_id):
                return c
        return None
