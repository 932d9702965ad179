"""Account-number check digit: python-stdnum's Damm gives the numbers already printed on cards."""

from __future__ import annotations

import pytest

from gasdesk.services.accounts.numbers import check_digit, make_number, validate_number
from gasdesk.services.core.errors import ValidationError


def test_wikipedia_damm_example() -> None:
    assert check_digit("572") == "4"


@pytest.mark.parametrize(("area", "seq", "number"), [
    ("01", 1, "010000012"),
    ("01", 999_999, "019999993"),
    ("99", 123_456, "991234562"),
    ("00", 90, "000000904"),
])
def test_numbers_issued_before_the_switch_keep_their_check_digit(area: str, seq: int, number: str) -> None:
    assert make_number(area, seq) == number
    assert validate_number(number) == number


def test_wrong_check_digit_is_refused_with_our_message() -> None:
    with pytest.raises(ValidationError) as err:
        validate_number("010000013")
    assert err.value.zh == "户号校验位不对，请核对后重新输入。"
    assert err.value.en == "The account number's check digit is wrong; please check it and type it again."
