"""Voids with a supervisor's approval, refunds after the shift is closed, and the guards the
database keeps on receipts and their numbers."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal

import pytest
from accounts_support import Office, key, refused
from cashier_support import pay, with_open_bills
from sqlalchemy import select, text

from gasdesk.db import open_database
from gasdesk.models import Receipt, Shift
from gasdesk.models.base import utcnow
from gasdesk.services import ledger
from gasdesk.services.cashier import approval, refunds
from gasdesk.services.core.errors import AuthError, Conflict
from gasdesk.services.ledger import balances, open_amount

D = Decimal
PASSWORD = "secret-123"  # every test user's (tests/conftest.py)


def approve(office: Office, login: str = "supervisor", password: str = PASSWORD) -> approval.Approval:
    with office.db.write() as s:
        return approval.check(s, office.clerk, login, password)


def test_a_void_with_the_supervisors_approval_reopens_the_bills_and_nets_to_zero(office: Office) -> None:
    aid = with_open_bills(office)
    with office.db.read() as s:
        before = balances(s, aid)
    done = pay(office, aid, "352.50", tendered="400")
    ok = approve(office)
    assert ok.approver is not None and ok.approver.login == "supervisor"
    with office.db.write() as s:
        voided = refunds.void_receipt(s, office.clerk, done.receipt_number, "金额收错", approver=ok.approver,
                                      idempotency_key="void-1")
    with office.db.read() as s:
        r = s.scalar(select(Receipt).where(Receipt.number == done.receipt_number))
        assert (r.number, r.status, r.void_reason, r.void_posting_id) == (
            "T01-A-0000002", "void", "金额收错", voided.void_posting_id)
        assert balances(s, aid) == before
        assert [open_amount(s, a.charge_id) for a in done.allocations] == [D("91.50"), D("261.00")]
    with office.db.write() as s:  # a retry of the same void returns it
        again = refunds.void_receipt(s, office.clerk, done.receipt_number, "金额收错", approver=ok.approver,
                                     idempotency_key="void-1")
    assert again.replayed and again.void_posting_id == voided.void_posting_id
    err = refused(office.db, lambda s: refunds.void_receipt(s, office.clerk, done.receipt_number, "再作废",
                                                           approver=ok.approver, idempotency_key="void-2"))
    assert err.zh == "收据 T01-A-0000002 已作废，不能重复作废。"


def test_a_wrong_password_or_a_clerk_cannot_approve(office: Office) -> None:
    wrong = approve(office, password="nope")
    assert wrong.approver is None and isinstance(wrong.error, AuthError)
    clerk = approve(office, login="clerk")
    assert clerk.approver is None and "不是主管" in clerk.error.zh  # type: ignore[union-attr]


def test_a_void_needs_a_reason_and_the_issuing_clerk(office: Office) -> None:
    aid = with_open_bills(office)
    done = pay(office, aid, "100")
    ok = approve(office).approver
    assert ok is not None
    err = refused(office.db, lambda s: refunds.void_receipt(s, office.clerk, done.receipt_number, "  ",
                                                           approver=ok, idempotency_key=key()))
    assert err.zh == "作废或退款必须写明原因。"
    err = refused(office.db, lambda s: refunds.void_receipt(s, office.supervisor, done.receipt_number, "错",
                                                           approver=ok, idempotency_key=key()), Conflict)
    assert err.zh == "只能由开具收据的收款员在原柜台申请作废。"


def close_shifts(office: Office) -> None:
    with office.db.write() as s:
        for shift in s.scalars(select(Shift).where(Shift.status == "open")):
            shift.status, shift.closed_at = "closed", utcnow()


def test_after_the_shift_is_closed_the_money_goes_back_as_a_refund_with_its_own_receipt(office: Office) -> None:
    aid = with_open_bills(office)
    done = pay(office, aid, "100")
    close_shifts(office)
    ok = approve(office).approver
    assert ok is not None
    err = refused(office.db, lambda s: refunds.void_receipt(s, office.clerk, done.receipt_number, "错",
                                                           approver=ok, idempotency_key=key()), Conflict)
    assert "已结班，不能作废；请改为办理退款" in err.zh
    with office.db.write() as s:
        back = refunds.refund_receipt(s, office.clerk, done.receipt_number, "重复缴费", approver=ok,
                                      idempotency_key="refund-1")
    assert (back.receipt_number, back.amount) == ("T01-R-0000001", D("100.00"))
    with office.db.read() as s:
        assert [(r.number, r.kind, r.status) for r in s.scalars(select(Receipt).order_by(Receipt.id))] == [
            ("T01-A-0000001", "payment", "issued"),  # the account's opening fees
            ("T01-A-0000002", "payment", "issued"), ("T01-R-0000001", "refund", "issued")]
        assert [open_amount(s, a.charge_id) for a in done.allocations] == [D("91.50"), D("261.00")]
        new = s.scalars(select(Shift).order_by(Shift.id)).all()
        assert [x.status for x in new] == ["closed", "open"]  # the refund went into today's shift


def test_a_prepayment_refund_needs_approval_and_no_more_than_is_held(office: Office) -> None:
    aid = office.account_at("in_service")  # 300.00 prepaid
    ok = approve(office).approver
    assert ok is not None
    err = refused(office.db, lambda s: refunds.refund_prepayment(s, office.clerk, aid, "300.01", method="cash",
                                                                reason="搬家", approver=ok, idempotency_key=key()))
    assert err.zh == "退款 300.01 元超过该户预存 300.00 元。"
    with office.db.write() as s:
        done = refunds.refund_prepayment(s, office.clerk, aid, "120", method="cash", reason="搬家", approver=ok,
                                         idempotency_key=key())
    assert done.receipt_number == "T01-R-0000001" and done.balances.prepayment_credit == D("180.00")



def test_a_deposit_held_is_refunded_with_a_refund_receipt_and_no_more(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:  # a 押金 taken in cash
        ledger.record(s, office.clerk, aid, [ledger.Line("deposit", D("50")), ledger.Line("payment", D("-50"), "cash")],
                      idempotency_key=key(), action="ledger.post")
    ok = approve(office).approver
    assert ok is not None
    err = refused(office.db, lambda s: refunds.refund_held(s, office.clerk, aid, "50.01", bucket="deposit",
                                                          method="cash", reason="退瓶", approver=ok,
                                                          idempotency_key=key()))
    assert err.zh == "退款 50.01 元超过该户押金 50.00 元。"
    with office.db.write() as s:
        done = refunds.refund_held(s, office.clerk, aid, "50", bucket="deposit", method="cash", reason="退瓶",
                                   approver=ok, idempotency_key=key())
    assert done.amount == D("50.00") and done.balances.deposits == D("0.00")
    assert done.balances.prepayment_credit == D("300.00")  # the prepayment stays

def test_the_database_keeps_receipts_and_their_numbers(office: Office) -> None:
    aid = with_open_bills(office)
    pay(office, aid, "10")
    for sql, words in (("UPDATE receipts SET amount = 1", "never changes"),
                       ("DELETE FROM receipts", "never deleted"),
                       ("UPDATE receipt_series SET last_number = last_number + 2", "steps up by one"),
                       ("UPDATE receipt_series SET last_number = last_number - 1", "steps up by one"),
                       ("DELETE FROM receipt_series", "never deleted")):
        with pytest.raises(Exception, match=words), office.db.write() as s:
            s.execute(text(sql))


def _pay_many(url: str, login: str, account_id: int, n: int, tag: str) -> None:
    """A second program at the counter: its own connection, its own clerk, paying ``n`` times."""
    from gasdesk.models import User
    from gasdesk.services.cashier import payments
    from gasdesk.services.core.actor import Actor

    db = open_database(url)
    with db.read() as s:
        user = s.scalar(select(User).where(User.login == login))
        actor = Actor(user.id, user.login, user.name, user.role, "T01", 1)
    for i in range(n):
        with db.write() as s:
            payments.take_payment(s, actor, account_id, amount="1", method="cash", idempotency_key=f"{tag}-{i}")
    db.dispose()


@pytest.mark.sqlite_only  # two processes on one file
def test_two_processes_paying_at_once_never_share_or_skip_a_number(office: Office) -> None:
    aid = with_open_bills(office)
    url = office.db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_pay_many, args=(url, login, aid, 15, login)) for login in ("clerk", "supervisor")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    with office.db.read() as s:
        seqs = sorted(s.scalars(select(Receipt.seq)))
        numbers = set(s.scalars(select(Receipt.number)))
    assert seqs == list(range(1, 32)) and len(numbers) == 31  # 30 payments and the opening fees' receipt
