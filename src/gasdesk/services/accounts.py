"""Piped-gas accounts: application, contract signing with fees, numbering, installation,
gas-on, service, suspension and closing; and the account page's read model.

Every state change goes through account_states.TRANSITIONS and its guards (GUARDS below),
checks the permission first and writes its audit row in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    AccountStatus,
    AccountType,
    Area,
    Attachment,
    AuditEntry,
    Compound,
    Contract,
    Meter,
    Premises,
    User,
)
from gasdesk.money import money, volume
from gasdesk.services import account_numbers, audit, ledger
from gasdesk.services.account_states import (
    CHANGES,
    STATUS_ZH,
    Event,
    fire,
    next_events,
    transition,
)
from gasdesk.services.errors import Conflict, NotFound, ValidationError
from gasdesk.services.identity import (
    clean_holder_name,
    mask_id,
    mask_phone,
    name_keys,
    normalize_typed,
    phone_tail4,
    validate_id_number,
    validate_phone,
)
from gasdesk.services.permissions import allowed, require
from gasdesk.services.session import Actor

TYPE_ZH = {
    AccountType.RESIDENTIAL: "居民",
    AccountType.COMMERCIAL: "商业",
    AccountType.INDUSTRIAL: "工业",
    AccountType.PUBLIC: "公共机构",
}

# ---- inputs and results ------------------------------------------------------------------


@dataclass(frozen=True)
class HolderInput:
    name: str
    id_number: str
    phone: str
    phone2: str = ""


@dataclass(frozen=True)
class PremisesInput:
    """A flat (compound_id + building/unit/room) or a street address (area_id + street)."""

    compound_id: int | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    area_id: int | None = None
    street: str = ""


@dataclass(frozen=True)
class ContractFees:
    opening_fee: Decimal
    installation_fee: Decimal
    prepayment: Decimal
    deposit: Decimal = Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.opening_fee + self.installation_fee + self.prepayment + self.deposit


@dataclass(frozen=True)
class AccountSummary:
    id: int
    number: str | None
    status: str
    status_zh: str
    type: str
    type_zh: str
    holder_name: str
    id_number: str  # masked unless the actor has pii.view
    phone: str  # masked unless pii.view
    phone2: str
    household_size: int
    address: str
    area_id: int
    area_code: str
    area_name: str
    compound_id: int | None
    compound_name: str
    applied_on: date
    contract_signed_on: date | None
    install_planned_on: date | None
    installer_team: str
    installed_on: date | None
    opened_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class MeterInfo:
    id: int
    serial: str
    model: str
    digits: int
    installed_on: date
    initial_reading: Decimal
    removed_on: date | None
    final_reading: Decimal | None
    last_reading: Decimal  # latest known: final, else initial (the reading service refines this)
    active: bool


@dataclass(frozen=True)
class ContractInfo:
    id: int
    kind: str
    holder_name: str
    signed_on: date
    opening_fee: Decimal
    installation_fee: Decimal
    prepayment: Decimal
    deposit: Decimal
    status: str
    ended_on: date | None
    note: str


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    account_id: int
    kind: str
    filename: str
    sha256: str
    size: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    login: str
    counter: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    id: int = 0  # the audit row's id (the key the page's next page starts below)


@dataclass(frozen=True)
class AccountDetail:
    summary: AccountSummary
    meters: list[MeterInfo]
    balances: ledger.Balances
    contracts: list[ContractInfo]
    attachments: list[AttachmentInfo]
    ledger: list[ledger.EntryInfo]
    history: list[HistoryRow]
    next_events: list[str]  # state events the actor may fire now (account_states.Event values)
    allowed_actions: list[str]  # events + changes (rename, transfer, ...) allowed for role and state


@dataclass(frozen=True)
class SigningResult:
    account: AccountSummary
    number: str
    contract_id: int
    posting: ledger.PostingResult | None
    replayed: bool = False


# ---- small helpers -----------------------------------------------------------------------


def load(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("用户不存在。", "The account does not exist.")
    return account


def find_account_id(session: Session, number_text: str) -> int:
    """The account of a typed or scanned number; a wrong check digit is refused first."""
    number = account_numbers.validate_number(number_text)
    account_id = session.scalar(select(Account.id).where(Account.number == number))
    if account_id is None:
        raise NotFound(f"没有户号为 {number} 的用户。", f"No account has the number {number}.")
    return account_id


def resolve(session: Session, account_id_or_number: int | str) -> int:
    if isinstance(account_id_or_number, int):
        load(session, account_id_or_number)
        return account_id_or_number
    return find_account_id(session, account_id_or_number)


def today() -> date:
    return date.today()


def address_string(premises: Premises, compound_name: str) -> str:
    if premises.compound_id is not None:
        return f"{compound_name} {premises.building}栋{premises.unit}单元{premises.room}"
    return premises.street


def active_meter(session: Session, account_id: int) -> Meter | None:
    return session.scalar(select(Meter).where(Meter.account_id == account_id, Meter.removed_on.is_(None)))


def _mask_pii(actor: Actor) -> bool:
    return not allowed(actor, "pii.view")


def summarize(session: Session, actor: Actor, account: Account, *, always_mask: bool = False) -> AccountSummary:
    premises = session.get(Premises, account.premises_id)
    assert premises is not None
    area = session.get(Area, account.area_id)
    assert area is not None
    compound = session.get(Compound, premises.compound_id) if premises.compound_id else None
    compound_name = compound.name if compound else ""
    masked = always_mask or _mask_pii(actor)
    return AccountSummary(
        id=account.id,
        number=account.number,
        status=account.status,
        status_zh=STATUS_ZH[account.status],
        type=account.type,
        type_zh=TYPE_ZH[AccountType(account.type)],
        holder_name=account.holder_name,
        id_number=mask_id(account.holder_id_number) if masked else account.holder_id_number,
        phone=mask_phone(account.phone) if masked else account.phone,
        phone2=mask_phone(account.phone2) if masked and account.phone2 else account.phone2,
        household_size=account.household_size,
        address=address_string(premises, compound_name),
        area_id=area.id,
        area_code=area.code,
        area_name=area.name,
        compound_id=premises.compound_id,
        compound_name=compound_name,
        applied_on=account.applied_on,
        contract_signed_on=account.contract_signed_on,
        install_planned_on=account.install_planned_on,
        installer_team=account.installer_team,
        installed_on=account.installed_on,
        opened_on=account.opened_on,
        closed_on=account.closed_on,
    )


def account_summary(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    require(session, actor, "account.view")
    return summarize(session, actor, load(session, account_id))


def meter_info(m: Meter) -> MeterInfo:
    last = m.final_reading if m.final_reading is not None else m.initial_reading
    return MeterInfo(
        m.id, m.serial, m.model, m.digits, m.installed_on, m.initial_reading, m.removed_on, m.final_reading,
        last, m.removed_on is None,
    )


def set_holder(account: Account, name: str, id_number: str, phone: str, phone2: str) -> None:
    """Holder fields and their search keys change together, always."""
    account.holder_name = name
    account.holder_id_number = id_number
    account.name_pinyin, account.name_initials = name_keys(name)
    set_phones(account, phone, phone2)


def set_phones(account: Account, phone: str, phone2: str) -> None:
    account.phone = phone
    account.phone2 = phone2
    account.phone_tail4 = phone_tail4(phone)


def clean_holder(holder: HolderInput) -> tuple[str, str, str, str]:
    return (
        clean_holder_name(holder.name),
        validate_id_number(holder.id_number),
        validate_phone(holder.phone),
        validate_phone(holder.phone2, required=False),
    )


def audit_holder(account: Account) -> dict[str, object]:
    """What the audit log keeps of a holder: the ID masked (the log is widely readable)."""
    return {
        "holder_name": account.holder_name,
        "id_number": mask_id(account.holder_id_number),
        "phone": mask_phone(account.phone),
    }


def _clean_part(text: str | None, what_zh: str, what_en: str) -> str:
    value = normalize_typed(text or "")
    if not value:
        raise ValidationError(f"请填写{what_zh}。", f"Please enter the {what_en}.")
    if len(value) > 10:
        raise ValidationError(f"{what_zh}太长（最多 10 个字符）。", f"The {what_en} is too long (10 at most).")
    return value


def _premises(session: Session, p: PremisesInput) -> Premises:
    """Find or create the supply point; a premises outlives the accounts opened on it."""
    if p.compound_id is not None:
        compound = session.get(Compound, p.compound_id)
        if compound is None:
            raise NotFound("小区不存在。", "The compound does not exist.")
        if not compound.active:
            raise Conflict(f"小区“{compound.name}”已停用。", f"The compound {compound.name!r} is disabled.")
        building = _clean_part(p.building, "楼栋号", "building")
        unit = _clean_part(p.unit, "单元号", "unit")
        room = _clean_part(p.room, "房号", "room")
        found = session.scalar(
            select(Premises).where(
                Premises.compound_id == compound.id, Premises.building == building, Premises.unit == unit,
                Premises.room == room,
            )
        )
        if found is not None:
            return found
        premises = Premises(area_id=compound.area_id, compound_id=compound.id, building=building, unit=unit,
                            room=room, street="")
    else:
        street = " ".join((p.street or "").split())
        if p.area_id is None or not street:
            raise ValidationError(
                "请选择小区并填写楼栋、单元、房号；商铺和工厂请选择片区并填写街道地址。",
                "Choose a compound with building, unit and room; for shops and factories choose an area "
                "and enter the street address.",
            )
        if session.get(Area, p.area_id) is None:
            raise NotFound("片区不存在。", "The area does not exist.")
        if len(street) > 160:
            raise ValidationError("街道地址太长（最多 160 字）。", "The street address is too long (160 at most).")
        found = session.scalar(
            select(Premises).where(
                Premises.compound_id.is_(None), Premises.area_id == p.area_id, Premises.street == street
            )
        )
        if found is not None:
            return found
        premises = Premises(area_id=p.area_id, compound_id=None, street=street)
    session.add(premises)
    session.flush()
    return premises


def _describe(account: Account) -> str:
    return f"户号 {account.number}" if account.number else f"申请单 {account.id}"


# ---- guards named in the transition table -------------------------------------------------

Guard = Callable[[Session, Account, dict[str, Any]], None]


def _guard_fees_paid(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    fees: ContractFees = ctx["fees"]
    paid: Decimal = ctx["paid"]
    if paid != fees.total:
        raise ValidationError(
            f"签约应收 {fees.total} 元（开户费 {fees.opening_fee}、安装费 {fees.installation_fee}、"
            f"预付款 {fees.prepayment}、押金 {fees.deposit}），实收 {paid} 元，不一致。签约时须一次付清。",
            f"Signing requires {fees.total} (opening {fees.opening_fee}, installation {fees.installation_fee}, "
            f"prepayment {fees.prepayment}, deposit {fees.deposit}); {paid} was received. Pay in full at signing.",
        )


def _guard_install_plan(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    if not ctx["installer_team"]:
        raise ValidationError("请填写安装班组。", "Please enter the installer team.")
    signed = account.contract_signed_on
    if signed and ctx["planned_on"] < signed:
        raise ValidationError(
            f"安装日期 {ctx['planned_on']} 早于签约日期 {signed}。",
            f"The installation date {ctx['planned_on']} is before the signing date {signed}.",
        )


def _guard_meter(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    if active_meter(session, account.id) is None:
        raise Conflict(
            "通气前须登记燃气表：请填写表号和初始读数。",
            "Register the meter before gas-on: enter its serial and initial reading.",
        )


def _guard_reason(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    if not ctx.get("reason", "").strip():
        raise ValidationError("请填写停气原因。", "Please give the reason for suspending the supply.")


def _guard_settled(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    b = ledger.balances(session, account.id)
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


def _guard_final_reading(session: Session, account: Account, ctx: dict[str, Any]) -> None:
    meter = active_meter(session, account.id)
    if meter is None:
        return
    final = ctx.get("final_reading")
    if final is None:
        raise ValidationError(
            f"销户须填写燃气表 {meter.serial} 的最终读数。",
            f"Closing needs the final reading of meter {meter.serial}.",
        )
    check_final_reading(meter, final)


def check_final_reading(meter: Meter, final: Decimal) -> None:
    if final < meter.initial_reading:
        raise ValidationError(
            f"最终读数 {final} 小于该表初始读数 {meter.initial_reading}，请核对。",
            f"The final reading {final} is below the meter's initial reading {meter.initial_reading}.",
        )
    if final >= Decimal(10) ** meter.digits:
        raise ValidationError(
            f"读数 {final} 超出该表 {meter.digits} 位整数的量程。",
            f"The reading {final} does not fit the meter's {meter.digits} digits.",
        )


GUARDS: dict[str, Guard] = {
    "fees_paid": _guard_fees_paid,
    "install_plan": _guard_install_plan,
    "meter": _guard_meter,
    "reason": _guard_reason,
    "settled": _guard_settled,
    "final_reading": _guard_final_reading,
}


def step(session: Session, actor: Actor, account: Account, event: Event, **ctx: Any) -> tuple[str, str]:
    """Check the declared transition and its guards, move the account, audit the step."""
    t = transition(account.status, event)
    for name in t.guards:
        GUARDS[name](session, account, ctx)
    before, after = fire(account, event)
    session.flush()
    detail = {k: v for k, v in ctx.items() if k in ("planned_on", "installer_team", "on", "reason", "final_reading")}
    audit.record(
        session, actor, f"account.{event.value}", "account", account.id,
        before={"status": before}, after={"status": after, "number": account.number, **detail},
    )
    return before, after


# ---- the opening workflow ----------------------------------------------------------------


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
        raise ValidationError("家庭人口应在 1 到 30 之间。", "The household size must be between 1 and 30.")
    place = _premises(session, premises)
    occupied = session.scalar(
        select(Account).where(Account.premises_id == place.id, Account.status != AccountStatus.CLOSED)
    )
    if occupied is not None:
        raise Conflict(
            f"该地址已有未销户的用户（{_describe(occupied)}，{STATUS_ZH[occupied.status]}），不能重复开户。",
            f"This address already has an open account ({occupied.number or occupied.id}, {occupied.status}).",
        )
    same_id = session.scalar(
        select(Account).where(Account.holder_id_number == id_number, Account.status != AccountStatus.CLOSED)
    )
    if same_id is not None:
        if second_account_reason is None:
            raise Conflict(
                f"身份证号 {mask_id(id_number)} 已有未销户的用户（{_describe(same_id)}，"
                f"{STATUS_ZH[same_id.status]}），不能重复申请。如确需再开一户，请由主管办理并注明原因。",
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
    return summarize(session, actor, account)


def _contract_for_posting(session: Session, posting_id: int) -> Contract | None:
    return session.scalar(select(Contract).where(Contract.posting_id == posting_id))


def sign_contract(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    fees: ContractFees,
    paid: Decimal,
    method: str,
    idempotency_key: str,
    signed_on: date | None = None,
) -> SigningResult:
    """签约: post the fees as charges and the money received as a payment, sign, and number
    the account — one transaction. A retry with the same key returns the first result."""
    require(session, actor, "account.open")
    require(session, actor, "ledger.post")
    first = ledger.replay(session, idempotency_key, account_id)
    if first is not None:
        contract = _contract_for_posting(session, first.posting_id)
        account = load(session, account_id)
        assert contract is not None and account.number is not None
        return SigningResult(summarize(session, actor, account), account.number, contract.id, first, True)
    account = load(session, account_id)
    try:
        fees = ContractFees(*(money(v) for v in (fees.opening_fee, fees.installation_fee, fees.prepayment,
                                                   fees.deposit)))
        paid = money(paid)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"金额无效：{exc}", f"Invalid amount: {exc}") from None
    if min(fees.opening_fee, fees.installation_fee, fees.prepayment, fees.deposit, paid) < 0:
        raise ValidationError("金额不能为负数。", "Amounts cannot be negative.")
    when = signed_on or today()
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
        posting = ledger.post(
            session, actor, account.id, lines, payment=ledger.Payment(paid, method) if paid else None,
            idempotency_key=idempotency_key, action="account.sign_contract", memo="开户签约",
        )
    contract = Contract(
        account_id=account.id, kind="opening", holder_name=account.holder_name,
        holder_id_number=account.holder_id_number, signed_on=when, opening_fee=fees.opening_fee,
        installation_fee=fees.installation_fee, prepayment=fees.prepayment, deposit=fees.deposit,
        status="open", note="", posting_id=posting.posting_id if posting else None, signed_by=actor.user_id,
    )
    session.add(contract)
    number = _number(session, actor, account)
    return SigningResult(summarize(session, actor, account), number, contract.id, posting)


def _number(session: Session, actor: Actor, account: Account) -> str:
    account.number = account_numbers.allocate(session, account.area_id)
    step(session, actor, account, Event.NUMBER)
    return account.number


def assign_number(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    transition(account.status, Event.NUMBER)  # refuse before a number is spent
    _number(session, actor, account)
    return summarize(session, actor, account)


def plan_installation(
    session: Session, actor: Actor, account_id: int, *, planned_on: date, installer_team: str
) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    team = " ".join(installer_team.split())[:40]
    step(session, actor, account, Event.PLAN_INSTALL, planned_on=planned_on, installer_team=team)
    account.install_planned_on = planned_on
    account.installer_team = team
    return summarize(session, actor, account)


def mark_installed(
    session: Session, actor: Actor, account_id: int, *, installed_on: date | None = None
) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    when = installed_on or today()
    step(session, actor, account, Event.INSTALL, on=when)
    account.installed_on = when
    return summarize(session, actor, account)


def add_meter(
    session: Session,
    actor: Actor,
    account: Account,
    *,
    serial: str,
    initial_reading: Decimal,
    installed_on: date,
    digits: int = 5,
    model: str = "",
) -> Meter:
    """Fit a meter (no permission check: callers check theirs)."""
    serial_clean = normalize_typed(serial).upper()
    if not serial_clean or len(serial_clean) > 30:
        raise ValidationError("请填写燃气表表号（最多 30 个字符）。", "Enter the meter serial (30 characters at most).")
    try:
        reading = volume(initial_reading)
    except (TypeError, ValueError):
        raise ValidationError(f"读数无效：{initial_reading}", f"Invalid reading: {initial_reading}") from None
    if reading < 0:
        raise ValidationError("读数不能为负数。", "A reading cannot be negative.")
    if not 3 <= digits <= 9:
        raise ValidationError("表的整数位数应在 3 到 9 之间。", "A meter register has 3 to 9 integer digits.")
    if reading >= Decimal(10) ** digits:
        raise ValidationError(f"读数 {reading} 超出 {digits} 位表的量程。",
                              f"The reading {reading} does not fit a {digits}-digit meter.")
    other = session.scalar(select(Meter).where(Meter.serial == serial_clean, Meter.removed_on.is_(None)))
    if other is not None:
        holder = session.get(Account, other.account_id)
        raise Conflict(
            f"表号 {serial_clean} 已装在{_describe(holder) if holder else '其他用户'}，请核对。",
            f"Meter {serial_clean} is already fitted on account {holder.number if holder else other.account_id}.",
        )
    meter = Meter(
        account_id=account.id, serial=serial_clean, model=model.strip()[:40], digits=digits,
        installed_on=installed_on, initial_reading=reading, registered_by=actor.user_id,
    )
    session.add(meter)
    session.flush()
    return meter


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
    transition(account.status, Event.GAS_ON)
    when = on or today()
    meter = active_meter(session, account.id)
    if meter is None and serial:
        if initial_reading is None:
            raise ValidationError("请填写燃气表初始读数。", "Enter the meter's initial reading.")
        meter = add_meter(session, actor, account, serial=serial, initial_reading=initial_reading,
                          installed_on=when, digits=digits)
    elif meter is not None and serial and normalize_typed(serial).upper() != meter.serial:
        raise Conflict(
            f"该户登记的燃气表是 {meter.serial}，与填写的 {normalize_typed(serial).upper()} 不符。",
            f"The account's registered meter is {meter.serial}, not {serial}.",
        )
    step(session, actor, account, Event.GAS_ON, on=when)
    account.opened_on = when
    return summarize(session, actor, account)


def start_service(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    require(session, actor, "account.open")
    account = load(session, account_id)
    step(session, actor, account, Event.START_SERVICE)
    return summarize(session, actor, account)


def suspend(session: Session, actor: Actor, account_id: int, reason: str) -> AccountSummary:
    require(session, actor, "account.change")
    account = load(session, account_id)
    step(session, actor, account, Event.SUSPEND, reason=reason.strip())
    return summarize(session, actor, account)


def resume(session: Session, actor: Actor, account_id: int) -> AccountSummary:
    require(session, actor, "account.change")
    account = load(session, account_id)
    step(session, actor, account, Event.RESUME)
    return summarize(session, actor, account)


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
    step(session, actor, account, Event.CLOSE, final_reading=final_reading)
    meter = active_meter(session, account.id)
    if meter is not None:
        meter.removed_on = when
        meter.final_reading = final_reading
    for contract in session.scalars(select(Contract).where(Contract.account_id == account.id,
                                                           Contract.status == "open")):
        contract.status = "ended"
        contract.ended_on = when
    account.closed_on = when
    return summarize(session, actor, account)


# ---- the account page --------------------------------------------------------------------


def _contract_info(c: Contract) -> ContractInfo:
    return ContractInfo(c.id, c.kind, c.holder_name, c.signed_on, c.opening_fee, c.installation_fee, c.prepayment,
                        c.deposit, c.status, c.ended_on, c.note)


def attachment_rows(session: Session, account_id: int) -> list[AttachmentInfo]:
    q = (
        select(Attachment, User.login)
        .join(User, User.id == Attachment.added_by)
        .where(Attachment.account_id == account_id)
        .order_by(Attachment.id)
    )
    return [
        AttachmentInfo(a.id, a.account_id, a.kind, a.filename, a.sha256, a.size, login, a.added_at)
        for a, login in session.execute(q)
    ]


def history(session: Session, account_id: int, limit: int = 200, *, before_id: int | None = None) -> list[HistoryRow]:
    """The account's audit rows, newest first; ``before_id`` pages on (keyset: ids below it)."""
    q = (
        select(AuditEntry)
        .where(AuditEntry.entity == "account", AuditEntry.entity_id == str(account_id))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        q = q.where(AuditEntry.id < before_id)
    return [
        HistoryRow(e.at, e.login, e.counter, e.action, json.loads(e.before) if e.before else None,
                   json.loads(e.after) if e.after else None, e.id)
        for e in session.scalars(q)
    ]


def account_history(
    session: Session, actor: Actor, account_id: int, limit: int = 200, *, before_id: int | None = None
) -> list[HistoryRow]:
    """The history tab's rows (whoever may view the account may read its history)."""
    require(session, actor, "account.view")
    return history(session, account_id, limit, before_id=before_id)


# Which permission each state event and change needs (for the page's allowed actions).
EVENT_PERMISSION = {
    Event.SIGN: "account.open", Event.NUMBER: "account.open", Event.PLAN_INSTALL: "account.open",
    Event.INSTALL: "account.open", Event.GAS_ON: "account.open", Event.START_SERVICE: "account.open",
    Event.SUSPEND: "account.change", Event.RESUME: "account.change", Event.CLOSE: "account.change",
}
CHANGE_PERMISSION = {
    "rename": "account.change", "update_phones": "account.change", "transfer": "account.change",
    "register_meter": "account.change", "replace_meter": "account.change", "settle": "ledger.refund",
    "attach": "account.change",
}


def allowed_actions(actor: Actor, status: str) -> tuple[list[str], list[str]]:
    events = [e.value for e in next_events(status) if allowed(actor, EVENT_PERMISSION[e])]
    changes = [c for c, states in CHANGES.items() if status in states and allowed(actor, CHANGE_PERMISSION[c])]
    if allowed(actor, "ledger.post") and status != AccountStatus.CLOSED:
        changes.append("post_payment")
    return events, events + changes


def account_detail(
    session: Session, actor: Actor, account_id_or_number: int | str, *, always_mask: bool = False
) -> AccountDetail:
    """Everything on the account page. ``always_mask`` masks ID and phones even for pii.view
    roles (printouts, CLI output)."""
    require(session, actor, "account.view")
    account = load(session, resolve(session, account_id_or_number))
    meters = session.scalars(select(Meter).where(Meter.account_id == account.id).order_by(Meter.id)).all()
    contracts = session.scalars(select(Contract).where(Contract.account_id == account.id).order_by(Contract.id))
    events, actions = allowed_actions(actor, account.status)
    return AccountDetail(
        summary=summarize(session, actor, account, always_mask=always_mask),
        meters=[meter_info(m) for m in meters],
        balances=ledger.balances(session, account.id),
        contracts=[_contract_info(c) for c in contracts],
        attachments=attachment_rows(session, account.id),
        ledger=ledger.entries(session, actor, account.id),
        history=history(session, account.id),
        next_events=events,
        allowed_actions=actions,
    )


