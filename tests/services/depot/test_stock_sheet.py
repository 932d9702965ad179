"""收发存日报: opening + received − issued = closing for every size and state, each day's closing the
next day's opening, the closing what the register holds; the PDF readable in Chinese."""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from datetime import date, timedelta

from depot_support import Depot, key
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from printing_support import pdf_text
from sqlalchemy import func, select

from gasdesk.models import Cylinder, CylinderMovement, LpgCustomer
from gasdesk.services.core import business_day
from gasdesk.services.core.errors import GasdeskError
from gasdesk.services.depot import cylinders, movements, stock
from gasdesk.services.depot.machine import CylinderEvent

DAY = date(2026, 11, 30)


def step(depot: Depot, serial: str, event: CylinderEvent, on: date, holder: int | None = None) -> None:
    with depot.db.write() as s, business_day.on_day(s, on):
        txn = movements.open_transaction(s, depot.keeper, "step", key())
        movements.move(s, txn, cylinders.get(s, serial), event, holder_id=holder)


def test_a_days_sheet_balances_and_carries_over(depot: Depot) -> None:
    holder = depot.customer().id
    with depot.db.write() as s, business_day.on_day(s, DAY - timedelta(days=1)):
        cylinders.register(s, depot.keeper, "M-01~04", size="YSP35.5", made_on="2022-01-01",
                           last_inspected_on="2025-01-01", key=key())
        cylinders.register(s, depot.keeper, "N-01~02", size="YSP12", made_on="2022-01-01",
                           last_inspected_on="2025-01-01", state="empty", key=key())
    step(depot, "M-01", CylinderEvent.HAND_OUT, DAY, holder)
    step(depot, "M-02", CylinderEvent.HAND_OUT, DAY, holder)
    step(depot, "M-01", CylinderEvent.TAKE_IN, DAY, None)
    step(depot, "N-01", CylinderEvent.SEND_TO_PLANT, DAY)
    with depot.db.read() as s:
        sheet = stock.day_sheet(s, depot.keeper, DAY)
        nxt = stock.day_sheet(s, depot.keeper, DAY + timedelta(days=1))
    got = {(r.size, r.state): (r.opening, r.received, r.issued, r.closing) for r in sheet.rows}
    assert got == {("YSP12", "empty"): (2, 0, 1, 1), ("YSP12", "at_plant"): (0, 1, 0, 1),
                   ("YSP35.5", "full"): (4, 0, 2, 2), ("YSP35.5", "empty"): (0, 1, 0, 1),
                   ("YSP35.5", "with_customer"): (0, 2, 1, 1)}
    assert {(r.size, r.state): r.opening for r in nxt.rows} == {k: v[3] for k, v in got.items()}
    assert sheet.json()["rows"][0] == {"size": "YSP12", "state": "empty", "opening": 2, "received": 0,
                                       "issued": 1, "closing": 1}
    with depot.db.read() as s:
        _sheet, pdf = stock.sheet_pdf(s, depot.keeper, DAY)
    text = pdf_text(pdf)
    assert "钢瓶收发存日报" in text and "空瓶在库" in text and "期初 + 收入 − 发出 = 期末" in text and "合计" in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(("Q-01", "Q-02", "Q-03")), st.sampled_from(list(CylinderEvent)),
                                st.integers(0, 3)), max_size=10))
def test_every_day_balances_and_the_last_closing_is_the_register(depot: Depot, steps) -> None:  # type: ignore[no-untyped-def]
    with depot.db.read() as s:
        fresh = s.scalar(select(Cylinder.id)) is None
    if fresh:
        with depot.db.write() as s, business_day.on_day(s, DAY):
            cylinders.register(s, depot.keeper, "Q-01~03", size="YSP12", made_on="2022-01-01",
                               last_inspected_on="2025-01-01", key=key())
        depot.customer()
    with depot.db.read() as s:
        holder = s.scalar(select(LpgCustomer.id))
        last = s.scalar(select(func.max(CylinderMovement.business_date)))  # the business day never goes back
    for serial, event, days in sorted(steps, key=lambda x: x[2]):
        with contextlib.suppress(GasdeskError):  # a refused step stores nothing
            step(depot, serial, event, last + timedelta(days=days), holder)
    with depot.db.read() as s:
        span = (s.scalar(select(func.max(CylinderMovement.business_date))) - DAY).days + 2
        sheets = [stock.day_sheet(s, depot.keeper, DAY + timedelta(days=d)) for d in range(span)]
        held = Counter(s.scalars(select(Cylinder.state)))
    for today, tomorrow in itertools.pairwise(sheets):
        assert all(r.closing == r.opening + r.received - r.issued and r.closing >= 0 for r in today.rows)
        assert {(r.size, r.state): r.closing for r in today.rows if r.closing} == {
            (r.size, r.state): r.opening for r in tomorrow.rows if r.opening}
    assert {r.state: r.closing for r in sheets[-1].rows if r.closing} == dict(held)
