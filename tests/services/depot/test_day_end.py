"""气票解缴: the day's redeemed coupons counted by size and handed in once; a count that differs is
explained; the depot keeper's cash goes through the cashier's shift close like a counter's."""

from __future__ import annotations

from decimal import Decimal

from accounts_support import refused
from depot_support import Depot, key
from sqlalchemy import select
from test_exchange import lend

from gasdesk.models import CouponHandover
from gasdesk.services.cashier import shift_close
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.depot import coupons, day_end, exchange


def redeemed_two(depot: Depot) -> None:
    customer = depot.customer()
    depot.cylinders("E-01~02", inspected="2024-01-01")
    depot.cylinders("F-01~03", inspected="2025-06-01")
    lend(depot, "E-01", customer.id)
    lend(depot, "E-02", customer.id)
    with depot.db.write() as s:
        coupons.receive(s, depot.keeper, "Q0001~0005", size="YSP35.5", face_value="115", per_book=5)
        coupons.sell_book(s, depot.keeper, customer.number, "Q0001", method="cash", key=key())
        pairs = [exchange.Pair("E-01", "F-01"), exchange.Pair("E-02", "F-02")]
        exchange.exchange(s, depot.keeper, customer.number, pairs, coupons=["Q0001", "Q0002"], key=key())


def test_the_days_coupons_are_counted_and_handed_in_once(depot: Depot) -> None:
    redeemed_two(depot)
    with depot.db.read() as s:
        before = day_end.coupon_day(s, depot.keeper)
    assert (before.handed_in, [r.json() for r in before.rows]) == (
        False, [{"size": "YSP35.5", "expected": 2, "counted": None, "face_total": "230.00"}])
    short = refused(depot.db, lambda s: day_end.hand_in_coupons(s, depot.keeper, "ysp35.5×1", received_by="刘会计"),
                    ValidationError)
    assert short.field == "explanation" and "YSP35.5 收回 2 张、清点 1 张" in short.zh
    assert "看不懂" in refused(depot.db, lambda s: day_end.hand_in_coupons(s, depot.keeper, "YSP99x1",
                                                                           received_by="刘会计")).zh
    assert refused(depot.db, lambda s: day_end.hand_in_coupons(s, depot.keeper, "YSP35.5x2", received_by=" ")
                   ).field == "received_by"
    with depot.db.write() as s:
        done = day_end.hand_in_coupons(s, depot.keeper, "YSP35.5x2", received_by="刘会计")
    assert (done.handed_in, done.rows[0].counted, done.received_by) == (True, 2, "刘会计")
    assert "已经解缴" in refused(depot.db, lambda s: day_end.hand_in_coupons(s, depot.keeper, "YSP35.5x2",
                                                                               received_by="刘会计"), Conflict).zh
    with depot.db.read() as s:
        row = s.scalars(select(CouponHandover)).one()
        assert (row.expected, row.counted, row.face_total) == (2, 2, Decimal("115.00") * 2)


def test_the_depots_cash_closes_in_the_cashiers_shift(depot: Depot) -> None:
    redeemed_two(depot)  # the coupon book's 575.00 was taken in cash
    with depot.db.write() as s:
        shift = shift_close.open_shift_of(s, depot.keeper)
        closed = shift_close.close_shift(s, depot.keeper, counted="100x5,50x1,20x1,5x1", approver=depot.boss)
    report = closed.report
    assert (report.shift_id, report.counter, report.status, report.cash_expected) == (
        shift.id, "D01", "closed", Decimal("575.00"))
    assert report.by_kind == {"coupon_sale": Decimal("575.00")}
