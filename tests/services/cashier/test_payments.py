"""Taking payments: bills oldest first, then charges; partial and over payments; change; the late
fee on the part paid late; receipts numbered without gaps and a retried submit paying once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, refused
from cashier_support import late_fee_schedule, pay, with_open_bills
from printing_support import pdf_text
from sqlalchemy import func, select

from gasdesk.models import Bill, Receipt
from gasdesk.services.cashier import due, payments, receipts
from gasdesk.services.core import business_day
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.ledger import balances, open_amount

D = Decimal


def bills_open(office: Office, aid: int) -> list[Decimal]:
    with office.db.read() as s:
        return [open_amount(s, b.charge_entry_id) for b in
                s.scalars(select(Bill).where(Bill.account_id == aid).order_by(Bill.id))]


def test_a_full_cash_payment_pays_both_bills_oldest_first_and_gives_change(office: Office) -> None:
    aid = with_open_bills(office)
    with office.db.read() as s:
        owed = due.amount_due(s, aid, date(2026, 12, 3))
    assert [(x.kind, x.open, x.detail) for x in owed.items] == [
        ("gas_charge", D("91.50"), "2026-01-13～2026-02-11  150.000 m³"),
        ("gas_charge", D("261.00"), "2026-02-12～2026-03-13  100.000 m³")]
    assert owed.total == D("352.50")
    done = pay(office, aid, "352.50", tendered="400")
    assert done.receipt_number == "T01-A-0000002"
    assert [(a.bill_id is not None, a.amount) for a in done.allocations] == [(True, D("91.50")), (True, D("261.00"))]
    assert (done.change, done.prepayment, done.late_fee) == (D("47.50"), D("0.00"), D("0.00"))
    assert bills_open(office, aid) == [D("0.00"), D("0.00")]
    with office.db.read() as s:
        r = s.scalar(select(Receipt).where(Receipt.number == done.receipt_number))
        assert (r.amount, r.tendered, r.change_given, r.method, r.status) == (
            D("352.50"), D("400.00"), D("47.50"), "cash", "issued")


def test_a_partial_payment_leaves_the_newer_bill_partly_open(office: Office) -> None:
    aid = with_open_bills(office)
    done = pay(office, aid, "100")
    assert [a.amount for a in done.allocations] == [D("91.50"), D("8.50")]
    assert bills_open(office, aid) == [D("0.00"), D("252.50")]


def test_an_over_payment_by_wechat_puts_the_rest_to_prepayment(office: Office) -> None:
    aid = with_open_bills(office)
    done = pay(office, aid, "400", "wechat", reference="４２０００01234")  # full-width digits read as such
    assert (done.prepayment, done.change) == (D("47.50"), D("0.00"))
    with office.db.read() as s:
        assert s.scalar(select(Receipt.reference).where(Receipt.method == "wechat")) == "4200001234"
        assert balances(s, aid).prepayment_credit == D("47.50")


def test_a_retried_submit_pays_once_and_returns_the_first_receipt(office: Office) -> None:
    aid = with_open_bills(office)
    first = pay(office, aid, "100", submission="form-1")
    again = pay(office, aid, "100", submission="form-1")
    assert (again.receipt_number, again.posting_id, again.replayed) == (first.receipt_number, first.posting_id, True)
    assert again.allocations == first.allocations
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 2  # the opening fees' and this one
    assert pay(office, aid, "1").receipt_number == "T01-A-0000003"  # no number skipped


@pytest.mark.parametrize(("amount", "method", "tendered", "reference", "words"), [
    ("0", "cash", None, None, "收款金额必须大于 0 元"),
    ("12.345", "cash", None, None, "两位小数"),
    ("100", "cash", "50", None, "实收现金 50.00 元少于应收 100.00 元"),
    ("100", "wechat", None, None, "非现金收款须填写交易参考号"),
    ("100", "cash", None, "123", "现金收款不填交易参考号"),
    ("100", "alipay", None, "12 34; DROP", "交易参考号只能由字母、数字"),
    ("100", "bitcoin", None, None, "请选择付款方式"),
])
def test_a_bad_payment_is_refused_in_words_and_leaves_nothing(office: Office, amount, method, tendered, reference,  # type: ignore[no-untyped-def]
                                                              words) -> None:
    aid = with_open_bills(office)
    err = refused(office.db, lambda s: payments.take_payment(s, office.clerk, aid, amount=amount, method=method,
                                                             tendered=tendered, reference=reference,
                                                             idempotency_key="k-bad"), ValidationError)
    assert words in err.zh


def test_the_late_fee_is_charged_on_the_part_paid_late(office: Office) -> None:
    late_fee_schedule(office)  # 0.001 a day, no grace
    aid = office.account_at("in_service")
    from billing_support import read

    read(office, aid, "150", date(2026, 2, 11))  # 391.50, 300.00 prepaid applied: 91.50 open
    with office.db.read() as s:
        due_on = s.scalar(select(Bill.due_on))
    later = date.fromordinal(due_on.toordinal() + 30)
    with office.db.read() as s:
        owed = due.amount_due(s, aid, later)
    assert (owed.owed, owed.late_fees) == (D("91.50"), D("2.75"))  # 91.50 × 0.001 × 30 = 2.745 -> 2.75
    with office.db.write() as s, business_day.on_day(s, later):
        half = payments.take_payment(s, office.clerk, aid, amount="50", method="cash", idempotency_key="late-1")
    # 50 pays p + fee(p): p = 48.54 (fee 1.46), the 0.00 left over
    assert (half.late_fee, [a.amount for a in half.allocations], half.prepayment) == (
        D("1.46"), [D("48.54")], D("0.00"))
    assert bills_open(office, aid) == [D("42.96")]


def test_both_receipt_layouts_carry_the_payment_in_chinese(office: Office) -> None:
    aid = with_open_bills(office)
    done = pay(office, aid, "352.50", tendered="400")
    for layout in ("roll", "a5"):
        with office.db.read() as s:
            job, pdf = receipts.render(s, office.clerk, done.receipt_number, layout)
        text = pdf_text(pdf)
        assert not job.copy
        for words in ("收款收据", "T01-A-0000002", "¥352.50", "叁佰伍拾贰元伍角整", "¥47.50", "现金",
                      "2026-01-13～2026-02-11", "张*"):
            assert words in text, (layout, words)


@pytest.mark.sqlite_only  # db check on the file
def test_db_check_proves_the_receipts_and_names_a_gap(office: Office, capsys) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from gasdesk.cli import main

    aid = with_open_bills(office)
    pay(office, aid, "10")
    pay(office, aid, "20")
    path = str(office.db.path)
    assert main(["db", "check", "--db", path]) == 0
    assert "收据核对一致：共 3 张" in capsys.readouterr().out
    with office.db.write() as s:
        s.execute(text("DROP TRIGGER trg_receipts_no_delete"))
        s.execute(text("DELETE FROM receipts WHERE seq = 2"))
    assert main(["db", "check", "--db", path]) == 2
    assert "A 系列收据号不连续（到 3 号，缺 [2]）" in capsys.readouterr().err
