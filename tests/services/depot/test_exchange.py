"""换瓶: the empty checked before it is taken in, the full one before it goes out, paid through the
cashier's receipt and shift; a refusal stores nothing; a retry exchanges once; the record follows
circulating company cylinders."""

from __future__ import annotations

from decimal import Decimal

from accounts_support import refused
from depot_support import Depot, key
from printing_support import pdf_text
from sqlalchemy import select

from gasdesk.models import CylinderRefusal, Receipt
from gasdesk.services.cashier import receipts
from gasdesk.services.depot import cylinders, exchange, movements
from gasdesk.services.depot.machine import CylinderEvent

D = Decimal


def lend(depot: Depot, serial: str, customer_id: int) -> None:
    """A company cylinder recorded with the customer (as a deposit's loan leaves it)."""
    with depot.db.write() as s:
        txn = movements.open_transaction(s, depot.keeper, "loan", key())
        movements.move(s, txn, cylinders.get(s, serial), CylinderEvent.HAND_OUT, holder_id=customer_id)


def with_empty(depot: Depot):  # type: ignore[no-untyped-def]
    """A customer holding company cylinder E-01; F-01 and F-02 full in stock; all YSP35.5."""
    customer = depot.customer()
    depot.cylinders("E-01", inspected="2024-01-01")
    depot.cylinders("F-01~02", inspected="2025-06-01")
    lend(depot, "E-01", customer.id)
    return customer


def test_an_exchange_takes_the_empty_hands_the_full_and_issues_a_receipt(depot: Depot) -> None:
    customer = with_empty(depot)
    k = key()
    with depot.db.write() as s:
        done = exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("e-01", "F-01")], amount="115",
                                 method="cash", tendered="120", key=k)
    assert (done.pairs, done.amount, done.receipt_number, done.replayed) == (
        [("E-01", "F-01")], D("115.00"), "D01-A-0000001", False)
    with depot.db.write() as s:
        again = exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("E-01", "F-01")], amount="115",
                                  method="cash", tendered="120", key=k)
    assert (again.replayed, again.receipt_number, again.pairs) == (True, "D01-A-0000001", [("E-01", "F-01")])
    with depot.db.read() as s:
        assert (cylinders.get(s, "E-01").state, cylinders.get(s, "F-01").state) == ("empty", "with_customer")
        assert cylinders.get(s, "F-01").holder_id == customer.id
        receipt = s.scalars(select(Receipt)).one()
        assert (receipt.amount, receipt.change_given, receipt.account_id) == (D("115.00"), D("5.00"), None)
        assert movements.register_differences(s) == []
    with depot.db.write() as s:  # the keeper prints it on the roll: the customer as an account would be
        _doc, pdf = receipts.render(s, depot.keeper, "D01-A-0000001", "roll")
    text = pdf_text(pdf)
    assert customer.number in text and "王*" in text and "液化气款" in text and "壹佰壹拾伍元整" in text


def test_an_overdue_empty_and_an_unfit_full_are_refused_with_their_reasons(depot: Depot) -> None:
    customer = with_empty(depot)
    depot.cylinders("OLD-01", inspected="2022-12-01", owner=customer.number)  # their own, due 2026-12-01
    depot.cylinders("S-01", inspected="2024-01-01", size="YSP12")
    err = refused(depot.db, lambda s: exchange.exchange(
        s, depot.keeper, customer.number, [exchange.Pair("OLD-01", "F-01"), exchange.Pair("E-01", "S-01")],
        amount="230", method="cash", key=key()), exchange.ExchangeRefused)
    assert [(r.serial, r.direction, r.reasons) for r in err.refusals] == [
        ("OLD-01", "in", ["inspection_overdue"]), ("S-01", "out", ["other_size"])]
    assert err.zh == "钢瓶不能办理（收回 OLD-01：超过检验期；发出 S-01：与换回的空瓶规格不同）。"
    err = refused(depot.db, lambda s: exchange.exchange(
        s, depot.keeper, customer.number, [exchange.Pair("NEW-9", "F-01", frozenset({"damaged"}))],
        amount="115", method="cash", key=key()), exchange.ExchangeRefused)
    assert [(r.serial, r.reasons) for r in err.refusals] == [("NEW-9", ["unregistered", "damaged"])]
    with depot.db.write() as s:  # the screen logs what was refused
        assert exchange.log_refusals(s, depot.keeper, customer.number, err.refusals) == 1
    with depot.db.read() as s:
        row = s.scalars(select(CylinderRefusal)).one()
        assert (row.serial, row.direction, row.reasons, row.cylinder_id) == ("NEW-9", "in", "unregistered,damaged",
                                                                             None)


def test_a_circulating_company_cylinder_moves_the_record_with_it(depot: Depot) -> None:
    a = with_empty(depot)  # A holds E-01
    b = depot.customer("李四", born="19900101", phone="13700000000")
    depot.cylinders("E-02", inspected="2024-01-01")
    lend(depot, "E-02", b.id)  # B holds E-02 ... and the neighbours swapped empties: A brings E-02
    with depot.db.write() as s:
        exchange.exchange(s, depot.keeper, a.number, [exchange.Pair("E-02", "F-01")], amount="115",
                          method="wechat", reference="WX123", key=key())
    with depot.db.read() as s:
        held = {c.serial: c.holder_id for c in s.scalars(select(cylinders.Cylinder))}
        assert (held["E-01"], held["F-01"], held["E-02"]) == (b.id, a.id, None)  # one each, as in truth
        assert movements.register_differences(s) == []
    c = depot.customer("赵六", born="19700101", phone="13600000000")  # holds nothing of the company's
    err = refused(depot.db, lambda s: exchange.exchange(s, depot.keeper, c.number, [exchange.Pair("E-01", "F-02")],
                                                        amount="115", method="cash", key=key()))
    assert "该用户没有这种规格的押金或换瓶记录" in err.zh
