"""ID numbers, phones, masking, pinyin keys and account numbers with their check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gasdesk.services.accounts.identity import (
    id_check_char,
    mask_id,
    mask_phone,
    name_keys,
    phone_tail4,
    validate_id_number,
    validate_phone,
)
from gasdesk.services.accounts.numbers import check_digit, make_number, validate_number
from gasdesk.services.core.errors import ValidationError

VALID_ID = "11010519491231002X"


def test_valid_id_numbers_are_normalised() -> None:
    assert validate_id_number("11010519491231002x") == VALID_ID
    assert validate_id_number("１１０１０５１９４９１２３１００２Ｘ") == VALID_ID  # full-width
    assert validate_id_number(" 110105 19491231 002X ") == VALID_ID


@pytest.mark.parametrize(("typed", "message"), [
    ("", "请填写身份证号码。"),
    ("11010519491231002", "身份证号码应为 18 位（前 17 位数字，末位数字或 X），您输入了 17 位：11010519491231002"),
    ("110105194912310021", "身份证号码校验位不对，请核对后重新输入。"),
    ("110105194913310028", "身份证号码中的出生日期 19491331 不是有效日期，请核对。"),
])
def test_invalid_id_numbers_are_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_id_number(typed)
    assert err.value.zh == message


def test_masking() -> None:
    assert mask_id("110105198001011234") == "110***********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-62345678") == "010-****5678"


@pytest.mark.parametrize(("typed", "stored"), [
    ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+8619912345678", "19912345678"),
    ("010-62345678", "010-62345678"), ("(0571)87654321", "0571-87654321"), ("０２１ ６２３４５６７８", "021-62345678"),
])
def test_valid_phones(typed: str, stored: str) -> None:
    assert validate_phone(typed) == stored
    assert phone_tail4(stored) == stored[-4:]


@pytest.mark.parametrize("typed", ["12812345678", "1381234567", "62345678", "010-0234567", "abc"])
def test_invalid_phones(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_phone(typed)
    assert err.value.zh.startswith(f"电话号码无效：{typed}。手机号为 11 位")


def test_pinyin_keys() -> None:
    assert name_keys("张三") == ("zhangsan", "zs")
    assert name_keys("欧阳 娜娜") == ("ouyangnana", "oynn")
    assert name_keys("Anna 李") == ("annali", "al")
    assert name_keys("Li Ming") == ("liming", "lm")
    # surnames are read as surnames: 曾 zeng (not ceng), 单 shan (not dan)
    assert name_keys("曾小明") == ("zengxiaoming", "zxm")
    assert name_keys("单田芳") == ("shantianfang", "stf")


def test_number_validation_accepts_scanner_and_full_width_input() -> None:
    number = make_number("01", 1)
    assert validate_number(f" {number[:4]} {number[4:]}\n") == number
    assert validate_number("".join(chr(ord(c) + 0xFEE0) for c in number)) == number


@pytest.mark.parametrize(("typed", "message"), [
    ("", "请输入户号。"),
    ("01000001", "户号应为 9 位数字，您输入了 8 位。"),
    ("0100000a1", "户号只能是数字：0100000a1"),
])
def test_malformed_numbers(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_number(typed)
    assert err.value.zh == message


@given(area=st.integers(0, 99), seq=st.integers(1, 999_999))
def test_every_single_digit_error_and_adjacent_transposition_is_caught(area: int, seq: int) -> None:
    number = make_number(f"{area:02d}", seq)
    assert validate_number(number) == number
    for i in range(len(number)):
        for d in "0123456789":
            if d != number[i]:
                with pytest.raises(ValidationError, match="户号校验位不对，请核对后重新输入"):
                    validate_number(number[:i] + d + number[i + 1:])
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2:]
            with pytest.raises(ValidationError, match="户号校验位不对，请核对后重新输入"):
                validate_number(swapped)


def test_the_09_90_transposition_luhn_misses_is_caught() -> None:
    body = "01000090"
    good = body + check_digit(body)
    with pytest.raises(ValidationError):
        validate_number("01000009" + good[-1])


def test_id_check_char_matches_the_standard_example() -> None:
    assert id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("body", ["1101051949123100", "110105194912310021", "1101051949123100X"])
def test_id_check_char_wants_17_digits(body: str) -> None:
    with pytest.raises(ValueError):
        id_check_char(body)


def test_area_codes_are_not_checked_against_the_birth_year() -> None:
    # stdnum.cn.ric.validate() would refuse this: its table dates 320102 (玄武区) from 1983.
    assert validate_id_number("320102196503150028") == "320102196503150028"


@pytest.mark.parametrize("born", ["18991231", "20991231"])
def test_birth_dates_before_1900_or_in_the_future_are_refused(born: str) -> None:
    body = f"110105{born}001"
    with pytest.raises(ValidationError) as err:
        validate_id_number(body + id_check_char(body))
    assert err.value.zh == f"身份证号码中的出生日期 {born} 不是有效日期，请核对。"


def test_a_bad_birth_date_is_reported_before_a_bad_check_character() -> None:
    body = "11010519491331002"
    wrong = "0" if id_check_char(body) != "0" else "1"
    with pytest.raises(ValidationError) as err:
        validate_id_number(body + wrong)
    assert err.value.zh == "身份证号码中的出生日期 19491331 不是有效日期，请核对。"
