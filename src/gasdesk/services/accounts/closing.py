"""Settling and closing an account: the settlement that empties it, then 销户 with the final reading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import AccountStatus, Contract, ReadingKind
from gasdesk.money import money, volume
from gasdesk.services import ledger
from gasdesk.services.accounts import states
from gasdesk.services.accounts.meters import active_meter
from gasdesk.services.accounts.records import AccountSummary, load, summarize, today
from gasdesk.services.accounts.states import MACHINE, AccountEvent
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, changed
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger.entries import Balances, balances
from gasdesk.services.readings.store import store_account_reading


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
) -> ledger.PostingResult | None:
    """结算: charge the final settlement (gas since the last bill, from the billing service),
    release prepayment and deposits, then take or pay the net so the account stands at 0.
    Returns None when there is nothing to settle."""
    require(session, actor, "ledger.post")
    require(session, actor, "ledger.refund")  # settling pays held funds back
    first = ledger.replay(session, idempotency_key, account_id)
    if first is not None:
        return first
    account = load(session, account_id)
    MACHINE.check_action(AccountStatus(account.status), "settle")
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
    return ledger.record(session, actor, account.id, lines, idempotency_key=idempotency_key,
                         action="account.settle", memo="销户结算")


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
    if final_reading is not None:
        try:
            final_reading = volume(final_reading)
        except (TypeError, ValueError):
            raise ValidationError(f"读数无效：{final_reading}", f"Invalid reading: {final_reading}") from None
    when = closed_on or today()
    states.step(session, actor, account, AccountEvent.CLOSE, final_reading=final_reading)
    meter = active_meter(session, account.id)
    if meter is not None:
        if final_reading is not None:
            store_account_reading(session, actor, meter, final_reading, when, ReadingKind.FINAL)
        meter.removed_on = when
        meter.final_reading = final_reading
    for contract in session.scalars(select(Contract).where(Contract.account_id == account.id,
                                                           Contract.status == "open")):
        contract.status = "ended"
        contract.ended_on = when
    account.closed_on = when
    return changed(summarize(session, actor, account), Change.ACCOUNT)


