"""Money received and ledger lines at the boundary: every refusal is a ValidationError in words
(never FloatRefused as a TypeError, a ValueError, a TypeError or an SQLite "integer overflow"),
and nothing beyond the bound is ever stored, so no balance can overflow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, key, refused
from sqlalchemy import select

from gasdesk.models import LedgerEntry, Setting
from gasdesk.money import MAX_AMOUNT, MAX_AMOUNT_SETTING, AmountRefused, FloatRefused
from gasdesk.services import ledger
from gasdesk.services.core import settings
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.ledger.posting import amount_bound, with_payment

D = Decimal
_METHODS_ZH = "请选择付款方式（现金、银行卡、微信、支付宝、转账、支票）。"
_METHODS_EN = "Choose a payment method (cash, card, wechat, alipay, transfer, cheque)."


@pytest.mark.parametrize(("args", "kw", "zh", "en"), [
    ((1.5, "cash"), {}, "金额必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：1.5",
     "The amount must be exact (Decimal, int or text), not a float or a bool: 1.5"),
    ((None, "cash"), {}, "请输入金额。", "Enter the amount."),
    (("十元", "cash"), {}, "金额“十元”不是数字，请只输入数字和小数点（如 1500.00）。",
     "The amount “十元” is not a number; type digits and a decimal point only (like 1500.00)."),
    (("1e3", "cash"), {}, "金额不能用科学计数法（如 1e3），请直接写出数字：“1e3”。",
     "Write the amount out in full, without an exponent (like 1e3): “1e3”."),
    ((D("12.345"), "cash"), {}, "金额“12.345”超过两位小数（金额只记到分）。",
     "The amount “12.345” has more than two decimals (amounts are kept to the fen)."),
    ((D("100000000.00"), "cash"), {}, "金额“100000000.00”超出上限（最多 ±99,999,999.99 元）。",
     "The amount “100000000.00” is beyond the limit of ±99,999,999.99 yuan."),
    ((D("0"), "cash"), {}, "收款金额必须大于 0 元，现在是 0.00 元。",
     "The amount received must be more than 0; it is 0.00."),
    ((D("-5"), "cash"), {}, "收款金额必须大于 0 元，现在是 -5.00 元。",
     "The amount received must be more than 0; it is -5.00."),
    ((D("5"), "bitcoin"), {}, _METHODS_ZH, _METHODS_EN),
    ((D("5"), None), {}, _METHODS_ZH, _METHODS_EN),
    ((D("5"), ["cash"]), {}, _METHODS_ZH, _METHODS_EN),  # not even hashable: still words
    ((D("10.00"), "cash"), {"tendered": D("5.00")}, "实收现金 5.00 元少于应收 10.00 元，请再收 5.00 元。",
     "Cash tendered 5.00 is less than the 10.00 due; collect 5.00 more."),
    ((D("10.00"), "wechat"), {"tendered": D("20.00")}, "只有现金收款才有“实收现金”和找零。",
     "Only a cash payment has cash tendered and change."),
    ((D("10.00"), "cash"), {"tendered": 20.0}, "金额必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：20.0",
     "The amount must be exact (Decimal, int or text), not a float or a bool: 20.0"),
    ((D("10.00"), "cash"), {"tendered": D("-20")}, "金额不能是负数：“-20”。", "The amount cannot be negative: “-20”."),
    ((D("10.00"), "cash"), {"tendered": "1,00"}, "逗号只能用作千位分隔符，每三位一组（如 1,500.00）：“1,00”。",
     "A comma may only separate thousands, in groups of three (like 1,500.00): “1,00”."),
])
def test_a_payment_is_refused_in_words_when_it_is_made(args: tuple[object, ...], kw: dict[str, object],
                                                        zh: str, en: str) -> None:
    with pytest.raises(ValidationError) as info:
        ledger.Payment(*args, **kw)  # type: ignore[arg-type]
    assert (info.value.zh, info.value.en) == (zh, en)


def test_a_float_payment_is_still_a_float_refused() -> None:
    with pytest.raises(FloatRefused):
        ledger.Payment(1.5, "cash")  # type: ignore[arg-type]


def test_a_payment_keeps_its_amounts_as_parsed() -> None:
    paid = ledger.Payment("1,500.00", "cash", tendered="２０００")  # type: ignore[arg-type]
    assert (paid.amount, paid.tendered) == (D("1500.00"), D("2000.00"))
    assert str(paid.amount) == "1500.00"


def test_with_payment_refuses_what_is_not_a_payment() -> None:
    with pytest.raises(ValidationError) as info:
        with_payment([], (D("5"), "cash"))  # type: ignore[arg-type]
    assert info.value.zh == "收款应当是一笔 Payment（金额、付款方式）。"


def test_a_float_line_is_refused_naming_the_line(office: Office) -> None:
    aid = office.account_at("in_service")
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", 1.1)],
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == "气费金额无效：金额必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：1.1"
    assert err.en == ("Invalid gas_charge amount: The amount must be exact (Decimal, int or text), "
                      "not a float or a bool: 1.1")


@pytest.mark.parametrize("amount", [D("100000000.00"), D("1E+20"), D("-1E+26"), 10**30])
def test_a_charge_beyond_the_bound_is_refused_and_the_next_one_posts(office: Office, amount: object) -> None:
    """The probe stored a huge charge, then the next posting failed with SQLite's integer overflow."""
    aid = office.account_at("in_service")
    kind = "adjustment" if amount < 0 else "gas_charge"  # type: ignore[operator]
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [ledger.Line(kind, amount, reason="x")],
                                                   idempotency_key=key()), ValidationError)
    assert isinstance(err, AmountRefused)
    assert "超出上限（最多 ±99,999,999.99 元）" in err.zh and "beyond the limit of ±99,999,999.99 yuan" in err.en
    with office.db.write() as s:
        at_bound = ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", MAX_AMOUNT)], idempotency_key=key())
        again = ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", MAX_AMOUNT)], idempotency_key=key())
    assert again.balances.balance - at_bound.balances.balance == MAX_AMOUNT
    with office.db.write() as s:
        paid = ledger.post(s, office.clerk, aid, [], payment=ledger.Payment(MAX_AMOUNT, "transfer"),
                           idempotency_key=key())
    assert paid.balances.balance == again.balances.balance - MAX_AMOUNT


