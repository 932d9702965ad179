"""The bill's arithmetic, by hand (pure: compute.py on plain schedules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gasdesk.services.billing import compute
from gasdesk.services.billing.schedules import Schedule, Tier

D = Decimal
RES = Schedule(1, "residential", date(2024, 1, 1), (1, 1),
               (Tier(D(350), D("2.61")), Tier(D(500), D("3.13")), Tier(None, D("3.91"))),
               large_min_persons=5, large_extra_m3=D(100))
RAISE = Schedule(2, "residential", date(2027, 4, 1), (1, 1),
                 (Tier(D(350), D("2.8375")), Tier(D(500), D("3.40")), Tier(None, D("4.25"))))


def lines(frm: date, to: date, litres: int, *, used: int = 0, persons: int = 3,
          schedules: tuple[Schedule, ...] = (RES,)) -> list[tuple]:
    out = compute.bill_lines(frm, to, litres, schedules, persons, lambda _year: used)
    return [(x.part_from, x.part_to, x.days, x.tier, x.volume_m3, x.price, x.amount) for x in out]


def test_one_tier() -> None:
    assert lines(date(2027, 2, 6), date(2027, 3, 5), 12_345) == [
        (date(2027, 2, 6), date(2027, 3, 5), 28, 1, D("12.345"), D("2.61"), D("32.22"))]  # 32.22045


def test_a_tier_bound_split_exactly_at_the_bound() -> None:
    # 340 m³ used this year, 20 more: 10 at tier 1 up to 350, 10 at tier 2
    assert [(t, v, a) for *_x, t, v, _p, a in lines(date(2027, 5, 1), date(2027, 5, 31), 20_000, used=340_000)] \
        == [(1, D("10.000"), D("26.10")), (2, D("10.000"), D("31.30"))]
    # exactly reaching the bound stays in tier 1
    assert [t for *_x, t, _v, _p, _a in lines(date(2027, 5, 1), date(2027, 5, 31), 10_000, used=340_000)] == [1]
    # one litre past it goes to tier 2
    assert [(t, v) for *_x, t, v, _p, _a in lines(date(2027, 5, 1), date(2027, 5, 31), 10_001, used=340_000)] \
        == [(1, D("10.000")), (2, D("0.001"))]


def test_all_three_tiers_in_one_bill() -> None:
    got = lines(date(2027, 5, 1), date(2027, 5, 31), 200_000, used=300_000)
    assert [(t, v, a) for *_x, t, v, _p, a in got] == [
        (1, D("50.000"), D("130.50")), (2, D("150.000"), D("469.50"))]
    got = lines(date(2027, 5, 1), date(2027, 5, 31), 300_000, used=300_000)
    assert [(t, v, a) for *_x, t, v, _p, a in got] == [
        (1, D("50.000"), D("130.50")), (2, D("150.000"), D("469.50")), (3, D("100.000"), D("391.00"))]


def test_a_large_household_has_its_bounds_raised() -> None:
    got = lines(date(2027, 5, 1), date(2027, 5, 31), 20_000, used=340_000, persons=5)
    assert [(t, v) for *_x, t, v, _p, _a in got] == [(1, D("20.000"))]  # 450 is its first bound
    got = lines(date(2027, 5, 1), date(2027, 5, 31), 20_000, used=440_000, persons=6)
    assert [(t, v) for *_x, t, v, _p, _a in got] == [(1, D("10.000")), (2, D("10.000"))]


def test_a_period_across_the_tariff_year_start_is_cut_and_odd_litres_go_to_the_last_part() -> None:
    # 2026-12-17 .. 2027-01-15: 15 days in 2026, 15 in 2027; 10,001 litres -> 5,000 + 5,001
    got = lines(date(2026, 12, 17), date(2027, 1, 15), 10_001, used=349_000)
    assert got == [
        (date(2026, 12, 17), date(2026, 12, 31), 15, 1, D("1.000"), D("2.61"), D("2.61")),
        (date(2026, 12, 17), date(2026, 12, 31), 15, 2, D("4.000"), D("3.13"), D("12.52")),
        # the new tariff year starts from nothing used (the callable says 349,000 for every year here:
        # the part is priced on what that year had), so this part is tier 1 up to its bound
        (date(2027, 1, 1), date(2027, 1, 15), 15, 1, D("1.000"), D("2.61"), D("2.61")),
        (date(2027, 1, 1), date(2027, 1, 15), 15, 2, D("4.001"), D("3.13"), D("12.52")),
    ]


def test_the_year_of_each_part_counts_its_own_use() -> None:
    used = {date(2026, 1, 1): 349_000, date(2027, 1, 1): 0}
    out = compute.bill_lines(date(2026, 12, 17), date(2027, 1, 15), 10_001, (RES,), 3, used.__getitem__)
    assert [(x.tariff_year_start, x.tier, x.litres) for x in out] == [
        (date(2026, 1, 1), 1, 1000), (date(2026, 1, 1), 2, 4000), (date(2027, 1, 1), 1, 5001)]
    assert compute.total(out) == D("2.61") + D("12.52") + D("13.05")  # 5.001 × 2.61 = 13.05261


def test_a_price_change_inside_the_period_with_a_four_decimal_price() -> None:
    # 2027-03-17 .. 2027-04-15: 15 days at the old price, 15 at the new one
    got = lines(date(2027, 3, 17), date(2027, 4, 15), 20_000, schedules=(RES, RAISE))
    assert got == [
        (date(2027, 3, 17), date(2027, 3, 31), 15, 1, D("10.000"), D("2.61"), D("26.10")),
        (date(2027, 4, 1), date(2027, 4, 15), 15, 1, D("10.000"), D("2.8375"), D("28.38")),  # 28.375 half-up
    ]


def test_rounding_is_half_up_per_line() -> None:
    flat = Schedule(3, "commercial", date(2024, 1, 1), (1, 1), (Tier(None, D("2.5")),))
    out = compute.bill_lines(date(2027, 1, 1), date(2027, 1, 31), 1_001, (flat,), 1, lambda _y: 0)
    assert [x.amount for x in out] == [D("2.50")]  # 2.5025 -> 2.50
    out = compute.bill_lines(date(2027, 1, 1), date(2027, 1, 31), 1_003, (flat,), 1, lambda _y: 0)
    assert [x.amount for x in out] == [D("2.51")]  # 2.5075 -> 2.51


def test_no_tariff_in_force() -> None:
    with pytest.raises(compute.NoTariff) as missing:
        compute.bill_lines(date(2023, 12, 20), date(2024, 1, 10), 5_000, (RES,), 3, lambda _y: 0)
    assert missing.value.day == date(2023, 12, 20)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 1, 1)),
       st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=2_000_000),
       st.integers(min_value=0, max_value=700_000))
def test_every_litre_is_billed_once_and_the_lines_add_up(start, days, litres, used) -> None:  # type: ignore[no-untyped-def]
    end = date.fromordinal(start.toordinal() + days)
    out = compute.bill_lines(start, end, litres, (RES, RAISE), 3, lambda _y: used)
    assert sum(x.litres for x in out) == litres
    assert compute.total(out) == sum((x.amount for x in out), D("0.00"))
    assert all(x.part_from <= x.part_to and x.days == (x.part_to - x.part_from).days + 1 for x in out)
