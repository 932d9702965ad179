"""Invariants of the three checks (pure: checks.judge on a meter's past, no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gasdesk.services.readings.checks import MeterPast, Past, Thresholds, judge

START = date(2025, 1, 1)
uses = st.lists(st.decimals(min_value=0, max_value=200, places=3), min_size=1, max_size=30)
gaps = st.integers(min_value=1, max_value=70)


def _walk(steps: list[tuple[Decimal, int]], digits: int = 6) -> tuple[MeterPast, list[tuple[str, Decimal | None]]]:
    """Feed a meter's readings to judge one by one, storing what it would store."""
    past = MeterPast(1, digits, [Past(0, START, Decimal("0.000"), "initial", "accepted")])
    value, day, seen = Decimal("0.000"), START, []
    for i, (use, gap) in enumerate(steps, start=1):
        value, day = (value + use) % (Decimal(10) ** digits), day + timedelta(days=gap)
        v = judge(past, value, day, "actual", Thresholds())
        seen.append((v.outcome, v.use))
        if v.outcome in ("accepted", "held"):
            past.readings.append(Past(i, day, value, "actual", "held" if v.outcome == "held" else "accepted"))
    return past, seen


@given(st.lists(st.tuples(st.decimals(min_value=0, max_value=200, places=3), gaps), min_size=1, max_size=30))
def test_a_meter_that_only_turns_forward_is_never_refused_and_its_uses_add_up(steps) -> None:  # type: ignore[no-untyped-def]
    past, seen = _walk(steps)
    assert all(outcome in ("accepted", "held") for outcome, _ in seen)
    assert sum(use for _, use in seen) == sum(u for u, _ in steps)  # every litre in exactly one period
    assert past.readings[-1].value == sum(u for u, _ in steps)


@given(uses, gaps)
def test_the_same_reading_twice_is_already_imported(steps, gap) -> None:  # type: ignore[no-untyped-def]
    past, _ = _walk([(u, gap) for u in steps])
    last = past.readings[-1]
    assert judge(past, last.value, last.read_on, "actual", Thresholds()).outcome == "already_imported"


@given(uses, gaps, st.decimals(min_value="0.001", max_value=1000, places=3))
def test_a_different_reading_on_a_day_already_read_is_refused(steps, gap, delta) -> None:  # type: ignore[no-untyped-def]
    past, _ = _walk([(u, gap) for u in steps])
    last = past.readings[-1]
    assert last.value is not None
    v = judge(past, last.value + delta, last.read_on, "actual", Thresholds())
    assert v.code in ("duplicate", "too_many_digits")


@given(st.decimals(min_value="0.001", max_value="99999.999", places=3),
       st.decimals(min_value=0, max_value=99999, places=3))
def test_below_the_previous_reading_is_never_simply_accepted(prev, drop_to) -> None:  # type: ignore[no-untyped-def]
    if drop_to >= prev:
        return
    past = MeterPast(1, 5, [Past(0, START, prev, "actual", "accepted")])
    v = judge(past, drop_to, START + timedelta(days=30), "actual", Thresholds())
    assert (v.outcome, v.code) in (("rejected", "lower"), ("held", "rollover"))
    if v.outcome == "held":
        assert v.use == Decimal(100000) - prev + drop_to <= Thresholds().spike_floor
