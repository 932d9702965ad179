"""The account life cycle on the one state machine: the declared table, its typed guards, and
``step``, which every service that moves an account calls (check, move, audit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy.orm import Session

from gasdesk.models import Account, AccountStatus
from gasdesk.services.accounts.meters import active_meter, check_final_reading
from gasdesk.services.accounts.records import AccountSummary, ContractFees, load, summarize
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.state_machine import StateMachine, Transition
from gasdesk.services.ledger.entries import balances

S = AccountStatus


class AccountEvent(StrEnum):
    SIGN = "sign"
    NUMBER = "number"
    PLAN_INSTALL = "plan_install"
    INSTALL = "install"
    GAS_ON = "gas_on"
    START_SERVICE = "start_service"
    SUSPEND = "suspend"
    RESUME = "resume"
    CLOSE = "close"


@dataclass(frozen=True)
class AccountStep:
    """What a guard reads: the account and what the clerk gave for this step."""

    session: Session
    account: Account
    fees: ContractFees | None = None
    paid: Decimal | None = None
    planned_on: date | None = None
    installer_team: str = ""
    on: date | None = None
    reason: str = ""
    final_reading: Decimal | None = None


# ---- guards ------------------------------------------------------------------------------


def fees_paid(step: AccountStep) -> None:
    fees, paid = step.fees, step.paid
    assert fees is not None and paid is not None
    if paid != fees.total:
        raise ValidationError(
            f"签约应收 {fees.total} 元（开户费 {fees.opening_fee}、安装费 {fees.installation_fee}、"
            f"预付款 {fees.prepayment}、押金 {fees.deposit}），实收 {paid} 元，不一致。签约时须一次付清。",
            f"Signing requires {fees.total} (opening {fees.opening_fee}, installation {fees.installation_fee}, "
            f"prepayment {fees.prepayment}, deposit {fees.deposit}); {paid} was received. Pay in full at signing.",
        )


def install_plan(step: AccountStep) -> None:
    if not step.installer_team:
        raise ValidationError("请填写安装班组。", "Please enter the installer team.")
    signed, planned = step.account.contract_signed_on, step.planned_on
    if signed and planned and planned < signed:
        raise ValidationError(
            f"安装日期 {planned} 早于签约日期 {signed}。",
            f"The installation date {planned} is before the signing date {signed}.",
        )


def meter_fitted(step: AccountStep) -> None:
    if active_meter(step.session, step.account.id) is None:
        raise Conflict(
            "通气前须登记燃气表：请填写表号和初始读数。",
            "Register the meter before gas-on: enter its serial and initial reading.",
        )


def reason_given(step: AccountStep) -> None:
    if not step.reason.strip():
        raise ValidationError("请填写停气原因。", "Please give the reason for suspending the supply.")


def settled(step: AccountStep) -> None:
    b = balances(step.session, step.account.id)
    if b.balance > 0:
        raise Conflict(
            f"该户尚欠费 {b.arrears} 元，请先收清欠费再销户。",
            f"The account owes {b.arrears}; collect it before closing.",
        )
    if b.held or b.balance:
        parts = []
        if b.prepayment_credit:
            parts.append(f"预付款 {b.prepayment_credit} 元")
        if b.deposits:
            parts.append(f"押金 {b.deposits} 元")
        if b.credit:
            parts.append(f"多缴款 {b.credit} 元")
        raise Conflict(
            f"该户还有{'、'.join(parts)}未结清，请先办理销户结算（退款）再销户。",
            f"The account still holds prepayment {b.prepayment_credit}, deposits {b.deposits}, credit "
            f"{b.credit}; settle (refund) them before closing.",
        )


def final_reading_given(step: AccountStep) -> None:
    meter = active_meter(step.session, step.account.id)
    if meter is None:
        return
    if step.final_reading is None:
        raise ValidationError(
            f"销户须填写燃气表 {meter.serial} 的最终读数。",
            f"Closing needs the final reading of meter {meter.serial}.",
        )
    check_final_reading(meter, step.final_reading)


# ---- the table ---------------------------------------------------------------------------

T = Transition
E = AccountEvent
_PRE_SERVICE = (S.APPLICATION, S.CONTRACT_SIGNED, S.NUMBERED, S.INSTALL_PLANNED, S.INSTALLED, S.GAS_ON)
_CLOSE = T(S.CLOSED, (settled, final_reading_given))

TRANSITIONS: dict[tuple[AccountStatus, AccountEvent], Transition[AccountStatus, AccountStep]] = {
    (S.APPLICATION, E.SIGN): T(S.CONTRACT_SIGNED, (fees_paid,), forward=True),
    # Numbering follows signing in the same transaction (sign_contract); the separate event
    # remains for an account left at contract_signed (e.g. imported records).
    (S.CONTRACT_SIGNED, E.NUMBER): T(S.NUMBERED, forward=True),
    (S.NUMBERED, E.PLAN_INSTALL): T(S.INSTALL_PLANNED, (install_plan,), forward=True),
    (S.INSTALL_PLANNED, E.PLAN_INSTALL): T(S.INSTALL_PLANNED, (install_plan,)),  # re-plan
    (S.INSTALL_PLANNED, E.INSTALL): T(S.INSTALLED, forward=True),
    (S.INSTALLED, E.GAS_ON): T(S.GAS_ON, (meter_fitted,), forward=True),
    (S.GAS_ON, E.START_SERVICE): T(S.IN_SERVICE, forward=True),
    (S.IN_SERVICE, E.SUSPEND): T(S.SUSPENDED, (reason_given,)),
    (S.SUSPENDED, E.RESUME): T(S.IN_SERVICE),
    **{(s, E.CLOSE): _CLOSE for s in _PRE_SERVICE},
    (S.IN_SERVICE, E.CLOSE): _CLOSE,
    (S.SUSPENDED, E.CLOSE): _CLOSE,
}

# Changes that keep the status, and the statuses they are allowed in.
_OPEN = tuple(s for s in AccountStatus if s is not S.CLOSED)
ACTIONS: dict[str, tuple[AccountStatus, ...]] = {
    "rename": _OPEN,
    "update_phones": _OPEN,
    "transfer": (S.GAS_ON, S.IN_SERVICE, S.SUSPENDED),
    "register_meter": (S.NUMBERED, S.INSTALL_PLANNED, S.INSTALLED),
    "replace_meter": (S.GAS_ON, S.IN_SERVICE, S.SUSPENDED),
    "settle": _OPEN,
    "attach": tuple(AccountStatus),
}

MACHINE: StateMachine[AccountStatus, AccountEvent, AccountStep] = StateMachine(
    labels.Label("用户", "account"), TRANSITIONS, states=labels.ACCOUNT_STATUS, events=labels.ACCOUNT_EVENT,
    actions=ACTIONS, action_labels=labels.ACCOUNT_CHANGE,
)

# What the history keeps of a step's inputs.
_AUDITED = ("planned_on", "installer_team", "on", "reason", "final_reading")


def take_step(
    session: Session, actor: Actor, account_id: int, event: AccountEvent, permission: str, **inputs: object
) -> AccountSummary:
    """A step that needs nothing but its permission and the table: check, move, audit, summarize."""
    require(session, actor, permission)
    account = load(session, account_id)
    step(session, actor, account, event, **inputs)
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def step(session: Session, actor: Actor, account: Account, event: AccountEvent, **inputs: object) -> tuple[str, str]:
    """Check the declared transition and its guards, move the account, audit the step."""
    context = AccountStep(session, account, **inputs)  # type: ignore[arg-type]
    before = account.status
    account.status = MACHINE.step(AccountStatus(before), event, context).value
    session.flush()
    detail = {k: v for k, v in inputs.items() if k in _AUDITED}
    audit.record(
        session, actor, f"account.{event.value}", "account", account.id,
        before={"status": before}, after={"status": account.status, "number": account.number, **detail},
    )
    return before, account.status
