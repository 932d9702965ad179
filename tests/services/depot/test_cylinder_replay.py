"""A property: whatever steps the keepers take (allowed or refused), the register and the stock
counted from it are always what replaying every movement gives."""

from __future__ import annotations

from collections import Counter

from depot_support import Depot, key
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from gasdesk.models import Cylinder, LpgCustomer
from gasdesk.services.core.errors import GasdeskError
from gasdesk.services.depot import cylinders, movements
from gasdesk.services.depot.machine import CylinderEvent

SERIALS = ("P-01", "P-02", "P-03", "P-04")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(SERIALS), st.sampled_from(list(CylinderEvent))), max_size=12))
def test_the_register_is_always_the_replay_of_its_movements(depot: Depot, steps) -> None:  # type: ignore[no-untyped-def]
    with depot.db.read() as s:
        known = set(s.scalars(select(Cylinder.serial)))
    if not known:  # the first example registers them (the fixture is shared by the examples)
        depot.cylinders("P-01~04", inspected="2025-01-01")
        depot.customer()
    with depot.db.read() as s:
        holder = s.scalar(select(LpgCustomer.id))
    for i, (serial, event) in enumerate(steps):
        try:
            with depot.db.write() as s:
                txn = movements.open_transaction(s, depot.keeper, "step", key())
                movements.move(s, txn, cylinders.get(s, serial), event, holder_id=holder if i % 3 else None)
        except GasdeskError:
            pass  # a refused step stores nothing
    with depot.db.read() as s:
        assert movements.register_differences(s) == []
        replayed = movements.replayed(s)
        stock = Counter(s.scalars(select(Cylinder.state)))
        assert stock == Counter(state for state, _holder in replayed.values())
