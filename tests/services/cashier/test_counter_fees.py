"""The fee list's items taken at the counter (a meter, a call-out, a reconnection): charged in the
payment's own posting, paid before the bills, named on the receipt; bad fees refused in words."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from accounts_support import Office, refused
from cashier_support import with_open_bills
from printing_support import pdf_text
from sqlalchemy import func, select

from gasdesk.cli import main as cli_main
from gasdesk.models import Account, LedgerEntry, Receipt
from gasdesk.services.cashier import fees, payments, receipts
from gasdesk.services.core import settings
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.ledger import balances

D = Decimal


def take(office: Office, aid: int, amount: str, fee_list, key: str = "fee-1", **kw):  # type: ignore[no-untyped-def]
    with office.db.write() as s:
        return payments.take_payment(s, office.clerk, aid, amount=amount, method=kw.pop("method", "cash"),
                                     idempotency_key=key, fees=fee_list, **kw)


def test_the_fee_list_offers_its_items_with_their_amounts(office: Office) -> None:
    with office.db.write() as s:
        settings.set_value(s, office.admin, "fee_meter", "260")
    with office.db.read() as s:
        items = fees.fee_items(s)
    assert [(i.kind, i.label.zh, i.listed) for i in items] == [
        ("meter_fee", "燃气表费", D("260.00")), ("service_fee", "上门服务费", D("30.00")),
        ("reconnection_fee", "复通费", D("50.00"))]


def test_a_call_out_fee_is_paid_first_then_the_bills_and_named_on_the_receipt(office: Office) -> None:
    aid = with_open_bills(office)  # 91.50 and 261.00 open
    done = take(office, aid, "382.50", [("service_fee", None)], tendered="400")
    assert [(f.kind, f.amount) for f in done.fees] == [("service_fee", D("30.00"))]
    assert [a.amount for a in done.allocations] == [D("91.50"), D("261.00")]
    assert (done.change, done.prepayment) == (D("17.50"), D("0.00"))
    assert done.json()["fees"] == [{"kind": "service_fee", "amount": "30.00"}]
    with office.db.read() as s:
        assert balances(s, aid).available == D("0.00")
        _job, pdf = receipts.render(s, office.clerk, done.receipt_number, "roll")
    text = pdf_text(pdf)
    for words in ("上门服务费", "¥30.00", "¥382.50", "叁佰捌拾贰元伍角整"):
        assert words in text, words


def test_a_payment_short_of_the_fee_leaves_the_fee_partly_open_and_the_bills_unpaid(office: Office) -> None:
    aid = with_open_bills(office)
    done = take(office, aid, "20", [("reconnection_fee", "50")])
    assert (done.allocations, done.prepayment) == ((), D("0.00"))
    with office.db.read() as s:
        owed = payments.quote(s, office.clerk, aid)
    assert [(x.kind, x.open) for x in owed.items] == [
        ("gas_charge", D("91.50")), ("gas_charge", D("261.00")), ("reconnection_fee", D("30.00"))]


def test_a_replay_returns_the_first_payment_with_its_fee(office: Office) -> None:
    aid = with_open_bills(office)
    first = take(office, aid, "100", [("meter_fee", "120.5")], key="fee-r")
    again = take(office, aid, "100", [("meter_fee", "120.5")], key="fee-r")
    assert again.replayed and again.receipt_number == first.receipt_number
    assert again.fees == first.fees == (fees.Fee("meter_fee", D("120.50")),)
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(LedgerEntry).where(LedgerEntry.kind == "meter_fee")) == 1


@pytest.mark.parametrize(("fee_list", "words"), [
    ([("gold_fee", None)], "没有这个收费项目：gold_fee"),
    ([("meter_fee", None)], "燃气表费金额必须大于 0 元"),  # the list sets no meter fee by default
    ([("service_fee", "-5")], "上门服务费金额无效"),
    ([("service_fee", "1e9")], "上门服务费金额无效"),
    ([("service_fee", "30"), ("service_fee", "30")], "上门服务费只能收一笔"),
])
def test_a_bad_fee_is_refused_in_words_and_leaves_nothing(office: Office, fee_list, words) -> None:  # type: ignore[no-untyped-def]
    aid = with_open_bills(office)
    err = refused(office.db, lambda s: payments.take_payment(s, office.clerk, aid, amount="100", method="cash",
                                                             idempotency_key="fee-bad", fees=fee_list),
                  ValidationError)
    assert words in err.zh
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt).where(Receipt.series == "A")) == 1


def test_the_command_line_takes_a_fee_with_the_payment(office: Office, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", "secret-123")
    url = str(office.db.path) if office.db.path else office.db.url.render_as_string(hide_password=False)
    aid = with_open_bills(office)
    with office.db.read() as s:
        number = s.get(Account, aid).number
    code = cli_main(["payment", "take", number, "--amount", "80", "--method", "cash", "--fee", "service_fee",
                     "--fee", "reconnection_fee=50", "--db", url, "--user", "clerk", "--counter", "T01", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["fees"] == [{"kind": "service_fee", "amount": "30.00"}, {"kind": "reconnection_fee", "amount": "50.00"}]
    assert out["allocations"] == []
    code = cli_main(["payment", "take", number, "--amount", "80", "--method", "cash", "--fee", "gold",
                     "--db", url, "--user", "clerk", "--counter", "T01"])
    assert code != 0 and "没有这个收费项目：gold" in capsys.readouterr().err
