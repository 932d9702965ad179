"""The account file itself: what a holder and a premises are typed as, the account's summary
(ID number and phones masked for every role: a pii.view role reveals one field on demand, audited,
through accounts.reveal), and the helpers every account service shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Area, Compound, Premises
from gasdesk.services.accounts import numbers
from gasdesk.services.accounts.identity import (
    clean_holder_name,
    mask_id,
    mask_phone,
    name_keys,
    normalize_typed,
    phone_tail4,
    validate_id_number,
    validate_phone,
)
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError, found
from gasdesk.services.core.permissions import require


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
class AccountSummary(Changed):
    id: int
    number: str | None
    status: str
    status_zh: str
    type: str
    type_zh: str
    holder_name: str
    id_number: str  # masked, for every role (accounts.reveal shows it in clear, audited)
    phone: str  # masked, as id_number
    phone2: str  # masked, as id_number
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


def load(session: Session, account_id: int) -> Account:
    return found(session.get(Account, account_id), "用户不存在。", "The account does not exist.")


def find_account_id(session: Session, number_text: str) -> int:
    """The account of a typed or scanned number; a wrong check digit is refused first."""
    number = numbers.validate_number(number_text)
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


def summarize(session: Session, actor: Actor, account: Account, *, always_mask: bool = True) -> AccountSummary:
    """The account as shown, on screen and paper alike. ``always_mask`` is kept for callers that
    ask for masking explicitly (printouts, the CLI): every summary is masked now."""
    premises = session.get(Premises, account.premises_id)
    assert premises is not None
    area = session.get(Area, account.area_id)
    assert area is not None
    compound = session.get(Compound, premises.compound_id) if premises.compound_id else None
    compound_name = compound.name if compound else ""
    return AccountSummary(
        id=account.id,
        number=account.number,
        status=account.status,
        status_zh=labels.text(labels.ACCOUNT_STATUS, account.status, "zh"),
        type=account.type,
        type_zh=labels.text(labels.ACCOUNT_TYPE, account.type, "zh"),
        holder_name=account.holder_name,
        id_number=mask_id(account.holder_id_number),
        phone=mask_phone(account.phone),
        phone2=mask_phone(account.phone2) if account.phone2 else "",
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
        validate_phone(holder.phone2, required=False, field="phone2"),
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


def find_or_add_premises(session: Session, p: PremisesInput) -> Premises:
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


def describe(account: Account) -> str:
    return f"户号 {account.number}" if account.number else f"申请单 {account.id}"


