"""Digits typed into account numbers, meter serials, phones and the search box: the digit rule of
the money parser (ASCII 0-9 and full-width ０-９); another script's digits are refused in words
before any check digit is worked out, and odd text (a lone surrogate, 5,000 characters) gets
words, never a traceback."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, refused

from gasdesk.models import Account
from gasdesk.services.accounts import opening, search
from gasdesk.services.accounts.identity import validate_id_number, validate_phone
from gasdesk.services.accounts.numbers import looks_like_number, make_number, validate_number
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import check_digits, foreign_digit, normalize_typed

NUMBER = make_number("01", 1)  # 010000012: the first number of area 01
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _script(text: str, zero: int) -> str:
    """``text`` with its ASCII digits written in another script (``zero`` is that script's 0)."""
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


ARABIC_INDIC, DEVANAGARI, THAI, MATH_BOLD = 0x0660, 0x0966, 0x0E50, 0x1D7CE


def _refusal(char: str) -> tuple[str, str]:
    return f"只能输入阿拉伯数字 0-9，“{char}”不是。", f"Only the digits 0-9 can be typed; “{char}” is not one of them."


# ---- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "clean"), [
    ("０１０ ０００ ０１２", "010000012"), ("ＧＭ１２３", "GM123"), (" 138-1234-5678 ", "138-1234-5678"),
    ("三号楼", "三号楼"), ("〇", "〇"),  # Chinese numerals are words, not digits: kept
    ("", ""),
])
def test_ascii_and_full_width_digits_are_digits(typed: str, clean: str) -> None:
    assert normalize_typed(typed) == clean
    assert foreign_digit(typed) is None


@pytest.mark.parametrize(("typed", "char"), [
    ("٣", "٣"), ("१२३", "१"), ("๓", "๓"), ("𝟑", "𝟑"),  # Arabic-Indic, Devanagari, Thai, math bold (NFKC: 3)
    ("A²", "²"), ("①", "①"), ("𐩀", "𐩀"),  # superscript, circled, Kharosthi (isdigit, yet int() refuses it)
    ("12३4", "३"),
])
def test_other_scripts_digits_are_refused_in_words(typed: str, char: str) -> None:
    assert foreign_digit(typed) == char
    for check in (check_digits, normalize_typed):
        with pytest.raises(ValidationError) as info:
            check(typed)
        assert (info.value.zh, info.value.en) == _refusal(char)


# ---- account numbers --------------------------------------------------------------------------


def test_a_number_in_ascii_or_full_width_digits() -> None:
    assert validate_number(NUMBER) == NUMBER
    assert validate_number(NUMBER.translate(FULL_WIDTH)) == NUMBER
    assert validate_number(f"{NUMBER[:2]}-{NUMBER[2:8]}-{NUMBER[8]}") == NUMBER
    assert looks_like_number(NUMBER.translate(FULL_WIDTH))


@pytest.mark.parametrize("zero", [ARABIC_INDIC, DEVANAGARI, THAI, MATH_BOLD])
def test_a_number_in_another_script_is_refused_before_its_check_digit(zero: int) -> None:
    typed = _script(NUMBER, zero)  # the digits of a valid number: the old check passed it, then found nothing
    with pytest.raises(ValidationError) as info:
        validate_number(typed)
    assert (info.value.zh, info.value.en) == _refusal(chr(zero))
    assert not looks_like_number(typed)


@pytest.mark.parametrize(("typed", "zh"), [
    ("\ud800", "户号只能是数字：\\ud800"),
    ("0100\udcff0012", "户号只能是数字：0100\\udcff0012"),
    ("A" * 5000, "户号只能是数字：" + "A" * 20 + "…"),
    ("9" * 5000, "户号应为 9 位数字，您输入了 5000 位。"),
    ("", "请输入户号。"),
    ("010000013", "户号校验位不对，请核对后重新输入。"),
])
def test_odd_numbers_get_words(typed: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_number(typed)
    assert info.value.zh == zh and info.value.en


# ---- phones and ID numbers go through the same rule --------------------------------------------


def test_a_phone_or_id_number_in_another_script_is_refused_in_words() -> None:
    assert validate_phone("１３８１２３４５６７８") == "13812345678"
    with pytest.raises(ValidationError) as info:
        validate_phone(_script("13812345678", ARABIC_INDIC))
    assert (info.value.zh, info.value.en) == _refusal("١")
    with pytest.raises(ValidationError) as info:
        validate_id_number(_script("11010519800101001X", DEVANAGARI))
    assert (info.value.zh, info.value.en) == _refusal("१")


# ---- the search box ---------------------------------------------------------------------------


def _find(office: Office, query: str) -> list[search.SearchHit]:
    with office.db.read() as s:
        return search.search(s, office.clerk, query)


def test_the_search_box_takes_full_width_and_refuses_other_scripts_in_words(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.read() as s:
        number = s.get(Account, aid).number  # type: ignore[union-attr]
    assert [h.account_id for h in _find(office, number.translate(FULL_WIDTH))] == [aid]
    for zero in (ARABIC_INDIC, MATH_BOLD):
        typed = _script(number, zero)
        with pytest.raises(ValidationError) as info:
            _find(office, typed)
        assert (info.value.zh, info.value.en) == _refusal(chr(zero))
        assert search.search_hint(typed) == _refusal(chr(zero))[0]  # the box says why, on the GUI thread


@pytest.mark.parametrize(("typed", "zh"), [
    ("\ud800", "查询“\\ud800”里有无法识别的字符，请重新输入。"),
    ("张\udcff", "查询“张\\udcff”里有无法识别的字符，请重新输入。"),
    ("01\ud800", "查询“01\\ud800”里有无法识别的字符，请重新输入。"),
])
def test_a_lone_surrogate_in_the_search_box_gets_words(office: Office, typed: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        _find(office, typed)
    assert info.value.zh == zh and info.value.en
    assert search.search_hint(typed) == zh


@pytest.mark.parametrize("typed", ["9" * 5000, "张" * 5000, "a" * 100_000, "阳光花园" + "3" * 5000])
def test_a_huge_query_finds_nothing_quietly(office: Office, typed: str) -> None:
    office.account_at("in_service")
    assert _find(office, typed) == []
    assert search.search_hint(typed) is None


# ---- meter serials ------------------------------------------------------------------------------


def _gas_on(office: Office, aid: int, serial: str) -> object:
    return lambda s: opening.gas_on(s, office.clerk, aid, on=date(2026, 1, 12), serial=serial,
                                    initial_reading=Decimal("0.000"))


def test_a_meter_serial_in_full_width_is_stored_in_ascii(office: Office) -> None:
    aid = office.account_at("installed")
    with office.db.write() as s:
        _gas_on(office, aid, "ｇｍ１２３")(s)  # type: ignore[operator]
    assert [h.account_id for h in _find(office, "GM123")] == [aid]


@pytest.mark.parametrize(("serial", "zh"), [
    ("GM" + _script("123", ARABIC_INDIC), _refusal("١")[0]),
    ("GM" + _script("123", MATH_BOLD), _refusal("𝟏")[0]),
    ("GM\ud800", "表号“GM\\ud800”里有无法识别的字符，请重新输入。"),
    ("G" * 5000, "请填写燃气表表号（最多 30 个字符）。"),
])
def test_an_odd_meter_serial_is_refused_in_words(office: Office, serial: str, zh: str) -> None:
    aid = office.account_at("installed")
    err = refused(office.db, _gas_on(office, aid, serial), ValidationError)  # type: ignore[arg-type]
    assert err.zh == zh and err.en
