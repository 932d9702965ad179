"""The admin-kept fee list: settings parsed by the one money parser and refused in words; it gives
the contract form its amounts by customer type; an amount the clerk changed is recorded."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from accounts_support import Office, key, refused
from sqlalchemy import select

from gasdesk.models import AuditEntry
from gasdesk.services.accounts import opening, records
from gasdesk.services.core import settings
from gasdesk.services.core.errors import PermissionDenied, ValidationError

D = Decimal


def test_the_default_list_and_an_admins_changes(office: Office) -> None:
    with office.db.read() as s:
        fees = settings.fee_list(s)
    assert (fees.opening_fee, fees.meter_fee, fees.prepayment) == (D("200.00"), D("0.00"), D("300.00"))
    assert fees.installation_fee == {"residential": D("1500.00"), "commercial": D("3000.00"),
                                     "industrial": D("8000.00"), "public": D("3000.00")}
    with office.db.write() as s:
        settings.save_many(s, office.admin, {"fee_installation_commercial": "３２００", "fee_meter": "1,200.5"})
    with office.db.read() as s:
        assert settings.get(s, "fee_installation_commercial") == "3200.00"  # stored as the parser read it
        assert settings.fee_list(s).meter_fee == D("1200.50")


@pytest.mark.parametrize(("key_", "typed", "zh", "en"), [
    ("fee_opening", "abc", "“开户费”：金额“abc”不是数字，请只输入数字和小数点（如 1500.00）。",
     "Opening fee: The amount “abc” is not a number; type digits and a decimal point only (like 1500.00)."),
    ("fee_installation_public", "-5", "“公共机构安装费”：金额不能是负数：“-5”。",
     "Installation fee, public: The amount cannot be negative: “-5”."),
    ("fee_prepayment", "300.005", "“默认预付款”：金额“300.005”超过两位小数（金额只记到分）。",
     "Default prepayment: The amount “300.005” has more than two decimals (amounts are kept to the fen)."),
    ("idle_lock_minutes", "0", "“无操作自动锁屏分钟数”必须是 1 到 1440 之间的整数（填写的是“0”）。",
     "Idle minutes before the lock must be a whole number from 1 to 1440 (not “0”)."),
])
def test_a_bad_setting_is_refused_in_words_naming_it(office: Office, key_: str, typed: str, zh: str,
                                                     en: str) -> None:
    err = refused(office.db, lambda s: settings.save_many(s, office.admin, {"fee_meter": "10", key_: typed}),
                  ValidationError)
    assert (err.zh, err.en, err.field) == (zh, en, key_)  # type: ignore[attr-defined]


def test_only_an_admin_keeps_the_list(office: Office) -> None:
    refused(office.db, lambda s: settings.set_value(s, office.clerk, "fee_opening", "100"), PermissionDenied)


def _commercial(office: Office) -> int:
    with office.db.write() as s:
        return opening.apply(s, office.clerk, account_type="commercial", holder=office.holder("老王面馆"),
                             premises=office.flat()).id


def test_the_list_fills_the_contract_for_the_customer_type(office: Office) -> None:
    aid = _commercial(office)
    with office.db.write() as s:
        settings.save_many(s, office.admin, {"fee_meter": "350"})
    with office.db.read() as s:
        listed = opening.listed_fees(s, office.clerk, aid)
    assert (listed.account_type, listed.opening_fee, listed.installation_fee, listed.meter_fee,
            listed.prepayment) == ("commercial", D("200.00"), D("3000.00"), D("350.00"), D("300.00"))
    assert listed.fees == records.ContractFees(D("200.00"), D("3350.00"), D("300.00"))  # meter within installation


def _contract_audit(office: Office, aid: int) -> dict[str, object]:
    with office.db.read() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "account.contract",
                                                 AuditEntry.entity_id == str(aid))).one()
    return json.loads(row.after)  # type: ignore[no-any-return]


def test_a_changed_amount_is_recorded_beside_the_list(office: Office) -> None:
    aid = _commercial(office)
    fees = records.ContractFees(D("150.00"), D("3000.00"), D("300.00"))  # opening fee waived in part
    with office.db.write() as s:
        signed = opening.sign_contract(s, office.clerk, aid, fees=fees, paid=fees.total, method="cash",
                                       idempotency_key=key())
    assert [(e.kind, e.amount) for e in signed.posting.entries][:3] == [  # type: ignore[union-attr]
        ("opening_fee", D("150.00")), ("installation_fee", D("3000.00")), ("prepayment", D("300.00"))]
    after = _contract_audit(office, aid)
    assert after == {
        "contract_id": signed.contract_id,
        "opening_fee": "150.00", "opening_fee_list": "200.00",
        "installation_fee": "3000.00", "installation_fee_list": "3000.00",
        "prepayment": "300.00", "prepayment_list": "300.00",
        "deposit": "0.00", "deposit_list": "0.00",
        "changed_from_list": ["opening_fee"],
    }


def test_the_list_as_charged_records_no_change(office: Office) -> None:
    aid = office.account_at("numbered")  # residential, at the default list
    assert _contract_audit(office, aid)["changed_from_list"] == []
