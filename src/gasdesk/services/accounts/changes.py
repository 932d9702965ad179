"""Changes to a live account: rename, phones, transfer, meter registration and replacement,
suspension and resumption of the supply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import AccountStatus, Contract, ReadingKind
from gasdesk.money import volume
from gasdesk.services import ledger
from gasdesk.services.accounts.closing import release_lines
from gasdesk.services.accounts.identity import clean_holder_name, mask_phone, validate_id_number, validate_phone
from gasdesk.services.accounts.meters import MeterInfo, active_meter, add_meter, check_final_reading, meter_info
from gasdesk.services.accounts.records import (
    AccountSummary,
    HolderInput,
    audit_holder,
    clean_holder,
    load,
    set_holder,
    set_phones,
    summarize,
    today,
)
from gasdesk.services.accounts.states import MACHINE, AccountEvent, take_step
from gasdesk.services.billing import bills
from gasdesk.services.cashier import receipts
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger.entries import balances
from gasdesk.services.readings.store import store_account_reading

_TRANSFERRED = frozenset({Change.ACCOUNT, Change.LEDGER})


def _check(status: str, action: str) -> None:
    MACHINE.check_action(AccountStatus(status), action)


FUNDS = ("refund", "carry_over")


@dataclass(frozen=True)
class TransferResult(Changed):
    account: AccountSummary
    contract_id: int | None
    funds: str
    posting: ledger.PostingResult | None  # the refund to the old holder, when funds == "refund"
    carried_prepayment: Decimal
    carried_deposits: Decimal
    replayed: bool = False


def rename(
    session: Session,
    actor: Actor,
    account_id: int,
    new_name: str,
    *,
    id_number: str | None = None,
    reason: str = "",
) -> AccountSummary:
    """更名: same premises and account, a new holder name (and ID, after a family change)."""
    require(session, actor, "account.change")
    account = load(session, account_id)
    _check(account.status, "rename")
    name = clean_holder_name(new_name)
    new_id = validate_id_number(id_number) if id_number else account.holder_id_number
    if name == account.holder_name and new_id == account.holder_id_number:
        raise ValidationError("新户主姓名与现户主相同，无需更名。",
                              "The new name is the current one; nothing to change.")
    before = audit_holder(account)
    set_holder(account, name, new_id, account.phone, account.phone2)
    session.flush()
    audit.record(session, actor, "account.rename", "account", account.id, before=before,
                 after={**audit_holder(account), "reason": reason.strip()})
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def update_phones(session: Session, actor: Actor, account_id: int, phone: str, phone2: str = "") -> AccountSummary:
    require(session, actor, "account.change")
    account = load(session, account_id)
    _check(account.status, "update_phones")
    # The form opens on the numbers as the screen shows them (masked): one left as it was is kept.
    phone, phone2 = _unless_masked(phone, account.phone), _unless_masked(phone2, account.phone2)
    first, second = validate_phone(phone), validate_phone(phone2, required=False, field="phone2")
    # The history is shown to every role that may view the account: phones go in masked.
    before = {"phone": mask_phone(account.phone), "phone2": mask_phone(account.phone2)}
    set_phones(account, first, second)
    session.flush()
    audit.record(session, actor, "account.update_phones", "account", account.id, before=before,
                 after={"phone": mask_phone(first), "phone2": mask_phone(second)})
    return changed(summarize(session, actor, account), Change.ACCOUNT)


def _unless_masked(typed: str, stored: str) -> str:
    return stored if stored and typed.strip() == mask_phone(stored) else typed


def transfer(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    holder: HolderInput,
    funds: str,
    idempotency_key: str,
    consent: str = "",
    method: str = "cash",
    household_size: int | None = None,
    signed_on: date | None = None,
    reading: Decimal | str | None = None,
) -> TransferResult:
    """过户: arrears must be paid first; the old holder's prepayment, deposits and credit are
    either refunded to them (ledger entries) or carried over to the new holder with a recorded
    consent. The old contract ends, a new one starts; the account number stays. ``reading`` is the
    meter's transfer reading (过户读数): the old holder's use ends there; it passes the three checks."""
    require(session, actor, "account.change")
    if funds not in FUNDS:
        raise ValidationError("请选择原户主预付款和押金的处理方式：退还或转给新户主。",
                              "Choose how the old holder's prepayment and deposits are handled: refund or carry over.")
    key = ledger.submission_key(idempotency_key)
    done = session.scalar(select(Contract).where(Contract.submission_key == key))
    if done is not None:  # a retry: what was stored, read back
        if done.account_id != account_id:
            raise Conflict("这个提交编号已用于另一个户号，请重新打开表单。",
                           "This submission key was already used for another account; reopen the form.")
        first = ledger.replay(session, key, account_id)
        return TransferResult(summarize(session, actor, load(session, account_id)), done.id, funds, first,
                              done.prepayment, done.deposit, replayed=True, changes=_TRANSFERRED)
    account = load(session, account_id)
    _check(account.status, "transfer")
    name, id_number, phone, phone2 = clean_holder(holder)
    if id_number == account.holder_id_number:
        raise Conflict("新户主与现户主是同一证件，无需过户（如只改姓名请办理更名）。",
                       "The new holder has the current holder's ID; no transfer needed (use rename).")
    if household_size is not None and not 1 <= household_size <= 30:
        raise ValidationError("家庭人口应在 1 到 30 之间。", "The household size must be between 1 and 30.",
                              field="household")
    when = signed_on or today()
    meter = active_meter(session, account.id)
    gas = Decimal("0.00")
    if reading is not None and meter is not None:  # the old holder's gas to it is billed first
        try:
            value = volume(reading, signed=False)
        except ValidationError as exc:
            raise ValidationError(f"过户读数：{exc.zh}", f"Transfer reading: {exc.en}", field="reading") from None
        taken = store_account_reading(session, actor, meter, value, when, ReadingKind.TRANSFER)
        gas = bills.bill_taken(session, actor, taken, must=True).total
    b = balances(session, account.id)
    if b.balance > 0:
        billed = f"（含过户读数的气费 {gas} 元）" if gas else ""
        raise Conflict(
            f"该户尚欠费 {b.arrears} 元{billed}，须先结清欠费才能过户。",
            f"The account owes {b.arrears}" + (f" (with {gas} for the gas to the transfer reading)" if gas else "")
            + "; the arrears must be paid before a transfer.",
        )
    owed_back = b.prepayment_credit + b.deposits + b.credit
    posting = None
    carried_prepayment = carried_deposits = Decimal("0.00")
    if funds == "refund" and owed_back:
        require(session, actor, "ledger.refund")
        posting = ledger.record(session, actor, account.id, release_lines(b, method), idempotency_key=key,
                                action="account.transfer_refund", memo="过户退还原户主")
        receipts.issue_for(session, actor, posting)
    elif funds == "carry_over" and owed_back:
        if not consent.strip():
            raise ValidationError(
                f"原户主的预付款 {b.prepayment_credit} 元、押金 {b.deposits} 元转给新户主，须记录原户主的同意"
                "（如：原户主签字同意转让）。",
                "Carrying the old holder's prepayment and deposits over needs their recorded consent.",
            )
        carried_prepayment, carried_deposits = b.prepayment_credit, b.deposits
    before = audit_holder(account)
    for old in session.scalars(select(Contract).where(Contract.account_id == account.id, Contract.status == "open")):
        old.status = "ended"
        old.ended_on = when
    set_holder(account, name, id_number, phone, phone2)
    if household_size is not None:
        account.household_size = household_size
    note = f"过户；原户主 {before['holder_name']}；" + (
        f"预付款 {carried_prepayment} 元、押金 {carried_deposits} 元转入新户主，原户主同意：{consent.strip()}"
        if funds == "carry_over" else "原户主款项已退还"
    )
    contract = Contract(
        account_id=account.id, kind="transfer", holder_name=name, holder_id_number=id_number, signed_on=when,
        opening_fee=Decimal("0.00"), installation_fee=Decimal("0.00"), prepayment=carried_prepayment,
        deposit=carried_deposits, status="open", note=note[:400],
        posting_id=posting.posting_id if posting else None, submission_key=key, signed_by=actor.user_id,
    )
    session.add(contract)
    session.flush()
    audit.record(
        session, actor, "account.transfer", "account", account.id, before=before,
        after={**audit_holder(account), "funds": funds, "consent": consent.strip(),
               "refunded": str(owed_back) if posting else "0.00",
               "carried_prepayment": carried_prepayment, "carried_deposits": carried_deposits},
    )
    return TransferResult(summarize(session, actor, account), contract.id, funds, posting, carried_prepayment,
                          carried_deposits, changes=_TRANSFERRED)


def register_meter(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    serial: str,
    initial_reading: Decimal,
    installed_on: date | None = None,
    digits: int = 5,
    model: str = "",
) -> MeterInfo:
    require(session, actor, "account.change")
    account = load(session, account_id)
    _check(account.status, "register_meter")
    current = active_meter(session, account.id)
    if current is not None:
        raise Conflict(f"该户已登记燃气表 {current.serial}；如需更换请办理换表。",
                       f"The account already has meter {current.serial}; use a meter replacement.")
    meter = add_meter(session, actor, account, serial=serial, initial_reading=initial_reading,
                      installed_on=installed_on or today(), digits=digits, model=model)
    audit.record(session, actor, "account.register_meter", "account", account.id,
                 after={"serial": meter.serial, "initial_reading": meter.initial_reading, "digits": digits})
    return changed(meter_info(meter), Change.ACCOUNT)


def replace_meter(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    final_reading: Decimal,
    new_serial: str,
    new_initial_reading: Decimal,
    on: date | None = None,
    digits: int = 5,
    model: str = "",
) -> MeterInfo:
    """换表: the old meter's final reading and date, the new meter's serial and initial reading."""
    require(session, actor, "account.change")
    account = load(session, account_id)
    _check(account.status, "replace_meter")
    old = active_meter(session, account.id)
    if old is None:
        raise Conflict("该户没有在用的燃气表，请先登记燃气表。", "The account has no fitted meter; register one first.")
    try:
        final = volume(final_reading)
    except (TypeError, ValueError):
        raise ValidationError(f"读数无效：{final_reading}", f"Invalid reading: {final_reading}") from None
    check_final_reading(old, final)
    when = on or today()
    if when < old.installed_on:
        raise ValidationError(f"换表日期早于旧表安装日期 {old.installed_on}。",
                              f"The replacement date is before the old meter's installation {old.installed_on}.")
    bills.bill_taken(session, actor, store_account_reading(session, actor, old, final, when, ReadingKind.FINAL),
                     must=False)  # a held final reading is billed when a supervisor confirms it
    old.removed_on = when
    old.final_reading = final
    session.flush()  # the serial frees up before the new meter is fitted
    new = add_meter(session, actor, account, serial=new_serial, initial_reading=new_initial_reading,
                    installed_on=when, digits=digits, model=model)
    audit.record(
        session, actor, "account.replace_meter", "account", account.id,
        before={"serial": old.serial, "final_reading": final, "removed_on": when},
        after={"serial": new.serial, "initial_reading": new.initial_reading, "installed_on": when},
    )
    return changed(meter_info(new), Change.ACCOUNT, Change.LEDGER)




def suspend(session: Session, actor: Actor, account_id: int, reason: str) -> AccountSummary:
    return take_step(session, actor, account_id, AccountEvent.SUSPEND, "account.change", reason=reason.strip())


def resume(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    return take_step(session, actor, account_id, AccountEvent.RESUME, "account.change")


