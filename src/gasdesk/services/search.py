"""Counter search: one box for account number, name, pinyin, phone, meter serial and address.

Every lookup is an index range (``col >= p AND col < p || U+10FFFF``) or an equality, each
with its own LIMIT, so the cost does not grow with the number of accounts: the indexes are
BINARY collation and LIKE would not use them. Address fragments look up the small
compounds table first, then premises by compound (the premises UNIQUE index) and accounts
by premises. Name "contains" is not offered: no index can answer it.

Order: rank (exact number > exact phone > exact meter > exact name > exact pinyin or initials
> phone tail > prefixes > address), then account number. Each path returns its first
``limit`` rows in index order (shortest keys first); only the equality paths are sorted by
number in SQL, because they are small (a phone, a phone tail, a full name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from gasdesk.models import Account, Compound, Meter, Premises
from gasdesk.services import account_numbers
from gasdesk.services.account_states import STATUS_ZH
from gasdesk.services.accounts import address_string
from gasdesk.services.errors import ValidationError
from gasdesk.services.identity import mask_phone, normalize_typed, validate_phone
from gasdesk.services.permissions import allowed, require
from gasdesk.services.session import Actor

MAX_LIMIT = 200
MAX_QUERY = 60
MAX_COMPOUNDS = 50  # compounds matched by one address fragment
_TOP = "\U0010ffff"  # sorts after every character: p <= key < p + _TOP is "key starts with p"

RANK = {
    "number": 0,
    "phone": 1,
    "meter": 2,
    "name": 3,
    "pinyin": 4,
    "initials": 4,
    "phone_tail": 5,
    "prefix": 6,
    "address": 7,
}

_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]+")
_HAN_HEAD = re.compile(r"[^\x00-\x7f]+")
# After a compound fragment: 3栋2单元501, 3-2-501, 3号楼2单元501室, 3#2-501.
_PART = re.compile(r"([0-9A-Za-z]+)(栋|幢|号楼|楼|单元|室|号|#|-)?")
_CLOSED_MARKS = {"栋", "幢", "号楼", "楼", "单元", "室", "号"}


@dataclass(frozen=True)
class SearchHit:
    account_id: int
    number: str | None  # None before numbering
    holder_name: str
    address: str  # e.g. "阳光花园 3栋2单元501"
    phone: str  # masked unless the actor has pii.view
    status: str
    status_zh: str
    # "number" | "phone" | "phone_tail" | "name" | "initials" | "pinyin" | "meter" | "address"
    matched_on: str


@dataclass(frozen=True)
class _Candidate:
    account_id: int
    number: str | None
    rank: int
    matched_on: str


def normalize_query(query: str) -> str:
    """Full-width to ASCII (NFKC), spaces dropped, capped at MAX_QUERY characters."""
    return normalize_typed(query or "")[:MAX_QUERY]


def search_hint(query: str) -> str | None:
    """What the box should say about the text as typed, or None.

    A full-length account number whose check digit is wrong finds nothing; the clerk is told why.
    """
    digits = normalize_query(query).replace("-", "")
    if len(digits) == account_numbers.LENGTH and digits.isdigit():
        try:
            account_numbers.validate_number(digits)
        except ValidationError as exc:
            return exc.text()
    return None


def search(session: Session, actor: Actor, query: str, limit: int = 20) -> list[SearchHit]:
    """The accounts matching the typed text, best match first (at most ``limit``)."""
    require(session, actor, "account.view")
    limit = max(1, min(int(limit), MAX_LIMIT))
    q = normalize_query(query)
    if not q:
        return []
    found: dict[int, _Candidate] = {}
    for cand in _candidates(session, q, limit):
        best = found.get(cand.account_id)
        if best is None or cand.rank < best.rank:
            found[cand.account_id] = cand
    ordered = sorted(found.values(), key=lambda c: (c.rank, c.number is None, c.number or "", c.account_id))
    return _hits(session, actor, ordered[:limit])


# ---- which lookups a query runs ------------------------------------------------------------


def _candidates(session: Session, q: str, limit: int) -> list[_Candidate]:
    digits = q.replace("-", "")
    if digits.isdigit():
        return _numeric(session, q, digits, limit)
    if _ASCII_ALNUM.fullmatch(q):
        return _letters(session, q, limit)
    head = _HAN_HEAD.match(q)
    if head:
        return _han(session, head.group(), q[head.end():], limit)
    return []


def _numeric(session: Session, q: str, digits: str, limit: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    if len(digits) == account_numbers.LENGTH:
        if search_hint(digits) is not None:
            return []  # a full number with a wrong check digit finds nothing; search_hint says why
        out += _run(session, _eq(Account.number, digits), "number", limit)
    elif len(digits) < account_numbers.LENGTH:
        out += _run(session, _prefix(Account.number, digits), "number", limit, rank="prefix")
    phone = _phone_or_none(q)
    if phone:
        for col in (Account.phone, Account.phone2):
            out += _run(session, _eq(col, phone, by_number=True), "phone", limit)
    elif len(digits) >= 3:
        # a landline is stored as 010-12345678: keep the dash if one was typed
        out += _run(session, _prefix(Account.phone, q), "phone", limit, rank="prefix")
    if len(digits) == 4:
        out += _run(session, _eq(Account.phone_tail4, digits, by_number=True), "phone_tail", limit)
    out += _meters(session, digits, limit)
    return out


def _letters(session: Session, q: str, limit: int) -> list[_Candidate]:
    key = q.lower()
    out: list[_Candidate] = []
    for col, kind in ((Account.name_initials, "initials"), (Account.name_pinyin, "pinyin")):
        out += _run(session, _prefix(col, key), kind, limit, rank="prefix", exact=key)
    out += _meters(session, q.upper(), limit)
    return out


def _han(session: Session, head: str, rest: str, limit: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    if not rest:
        out += _run(session, _eq(Account.holder_name, head, by_number=True), "name", limit)
        out += _run(session, _prefix(Account.holder_name, head), "name", limit, rank="prefix")
    parts = _address_parts(rest)
    if parts is not None:
        out += _compound_accounts(session, head, parts, limit)
    out += _street_accounts(session, head, head + rest, limit)
    return out


# ---- the lookups -----------------------------------------------------------------------------


def _eq(col: InstrumentedAttribute[Any], value: str, *, by_number: bool = False) -> Select[Any]:
    stmt = select(Account.id, Account.number, col).where(col == value)
    # Small sets (one phone, one tail, one full name): sorted by number in SQL.
    return stmt.order_by(Account.number) if by_number else stmt


def _prefix(col: InstrumentedAttribute[Any], p: str) -> Select[Any]:
    # Index order: the shortest keys (exact matches) come first, so LIMIT keeps them.
    return select(Account.id, Account.number, col).where(*_starts(col, p)).order_by(col)


def _starts(col: ColumnElement[Any] | InstrumentedAttribute[Any], p: str) -> tuple[ColumnElement[bool], ...]:
    return col >= p, col < p + _TOP


def _run(session: Session, stmt: Select[Any], matched_on: str, limit: int, *, rank: str | None = None,
         exact: str | None = None) -> list[_Candidate]:
    """One lookup's candidates, ranked as ``rank`` (default: as matched_on).

    With ``exact``, a row whose key equals it ranks as matched_on instead (zs typed, zs stored).
    """
    out = []
    for account_id, number, key in session.execute(stmt.limit(limit)):
        r = RANK[matched_on] if rank is None or (exact is not None and key == exact) else RANK[rank]
        out.append(_Candidate(account_id, number, r, matched_on))
    return out


def _meters(session: Session, serial: str, limit: int) -> list[_Candidate]:
    """Meter serial prefix over every meter (a removed meter still names its account)."""
    stmt = (
        select(Account.id, Account.number, Meter.serial)
        .join(Account, Account.id == Meter.account_id)
        .where(*_starts(Meter.serial, serial))
        .order_by(Meter.serial)
    )
    return _run(session, stmt, "meter", limit, rank="prefix", exact=serial)


def _phone_or_none(q: str) -> str | None:
    try:
        return validate_phone(q)
    except ValidationError:
        return None


@dataclass(frozen=True)
class _Parts:
    exact: tuple[str, ...]  # building, unit... typed in full
    prefix: str | None  # the part still being typed


def _address_parts(rest: str) -> _Parts | None:
    """'3-2-501' / '3栋2单元501' / '' -> building, unit, room; None when it is no flat address.

    The last part is a prefix while it is being typed ('3-2-5'), exact once a mark follows it
    ('3栋', '3-').
    """
    if not rest:
        return _Parts((), None)
    parts: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rest):
        m = _PART.match(rest, pos)
        if m is None:
            return None
        parts.append((m.group(1), m.group(2) or ""))
        pos = m.end()
    if len(parts) > 3:
        return None
    values = tuple(p for p, _ in parts)
    if parts[-1][1]:
        return _Parts(values, None)
    return _Parts(values[:-1], values[-1])


def _compound_accounts(session: Session, fragment: str, parts: _Parts, limit: int) -> list[_Candidate]:
    # The compounds table is small (one row per compound): a LIKE over it is cheap.
    compound_ids = session.scalars(
        select(Compound.id).where(Compound.name.contains(fragment, autoescape=True))
        .order_by(Compound.name).limit(MAX_COMPOUNDS)
    ).all()
    if not compound_ids:
        return []
    cols = (Premises.building, Premises.unit, Premises.room)
    where: list[ColumnElement[bool]] = [Premises.compound_id.in_(compound_ids)]
    where += [col == value for col, value in zip(cols, parts.exact, strict=False)]
    if parts.prefix is not None:
        where += _starts(cols[len(parts.exact)], parts.prefix)
    stmt = (
        select(Account.id, Account.number, Premises.room)
        .select_from(Premises)
        .join(Account, Account.premises_id == Premises.id)
        .where(*where)
    )
    return _run(session, stmt, "address", limit)


def _street_accounts(session: Session, head: str, typed: str, limit: int) -> list[_Candidate]:
    """Shops and factories: street addresses starting with the text (spaces ignored)."""
    squeezed = func.replace(Premises.street, " ", "")
    stmt = (
        select(Account.id, Account.number, Premises.street)
        .select_from(Premises)
        .join(Account, Account.premises_id == Premises.id)
        .where(*_starts(Premises.street, head), func.substr(squeezed, 1, len(typed)) == typed)
        .order_by(Premises.street)
    )
    return _run(session, stmt, "address", limit)


# ---- what the box shows ----------------------------------------------------------------------


def _hits(session: Session, actor: Actor, ordered: list[_Candidate]) -> list[SearchHit]:
    if not ordered:
        return []
    rows = session.execute(
        select(Account.id, Account.holder_name, Account.phone, Account.status, Premises, Compound.name)
        .join(Premises, Premises.id == Account.premises_id)
        .outerjoin(Compound, Compound.id == Premises.compound_id)
        .where(Account.id.in_([c.account_id for c in ordered]))
    ).all()
    by_id = {r[0]: r for r in rows}
    masked = not allowed(actor, "pii.view")
    hits = []
    for c in ordered:
        _id, name, phone, status, premises, compound_name = by_id[c.account_id]
        hits.append(SearchHit(
            account_id=c.account_id,
            number=c.number,
            holder_name=name,
            address=address_string(premises, compound_name or ""),
            phone=mask_phone(phone) if masked else phone,
            status=status,
            status_zh=STATUS_ZH[status],
            matched_on=c.matched_on,
        ))
    return hits
