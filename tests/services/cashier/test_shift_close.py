"""日结: counted cash by denomination against the shift's postings, the difference explained,
a supervisor's confirmation; the closed shift takes no posting; its cash remitted once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from accounts_support import Office, key, refused
from cashier_support import pay, with_open_bills
from sqlalchemy import select, text

from gasdesk.models import LedgerPosting, Shift
from gasdesk.models.users import Role
from gasdesk.services.cashier import approval, refunds, remittances, shift_close, shift_report
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.office import users

D = Decimal


def supervisor(office: Office):  # type: ignore[no-untyped-def]
    with office.db.write() as s:
        return approval.check(s, office.clerk, "supervisor", "secret-123").approver


def test_counts_are_read_by_denomination_and_bad_ones_refused_in_words() -> None:
    counts = shift_close.parse_counts("100x3, 50×1，0.5x2；0.01*7")
    assert counts == {D("100"): 3, D("50"): 1, D("0.5"): 2, D("0.01"): 7}
    assert shift_close.counted_total(counts) == D("351.07")
    assert shift_close.counts_text(counts) == "100x3,50x1,0.5x2,0.01x7"
    for bad, words in (("30x1", "没有 30 元的面额"), ("100x", "点钞格式不对"), ("100x1,100x2", "写了两次"),
                       ("100x1.5", "点钞格式不对"), ("1x1000001", "太多了")):
        with pytest.raises(ValidationError) as caught:
            shift_close.parse_counts(bad)
        assert words in caught.value.zh


def fresh_shift(office: Office) -> None:
    """The shift the accounts were opened in (their fees in cash), closed as counted: the test's own starts."""
    boss = supervisor(office)
    with office.db.write() as s:
        shift = shift_close.open_shift_of(s, office.clerk)
        cash = shift_report.money_in(s, shift.id)[1]
        counted = f"100x{int(cash // 100)},0.01x{int(cash % 100 * 100)}"
        shift_close.close_shift(s, office.clerk, counted=counted, approver=boss)


def test_a_shift_closes_with_its_figures_and_a_short_count_must_be_explained(office: Office) -> None:
    aid = with_open_bills(office)
    fresh_shift(office)
    first = pay(office, aid, "100", tendered="100")
    pay(office, aid, "52.50", "wechat", reference="WX0001")
    third = pay(office, aid, "20", tendered="50")
    boss = supervisor(office)
    assert boss is not None
    with office.db.write() as s:
        refunds.void_receipt(s, office.clerk, third.receipt_number, "收错户", approver=boss, idempotency_key=key())
    err = refused(office.db, lambda s: shift_close.close_shift(s, office.clerk, counted="50x1,20x2", approver=boss))
    assert err.zh == "实点现金 90.00 元，应有 100.00 元，短款 10.00 元：请写明差额原因。"
    with office.db.write() as s:
        done = shift_close.close_shift(s, office.clerk, counted="50x1,20x2", approver=boss,
                                       explanation="找零多给 10 元")
    r = done.report
    assert (r.status, r.by_method, r.cash_expected, r.total) == (
        "closed", {"cash": D("100.00"), "wechat": D("52.50")}, D("100.00"), D("152.50"))
    assert r.by_kind == {"gas_charge": D("152.50")}
    assert (r.first_number, r.last_number, [v.number for v in r.voids]) == (
        first.receipt_number, third.receipt_number, [third.receipt_number])
    c = r.closing
    assert c is not None and (c.counted, c.difference, c.explanation, c.approved_by) == (
        D("90.00"), D("-10.00"), "找零多给 10 元", "supervisor")
    assert c.chain_head.count(":") == 1
    after = pay(office, aid, "1")  # a later payment opens a new shift
    with office.db.read() as s:
        shifts = s.scalars(select(Shift).order_by(Shift.id)).all()
        assert [x.status for x in shifts] == ["closed", "closed", "open"]
        assert s.get(LedgerPosting, after.posting_id).shift_id == shifts[2].id


