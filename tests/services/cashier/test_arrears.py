"""Arrears (欠费) by account: exact amounts in each aging bucket at the buckets' edges, the filters by
area, compound and route, bills paid leaving the list, a partly paid bill counting its open part,
a fee aged from its business day, the list as of an earlier day, paging and the totals."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest
from accounts_support import Office, key
from billing_support import load_residential
from cashier_support import pay, with_open_bills
from sqlalchemy import select

from gasdesk.models import Account, Bill, Meter
from gasdesk.services import ledger
from gasdesk.services.cashier import arrears
from gasdesk.services.cashier.arrears import Aging
from gasdesk.services.core import business_day
from gasdesk.services.core.errors import NotFound, PermissionDenied, ValidationError
from gasdesk.services.office import address
from gasdesk.services.readings import routes
from gasdesk.services.readings.store import ReadingInput, submit

D = Decimal


def listed(office: Office, **kw: object) -> arrears.ArrearsList:
    with office.db.read() as s:
        return arrears.arrears(s, office.clerk, **kw)  # type: ignore[arg-type]


def due_of(office: Office, aid: int) -> list[date]:
    with office.db.read() as s:
        return list(s.scalars(select(Bill.due_on).where(Bill.account_id == aid).order_by(Bill.id)))


def read_billed_on(office: Office, aid: int, value: str, day: date) -> None:
    """A reading billed on its own day (the business day pinned), so its bill falls due 15 days on."""
    with office.db.read() as s:
        number = s.get(Account, aid).number  # type: ignore[union-attr]
        serial = s.scalar(select(Meter.serial).where(Meter.account_id == aid, Meter.removed_on.is_(None)))
    with office.db.write() as s, business_day.on_day(s, day):
        submit(s, office.reader, [ReadingInput(number, serial, value, day, str(day), "actual")], source="entry")


def aged_bills(office: Office, name: str = "张三") -> int:
    """Billed 2026-02-11 (91.50 open, due 02-26) and 2026-03-13 (261.00 open, due 03-28)."""
    aid = office.account_at("in_service", name=name)
    read_billed_on(office, aid, "150", date(2026, 2, 11))
    read_billed_on(office, aid, "250", date(2026, 3, 13))
    return aid


@pytest.mark.parametrize(("days", "bucket"), [(1, 0), (30, 0), (31, 1), (60, 1), (61, 2), (90, 2), (91, 3),
                                              (400, 3)])
def test_both_bills_fall_in_one_bucket_by_the_days_past_due(office: Office, days: int, bucket: int) -> None:
    aid = with_open_bills(office)
    due = due_of(office, aid)
    assert due[0] == due[1]
    found = listed(office, on=due[0] + timedelta(days=days))
    expected = [D("0.00")] * 4
    expected[bucket] = D("352.50")
    (row,) = found.rows
    assert list(row.aging.as_tuple()) == expected
    assert list(found.totals.as_tuple()) == expected
    assert (row.account_id, row.owed, row.oldest_due, row.days_past_due, found.accounts, found.owed) == \
        (aid, D("352.50"), due[0], days, 1, D("352.50"))


def test_on_its_due_day_a_bill_is_not_in_arrears_yet(office: Office) -> None:
    aid = with_open_bills(office)
    due = due_of(office, aid)[0]
    assert listed(office, on=due).accounts == 0
    assert listed(office).accounts == 0  # billed today: due in 15 days
    assert listed(office, on=due + timedelta(days=1)).accounts == 1


def test_bills_of_different_ages_split_over_the_buckets_at_the_edges(office: Office) -> None:
    load_residential(office)
    aid = aged_bills(office)
    assert due_of(office, aid) == [date(2026, 2, 26), date(2026, 3, 28)]
    # 03-28 + 30: the newer bill on its 30th day, the older on its 60th
    row = listed(office, on=date(2026, 4, 27)).rows[0]
    assert row.aging == Aging(D("261.00"), D("91.50"), D("0.00"), D("0.00"))
    # a day later: 31 and 61 days
    row = listed(office, on=date(2026, 4, 28)).rows[0]
    assert row.aging == Aging(D("0.00"), D("261.00"), D("91.50"), D("0.00"))
    assert (row.oldest_due, row.days_past_due) == (date(2026, 2, 26), 61)
    # the older one on its 90th day, then its 91st
    assert listed(office, on=date(2026, 5, 27)).rows[0].aging == Aging(D("0.00"), D("261.00"), D("91.50"), D("0.00"))
    assert listed(office, on=date(2026, 5, 28)).rows[0].aging == Aging(D("0.00"), D("0.00"), D("261.00"), D("91.50"))
    # between the two due days only the older bill is past due
    assert listed(office, on=date(2026, 3, 10)).rows[0].aging == Aging(D("91.50"))


def test_a_paid_bill_leaves_the_list_and_a_partly_paid_one_counts_its_open_part(office: Office) -> None:
    load_residential(office)
    paid, part, other = (aged_bills(office, n) for n in ("赵一", "钱二", "孙三"))
    pay(office, paid, "352.50")
    pay(office, part, "100")  # the older bill paid off, 8.50 of the newer: 252.50 of it open
    found = listed(office, order="owed")
    assert [(r.account_id, r.owed) for r in found.rows] == [(other, D("352.50")), (part, D("252.50"))]
    assert found.rows[1].aging == Aging(D("0.00"), D("0.00"), D("0.00"), D("252.50"))
    assert found.rows[1].oldest_due == date(2026, 3, 28)
    assert (found.accounts, found.totals) == (2, Aging(D("0.00"), D("0.00"), D("0.00"), D("605.00")))
    # as of the day before today's payments, all three still owed everything
    before = listed(office, on=business_day_today(office) - timedelta(days=1))
    assert [r.owed for r in before.rows] == [D("352.50")] * 3
    assert before.owed == D("1057.50")


def business_day_today(office: Office) -> date:
    with office.db.read() as s:
        return business_day.today(s)


def test_an_unpaid_fee_is_aged_from_the_day_it_was_posted(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:
        ledger.record(s, office.clerk, aid, [ledger.Line("installation_fee", D("80.00"))], idempotency_key=key(),
                      on=date(2026, 6, 1), memo="改管费")
    assert listed(office, on=date(2026, 6, 1)).accounts == 0
    found = listed(office, on=date(2026, 7, 2))
    assert (found.rows[0].aging, found.rows[0].oldest_due) == (Aging(D("0.00"), D("80.00")), date(2026, 6, 1))
    with office.db.read() as s:
        (item,) = arrears.open_items(s, [aid], date(2026, 7, 2))[aid]
    assert (item.kind, item.period_from, item.open, item.due_on, item.label.zh) == \
        ("installation_fee", None, D("80.00"), date(2026, 6, 1), "安装费")


def test_the_list_is_filtered_by_area_compound_and_route(office: Office) -> None:
    load_residential(office)
    with office.db.write() as s:
        garden = address.add_compound(s, office.admin, office.area_id, "东湖小区")
        west = address.add_area(s, office.admin, "02", "城西片区")
        lake = address.add_compound(s, office.admin, west.id, "西湖苑")
    here = aged_bills(office, "赵一")
    next_door = aged_bills(dataclasses.replace(office, compound_id=garden.id), "钱二")
    far = aged_bills(dataclasses.replace(office, area_id=west.id, compound_id=lake.id), "孙三")
    with office.db.write() as s:
        route = routes.add_route(s, office.reader, "A01", "阳光花园一册", reader_login_or_id="reader")
        routes.assign_accounts(s, office.reader, route.id, [next_door, here])

    def ids(**kw: object) -> list[int]:
        return [r.account_id for r in listed(office, **kw).rows]

    assert sorted(ids()) == sorted([here, next_door, far])
    assert ids() == [next_door, here, far]  # by route and stop, those on no route last
    assert sorted(ids(area_id=office.area_id)) == sorted([here, next_door])
    assert ids(area_id=west.id) == [far]
    assert ids(compound_id=garden.id) == [next_door]
    assert ids(area_id=west.id, compound_id=garden.id) == []
    found = listed(office, route_id=route.id)
    assert [(r.account_id, r.route_code, r.position) for r in found.rows] == [(next_door, "A01", 1), (here, "A01", 2)]
    assert (found.accounts, found.owed) == (2, D("705.00"))
    row = found.rows[1]
    assert (row.holder_name, row.address.startswith("阳光花园 3栋2单元"), row.last_mark) == ("赵*", True, None)
    with office.db.read() as s:
        assert row.account_number == s.get(Account, here).number  # type: ignore[union-attr]


def test_min_days_paging_and_the_order_of_the_list(office: Office) -> None:
    load_residential(office)
    old = aged_bills(office, "赵一")
    new = office.account_at("in_service", name="钱二")
    read_billed_on(office, new, "100", date(2026, 9, 30))  # 261.00 less the 300.00 prepaid: nothing open
    read_billed_on(office, new, "130", date(2026, 10, 30))  # 78.30 less the 39.00 left: 39.30, due 11-14
    on = date(2026, 12, 3)
    assert [(r.account_id, r.days_past_due) for r in listed(office, on=on, order="oldest").rows] == \
        [(old, 280), (new, 19)]
    assert [r.account_id for r in listed(office, on=on, min_days=19).rows] == [old, new]
    assert [r.account_id for r in listed(office, on=on, min_days=20).rows] == [old]
    first = listed(office, on=on, order="owed", limit=1)
    second = listed(office, on=on, order="owed", limit=1, offset=1)
    assert (first.accounts, first.more, second.more) == (2, True, False)
    assert [(r.seq, r.account_id, r.owed) for r in first.rows + second.rows] == \
        [(1, old, D("352.50")), (2, new, D("39.30"))]
    assert first.totals == second.totals == Aging(D("39.30"), D("0.00"), D("0.00"), D("352.50"))
    assert listed(office, on=on, min_days=20).totals == Aging(over_90=D("352.50"))


def test_the_list_is_for_those_who_may_see_it_and_refuses_what_names_nothing(office: Office) -> None:
    with office.db.read() as s:
        with pytest.raises(PermissionDenied):
            arrears.arrears(s, office.admin)
        with pytest.raises(NotFound) as info:
            arrears.arrears(s, office.clerk, area_id=999)
        assert info.value.zh == "这个片区不存在。"
        with pytest.raises(NotFound):
            arrears.arrears(s, office.clerk, route_id=999)
        with pytest.raises(ValidationError):
            arrears.arrears(s, office.clerk, order="name")
        with pytest.raises(ValidationError):
            arrears.arrears(s, office.clerk, limit=5000)
