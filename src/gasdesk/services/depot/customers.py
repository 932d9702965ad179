"""液化气实名制: the depot's registered LPG customers.

A customer number is 7 digits of sequence and a Damm check digit (like an account number: every
single-digit error and adjacent transposition is caught). The ID number is checked as an
account holder's is and shown masked; a person registers once (their ID number is unique). A
piped-gas account's holder is registered from the account, nothing typed twice. Found by the
counter's search: number, name, pinyin or its initials, phone or its last 4 digits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from stdnum import damm

from gasdesk.models import Account, LpgCustomer
from gasdesk.models.depot import CustomerKind
from gasdesk.services.accounts import identity, records
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import normalize_typed, shown
from gasdesk.services.ledger import parties

LENGTH = 8
MAX_SEQ = 9_999_999
PAGE = 50


@dataclass(frozen=True)
class CustomerRow:
    id: int
    number: str
    name: str
    phone: str  # masked
    id_number: str  # masked
    kind: str
    address: str
    account_number: str | None = None

    def json(self) -> dict[str, str]:
        return {"number": self.number, "name": self.name, "phone": self.phone, "kind": self.kind}


@dataclass(frozen=True)
class Registered(Changed):
    customer: CustomerRow


def make_number(seq: int) -> str:
    body = f"{seq:07d}"
    return body + damm.calc_check_digit(body)


def validate_number(text: str) -> str:
    value = normalize_typed(text or "").replace("-", "")
    if not value:
        raise ValidationError("请输入液化气用户号。", "Enter the LPG customer number.", field="customer")
    if not (value.isascii() and value.isdigit()) or len(value) != LENGTH:
        raise ValidationError(f"液化气用户号应为 {LENGTH} 位数字：{shown(text)}",
                              f"An LPG customer number has {LENGTH} digits: {shown(text)}", field="customer")
    if not damm.is_valid(value):
        raise ValidationError("液化气用户号校验位不对，请核对后重新输入。",
                              "The LPG customer number's check digit is wrong.", field="customer")
    return value


def row(c: LpgCustomer, account_number: str | None = None) -> CustomerRow:
    return CustomerRow(c.id, c.number, c.name, identity.mask_phone(c.phone), identity.mask_id(c.id_number), c.kind,
                       c.address, account_number)


def find(session: Session, number_text: str) -> LpgCustomer:
    """The customer of a typed or scanned number (its check digit first)."""
    number = validate_number(number_text)
    customer = session.scalar(select(LpgCustomer).where(LpgCustomer.number == number))
    if customer is None:
        raise NotFound(f"没有液化气用户 {number}。", f"There is no LPG customer {number}.")
    return customer


def _kind(kind: str) -> str:
    if kind not in {k.value for k in CustomerKind}:
        raise ValidationError("用户类型只能是居民、餐饮或其他。", "The kind is household, restaurant or other.",
                              field="kind")
    return kind


def _address(text: str) -> str:
    value = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not value or len(value) > 200:
        raise ValidationError("请填写地址（最多 200 字）。", "Enter the address (200 characters at most).",
                              field="address")
    return value


def _add(session: Session, actor: Actor, *, name: str, id_number: str, phone: str, address: str, kind: str,
         account_id: int | None = None) -> LpgCustomer:
    taken = session.scalar(select(LpgCustomer.number).where(LpgCustomer.id_number == id_number))
    if taken is not None:
        raise Conflict(f"这个身份证号已登记为液化气用户 {taken}。", f"This ID number is already LPG customer {taken}.")
    seq = (session.scalar(select(func.max(LpgCustomer.seq))) or 0) + 1
    if seq > MAX_SEQ:
        raise Conflict("液化气用户号已用完。", "LPG customer numbers are used up.")
    pinyin, initials = identity.name_keys(name)
    customer = LpgCustomer(seq=seq, number=make_number(seq), party_id=parties.new_lpg_customer_party(session).id,
                           account_id=account_id, kind=_kind(kind), name=name, id_number=id_number, pinyin=pinyin,
                           initials=initials, phone=phone, tail4=identity.phone_tail4(phone), address=address,
                           created_by=actor.user_id)
    session.add(customer)
    session.flush()
    audit.record(session, actor, "depot.customer", "lpg_customer", customer.id,
                 after={"number": customer.number, "name": name, "kind": kind, "account_id": account_id})
    return customer


def register(session: Session, actor: Actor, *, name: str, id_number: str, phone: str, address: str,
             kind: str = "household") -> Registered:
    """Register a customer from the short form: name, ID number, phone, address, kind."""
    require(session, actor, "depot.customer")
    customer = _add(session, actor, name=identity.clean_holder_name(name),
                    id_number=identity.validate_id_number(id_number), phone=identity.validate_phone(phone),
                    address=_address(address), kind=kind)
    return Registered(row(customer))


def register_account_holder(session: Session, actor: Actor, account_number: str, *, kind: str = "household",
                            phone: str | None = None) -> Registered:
    """The holder of a piped-gas account as an LPG customer: name, ID, phone and address from it."""
    require(session, actor, "depot.customer")
    account = records.load(session, records.find_account_id(session, account_number))
    known = session.scalar(select(LpgCustomer.number).where(LpgCustomer.account_id == account.id))
    if known is not None:
        raise Conflict(f"这户的户主已是液化气用户 {known}。", f"This account's holder is LPG customer {known}.")
    address = records.summarize(session, actor, account).address
    customer = _add(session, actor, name=account.holder_name, id_number=account.holder_id_number,
                    phone=identity.validate_phone(phone) if phone else account.phone, address=address, kind=kind,
                    account_id=account.id)
    return Registered(row(customer, account.number))


def search(session: Session, actor: Actor, query: str = "", *, limit: int = PAGE) -> list[CustomerRow]:
    """The counter's search: a customer number, a name, pinyin or initials, a phone or its last 4."""
    require(session, actor, "depot.view")
    text = normalize_typed(query or "").strip()
    q = select(LpgCustomer, Account.number).outerjoin(Account, Account.id == LpgCustomer.account_id)
    if text:
        key = text.lower().replace(" ", "")
        terms = [LpgCustomer.name.like(f"%{text}%"), LpgCustomer.pinyin.like(f"{key}%"),
                 LpgCustomer.initials.like(f"{key}%")]
        if key.isascii() and key.isdigit():
            terms += [LpgCustomer.number == key, LpgCustomer.phone == key]
            if len(key) == 4:
                terms.append(LpgCustomer.tail4 == key)
        q = q.where(or_(*terms))
    q = q.order_by(LpgCustomer.number).limit(max(1, min(limit, 500)))
    return [row(c, number) for c, number in session.execute(q)]
