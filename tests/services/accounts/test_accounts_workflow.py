"""The opening workflow: every declared transition works, every other step is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import FEES, Office, account_in, key, refused
from sqlalchemy import func, select

from gasdesk.models import Account, AccountStatus, AuditEntry, LedgerEntry
from gasdesk.services import ledger
from gasdesk.services.accounts import changes, closing, meters, opening, page, records
from gasdesk.services.accounts.states import MACHINE, TRANSITIONS
from gasdesk.services.accounts.states import AccountEvent as Event
from gasdesk.services.core import labels
from gasdesk.services.core.errors import Conflict

D = Decimal


def _close(s, o: Office, aid: int) -> None:
    b = ledger.balances(s, aid)
    if b.balance or b.held:
        closing.settle_for_closing(s, o.clerk, aid, method="cash", idempotency_key=key())
    meter = meters.active_meter(s, aid)
    closing.close(s, o.clerk, aid, final_reading=D("1.000") if meter else None, closed_on=date(2026, 2, 1))


def _sign(s, o: Office, aid: int) -> None:
    opening.sign_contract(s, o.clerk, aid, fees=FEES, paid=FEES.total, method="cash", idempotency_key=key(),
                           signed_on=date(2026, 1, 6))


EVENT_CALL = {
    Event.SIGN: _sign,
    Event.NUMBER: lambda s, o, aid: opening.assign_number(s, o.clerk, aid),
    Event.PLAN_INSTALL: lambda s, o, aid: opening.plan_installation(
        s, o.clerk, aid, planned_on=date(2026, 1, 20), installer_team="安装二队"),
    Event.INSTALL: lambda s, o, aid: opening.mark_installed(s, o.clerk, aid, installed_on=date(2026, 1, 20)),
    Event.GAS_ON: lambda s, o, aid: opening.gas_on(s, o.clerk, aid, on=date(2026, 1, 21), serial=f"X{aid}",
                                                    initial_reading=D("0")),
    Event.START_SERVICE: lambda s, o, aid: opening.start_service(s, o.clerk, aid),
    Event.SUSPEND: lambda s, o, aid: changes.suspend(s, o.clerk, aid, "用户申请停气"),
    Event.RESUME: lambda s, o, aid: changes.resume(s, o.clerk, aid),
    Event.CLOSE: _close,
}

ALL_PAIRS = [(s, e) for s in AccountStatus for e in Event]


@pytest.mark.parametrize(("status", "event"), [p for p in ALL_PAIRS if p in TRANSITIONS],
                         ids=lambda v: str(v))
def test_every_declared_transition_works(office: Office, status: AccountStatus, event: Event) -> None:
    aid = account_in(office, status)
    with office.db.write() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        EVENT_CALL[event](s, office, aid)
    with office.db.read() as s:
        account = s.get(Account, aid)
        target = TRANSITIONS[(status, event)].target
        # signing numbers the account in the same transaction (contract_signed -> numbered)
        assert account.status == (AccountStatus.NUMBERED if event is Event.SIGN else target)
        step_audits = s.scalars(select(AuditEntry.action).where(AuditEntry.id > audits,
                                                               AuditEntry.action == f"account.{event.value}"))
        assert len(list(step_audits)) == 1  # every step is in the audit log


@pytest.mark.parametrize(("status", "event"), [p for p in ALL_PAIRS if p not in TRANSITIONS],
                         ids=lambda v: str(v))
def test_every_other_step_is_refused_with_the_allowed_ones(office: Office, status: AccountStatus,
                                                           event: Event) -> None:
    aid = account_in(office, status)
    err = refused(office.db, lambda s: EVENT_CALL[event](s, office, aid), Conflict)
    allowed = labels.joined(labels.ACCOUNT_EVENT, MACHINE.next_events(status), "zh") or "无（已是最终状态）"
    status_zh, event_zh = labels.ACCOUNT_STATUS[status].zh, labels.ACCOUNT_EVENT[event].zh
    assert err.zh == f"当前状态为“{status_zh}”，不能办理“{event_zh}”。可办理：{allowed}。"


def test_step_out_of_order_message(office: Office) -> None:
    aid = office.account_at("numbered")
    err = refused(office.db, lambda s: EVENT_CALL[Event.GAS_ON](s, office, aid), Conflict)
    assert err.zh == "当前状态为“已编号”，不能办理“点火通气”。可办理：安排安装、销户。"


def test_contract_signing_posts_exact_amounts_and_numbers_the_account(office: Office) -> None:
    aid = office.account_at("application")
    with office.db.write() as s:
        result = opening.sign_contract(
            s, office.clerk, aid, fees=records.ContractFees(D("200.00"), D("1500.00"), D("300.00")),
            paid=D("2000.00"), method="wechat", idempotency_key="sign-1", signed_on=date(2026, 1, 6))
    assert result.account.status == "numbered"
    assert result.number == "010000012"  # area 01, its first sequence number 000001, Damm check digit 2
    assert [(e.kind, e.amount, e.method) for e in result.posting.entries] == [
        ("opening_fee", D("200.00"), None), ("installation_fee", D("1500.00"), None),
        ("prepayment", D("300.00"), None), ("payment", D("-2000.00"), "wechat")]
    b = result.posting.balances
    assert (b.balance, b.prepayment_credit, b.deposits, b.arrears) == (D("0.00"), D("300.00"), D("0.00"), D("0.00"))
    assert b.available == D("300.00")  # what the counter shows as 余额
    with office.db.read() as s:
        detail = page.account_detail(s, office.clerk, result.number)
        assert detail.contracts[0].opening_fee == D("200.00")
        assert [h.action for h in detail.history][:5] == [
            "account.number", "account.contract", "account.sign_contract", "account.sign", "account.apply"]


def test_signing_retry_with_the_same_key_returns_the_first_result(office: Office) -> None:
    aid = office.account_at("application")
    args = dict(fees=FEES, paid=FEES.total, method="cash", idempotency_key="sign-twice")
    with office.db.write() as s:
        first = opening.sign_contract(s, office.clerk, aid, **args)
    with office.db.write() as s:
        again = opening.sign_contract(s, office.clerk, aid, **args)
    assert again.replayed and again.number == first.number and again.posting.posting_id == first.posting.posting_id
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(LedgerEntry)) == 4


def test_signing_with_short_payment_is_refused(office: Office) -> None:
    aid = office.account_at("application")
    err = refused(office.db, lambda s: opening.sign_contract(
        s, office.clerk, aid, fees=FEES, paid=D("1999.99"), method="cash", idempotency_key=key()))
    assert err.zh == ("签约应收 2000.00 元（开户费 200.00、安装费 1500.00、预付款 300.00、押金 0.00），"
                      "实收 1999.99 元，不一致。签约时须一次付清。")


def test_numbers_run_in_sequence_per_area_and_are_never_reused(office: Office) -> None:
    numbers = []
    for _ in range(3):
        aid = office.account_at("numbered")
        with office.db.read() as s:
            numbers.append(s.get(Account, aid).number)
    assert [n[:8] for n in numbers] == ["01000001", "01000002", "01000003"]
    # a refused signing does not spend a number
    aid = office.account_at("application")
    refused(office.db, lambda s: opening.sign_contract(
        s, office.clerk, aid, fees=FEES, paid=D("1"), method="cash", idempotency_key=key()))
    nxt = office.account_at("numbered")
    with office.db.read() as s:
        assert s.get(Account, nxt).number[:8] == "01000004"


def test_gas_on_needs_a_meter(office: Office) -> None:
    aid = office.account_at("installed")
    err = refused(office.db, lambda s: opening.gas_on(s, office.clerk, aid), Conflict)
    assert err.zh == "通气前须登记燃气表：请填写表号和初始读数。"
    with office.db.write() as s:
        changes.register_meter(s, office.clerk, aid, serial="ab123", initial_reading=D("0.5"))
        summary = opening.gas_on(s, office.clerk, aid, on=date(2026, 1, 30))
    assert summary.status == "gas_on" and summary.opened_on == date(2026, 1, 30)


def test_closing_with_a_balance_is_refused_with_what_to_settle(office: Office) -> None:
    aid = office.account_at("in_service")
    err = refused(office.db, lambda s: closing.close(s, office.clerk, aid, final_reading=D("10")), Conflict)
    assert err.zh == "该户还有预付款 300.00 元未结清，请先办理销户结算（退款）再销户。"
    with office.db.write() as s:
        ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("350.50"))], idempotency_key=key())
    err = refused(office.db, lambda s: closing.close(s, office.clerk, aid, final_reading=D("10")), Conflict)
    assert err.zh == "该户尚欠费 350.50 元，请先收清欠费再销户。"


def test_closing_needs_the_final_reading(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:
        closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=key())
    err = refused(office.db, lambda s: closing.close(s, office.clerk, aid))
    assert err.zh == f"销户须填写燃气表 GM{aid:06d} 的最终读数。"
    with office.db.write() as s:
        done = closing.close(s, office.clerk, aid, final_reading=D("123.456"), closed_on=date(2026, 3, 1))
    assert done.status == "closed" and done.closed_on == date(2026, 3, 1)
    with office.db.read() as s:
        detail = page.account_detail(s, office.clerk, aid)
    assert detail.meters[0].final_reading == D("123.456") and not detail.meters[0].active
    assert detail.contracts[0].status == "ended"
    assert detail.allowed_actions == ["attach"]
