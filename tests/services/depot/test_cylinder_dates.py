"""A cylinder's date rules at their exact boundaries, and each reason code of the checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.label_table import Label
from gasdesk.services.depot import checks, dates

D = date.fromisoformat
WHAT = Label("检验日期", "Inspection")


def test_in_date_through_the_due_day_and_overdue_from_the_next() -> None:
    due = dates.next_due(D("2022-05-10"), 4)
    assert due == D("2026-05-10")
    assert not dates.overdue(due, D("2026-05-10")) and dates.overdue(due, D("2026-05-11"))


def test_design_life_is_over_from_its_anniversary() -> None:
    ends = dates.life_ends_on(D("2019-05-10"), 8)
    assert ends == D("2027-05-10")
    assert not dates.life_over(ends, D("2027-05-09")) and dates.life_over(ends, D("2027-05-10"))


def test_29_february_and_a_stamped_month() -> None:
    assert dates.add_years(D("2024-02-29"), 4) == D("2028-02-29")
    assert dates.add_years(D("2024-02-29"), 1) == D("2025-02-28")
    assert dates.parse_day("2026-02", WHAT, field="x") == D("2026-02-28")
    assert dates.parse_day("２０２８年２月", WHAT, field="x") == D("2028-02-29")
    assert dates.parse_day("2026/5/1", WHAT, field="x") == D("2026-05-01")
    for bad in ("2026-13", "2026-02-30", "明年", ""):
        with pytest.raises(ValidationError, match="检验日期不是有效日期"):
            dates.parse_day(bad, WHAT, field="x")


def test_a_full_cylinder_goes_out_only_in_date_for_the_margin() -> None:
    due = D("2026-06-30")
    assert not dates.due_soon(due, due - timedelta(days=30))  # in date for the whole 30 days
    assert dates.due_soon(due, due - timedelta(days=29))
    assert not dates.due_soon(due, due + timedelta(days=1))  # overdue is its own reason


def facts(**kw: object) -> checks.Facts:
    base: dict[str, object] = dict(on=D("2026-12-04"), registered=True, state="with_customer", size="YSP35.5",
                                   next_due_on=D("2027-06-01"), life_ends_on=D("2030-01-01"), holder_id=7,
                                   customer_id=7, counter_id=1, here=1)
    base.update(kw)
    return checks.Facts(**base)  # type: ignore[arg-type]


def test_each_take_in_reason_at_its_boundary() -> None:
    assert checks.take_in(facts()) == []
    assert checks.take_in(facts(next_due_on=D("2026-12-04"))) == []  # the due day itself
    assert checks.take_in(facts(next_due_on=D("2026-12-03"))) == ["inspection_overdue"]
    assert checks.take_in(facts(life_ends_on=D("2026-12-05"))) == []  # the day before the anniversary
    assert checks.take_in(facts(life_ends_on=D("2026-12-04"))) == ["life_over"]
    assert checks.take_in(facts(seen=frozenset({"damaged", "scrap_mark"}))) == ["damaged", "scrap_mark"]
    assert checks.take_in(facts(seen=frozenset({"stamp_illegible"}))) == ["stamp_illegible"]
    assert checks.take_in(facts(registered=False)) == ["unregistered"]
    assert checks.take_in(facts(owner_id=9, holder_id=9)) == ["other_owner"]  # a neighbour's own cylinder
    assert checks.take_in(facts(owner_id=7)) == []  # the customer's own
    assert checks.take_in(facts(holder_id=8)) == []  # company cylinders circulate
    assert checks.take_in(facts(entitled=False)) == ["no_deposit"]
    assert checks.take_in(facts(state="empty", holder_id=None)) == ["not_with_customer"]


def test_each_hand_out_reason_at_its_boundary() -> None:
    stock = dict(state="full", holder_id=None)
    assert checks.hand_out(facts(**stock)) == []
    assert checks.hand_out(facts(**stock, next_due_on=D("2027-01-03"))) == []  # 30 days in date
    assert checks.hand_out(facts(**stock, next_due_on=D("2027-01-02"))) == ["inspection_due_soon"]
    assert checks.hand_out(facts(**stock, next_due_on=D("2026-12-03"))) == ["inspection_overdue"]
    assert checks.hand_out(facts(**stock, life_ends_on=D("2026-12-04"))) == ["life_over"]
    assert checks.hand_out(facts(state="empty", holder_id=None)) == ["not_full"]
    assert checks.hand_out(facts()) == ["not_in_stock"]  # it is with a customer
    assert checks.hand_out(facts(**stock, counter_id=2)) == ["not_in_stock"]  # at another depot
    assert checks.hand_out(facts(**stock, registered=False)) == ["unregistered"]
    assert checks.hand_out(facts(**stock, owner_id=9)) == ["other_owner"]
