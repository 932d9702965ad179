"""Settling and closing an account: the settlement that empties it, then 销户 with the final reading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import AccountStatus, Contract, Reading, ReadingKind, ReadingStatus
from gasdesk.money import money, volume
from gasdesk.services import ledger
from gasdesk.services.accounts import states
from gasdesk.services.accounts.meters import active_meter, check_final_reading
from gasdesk.services.accounts.records import AccountSummary, load, summarize, today
from gasdesk.services.accounts.states import MACHINE, AccountEvent
from gasdesk.services.billing import bills
from gasdesk.services.cashier import receipts
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger.entries import Balances, balances
from gasdesk.services.readings.store import store_account_reading


def parse_final(value: object) -> Decimal:
    try:
        return volume(value)
    except (TypeError, ValueError, ValidationError):
        raise ValidationError(f"读数无效：{value}", f"Invalid reading: {value}", field="reading") from None


def take_final_reading(session: Session, actor: Actor, account_id: int, value: Decimal | str, on: date) -> Decimal:
    """The meter's final reading, stored once (the settlement's and the closing's are the same
    reading) and billed at once: the gas to it is charged before the account is settled or closed.
    Returns the gas billed."""
    final = parse_final(value)
    meter = active_meter(session, account_id)
    if meter is None:
        return Decimal("0.00")
    check_final_reading(meter, final)
    taken = session.scalar(select(Reading).where(Reading.meter_id == meter.id, Reading.kind == ReadingKind.FINAL,
                                                 Reading.status != ReadingStatus.SUPERSEDED))
    if taken is not None and (taken.value, taken.read_on) != (final, on):
        raise Conflict(f"结算时已记下该表最终读数 {taken.value}（{taken.read_on}），销户请填写同一读数和日期。",
                       f"The settlement took the final reading {taken.value} on {taken.read_on}; close with the same.")
    reading = store_account_reading(session, actor, meter, final, on, ReadingKind.FINAL)
    return bills.bill_taken(session, actor, reading, must=True).total


def quote_final(session: Session, actor: Actor, account_id: int, value: Decimal | str, on: date) -> Decimal:
    """What the settlement would bill for the gas to ``value``: the same steps in a savepoint that
    is rolled back, so the figure shown is the one the settlement posts. A refusal raises as there."""
    require(session, actor, "billing.post")
    savepoint = session.begin_nested()
    try:
        return take_final_reading(session, actor, account_id, value, on)
    finally:
        savepoint.rollback()


def release_lines(b: Balances, method: str, settlement: Decimal = Decimal("0.00")) -> list[ledger.Line]:
    """Entries that empty an account: release held funds, charge the settlement, pay/take the net."""
    lines: list[ledger.Line] = []
    if settlement:
        lines.append(ledger.Line("settlement", settlement))
    if b.prepayment_credit:
        lines.append(ledger.Line("prepayment_refund", -b.prepayment_credit))
    if b.deposits:
        lines.append(ledger.Line("deposit_refund", -b.deposits))
    net = b.settlement_net(settlement)
    if net > 0:
        lines.append(ledger.Line("payment", -net, method))
    elif net < 0:
        lines.append(ledger.Line("refund", -net, method))
    return lines


def settle_for_closing(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    method: str,
    idempotency_key: str,
    settlement_charge: Decimal = Decimal("0.00"),
    final_reading: Decimal | None = None,
    read_on: date | None = None,
) -> ledger.PostingResult | None:
    """结算: bill the gas to the meter's ``final_reading`` (taken on ``read_on``, today by default;
    the closing keeps it), charge any other ``settlement_charge``, release prepayment and deposits,
    then take or pay the net so the account stands at 0. Returns None when there is nothing to settle."""
    require(session, actor, "ledger.post")
    require(session, actor, "ledger.refund")  # settling pays held funds back
    first = ledger.replay(session, idempotency_key, account_id)
    if first is not None:
        return first
    account = load(session, account_id)
    MACHINE.check_action(AccountStatus(account.status), "settle")
    if final_reading is not None:
        take_final_reading(session, actor, account.id, final_reading, read_on or today())
    try:
        charge = money(settlement_charge)
    except (TypeError, ValueError):
        raise ValidationError(f"结算金额无效：{settlement_charge}",
                              f"Invalid settlement: {settlement_charge}") from None
    if charge < 0:
        raise ValidationError("结算金额不能为负数。", "The settlement charge cannot be negative.")
    lines = release_lines(balances(session, account.id), method, charge)
    if not lines:
        return None
    posted = ledger.record(session, actor, account.id, lines, idempotency_key=idempotency_key,
                           action="account.settle", memo="销户结算")
    receipts.issue_for(session, actor, posted)
    return posted


def close(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    final_reading: Decimal | None = None,
    closed_on: date | None = None,
) -> AccountSummary:
    """销户: balance and held funds must be zero (settle first); the meter's final reading is kept."""
    require(session, actor, "account.change")
    account = load(session, account_id)
    when = closed_on or today()
    if final_reading is not None:
        final_reading = parse_final(final_reading)
        take_final_reading(session, actor, account.id, final_reading, when)
    states.step(session, actor, account, AccountEvent.CLOSE, final_reading=final_reading)
    meter = active_meter(session, account.id)
    if meter is not None:
        meter.removed_on = when
        meter.final_reading = final_reading
    for contract in session.scalars(select(Contract).where(Contract.account_id == account.id,
                                                           Contract.status == "open")):
        contract.status = "ended"
        contract.ended_on = when
    account.closed_on = when
    return changed(summarize(session, actor, account), Change.ACCOUNT)


