"""液化气票: books received and sold with a receipt; a coupon pays for one full cylinder of its size
and is cancelled; used twice, unknown, unsold or for another size it is refused with its reason,
and nothing is stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from accounts_support import refused
from depot_support import Depot, key
from sqlalchemy import func, select
from test_exchange import lend

from gasdesk.models import Coupon, CylinderMovement, Receipt
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.depot import coupons, cylinders, exchange

D = Decimal


def stocked(depot: Depot):  # type: ignore[no-untyped-def]
    """A customer holding company empties E-01..03 (YSP35.5); fulls F-01..03 and a YSP12 S-01 in
    stock; two books of YSP35.5 coupons (Q0001..Q0010, Q0011..Q0020), the first sold to them."""
    customer = depot.customer()
    depot.cylinders("E-01~03", inspected="2024-01-01")
    depot.cylinders("F-01~03", inspected="2025-06-01")
    depot.cylinders("S-01", inspected="2025-06-01", size="YSP12")
    for serial in ("E-01", "E-02", "E-03"):
        lend(depot, serial, customer.id)
    with depot.db.write() as s:
        got = coupons.receive(s, depot.keeper, "Q0001~0020", size="YSP35.5", face_value="115", per_book=10)
    assert (got.books, got.count) == ([("Q0001", "Q0010"), ("Q0011", "Q0020")], 20)
    with depot.db.write() as s:
        sold = coupons.sell_book(s, depot.keeper, customer.number, "Q0005", method="cash", tendered="1200", key=key())
    assert (sold.first_serial, sold.count, sold.amount, sold.receipt_number) == ("Q0001", 10, D("1150.00"),
                                                                                 "D01-A-0000001")
    return customer


def test_a_sold_coupon_pays_for_one_exchange_and_is_cancelled(depot: Depot) -> None:
    customer = stocked(depot)
    with depot.db.write() as s:
        done = exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("E-01", "F-01")],
                                 coupons=["q0001"], key=key())
    assert (done.amount, done.receipt_number, done.coupons) == (D("0.00"), None, ["Q0001"])
    with depot.db.read() as s:
        assert coupons.check(s, depot.keeper, "Q0001").status == "redeemed"
        assert s.scalar(select(func.count()).select_from(Receipt)) == 1  # the book's only: a coupon moves no money
        assert cylinders.get(s, "F-01").holder_id == customer.id


@pytest.mark.parametrize(("serial", "reasons"), [
    ("Q0001", ["coupon_used"]),  # redeemed by the first exchange below
    ("Q0015", ["coupon_unsold"]),
    ("Q9999", ["coupon_unknown"]),
])
def test_a_coupon_is_refused_with_its_reason_and_nothing_is_stored(depot: Depot, serial: str,
                                                                    reasons: list[str]) -> None:
    customer = stocked(depot)
    with depot.db.write() as s:
        exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("E-01", "F-01")], coupons=["Q0001"],
                          key=key())
    with depot.db.read() as s:
        moves = s.scalar(select(func.count()).select_from(CylinderMovement))
    with depot.db.write() as s, pytest.raises(coupons.CouponRefused) as caught:
        exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("E-02", "F-02")], coupons=[serial],
                          key=key())
    assert caught.value.refused == {serial: reasons}
    with depot.db.read() as s:
        assert s.scalar(select(func.count()).select_from(CylinderMovement)) == moves
        assert cylinders.get(s, "F-02").state == "full"


def test_a_coupon_for_another_size_is_refused(depot: Depot) -> None:
    customer = stocked(depot)
    depot.cylinders("SE-01", inspected="2024-01-01", size="YSP12")
    lend(depot, "SE-01", customer.id)
    with depot.db.write() as s, pytest.raises(coupons.CouponRefused) as caught:
        exchange.exchange(s, depot.keeper, customer.number, [exchange.Pair("SE-01", "S-01")], coupons=["Q0002"],
                          key=key())
    assert caught.value.refused == {"Q0002": ["coupon_other_size"]}


def test_two_pairs_need_two_coupons_and_one_coupon_twice_is_refused(depot: Depot) -> None:
    customer = stocked(depot)
    pairs = [exchange.Pair("E-01", "F-01"), exchange.Pair("E-02", "F-02")]
    assert "每只满瓶用一张气票" in refused(depot.db, lambda s: exchange.exchange(
        s, depot.keeper, customer.number, pairs, coupons=["Q0001"], key=key()), ValidationError).zh
    assert "同一张气票扫了两次" in refused(depot.db, lambda s: exchange.exchange(
        s, depot.keeper, customer.number, pairs, coupons=["Q0001", "q0001"], key=key()), ValidationError).zh
    with depot.db.write() as s:
        done = exchange.exchange(s, depot.keeper, customer.number, pairs, coupons=["Q0002", "Q0003"], key=key())
    assert done.coupons == ["Q0002", "Q0003"]


def test_a_coupon_redeemed_meanwhile_refuses_the_exchange(depot: Depot) -> None:
    """The conditional update: a coupon another counter redeemed after this one read it is not redeemed twice."""
    stocked(depot)
    with depot.db.write() as s:
        seen = s.scalars(select(Coupon).where(Coupon.serial == "Q0004")).one()  # read as sold
        other = exchange.movements.open_transaction(s, depot.keeper, "exchange", key(), customer_id=None)
        s.execute(Coupon.__table__.update().where(Coupon.serial == "Q0004")
                  .values(status="redeemed", redeemed_transaction_id=other.id))  # the other counter's
        mine = exchange.movements.open_transaction(s, depot.keeper, "exchange", key())
        with pytest.raises(coupons.CouponRefused) as caught:
            coupons.redeem(s, mine, [seen])
    assert caught.value.refused == {"Q0004": ["coupon_used"]}


def test_books_are_received_whole_and_sold_once(depot: Depot) -> None:
    customer = stocked(depot)
    assert "不能分成每本 10 张" in refused(depot.db, lambda s: coupons.receive(
        s, depot.keeper, "Q0101~0115", size="YSP35.5", face_value="115"), ValidationError).zh
    assert "票号已登记" in refused(depot.db, lambda s: coupons.receive(
        s, depot.keeper, "Q0011~0020", size="YSP35.5", face_value="115"), Conflict).zh
    assert "已售出" in refused(depot.db, lambda s: coupons.sell_book(
        s, depot.keeper, customer.number, "Q0001", method="cash", key=key()), Conflict).zh
    assert "面值必须大于 0" in refused(depot.db, lambda s: coupons.receive(
        s, depot.keeper, "Q0201~0210", size="YSP35.5", face_value="0"), ValidationError).zh
