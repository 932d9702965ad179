"""催缴 on a route: the households in arrears in walking order, the marks a reader types for each visit
(refused in words, the database left as it was), the last mark in the list, and the A4 notices
with the account, the amounts and the total in capitals."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from accounts_support import Office, refused
from billing_support import load_residential
from cashier_support import pay
from printing_support import pdf_pages, pdf_text
from sqlalchemy import event, select
from test_arrears import aged_bills, read_billed_on

from gasdesk.models import Account, AuditEntry, DunningMark
from gasdesk.services.cashier import arrears, dunning, dunning_slips
from gasdesk.services.core import business_day
from gasdesk.services.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from gasdesk.services.readings import routes

D = Decimal
READER = "reader 用户（reader）"  # the test office's reader, as a mark names who typed it


class Round:
    """A route A01 of three households, two in arrears (one partly paid), and one on no route."""

    def __init__(self, office: Office) -> None:
        self.office = office
        load_residential(office)
        self.first = aged_bills(office, "赵一")  # 91.50 due 02-26, 261.00 due 03-28
        self.paid = aged_bills(office, "钱二")
        self.part = aged_bills(office, "孙三")
        self.elsewhere = aged_bills(office, "李四")
        pay(office, self.paid, "352.50")
        pay(office, self.part, "100")  # 252.50 of the newer bill open
        with office.db.write() as s:
            self.route = routes.add_route(s, office.reader, "A01", "阳光花园一册", reader_login_or_id="reader")
            routes.assign_accounts(s, office.reader, self.route.id, [self.part, self.paid, self.first])
            self.today = business_day.today(s)
        with office.db.read() as s:
            self.number = {i: s.get(Account, i).number for i in (self.first, self.paid, self.part)}  # type: ignore

    def mark(self, aid: int, outcome: str, on: date | None = None, note: str = "", actor=None):  # type: ignore
        with self.office.db.write() as s:
            return dunning.mark(s, actor or self.office.reader, aid, outcome, on or self.today, note)

    def households(self) -> arrears.ArrearsList:
        with self.office.db.read() as s:
            return dunning.households(s, self.office.reader, self.route.id)


def chinese_day(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


@pytest.fixture
def round_(office: Office) -> Round:
    return Round(office)


def test_a_routes_households_in_arrears_in_walking_order_and_the_routes_counts(round_: Round) -> None:
    found = round_.households()
    assert [(r.position, r.account_id, r.holder_name, r.owed) for r in found.rows] == [
        (1, round_.part, "孙*", D("252.50")), (3, round_.first, "赵*", D("352.50"))]
    assert (found.accounts, found.owed) == (2, D("605.00"))
    with round_.office.db.read() as s:
        counts = dunning.routes_in_arrears(s, round_.office.reader)
    assert [(c.code, c.accounts, c.owed) for c in counts] == [("A01", 2, D("605.00"))]


def test_a_mark_records_the_visit_and_the_list_shows_who_and_when(round_: Round) -> None:
    before = datetime.now(UTC)
    done = round_.mark(round_.first, "not_home", round_.today - timedelta(days=2))
    assert (done.account_number, done.holder_name, done.owed, done.mark.marked_by) == \
        (round_.number[round_.first], "赵*", D("352.50"), READER)
    assert done.mark.marked_at >= before and done.changes
    round_.mark(round_.first, "reached", note="交给家人")
    row = next(r for r in round_.households().rows if r.account_id == round_.first)
    assert row.last_mark is not None
    assert (row.last_mark.outcome, row.last_mark.on, row.last_mark.by, row.last_mark.note, row.last_mark.label.zh) == \
        ("reached", round_.today, READER, "交给家人", "已送达")
    # an earlier day typed after it does not hide the latest visit
    round_.mark(round_.first, "refused", round_.today - timedelta(days=1), actor=round_.office.supervisor)
    assert next(r for r in round_.households().rows if r.account_id == round_.first).last_mark.outcome == "reached"
    with round_.office.db.read() as s:
        every = dunning.marks(s, round_.office.clerk, round_.first)
        audits = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "dunning.mark")
                                .order_by(AuditEntry.id)))
    assert [(m.outcome, (round_.today - m.on).days) for m in every] == [("reached", 0), ("refused", 1), ("not_home", 2)]
    assert [(a.entity, a.entity_id, a.login) for a in audits] == [("account", str(round_.first), "reader")] * 2 + \
        [("account", str(round_.first), "supervisor")]
    assert json.loads(audits[1].after) == {"number": round_.number[round_.first], "outcome": "reached",
                                           "on": round_.today.isoformat(), "amount": "352.50", "note": "交给家人"}


def test_a_mark_of_an_earlier_spell_of_arrears_is_not_shown_for_a_new_one(office: Office) -> None:
    load_residential(office)
    aid = office.account_at("in_service", name="周五")
    read_billed_on(office, aid, "150", date(2026, 2, 11))  # 91.50 due 02-26
    with office.db.write() as s:
        dunning.mark(s, office.reader, aid, "reached", date(2026, 3, 5))
    with office.db.write() as s, business_day.on_day(s, date(2026, 3, 10)):
        from gasdesk.services.cashier import payments
        payments.take_payment(s, office.clerk, aid, amount="91.50", method="cash", idempotency_key="spell-1")
    read_billed_on(office, aid, "250", date(2026, 3, 13))  # 261.00 due 03-28
    with office.db.read() as s:
        (row,) = arrears.arrears(s, office.reader, on=date(2026, 4, 10)).rows
        (back_then,) = arrears.arrears(s, office.reader, on=date(2026, 3, 6)).rows
    assert (row.owed, row.last_mark) == (D("261.00"), None)
    assert back_then.last_mark is not None and back_then.last_mark.on == date(2026, 3, 5)


def test_marks_are_refused_in_words_and_leave_nothing(round_: Round) -> None:
    db, reader = round_.office.db, round_.office.reader
    e = refused(db, lambda s: dunning.mark(s, reader, round_.first, "gone", round_.today), ValidationError)
    assert e.zh == "催缴结果“gone”不明：只能是“已送达”、“不在家”、“拒收”。"
    tomorrow = round_.today + timedelta(days=1)
    e = refused(db, lambda s: dunning.mark(s, reader, round_.first, "reached", tomorrow), ValidationError)
    assert e.zh == (f"催缴日期 {tomorrow.isoformat()} 还没到（今天是 {round_.today.isoformat()}），"
                    "请填写实际上门的日期。")
    e = refused(db, lambda s: dunning.mark(s, reader, round_.paid, "reached", round_.today), Conflict)
    assert e.zh == f"户号 {round_.number[round_.paid]} 没有逾期未缴的费用，不用催缴。"
    e = refused(db, lambda s: dunning.mark(s, reader, round_.first, "reached", date(2026, 2, 20)), Conflict)
    assert e.zh == (f"户号 {round_.number[round_.first]} 在 2026-02-20 还没有逾期的欠费（最早一笔 2026-02-26 到期），"
                    "请核对催缴日期。")
    refused(db, lambda s: dunning.mark(s, reader, 9999, "reached", round_.today), NotFound)
    refused(db, lambda s: dunning.mark(s, reader, round_.first, "reached", round_.today, "长" * 201), ValidationError)
    refused(db, lambda s: dunning.mark(s, round_.office.clerk, round_.first, "reached", round_.today),
            PermissionDenied)
    round_.mark(round_.first, "not_home")
    e = refused(db, lambda s: dunning.mark(s, reader, round_.first, "not_home", round_.today), Conflict)
    assert e.zh == (f"户号 {round_.number[round_.first]} 在 {round_.today.isoformat()} 已登记过“不在家”"
                    f"（{READER} 登记），不用重复登记。")
    round_.mark(round_.first, "reached")  # came back in the evening: another outcome that day is a visit of its own
    with db.read() as s:
        assert s.scalar(select(DunningMark.id).where(DunningMark.account_id == round_.paid)) is None


def test_the_list_is_a_fixed_number_of_queries_however_many_households(round_: Round) -> None:
    def statements(fn) -> int:  # type: ignore[no-untyped-def]
        seen: list[str] = []
        engine = round_.office.db.engine
        listener = lambda *a: seen.append(a[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            with round_.office.db.read() as s:
                fn(s)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len([q for q in seen if q.lstrip().upper().startswith("SELECT")])

    few = statements(lambda s: arrears.arrears(s, round_.office.clerk, route_id=round_.route.id))
    for name in ("周五", "吴六", "郑七"):
        aid = aged_bills(round_.office, name)
        with round_.office.db.write() as s:
            routes.assign_accounts(s, round_.office.reader, round_.route.id, [aid])
    assert round_.households().accounts == 5
    assert statements(lambda s: arrears.arrears(s, round_.office.clerk, route_id=round_.route.id)) == few


def test_the_routes_notices_carry_the_account_the_bills_and_the_total_in_capitals(round_: Round) -> None:
    with round_.office.db.read() as s:
        pdf = dunning_slips.dunning_pdf(s, round_.office.reader, round_.route.id, round_.today, invariant=True)
    assert len(pdf_pages(pdf)) == 1  # two households: one page
    text = pdf_text(pdf)
    pay_by = round_.today + timedelta(days=7)  # the payments were taken today: the notice is as of today
    assert "燃气费催费通知单" in text
    assert text.index(round_.number[round_.part]) < text.index(round_.number[round_.first])  # walking order
    assert round_.number[round_.paid] not in text  # paid: no notice
    for words in ("孙*", "赵*", "阳光花园 3栋2单元", "2026-01-13～2026-02-11", "91.50", "2026-02-26",
                  "2026-02-12～2026-03-13", "261.00", "2026-03-28", "252.50", "352.50",
                  "叁佰伍拾贰元伍角整", "贰佰伍拾贰元伍角整", f"请于 {chinese_day(pay_by)}前到营业厅缴清",
                  "户主签字", "A01 第 1 户", "A01 第 3 户", "沿此线剪开",
                  f"催费通知单 A01 阳光花园一册 截至 {round_.today} 共 2 户 欠费 ¥605.00"):
        assert words in text, words
    assert "孙三" not in text and "赵一" not in text  # the holders are masked on paper


def test_a_long_round_fills_pages_of_three_and_a_route_with_nobody_owing_is_refused(round_: Round) -> None:
    for name in ("周五", "吴六", "郑七", "王八"):
        aid = aged_bills(round_.office, name)
        with round_.office.db.write() as s:
            routes.assign_accounts(s, round_.office.reader, round_.route.id, [aid])
    with round_.office.db.read() as s:
        pages = pdf_pages(dunning_slips.dunning_pdf(s, round_.office.reader, round_.route.id, invariant=True))
    assert [p.count("燃气费催费通知单") for p in pages] == [3, 3]
    with round_.office.db.write() as s:
        empty = routes.add_route(s, round_.office.reader, "A02", "阳光花园二册", reader_login_or_id="reader")
    with round_.office.db.read() as s, pytest.raises(Conflict) as info:
        dunning_slips.dunning_pdf(s, round_.office.reader, empty.id, round_.today)
    assert info.value.zh == f"抄表册 A02 在 {round_.today} 没有欠费的用户，不用打印催费通知单。"


def test_many_open_charges_are_summed_on_one_line(round_: Round) -> None:
    with round_.office.db.read() as s:
        items = arrears.open_items(s, [round_.first], date(2026, 12, 3))[round_.first]
    many = [dunning_slips.OpenItem(i, "gas_charge", date(2025, 1, 1) + timedelta(days=30 * i),
                                   date(2025, 1, 30) + timedelta(days=30 * i), D("10.00"),
                                   date(2025, 2, 14) + timedelta(days=30 * i)) for i in range(8)]
    rows = dunning_slips._item_rows(many + items, date(2026, 12, 3))
    assert len(rows) == 4 and rows[-1][:3] == ["其余 7 笔", "2025-05-15 起到期", "402.50"]
    four = dunning_slips._item_rows(many[:4], date(2026, 12, 3))  # one more is listed, not summed
    assert [r[0] for r in four] == ["气费"] * 4


def test_a_visit_made_before_the_household_paid_is_still_recorded(round_: Round) -> None:
    done = round_.mark(round_.paid, "reached", round_.today - timedelta(days=1))  # paid today, after the visit
    assert done.owed == D("352.50")
    assert round_.paid not in [r.account_id for r in round_.households().rows]  # paid: off the list