def test_the_database_refuses_a_posting_into_a_closed_shift_and_a_change_to_it(office: Office) -> None:
    aid = with_open_bills(office)
    fresh_shift(office)
    pay(office, aid, "10", tendered="10")
    boss = supervisor(office)
    with office.db.write() as s:
        shift_close.close_shift(s, office.clerk, counted="10x1", approver=boss)
    with pytest.raises(Exception, match="the shift is closed"), office.db.write() as s:  # past the service
        p = s.scalars(select(LedgerPosting).where(LedgerPosting.shift_id.is_not(None))).first()
        s.add(LedgerPosting(party_id=p.party_id, account_id=p.account_id, idempotency_key="sneaked", action="x",
                            business_date=p.business_date, counter_id=p.counter_id, user_id=p.user_id,
                            shift_id=p.shift_id))
        s.flush()
    with pytest.raises(Exception, match="append-only"), office.db.write() as s:
        s.execute(text("UPDATE shift_closings SET counted = 0"))


def test_a_closed_shift_is_remitted_once_to_a_named_receiver(office: Office) -> None:
    aid = with_open_bills(office)
    fresh_shift(office)
    pay(office, aid, "10", tendered="10")
    boss = supervisor(office)
    with office.db.write() as s:
        shift_id = shift_close.open_shift_of(s, office.clerk).id
    err = refused(office.db, lambda s: remittances.remit(s, office.clerk, shift_id, received_by="李会计"), Conflict)
    assert err.zh == "这个班次还没有日结，不能解缴。"
    with office.db.write() as s:
        shift_close.close_shift(s, office.clerk, counted="10x1", approver=boss)
    with office.db.write() as s:
        row = remittances.remit(s, office.clerk, shift_id, received_by="李会计")
        assert (row.amount, row.received_by) == (D("10.00"), "李会计")
    err = refused(office.db, lambda s: remittances.remit(s, office.clerk, shift_id, received_by="李会计"), Conflict)
    assert err.zh == "这个班次已经解缴过。"
    with office.db.read() as s:
        assert shift_report.report(s, office.clerk, shift_id).closing is not None
        assert shift_id not in [w.shift_id for w in remittances.pending(s, office.clerk)]


def test_the_shifts_waiting_for_remittance_are_the_clerks_own_and_every_one_for_a_supervisor(office: Office) -> None:
    aid = with_open_bills(office)
    fresh_shift(office)  # the opening fees' shift, closed and waiting
    pay(office, aid, "10", tendered="10")
    boss = supervisor(office)
    with office.db.write() as s:
        shift_close.close_shift(s, office.clerk, counted="10x1", approver=boss)
    with office.db.write() as s:
        other = users.add_user(s, office.admin, "clerk2", "李四", Role.CLERK, "secret-123")
    stranger = Actor(other.id, other.login, other.name, Role.CLERK, office.clerk.counter, office.clerk.counter_id)
    with office.db.read() as s:
        mine = remittances.pending(s, office.clerk)
        assert [(w.login, w.counted, w.difference) for w in mine][-1] == ("clerk", D("10.00"), D("0.00"))
        assert [w.shift_id for w in remittances.pending(s, office.supervisor)] == [w.shift_id for w in mine]
        assert remittances.pending(s, stranger) == []
    err = refused(office.db, lambda s: remittances.remit(s, stranger, mine[0].shift_id, received_by="李会计"), Conflict)
    assert err.zh == "只能解缴自己的班次；别人的班次请主管办理。"
    err = refused(office.db, lambda s: remittances.remit(s, office.clerk, mine[0].shift_id, received_by="  "),
                  ValidationError)
    assert err.zh == "请填写财务接收人的姓名（最多 60 字）。"
    with office.db.write() as s:
        done = remittances.remit(s, office.supervisor, mine[0].shift_id, received_by="李会计")
        assert done.amount == mine[0].counted and "ledger" in done.changes
        assert [w.shift_id for w in remittances.pending(s, office.clerk)] == [w.shift_id for w in mine[1:]]
