"""Account numbers: area code (2) + sequence (6, per area, never reused) + Damm check digit.

The Damm check digit catches every single-digit error and every adjacent transposition
(ISO 7064 MOD 11-10 misses some transpositions, Luhn misses 09<->90). Every place a
number is typed or scanned goes through validate_number(). The algorithm (Wikipedia's
quasigroup table) comes from python-stdnum's ``stdnum.damm``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from stdnum import damm

from gasdesk.models import AccountNumberCounter, Area
from gasdesk.services.accounts.identity import normalize_typed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.text import shown

LENGTH = 9
MAX_SEQ = 999_999

def check_digit(body: str) -> str:
    return damm.calc_check_digit(body)


def make_number(area_code: str, seq: int) -> str:
    body = f"{area_code}{seq:06d}"
    return body + check_digit(body)


def _clean(text: str) -> str:
    # A barcode scanner types the digits then Enter; people type spaces or dashes. Full-width
    # digits become ASCII; another script's digits are refused in words (core.text's digit rule).
    return normalize_typed(text).replace("-", "")


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def looks_like_number(text: str) -> bool:
    """True when the text is 9 digits (after clean-up): the search box treats it as a number."""
    try:
        value = _clean(text)
    except ValidationError:
        return False
    return len(value) == LENGTH and _digits(value)


def validate_number(text: str) -> str:
    """The 9-digit number typed or scanned, checked before anything is looked up: digits only
    (ASCII or full-width; others refused in words before any check digit is worked out)."""
    value = _clean(text or "")
    if not value:
        raise ValidationError("请输入户号。", "Please enter the account number.")
    if not _digits(value):
        quoted = shown((text or "").strip())
        raise ValidationError(f"户号只能是数字：{quoted}", f"An account number has digits only: {quoted}")
    if len(value) != LENGTH:
        raise ValidationError(
            f"户号应为 {LENGTH} 位数字，您输入了 {len(value)} 位。",
            f"An account number has {LENGTH} digits; {len(value)} were typed.",
        )
    if not damm.is_valid(value):
        raise ValidationError(
            "户号校验位不对，请核对后重新输入。",
            "The account number's check digit is wrong; please check it and type it again.",
        )
    return value


def allocate(session: Session, area_id: int) -> str:
    """Next number of the area, from its counter row updated in the caller's transaction."""
    area = session.get(Area, area_id)
    if area is None:
        raise NotFound("片区不存在。", "The area does not exist.")
    counter = session.get(AccountNumberCounter, area_id)
    if counter is None:
        counter = AccountNumberCounter(area_id=area_id, last_seq=0)
        session.add(counter)
    if counter.last_seq >= MAX_SEQ:
        raise Conflict(
            f"片区 {area.code} 的户号已用完（{MAX_SEQ} 个），请新建片区代码。",
            f"Area {area.code} has used all {MAX_SEQ} account numbers; create a new area code.",
        )
    counter.last_seq += 1
    session.flush()
    return make_number(area.code, counter.last_seq)


def reserve(session: Session, area_id: int, count: int) -> int:
    """Take ``count`` sequence numbers at once (bulk generators); returns the first one."""
    counter = session.get(AccountNumberCounter, area_id)
    if counter is None:
        counter = AccountNumberCounter(area_id=area_id, last_seq=0)
        session.add(counter)
    first = counter.last_seq + 1
    if counter.last_seq + count > MAX_SEQ:
        raise Conflict("片区户号不足。", "Not enough account numbers left in the area.")
    counter.last_seq += count
    session.flush()
    return first


def area_code_of(number: str) -> str:
    return number[:2]
