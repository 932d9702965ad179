"""押金: company cylinders lent against a deposit per cylinder with a numbered slip (series Y) and
a receipt; refunded once when as many of the size come back, against the slip or, lost, with a
supervisor's approval; the slip prints on the roll and on A5."""

from __future__ import annotations

from decimal import Decimal

import pytest
from accounts_support import refused
from depot_support import Depot, key
from printing_support import pdf_text

from gasdesk.services import ledger
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.depot import customers, cylinders, deposits
from gasdesk.services.depot.exchange import ExchangeRefused

D = Decimal


def lent(depot: Depot):  # type: ignore[no-untyped-def]
    customer = depot.customer()
    depot.cylinders("F-01~03", inspected="2025-06-01")
    with depot.db.write() as s:
        done = deposits.lend(s, depot.keeper, customer.number, ["F-01", "f-02"], method="cash", tendered="400",
                             key=key())
    return customer, done


def test_a_loan_takes_the_deposit_and_numbers_the_slip(depot: Depot) -> None:
    customer, done = lent(depot)
    assert (done.slip_number, done.receipt_number, done.size, done.serials, done.amount) == (
        "D01-Y-0000001", "D01-A-0000001", "YSP35.5", ["F-01", "F-02"], D("300.00"))  # 150.00 a YSP35.5
    with depot.db.read() as s:
        assert ledger.party_balances(s, customers.find(s, customer.number).party_id).deposits == D("300.00")
        assert cylinders.get(s, "F-01").holder_id == customer.id
    with depot.db.write() as s:
        _job, roll = deposits.render_slip(s, depot.keeper, done.slip_number, "roll")
        _job, a5 = deposits.render_slip(s, depot.keeper, done.slip_number, "a5")
    for pdf in (roll, a5):
        text = pdf_text(pdf)
        assert "押金条" in text and "D01-Y-0000001" in text and "YSP35.5" in text and "× 2 只" in text
        assert "叁佰元整" in text and "D01-A-0000001" in text and "余额" not in text


def test_returning_the_cylinders_refunds_the_deposit_once(depot: Depot) -> None:
    customer, done = lent(depot)
    k = key()
    with depot.db.write() as s:
        back = deposits.refund(s, depot.keeper, ["F-02", "F-01"], slip_number=done.slip_number.lower(), key=k)
    assert (back.receipt_number, back.amount, back.lost_slip) == ("D01-R-0000001", D("300.00"), False)
    with depot.db.write() as s:
        assert deposits.refund(s, depot.keeper, ["F-02", "F-01"], slip_number=done.slip_number, key=k).replayed
    with depot.db.read() as s:
        assert ledger.party_balances(s, customers.find(s, customer.number).party_id).deposits == D("0.00")
        assert cylinders.get(s, "F-01").state == "empty"
    assert "已经退过" in refused(depot.db, lambda s: deposits.refund(
        s, depot.keeper, ["F-01", "F-02"], slip_number=done.slip_number, key=key()), Conflict).zh


def test_the_slip_wants_its_count_of_company_cylinders_of_its_size(depot: Depot) -> None:
    _customer, done = lent(depot)
    assert "请归还 2 只" in refused(depot.db, lambda s: deposits.refund(
        s, depot.keeper, ["F-01"], slip_number=done.slip_number, key=key()), ValidationError).zh
    depot.cylinders("S-01", size="YSP12", inspected="2025-06-01", state="empty")
    with depot.db.write() as s, pytest.raises(ExchangeRefused) as caught:
        deposits.refund(s, depot.keeper, ["F-01", "S-01"], slip_number=done.slip_number, key=key())
    assert [(r.serial, r.reasons) for r in caught.value.refusals] == [("S-01", ["other_size", "not_with_customer"])]


def test_a_lost_slip_needs_a_supervisor(depot: Depot) -> None:
    customer, done = lent(depot)
    assert "须由主管批准" in refused(depot.db, lambda s: deposits.refund(
        s, depot.keeper, ["F-01", "F-02"], customer_number=customer.number, key=key()), ValidationError).zh
    with depot.db.write() as s:
        back = deposits.refund(s, depot.keeper, ["F-01", "F-02"], customer_number=customer.number,
                               approver=depot.boss, key=key())
    assert (back.slip_number, back.lost_slip) == (done.slip_number, True)


def test_a_customer_own_or_unfit_cylinder_is_not_lent(depot: Depot) -> None:
    customer = depot.customer()
    depot.cylinders("OLD-01", inspected="2022-03-01")  # due 2026-03-01: overdue
    with depot.db.write() as s, pytest.raises(ExchangeRefused) as caught:
        deposits.lend(s, depot.keeper, customer.number, ["OLD-01"], method="cash", key=key())
    assert caught.value.refusals[0].reasons == ["inspection_overdue"]
