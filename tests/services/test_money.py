"""Money and volume: exact Decimal in Python, integers on disk, floats refused, one rounding rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.exc import StatementError

from gasdesk.money import (
    FloatRefused,
    Money,
    Volume,
    amount_in_words,
    from_fen,
    from_litres,
    money,
    round_fen,
    to_fen,
    to_litres,
    volume,
)

fen_amounts = st.integers(min_value=-(10**15), max_value=10**15)


@given(fen_amounts)
def test_decimal_to_fen_round_trip(fen: int) -> None:
    amount = Decimal(fen).scaleb(-2)
    assert to_fen(amount) == fen
    assert from_fen(to_fen(amount)) == amount
    assert from_fen(fen).as_tuple().exponent == -2


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_money_text_round_trip(amount: Decimal) -> None:
    assert money(str(amount)) == amount
    assert from_fen(to_fen(amount)) == amount


@given(st.integers(min_value=0, max_value=10**12))
def test_litres_round_trip(litres: int) -> None:
    m3 = Decimal(litres).scaleb(-3)
    assert to_litres(m3) == litres
    assert from_litres(litres) == m3


@pytest.mark.parametrize("bad", [0.1, 1.0, 12.5, float("nan"), True])
def test_floats_and_bools_are_refused_as_money(bad: object) -> None:
    with pytest.raises(FloatRefused):
        money(bad)
    with pytest.raises(FloatRefused):
        volume(bad)
    with pytest.raises(FloatRefused):
        round_fen(bad)  # type: ignore[arg-type]


def test_money_refuses_fractions_of_a_fen_and_non_numbers() -> None:
    with pytest.raises(ValueError, match="more than two decimals"):
        money("1.005")
    with pytest.raises(ValueError, match="not a number"):
        money("十块")
    with pytest.raises(ValueError, match="finite"):
        money(Decimal("Infinity"))
    with pytest.raises(ValueError, match="more than three decimals"):
        volume("0.0005")
    assert money("1,234.5") == Decimal("1234.50")
    assert money(7) == Decimal("7.00")


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),  # the classic float trap: 2.675 is 2.67499... as a float
        ("1.125", "1.13"),
        ("1.135", "1.14"),
        ("-0.005", "-0.01"),  # half away from zero, as 四舍五入 is done by hand
        ("-2.345", "-2.35"),
        ("10", "10.00"),
    ],
)
def test_round_fen_is_half_up(raw: str, rounded: str) -> None:
    assert round_fen(Decimal(raw)) == Decimal(rounded)
    assert str(round_fen(Decimal(raw))) == rounded


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "零元整"),
        ("0.00", "零元整"),
        ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
        ("100000.07", "壹拾万元零柒分"),
        ("1005.00", "壹仟零伍元整"),
        ("10.05", "壹拾元零伍分"),
        ("0.50", "伍角整"),
        ("0.05", "伍分"),
        ("0.56", "伍角陆分"),
        ("100010001.00", "壹亿零壹万零壹元整"),
        ("10", "壹拾元整"),
        ("110", "壹佰壹拾元整"),
        ("1010", "壹仟零壹拾元整"),
        ("1000.10", "壹仟元壹角整"),
        ("20000.01", "贰万元零壹分"),
        ("100100", "壹拾万零壹佰元整"),
        ("40005000.60", "肆仟万伍仟元陆角整"),
        ("1001001001", "壹拾亿零壹佰万壹仟零壹元整"),
        ("1000000", "壹佰万元整"),
        ("-12.30", "负壹拾贰元叁角整"),
        ("3.14", "叁元壹角肆分"),
        # 整 after 角 as after 元 (cn2an's rmb mode leaves it out), never after 分
        ("0.10", "壹角整"),
        ("100.50", "壹佰元伍角整"),
        ("1000000.01", "壹佰万元零壹分"),
        ("-0.05", "负伍分"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_amount_in_words_refuses_floats() -> None:
    with pytest.raises(FloatRefused):
        amount_in_words(12.5)


def _ledger_table() -> tuple[MetaData, Table]:
    md = MetaData()
    t = Table("t", md, Column("id", Integer, primary_key=True), Column("amount", Money()), Column("gas", Volume()))
    return md, t


def test_money_column_stores_integer_fen_and_refuses_floats(tmp_path: Path) -> None:
    md, t = _ledger_table()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t).values(id=1, amount=Decimal("12.34"), gas=Decimal("1.234")))
        with pytest.raises(StatementError) as info:
            conn.execute(insert(t).values(id=2, amount=12.34, gas=Decimal("1")))
        assert isinstance(info.value.orig, FloatRefused)
        with pytest.raises(StatementError) as info:
            conn.execute(insert(t).values(id=3, amount=Decimal("1"), gas=0.5))
        assert isinstance(info.value.orig, FloatRefused)
    with engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT amount, gas, typeof(amount) FROM t").all()
        assert raw == [(1234, 1234, "integer")]
        assert conn.execute(select(t.c.amount, t.c.gas)).one() == (Decimal("12.34"), Decimal("1.234"))
    engine.dispose()


def test_amount_in_words_largest_and_too_large() -> None:
    assert amount_in_words("9999999999999999.99").startswith("玖仟玖佰玖拾玖万")
    with pytest.raises(ValueError, match="too large"):
        amount_in_words("10000000000000000")
