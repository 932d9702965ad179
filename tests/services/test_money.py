"""Money and volume: exact Decimal in Python, integers on disk, floats refused, one rounding rule,
one parser for every form, import and command (issue 8), with a bound so that no sum overflows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from gasdesk.money import (
    MAX_AMOUNT,
    MAX_VOLUME,
    AmountRefused,
    FloatRefused,
    Money,
    Volume,
    amount_in_words,
    from_fen,
    from_litres,
    max_amount,
    money,
    round_fen,
    to_fen,
    to_litres,
    volume,
)
from gasdesk.services.core.errors import ValidationError

D = Decimal
FULL_WIDTH = str.maketrans("0123456789.,-+", "０１２３４５６７８９．，－＋")
in_bound = st.decimals(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


def test_the_bound_keeps_every_sum_inside_64_bits() -> None:
    assert str(MAX_AMOUNT) == "99999999.99" and to_fen(MAX_AMOUNT) == 9_999_999_999
    assert to_fen(-MAX_AMOUNT) == -9_999_999_999
    assert 900_000_000 * to_fen(MAX_AMOUNT) < 2**63  # nine hundred million lines at the bound still add up


@given(st.integers(min_value=-9_999_999_999, max_value=9_999_999_999))
def test_decimal_to_fen_round_trip(fen: int) -> None:
    amount = Decimal(fen).scaleb(-2)
    assert to_fen(amount) == fen
    assert from_fen(to_fen(amount)) == amount
    assert from_fen(fen).as_tuple().exponent == -2


@given(in_bound)
def test_money_text_round_trip_with_and_without_thousands_separators(amount: Decimal) -> None:
    shown = f"{amount:,.2f}"
    for typed in (str(amount), f"{amount:.2f}", f"{amount:,}", shown, shown.translate(FULL_WIDTH), f" {shown}\u3000"):
        assert money(typed) == amount, typed
    assert from_fen(to_fen(amount)) == amount


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_litres_round_trip(litres: int) -> None:
    m3 = Decimal(litres).scaleb(-3)
    assert to_litres(m3) == litres
    assert from_litres(litres) == m3
    assert volume(f"{m3:,}") == m3


@pytest.mark.parametrize("bad", [0.1, 1.0, 12.5, float("nan"), float("inf"), True])
def test_floats_and_bools_are_refused_as_money(bad: object) -> None:
    for parse in (money, volume, round_fen, amount_in_words, to_fen):
        with pytest.raises(FloatRefused) as info:
            parse(bad)  # type: ignore[operator]
        assert isinstance(info.value, ValidationError)
    with pytest.raises(FloatRefused) as info:
        money(12.5)
    assert info.value.zh == "金额必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：12.5"
    assert info.value.en == "The amount must be exact (Decimal, int or text), not a float or a bool: 12.5"


# ---- what the parser takes ------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "amount"), [
    ("1,500.00", "1500.00"),
    ("12,345,678.90", "12345678.90"),
    ("１２３．４５", "123.45"),
    ("１，５００", "1500.00"),  # a full-width comma, in a whole group of three
    (" 12 ", "12.00"),
    ("\u3000７\u3000", "7.00"),  # full-width spaces around
    ("-5", "-5.00"),
    ("－５", "-5.00"),
    ("+5", "5.00"),
    ("＋5", "5.00"),
    ("1,234.5", "1234.50"),
    ("1.230", "1.23"),  # a trailing zero is not a third decimal
    (".5", "0.50"),
    ("7.", "7.00"),
    ("-0", "0.00"),  # no negative zero
    ("99999999.99", "99999999.99"),
    ("-99,999,999.99", "-99999999.99"),
])
def test_typed_amounts_read_exactly(typed: str, amount: str) -> None:
    result = money(typed)
    assert result == D(amount)
    assert str(result) == amount  # two places, no exponent, no "-0.00"


@pytest.mark.parametrize(("given_", "amount"), [
    (D("12.3"), "12.30"), (7, "7.00"), (-3, "-3.00"), (D("-0.00"), "0.00"), (D("1E+2"), "100.00"),
    (MAX_AMOUNT, "99999999.99"),
])
def test_exact_values_in_code(given_: object, amount: str) -> None:
    assert str(money(given_)) == amount


# ---- what it refuses, and the words it says ---------------------------------------------------

_NOT_A_NUMBER = ("金额“{}”不是数字，请只输入数字和小数点（如 1500.00）。",
                 "The amount “{}” is not a number; type digits and a decimal point only (like 1500.00).")
_COMMA = ("逗号只能用作千位分隔符，每三位一组（如 1,500.00）：“{}”。",
          "A comma may only separate thousands, in groups of three (like 1,500.00): “{}”.")
_EXPONENT = ("金额不能用科学计数法（如 1e3），请直接写出数字：“{}”。",
             "Write the amount out in full, without an exponent (like 1e3): “{}”.")
_INDEFINITE = ("金额必须是一个具体的数，“{}”不是。", "The amount must be a definite number; “{}” is not.")
_FOREIGN = ("只能输入阿拉伯数字 0-9，“{}”不是。", "Only the digits 0-9 can be typed; “{}” is not one of them.")
_PLACES = ("金额“{}”超过两位小数（金额只记到分）。",
           "The amount “{}” has more than two decimals (amounts are kept to the fen).")
_BEYOND = ("金额“{}”超出上限（最多 ±99,999,999.99 元）。",
           "The amount “{}” is beyond the limit of ±99,999,999.99 yuan.")


@pytest.mark.parametrize(("typed", "words", "quoted"), [
    ("1,5", _COMMA, "1,5"),
    ("1,50", _COMMA, "1,50"),
    (",500", _COMMA, ",500"),
    ("1,5000", _COMMA, "1,5000"),
    ("1234,567", _COMMA, "1234,567"),
    ("1,500,00", _COMMA, "1,500,00"),
    ("1e3", _EXPONENT, "1e3"),
    ("1E-2", _EXPONENT, "1E-2"),
    ("1e26", _EXPONENT, "1e26"),
    ("1e20", _EXPONENT, "1e20"),
    ("NaN", _INDEFINITE, "NaN"),
    ("inf", _INDEFINITE, "inf"),
    ("-Infinity", _INDEFINITE, "-Infinity"),
    ("sNaN", _INDEFINITE, "sNaN"),
    ("١٢٣", _FOREIGN, "١"),  # Arabic-Indic
    ("३", _FOREIGN, "३"),  # Devanagari
    ("๓", _FOREIGN, "๓"),  # Thai
    ("𝟑", _FOREIGN, "𝟑"),  # mathematical bold: NFKC would make it a 3; no keyboard types it
    ("1²", _FOREIGN, "²"),
    ("①", _FOREIGN, "①"),
    ("1.234", _PLACES, "1.234"),
    ("0.001", _PLACES, "0.001"),
    ("100000000.00", _BEYOND, "100000000.00"),
    ("-100000000.00", _BEYOND, "-100000000.00"),
    ("100,000,000", _BEYOND, "100,000,000"),
    ("十块", _NOT_A_NUMBER, "十块"),
    ("¥5", _NOT_A_NUMBER, "¥5"),
    ("1 500", _NOT_A_NUMBER, "1 500"),
    ("1..2", _NOT_A_NUMBER, "1..2"),
    ("+-1", _NOT_A_NUMBER, "+-1"),
    ("0x10", _NOT_A_NUMBER, "0x10"),
    ("1_000", _NOT_A_NUMBER, "1_000"),
    (".", _NOT_A_NUMBER, "."),
])
def test_typed_amounts_refused_in_words(typed: str, words: tuple[str, str], quoted: str) -> None:
    with pytest.raises(AmountRefused) as info:
        money(typed)
    assert (info.value.zh, info.value.en) == (words[0].format(quoted), words[1].format(quoted))


@pytest.mark.parametrize(("typed", "zh", "en"), [
    ("", "请输入金额。", "Enter the amount."),
    ("  \u3000", "请输入金额。", "Enter the amount."),
    ("-", "“-”后面没有数字，请输入金额。", "“-” has no digits after it; enter the amount."),
    ("＋", "“＋”后面没有数字，请输入金额。", "“＋” has no digits after it; enter the amount."),
    ("\ud800", "金额“\\ud800”里有无法识别的字符，请重新输入。",
     "The amount “\\ud800” contains a character that cannot be read; type it again."),
    ("9" * 5000, "金额“99999999999999999999…”太长了（最多 32 个字符）。",
     "The amount “99999999999999999999…” is too long (32 characters at most)."),
])
def test_empty_lone_sign_unreadable_and_huge_text_refused_in_words(typed: str, zh: str, en: str) -> None:
    with pytest.raises(AmountRefused) as info:
        money(typed)
    assert (info.value.zh, info.value.en) == (zh, en)


@pytest.mark.parametrize(("value", "zh"), [
    (D("1E+26"), "金额“1E+26”超出上限（最多 ±99,999,999.99 元）。"),
    (D("-1E+20"), "金额“-1E+20”超出上限（最多 ±99,999,999.99 元）。"),
    pytest.param(10**5000, "金额“10000000000000000000…”超出上限（最多 ±99,999,999.99 元）。",  # no str(int) limit
                 id="huge-int"),
    (D("NaN"), "金额必须是一个具体的数，“NaN”不是。"),
    (D("sNaN"), "金额必须是一个具体的数，“sNaN”不是。"),
    (D("-Infinity"), "金额必须是一个具体的数，“-Infinity”不是。"),
    (D("1.005"), "金额“1.005”超过两位小数（金额只记到分）。"),
    (D("1E-999999"), "金额“1E-999999”超过两位小数（金额只记到分）。"),
    (None, "请输入金额。"),
    ([1], "金额必须是数（Decimal、整数或文字），不能是 list。"),
])
def test_values_in_code_refused_in_words(value: object, zh: str) -> None:
    with pytest.raises(AmountRefused) as info:
        money(value)
    assert info.value.zh == zh and info.value.en


def test_the_refusal_is_a_validation_error_and_a_value_error_for_older_callers() -> None:
    with pytest.raises(ValidationError):
        money("1e3")
    with pytest.raises(ValueError):
        money("1e3")
    with pytest.raises(TypeError):  # a float was a TypeError before
        money(1.5)


def test_a_sign_where_none_is_allowed() -> None:
    assert money("+5", signed=False) == D("5.00")
    for typed in ("-5", "－５", D("-5"), -5):
        with pytest.raises(AmountRefused) as info:
            money(typed, signed=False)
        assert info.value.zh.startswith("金额不能是负数：“")
        assert info.value.en.startswith("The amount cannot be negative")


@pytest.mark.parametrize("typed", [
    "", "-", "+", ".", ",", "1,5", "1e3", "nan", "inf", "١", "𝟑", "\ud800", "\udcff", "9" * 5000, "1.234",
    "100000000", "-100000000", "99999999.991", "0" * 40, "1\n2", "\x00", "１．２３４",
])
def test_no_raw_python_exception_for_bad_text(typed: str) -> None:
    for parse in (money, volume, round_fen, amount_in_words, to_fen, to_litres):
        try:
            parse(typed)  # type: ignore[operator]
        except ValidationError as exc:
            assert exc.zh and exc.en and len(exc.zh) < 120


_numberish = st.text(alphabet="0123456789０１２３４５６７８９,.，．-+－＋ eE¥\u3000٣𝟑", max_size=24)
_any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)  # lone surrogates too


@given(st.one_of(_numberish, _any_text))
def test_any_text_is_an_amount_within_the_bound_or_refused_in_words(typed: str) -> None:
    try:
        amount = money(typed)
    except ValidationError as exc:
        assert exc.zh and exc.en and len(exc.zh) < 120  # a short prefix is quoted, never the whole input
    else:
        assert isinstance(amount, Decimal) and amount.is_finite()
        assert abs(amount) <= MAX_AMOUNT and amount.as_tuple().exponent == -2


@given(st.one_of(st.decimals(), st.integers(), st.floats(), st.none(), st.booleans(), st.text(max_size=40)))
def test_any_value_is_an_amount_within_the_bound_or_refused_in_words(value: object) -> None:
    try:
        amount = money(value)
    except ValidationError as exc:
        assert exc.zh and exc.en
    else:
        assert abs(amount) <= MAX_AMOUNT and amount.as_tuple().exponent == -2


# ---- volume -------------------------------------------------------------------------------------


def test_volumes_have_three_places_and_their_own_bound() -> None:
    assert volume("１．２３４") == D("1.234") and str(volume("12")) == "12.000"
    assert volume("999,999,999.999") == MAX_VOLUME
    with pytest.raises(AmountRefused) as info:
        volume("0.0005")
    assert info.value.zh == "气量“0.0005”超过三位小数（气量只记到升）。"
    assert info.value.en == "The volume “0.0005” has more than three decimals (volumes are kept to the litre)."
    with pytest.raises(AmountRefused) as info:
        volume(D("1E+20"))
    assert info.value.zh == "气量“1E+20”超出上限（最多 ±999,999,999.999 立方米）。"
    with pytest.raises(AmountRefused) as info:
        volume("1e20")
    assert info.value.zh == "气量不能用科学计数法（如 1e3），请直接写出数字：“1e20”。"


# ---- the bound: a setting can lower it ---------------------------------------------------------


def test_a_lower_bound_given_by_the_office() -> None:
    assert max_amount() == MAX_AMOUNT and max_amount("") == MAX_AMOUNT
    bound = max_amount("5,000.00")
    assert bound == D("5000.00")
    assert money("5000", bound=bound) == D("5000.00")
    with pytest.raises(AmountRefused) as info:
        money("-5000.01", bound=bound)
    assert info.value.zh == "金额“-5000.01”超出上限（最多 ±5,000.00 元）。"
    assert info.value.en == "The amount “-5000.01” is beyond the limit of ±5,000.00 yuan."
    assert money(MAX_AMOUNT, bound=D("1E+20")) == MAX_AMOUNT  # a bound is never raised past MAX_AMOUNT
    with pytest.raises(AmountRefused):
        money(MAX_AMOUNT + D("0.01"), bound=D("1E+20"))


@pytest.mark.parametrize(("setting", "zh"), [
    ("abc", "设置 money.max_amount（单笔金额上限）无效：金额“abc”不是数字，请只输入数字和小数点（如 1500.00）。"),
    ("100000000", "设置 money.max_amount（单笔金额上限）无效：金额“100000000”超出上限（最多 ±99,999,999.99 元）。"),
    ("-5", "设置 money.max_amount（单笔金额上限）无效：金额不能是负数：“-5”。"),
    ("0", "设置 money.max_amount（单笔金额上限）必须大于 0。"),
])
def test_a_bad_bound_setting_is_refused_in_words(setting: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        max_amount(setting)
    assert info.value.zh == zh and info.value.en.startswith("The setting money.max_amount (largest amount)")


# ---- rounding and words -----------------------------------------------------------------------


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
        ("123456789.125", "123456789.13"),  # a computed total may be beyond one line's bound
    ],
)
def test_round_fen_is_half_up(raw: str, rounded: str) -> None:
    assert round_fen(Decimal(raw)) == Decimal(rounded)
    assert str(round_fen(Decimal(raw))) == rounded


def test_round_fen_refuses_what_no_64_bit_sum_holds() -> None:
    with pytest.raises(AmountRefused) as info:
        round_fen(D("1E+30"))
    assert info.value.zh == "金额“1E+30”超出上限（最多 ±9,999,999,999,999,999.99 元）。"


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
        ("100010001.00", "壹亿零壹万零壹元整"),  # a total may be beyond one line's bound
        ("10", "壹拾元整"),
        ("110", "壹佰壹拾元整"),
        ("1010", "壹仟零壹拾元整"),
        ("1000.10", "壹仟元壹角整"),
        ("20000.01", "贰万元零壹分"),
        ("100100", "壹拾万零壹佰元整"),
        ("100010.10", "壹拾万零壹拾元壹角整"),  # the cashier issue's own list
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


def test_amount_in_words_largest_and_too_large() -> None:
    assert amount_in_words(MAX_AMOUNT) == "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
    assert amount_in_words("9999999999999999.99").startswith("玖仟玖佰玖拾玖万")
    with pytest.raises(AmountRefused) as info:
        amount_in_words("10000000000000000")
    assert info.value.zh == "金额“10000000000000000”超出上限（最多 ±9,999,999,999,999,999.99 元）。"
    with pytest.raises(AmountRefused):
        amount_in_words("1.005")


# ---- the columns ------------------------------------------------------------------------------


def _ledger_table() -> tuple[MetaData, Table]:
    md = MetaData()
    t = Table("t", md, Column("id", Integer, primary_key=True), Column("amount", Money()), Column("gas", Volume()))
    return md, t


def _rows(engine: object) -> list[tuple[object, ...]]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return [tuple(r) for r in conn.exec_driver_sql("SELECT id, amount, gas, typeof(amount) FROM t ORDER BY id")]


def test_money_column_stores_integer_fen_and_refuses_floats(tmp_path: Path) -> None:
    md, t = _ledger_table()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t).values(id=1, amount=Decimal("12.34"), gas=Decimal("1.234")))
        with pytest.raises(FloatRefused):  # the refusal itself, not wrapped in a StatementError
            conn.execute(insert(t).values(id=2, amount=12.34, gas=Decimal("1")))
        with pytest.raises(FloatRefused):
            conn.execute(insert(t).values(id=3, amount=Decimal("1"), gas=0.5))
    assert _rows(engine) == [(1, 1234, 1234, "integer")]
    with engine.connect() as conn:
        assert conn.execute(select(t.c.amount, t.c.gas)).one() == (Decimal("12.34"), Decimal("1.234"))
    engine.dispose()


@pytest.mark.parametrize(("amount", "gas", "zh"), [
    (D("100000000.00"), D("1"), "金额“100000000.00”超出上限（最多 ±99,999,999.99 元）。"),
    (D("-1E+26"), D("1"), "金额“-1E+26”超出上限（最多 ±99,999,999.99 元）。"),
    ("1e20", D("1"), "金额不能用科学计数法（如 1e3），请直接写出数字：“1e20”。"),
    (D("1"), D("1E+20"), "气量“1E+20”超出上限（最多 ±999,999,999.999 立方米）。"),
])
def test_nothing_beyond_the_bound_is_stored(tmp_path: Path, amount: object, gas: object, zh: str) -> None:
    md, t = _ledger_table()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t).values(id=1, amount=MAX_AMOUNT, gas=MAX_VOLUME))
    before = _rows(engine)
    assert before == [(1, 9_999_999_999, 999_999_999_999, "integer")]
    with pytest.raises(ValidationError) as info, engine.begin() as conn:
        conn.execute(insert(t).values(id=2, amount=MAX_AMOUNT, gas=D("1")))  # taken, then rolled back
        conn.execute(insert(t).values(id=3, amount=amount, gas=gas))
    assert info.value.zh == zh and info.value.en
    assert _rows(engine) == before
    engine.dispose()