def test_the_money_column_refuses_beyond_the_bound_even_around_the_services(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.read() as s:
        entry = s.scalars(select(LedgerEntry).where(LedgerEntry.account_id == aid)).first()
        assert entry is not None
        posting_id, party_id, user_id = entry.posting_id, entry.party_id, entry.user_id

    def sneak(s: object) -> None:
        s.add(LedgerEntry(posting_id=posting_id, party_id=party_id, account_id=aid, kind="gas_charge",  # type: ignore[attr-defined]
                          bucket="charge", amount=D("100000000.00"), user_id=user_id))
        s.flush()  # type: ignore[attr-defined]

    err = refused(office.db, sneak, ValidationError)
    assert err.zh == "金额“100000000.00”超出上限（最多 ±99,999,999.99 元）。"
    assert err.en == "The amount “100000000.00” is beyond the limit of ±99,999,999.99 yuan."


def test_an_office_may_set_a_lower_bound(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    aid = office.account_at("in_service")
    with office.db.read() as s:
        assert amount_bound(s) == MAX_AMOUNT  # the default, while the settings do not list the key
    monkeypatch.setitem(settings.DEFAULTS, MAX_AMOUNT_SETTING, str(MAX_AMOUNT))
    with office.db.write() as s:
        s.add(Setting(key=MAX_AMOUNT_SETTING, value="5,000.00"))
    with office.db.read() as s:
        assert amount_bound(s) == D("5000.00")
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("5000.01"))],
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == "气费金额无效：金额“5000.01”超出上限（最多 ±5,000.00 元）。"
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [],
                                                   payment=ledger.Payment(D("9000.00"), "cash"),
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == "金额“9000.00”超出上限（最多 ±5,000.00 元）。"
    with office.db.write() as s:
        done = ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("5000.00"))], idempotency_key=key())
    assert done.entries[0].amount == D("5000.00")


def test_a_broken_bound_setting_says_so(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    aid = office.account_at("in_service")
    monkeypatch.setitem(settings.DEFAULTS, MAX_AMOUNT_SETTING, str(MAX_AMOUNT))
    with office.db.write() as s:
        s.add(Setting(key=MAX_AMOUNT_SETTING, value="1e9"))
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("1.00"))],
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == ("设置 money.max_amount（单笔金额上限）无效："
                      "金额不能用科学计数法（如 1e3），请直接写出数字：“1e9”。")


def test_signing_a_contract_with_a_float_fee_is_refused_in_words(office: Office) -> None:
    from gasdesk.services.accounts import opening, records

    aid = office.account_at("application")
    fees = records.ContractFees(D("200.00"), 1500.0, D("0"))  # type: ignore[arg-type]
    err = refused(office.db, lambda s: opening.sign_contract(s, office.clerk, aid, fees=fees, paid=D("1700.00"),
                                                             method="cash", idempotency_key=key(),
                                                             signed_on=date(2026, 1, 6)), ValidationError)
    assert "1500.0" in err.zh
