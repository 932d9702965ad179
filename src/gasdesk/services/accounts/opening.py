"""The opening workflow of a piped-gas account: application (申请), contract signing with the
fees (签约), number (编号), installation plan and installation, gas-on (通气), in service.

Every step goes through the state machine (states.step) after its permission is checked, and
writes its audit row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, AccountStatus, AccountType, Contract
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.accounts import numbers
from gasdesk.services.accounts.identity import mask_id, normalize_typed
from gasdesk.services.accounts.meters import active_meter, add_meter
from gasdesk.services.accounts.records import (
    AccountSummary,
    ContractFees,
    HolderInput,
    PremisesInput,
    audit_holder,
    clean_holder,
    describe,
    find_or_add_premises,
    load,
    set_holder,
    summarize,
    today,
)
from gasdesk.services.accounts.states import MACHINE, AccountEvent, step, take_step
from gasdesk.services.cashier import receipts
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger.posting import PostingResult

Event = AccountEvent
_SIGNED = frozenset({Change.ACCOUNT, Change.LEDGER})


# The events a clerk records after they happened (a planned date may lie ahead).
_SIGNING = labels.Label("签约", "signing")
_INSTALLED = labels.Label("安装", "installation")
_GAS_ON = labels.Label("通气", "gas-on")


def refuse_future(session: Session, when: date, event: labels.Label) -> None:
    """Only what has happened is recorded: ``when`` may not lie after the business day."""
    day = business_day.today(session)
    if when > day:
        raise ValidationError(
            f"{event.zh}日期 {when} 晚于今天（{day}）：只能登记已经发生的{event.zh}，请填今天或之前的日期。",
            f"The {event.en} date {when} is after today ({day}): record it once it has happened, "
            "with today or an earlier date.",
        )


@dataclass(frozen=True)
class ListedFees:
    """The fee list for one account's customer type, as the contract form starts from it.

    The contract has no meter column: the meter fee is charged within the installation fee."""

    account_type: str
    opening_fee: Decimal
    installation_fee: Decimal  # the type's installation fee alone
    meter_fee: Decimal
    prepayment: Decimal

    @property
    def fees(self) -> ContractFees:
        return ContractFees(self.opening_fee, self.installation_fee + self.meter_fee, self.prepayment)


def listed_fees(session: Session, actor: Actor, account_id: int) -> ListedFees:
    require(session, actor, "account.view")
    account = load(session, account_id)
    fee = settings.fee_list(session)
    return ListedFees(account.type, fee.opening_fee, fee.installation_fee.get(account.type, Decimal("0.00")),
                      fee.meter_fee, fee.prepayment)


def _audit_fees(session: Session, actor: Actor, account: Account, contract: Contract) -> None:
    """The contract's fees beside the list's: an amount the clerk changed shows as charged ≠ list."""
    listed = listed_fees(session, actor, account.id)
    after: dict[str, object] = {"contract_id": contract.id}
    for kind, charged, standard in (
        ("opening_fee", contract.opening_fee, listed.opening_fee),
        ("installation_fee", contract.installation_fee, listed.fees.installation_fee),
        ("prepayment", contract.prepayment, listed.prepayment),
        ("deposit", contract.deposit, Decimal("0.00")),
    ):
        after[kind] = str(charged)
        after[f"{kind}_list"] = str(standard)
    after["changed_from_list"] = [k for k in ("opening_fee", "installation_fee", "prepayment", "deposit")
                                  if after[k] != after[f"{k}_list"]]
    audit.record(session, actor, "account.contract", "account", account.id, after=after)


@dataclass(frozen=True)
class SigningResult(Changed):
    account: AccountSummary
    number: str
    contract_id: int
    posting: PostingResult | None
    replayed: bool = False


def apply(
    session: Session,
    actor: Actor,
    *,
    account_type: str,
    holder: HolderInput,
    premises: PremisesInput,
    household_size: int = 1,
    applied_on: date | None = None,
    second_account_reason: str | None = None,
) -> AccountSummary:
    """Register an application (申请). One open account per premises; one per ID unless a
    supervisor records why the same person needs another."""
    require(session, actor, "account.open")
    try:
        kind = AccountType(account_type)
    except ValueError:
        raise ValidationError(f"用户类型无效：{account_type}", f"Invalid account type: {account_type}") from None
    name, id_number, phone, phone2 = clean_holder(holder)
    if not 1 <= household_size <= 30:
        raise ValidationError("家庭人口应在 1 到 30 之间。", "The household size must be between 1 and 30.",
                              field="household")
    place = find_or_add_premises(session, premises)
    occupied = session.scalar(
        select(Account).where(Account.premises_id == place.id, Account.status != AccountStatus.CLOSED)
    )
    if occupied is not None:
        raise Conflict(
            f"该地址已有未销户的用户（{describe(occupied)}，{labels.ACCOUNT_STATUS[occupied.status].zh}），"
            "不能重复开户。",
            f"This address already has an open account ({occupied.number or occupied.id}, {occupied.status}).",
        )
    same_id = session.scalar(
        select(Account).where(Account.holder_id_number == id_number, Account.status != AccountStatus.CLOSED)
    )
    if same_id is not None:
        if second_account_reason is None:
            raise Conflict(
                f"身份证号 {mask_id(id_number)} 已有未销户的用户（{describe(same_id)}，"
                f"{labels.ACCOUNT_STATUS[same_id.status].zh}），不能重复申请。如确需再开一户，请由主管办理并注明原因。",
                f"The ID number {mask_id(id_number)} already has an open account "
                f"({same_id.number or same_id.id}, {same_id.status}). A supervisor may open another, with a reason.",
            )
        require(session, actor, "account.open_additional")
        if not second_account_reason.strip():
            raise ValidationError("请注明同一证件再开户的原因。", "Give the reason for a second account.")
    account = Account(
        area_id=place.area_id, premises_id=place.id, type=kind.value, status=AccountStatus.APPLICATION.value,
        household_size=household_size, applied_on=applied_on or today(), installer_team="",
    )
    set_holder(account, name, id_number, phone, phone2)
    session.add(account)
    session.flush()
    after = {"type": kind.value, "premises_id": place.id, "household_size": household_size, **audit_holder(account)}
    if same_id is not None:
        after["second_account_reason"] = (second_account_reason or "").strip()
    audit.record(session, actor, "account.apply", "account", account.id, after=after)
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def _contract_for_key(session: Session, key: str) -> Contract | None:
    return session.scalar(select(Contract).where(Contract.submission_key == key))


def sign_contract(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    fees: ContractFees,
    paid: Decimal,
    method: str,
    idempotency_key: str,
    tendered: Decimal | None = None,
    signed_on: date | None = None,
) -> SigningResult:
    """签约: post the fees as charges and the money received as a payment (with the cash handed
    over and the change, for cash), sign, and number the account — one transaction. A retry
    with the same key reads back what was stored and returns the first result."""
    require(session, actor, "account.open")
    require(session, actor, "ledger.post")
    key = ledger.submission_key(idempotency_key)
    done = _contract_for_key(session, key)
    if done is not None:
        if done.account_id != account_id:
            raise Conflict("这个提交编号已用于另一个户号，请重新打开表单。",
                           "This submission key was already used for another account; reopen the form.")
        account = load(session, account_id)
        posting = ledger.replay(session, key, account_id)
        assert account.number is not None
        return SigningResult(summarize(session, actor, account), account.number, done.id, posting, True,
                             changes=_SIGNED)
    account = load(session, account_id)
    try:
        fees = ContractFees(*(money(v) for v in (fees.opening_fee, fees.installation_fee, fees.prepayment,
                                                   fees.deposit)))
        paid = money(paid)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"金额无效：{exc}", f"Invalid amount: {exc}") from None
    if min(fees.opening_fee, fees.installation_fee, fees.prepayment, fees.deposit, paid) < 0:
        raise ValidationError("金额不能为负数。", "Amounts cannot be negative.")
    when = signed_on or business_day.today(session)
    refuse_future(session, when, _SIGNING)
    if when < account.applied_on:
        raise ValidationError(f"签约日期早于申请日期 {account.applied_on}。",
                              f"The signing date is before the application date {account.applied_on}.")
    step(session, actor, account, Event.SIGN, fees=fees, paid=paid)
    account.contract_signed_on = when
    lines = [
        ledger.Line(kind, amount)
        for kind, amount in (("opening_fee", fees.opening_fee), ("installation_fee", fees.installation_fee),
                             ("prepayment", fees.prepayment), ("deposit", fees.deposit))
        if amount
    ]
    posting = None
    if lines:
        payment = ledger.Payment(paid, method, tendered) if paid else None
        posting = ledger.record(session, actor, account.id, lines, payment=payment, idempotency_key=key,
                                action="account.sign_contract", memo="开户签约")
        receipts.issue_for(session, actor, posting)  # the fees taken get their receipt, as any payment
    contract = Contract(
        account_id=account.id, kind="opening", holder_name=account.holder_name,
        holder_id_number=account.holder_id_number, signed_on=when, opening_fee=fees.opening_fee,
        installation_fee=fees.installation_fee, prepayment=fees.prepayment, deposit=fees.deposit,
        status="open", note="", posting_id=posting.posting_id if posting else None, submission_key=key,
        signed_by=actor.user_id,
    )
    session.add(contract)
    session.flush()
    _audit_fees(session, actor, account, contract)
    number = _number(session, actor, account)
    return SigningResult(summarize(session, actor, account), number, contract.id, posting, changes=_SIGNED)


def _number(session: Session, actor: Actor, account: Account) -> str:
    account.number = numbers.allocate(session, account.area_id)
    step(session, actor, account, Event.NUMBER)
    return account.number


def assign_number(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    MACHINE.transition(AccountStatus(account.status), Event.NUMBER)  # refuse before a number is spent
    _number(session, actor, account)
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def plan_installation(
    session: Session, actor: Actor, account_id: int, *, planned_on: date, installer_team: str
) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    team = " ".join(installer_team.split())[:40]
    step(session, actor, account, Event.PLAN_INSTALL, planned_on=planned_on, installer_team=team)
    account.install_planned_on = planned_on
    account.installer_team = team
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def mark_installed(
    session: Session, actor: Actor, account_id: int, *, installed_on: date | None = None
) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    when = installed_on or business_day.today(session)
    refuse_future(session, when, _INSTALLED)
    step(session, actor, account, Event.INSTALL, on=when)
    account.installed_on = when
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def gas_on(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    on: date | None = None,
    serial: str | None = None,
    initial_reading: Decimal | None = None,
    digits: int = 5,
) -> AccountSummary:
    """通气: the meter is the registered one, or is registered here from serial + initial reading."""
    require(session, actor, "account.open")
    account = load(session, account_id)
    MACHINE.transition(AccountStatus(account.status), Event.GAS_ON)
    when = on or business_day.today(session)
    refuse_future(session, when, _GAS_ON)
    meter = active_meter(session, account.id)
    if meter is None and serial:
        if initial_reading is None:
            raise ValidationError("请填写燃气表初始读数。", "Enter the meter's initial reading.",
                                  field="initial_reading")
        meter = add_meter(session, actor, account, serial=serial, initial_reading=initial_reading,
                          installed_on=when, digits=digits)
    elif meter is not None and serial and normalize_typed(serial).upper() != meter.serial:
        raise Conflict(
            f"该户登记的燃气表是 {meter.serial}，与填写的 {normalize_typed(serial).upper()} 不符。",
            f"The account's registered meter is {meter.serial}, not {serial}.",
        )
    step(session, actor, account, Event.GAS_ON, on=when)
    account.opened_on = when
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def start_service(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    return take_step(session, actor, account_id, Event.START_SERVICE, "account.open")


