"""The money base: registered counters, parties, business dates and shifts, allocations, cash
tendered, whole-posting voids, and composed services that read back what they stored."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from accounts_support import FEES, Office, key, refused
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from gasdesk.models import AuditEntry, LedgerAllocation, LedgerPosting, Shift, User
from gasdesk.services import ledger
from gasdesk.services.accounts import changes, closing, opening, records
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.ledger import parties, shifts
from gasdesk.services.office import counters, users

D = Decimal


def _signed(office: Office, **kw: object) -> tuple[int, opening.SigningResult]:
    aid = office.account_at("application")
    fees = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"), D("100.00"))
    with office.db.write() as s:
        result = opening.sign_contract(s, office.clerk, aid, fees=fees, paid=fees.total, method="cash",
                                       idempotency_key=kw.pop("idempotency_key", key()), **kw)  # type: ignore[arg-type]
    return aid, result


def test_a_sign_in_names_a_registered_counter_or_is_refused(office: Office) -> None:
    with office.db.write() as s:
        wrong = users.authenticate(s, "clerk", "secret-123", counter="X99")
        missing = users.authenticate(s, "clerk", "secret-123", counter="", counter_required=True)
        right = users.authenticate(s, "clerk", "secret-123", counter=" t01 ")
    assert wrong.actor is None and wrong.error is not None
    assert wrong.error.zh.startswith("柜台号 X99 未登记。")
    assert missing.actor is None and missing.error.zh == "请填写柜台号（例如 C01）。"  # type: ignore[union-attr]
    assert right.actor is not None and (right.actor.counter, right.actor.counter_id) == ("T01", office.clerk.counter_id)
    with office.db.read() as s:
        clerk = s.scalar(select(User).where(User.login == "clerk"))
        logged = s.scalars(select(AuditEntry.after).where(AuditEntry.action == "login.failed")).all()
    assert clerk.failed_logins == 0  # a wrong counter is not a wrong password
    assert len(logged) == 2 and all("unregistered counter" in a for a in logged)


@pytest.mark.parametrize(("typed", "quoted"), [("\udcff\udcfe", "\\udcff\\udcfe"), ("C" * 5000, "C" * 16 + "…")])
def test_an_odd_counter_code_is_refused_in_words_quoting_a_short_prefix(office: Office, typed: str,
                                                                          quoted: str) -> None:
    with office.db.write() as s:
        outcome = users.authenticate(s, "clerk", "secret-123", counter=typed)
    assert outcome.actor is None and outcome.error is not None
    assert outcome.error.zh == f"柜台号 {quoted} 未登记。请填写本机的柜台号，或请管理员在“系统管理 → 柜台”中登记。"


def test_counters_are_kept_by_the_admin(office: Office) -> None:
    with office.db.write() as s:
        added = counters.add_counter(s, office.admin, "d02", "城西调瓶点", "depot")
    assert (added.code, added.kind) == ("D02", "depot")
    refused(office.db, lambda s: counters.add_counter(s, office.admin, "D02", "重复"), Conflict)
    refused(office.db, lambda s: counters.add_counter(s, office.admin, "C 0/1", "坏号"), ValidationError)
    refused(office.db, lambda s: counters.add_counter(s, office.clerk, "C09", "无权"))
    with office.db.read() as s:
        assert [(c.code, c.kind) for c in counters.list_counters(s)] == [("D02", "depot"), ("T01", "counter")]


def test_a_posting_without_a_registered_counter_is_refused(office: Office) -> None:
    aid = office.account_at("in_service")
    script = Actor(office.clerk.user_id, "clerk", "clerk", office.clerk.role)  # a script signed in without one
    err = refused(office.db, lambda s: ledger.post(s, script, aid, [ledger.Line("gas_charge", D("1.00"))],
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == "记账须在已登记的柜台进行：请用柜台号登录（命令行加 --counter 柜台号）。"


def test_a_posting_for_an_lpg_customer_party(office: Office) -> None:
    with office.db.write() as s:
        party = parties.new_lpg_customer_party(s)
        result = ledger.record(s, office.clerk, None, [ledger.Line("deposit", D("150.00"))], party_id=party.id,
                               payment=ledger.Payment(D("150.00"), "cash", tendered=D("200.00")),
                               idempotency_key="lpg-1", action="depot.deposit")
        again = ledger.record(s, office.clerk, None, [ledger.Line("deposit", D("150.00"))], party_id=party.id,
                              idempotency_key="lpg-1", action="depot.deposit")
    assert (result.party_id, result.account_id) == (party.id, None)
    assert [(e.kind, e.amount, e.tendered, e.change_given) for e in result.entries] == [
        ("deposit", D("150.00"), None, None), ("payment", D("-150.00"), D("200.00"), D("50.00"))]
    assert result.change_given == D("50.00") and result.balances.deposits == D("150.00")
    assert again.replayed and again.posting_id == result.posting_id


def test_money_takes_its_shift_s_business_date_and_other_postings_today(office: Office) -> None:
    aid = office.account_at("in_service")
    yesterday = date.today() - timedelta(days=1)
    with office.db.write() as s:  # the signing's shift ends; one opened before midnight is still open
        s.execute(text("UPDATE shifts SET status = 'closed', closed_at = CURRENT_TIMESTAMP"))
        s.add(Shift(counter_id=office.clerk.counter_id, user_id=office.clerk.user_id, business_date=yesterday,
                    status="open"))
    with office.db.write() as s:
        paid = ledger.post(s, office.clerk, aid, [], payment=ledger.Payment(D("20.00"), "wechat"),
                           idempotency_key=key())
        charged = ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("20.00"))], idempotency_key=key())
    assert paid.business_date == yesterday and paid.shift_id is not None  # the shift opened before midnight
    assert charged.business_date == date.today() and charged.shift_id is None
    assert {e.business_date for e in paid.entries} == {yesterday}


def test_a_closed_shift_takes_no_posting_and_never_changes(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:
        shift = shifts.current(s, office.clerk)
        shift_id = shift.id
        s.execute(text("UPDATE shifts SET status = 'closed', closed_at = CURRENT_TIMESTAMP WHERE id = :i"),
                  {"i": shift_id})
    err = refused(office.db, lambda s: ledger.record(s, office.clerk, aid, [], idempotency_key=key(),
                                                     payment=ledger.Payment(D("5.00"), "cash"),
                                                     shift=s.get(Shift, shift_id)), Conflict)
    assert err.zh.endswith("已结班，不能再记账。")
    with pytest.raises(IntegrityError), office.db.write() as s:  # and the database refuses it too
        s.execute(text("INSERT INTO ledger_postings (party_id, account_id, idempotency_key, action, memo, "
                       "business_date, counter_id, user_id, shift_id, created_at) SELECT party_id, account_id, "
                       "'into-closed', action, memo, business_date, counter_id, user_id, :i, created_at "
                       "FROM ledger_postings LIMIT 1"), {"i": shift_id})
    with pytest.raises(IntegrityError), office.db.write() as s:
        s.execute(text("UPDATE shifts SET status = 'open', closed_at = NULL WHERE id = :i"), {"i": shift_id})
    with office.db.write() as s:  # the next payment opens a new shift
        paid = ledger.post(s, office.clerk, aid, [], payment=ledger.Payment(D("5.00"), "cash"), idempotency_key=key())
    assert paid.shift_id not in (None, shift_id)


def test_cash_tendered_below_the_amount_is_refused_and_nothing_is_stored(office: Office) -> None:
    aid = office.account_at("application")
    fees = FEES
    err = refused(office.db, lambda s: opening.sign_contract(
        s, office.clerk, aid, fees=fees, paid=fees.total, method="cash", tendered=D("1999.99"),
        idempotency_key=key()), ValidationError)
    assert err.zh == "实收现金 1999.99 元少于应收 2000.00 元，请再收 0.01 元。"
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(LedgerPosting)) == 0
    with office.db.write() as s:
        signed = opening.sign_contract(s, office.clerk, aid, fees=fees, paid=fees.total, method="cash",
                                       tendered=D("2100.00"), idempotency_key=key())
    assert signed.posting is not None and signed.posting.change_given == D("100.00")
    refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [], idempotency_key=key(),
                                             payment=ledger.Payment(D("1.00"), "wechat", tendered=D("5.00"))),
            ValidationError)


def test_a_payment_is_allocated_to_the_charges_it_settles(office: Office) -> None:
    aid, signed = _signed(office)
    posting = signed.posting
    assert posting is not None
    charges = {e.id: e.amount for e in posting.entries if e.amount > 0}
    payment = next(e for e in posting.entries if e.kind == "payment")
    assert {a.charge_entry_id: a.amount for a in posting.allocations} == charges
    assert {a.credit_entry_id for a in posting.allocations} == {payment.id}
    with office.db.write() as s:
        bill = ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("80.00"))], idempotency_key=key())
        part = ledger.post(s, office.clerk, aid, [], payment=ledger.Payment(D("30.00"), "alipay"),
                           idempotency_key=key())
        left = ledger.open_amount(s, bill.entries[0].id)
    assert [(a.charge_entry_id, a.amount) for a in part.allocations] == [(bill.entries[0].id, D("30.00"))]
    assert left == D("50.00")  # a partial payment leaves the charge partly open


def test_a_five_entry_posting_is_voided_in_one_call_and_only_once(office: Office) -> None:
    aid, signed = _signed(office)
    posting = signed.posting
    assert posting is not None and len(posting.entries) == 5
    with office.db.read() as s:
        before = ledger.balances(s, aid)
    submission = key()
    with office.db.write() as s:
        void = ledger.void_posting(s, office.clerk, posting.posting_id, "签约金额收错", idempotency_key=submission,
                                   approver=office.supervisor)
    assert void.voids == posting.posting_id and void.approved_by == office.supervisor.user_id
    assert sorted(e.reversal_of for e in void.entries) == sorted(e.id for e in posting.entries)
    assert void.total == D("0.00")
    assert sum(a.amount for a in void.allocations) == -sum(a.amount for a in posting.allocations)
    with office.db.read() as s:
        after = ledger.balances(s, aid)
        allocated = s.scalar(select(func.sum(LedgerAllocation.amount)).where(
            LedgerAllocation.charge_entry_id.in_([e.id for e in posting.entries])))
    assert (before.balance, before.prepayment_credit, before.deposits) == (D("0.00"), D("300.00"), D("100.00"))
    assert (after.balance, after.prepayment_credit, after.deposits) == (D("0.00"), D("0.00"), D("0.00"))
    assert allocated == D("0.00")
    with office.db.write() as s:  # the same submission again: the same void, nothing new
        again = ledger.void_posting(s, office.clerk, posting.posting_id, "签约金额收错", idempotency_key=submission,
                                    approver=office.supervisor)
    assert again.replayed and again.posting_id == void.posting_id
    err = refused(office.db, lambda s: ledger.void_posting(s, office.clerk, posting.posting_id, "再作废",
                                                           idempotency_key=key(), approver=office.supervisor), Conflict)
    assert err.zh == f"这笔记账已由记账 {void.posting_id} 作废，不能重复作废。"
    err = refused(office.db, lambda s: ledger.void_posting(s, office.clerk, posting.posting_id, "无批准",
                                                           idempotency_key=key(), approver=office.clerk))
    assert "批准作废和退款" in err.zh  # a clerk cannot approve


def test_a_retried_signing_returns_what_it_stored_the_contract_and_number_included(office: Office) -> None:
    submission = key()
    aid, first = _signed(office, idempotency_key=submission)
    with office.db.write() as s:
        again = opening.sign_contract(s, office.clerk, aid, fees=FEES, paid=FEES.total, method="cash",
                                      idempotency_key=submission)
    assert again.replayed
    assert (again.number, again.contract_id) == (first.number, first.contract_id)
    assert again.posting is not None and first.posting is not None
    assert again.posting.posting_id == first.posting.posting_id
    assert [e.id for e in again.posting.entries] == [e.id for e in first.posting.entries]
    assert again.posting.allocations == first.posting.allocations


@pytest.mark.parametrize("funds", ["refund", "carry_over"])
def test_a_retried_transfer_returns_what_it_stored(office: Office, funds: str) -> None:
    aid = office.account_at("in_service")
    submission = key()

    def transfer(s):  # type: ignore[no-untyped-def]
        return changes.transfer(s, office.clerk, aid, holder=office.holder("李四", phone="13912345678"), funds=funds,
                                consent="原户主签字同意", idempotency_key=submission)

    with office.db.write() as s:
        first = transfer(s)
    with office.db.write() as s:
        again = transfer(s)
    assert again.replayed and again.contract_id == first.contract_id and first.contract_id is not None
    assert (again.carried_prepayment, again.carried_deposits) == (first.carried_prepayment, first.carried_deposits)
    assert (again.posting.posting_id if again.posting else None) == (
        first.posting.posting_id if first.posting else None)


def test_a_retried_settlement_returns_the_same_posting(office: Office) -> None:
    aid = office.account_at("in_service")
    submission = key()
    with office.db.write() as s:
        first = closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=submission)
    with office.db.write() as s:
        again = closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=submission)
    assert first is not None and again is not None and again.replayed
    assert again.posting_id == first.posting_id and again.entries == first.entries
