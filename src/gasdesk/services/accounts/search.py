"""Counter search: one box for account number, name, pinyin, phone, meter serial and address.

Every lookup is an index range (``col >= p AND col < p || U+10FFFF``) or an equality, each
with its own LIMIT, so the cost does not grow with the number of accounts: the indexes are
BINARY collation and LIKE would not use them. The statements are built once, with bound
parameters, and run on the session's connection. Address fragments look up the small
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
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Compound, Meter, Premises
from gasdesk.services.accounts import numbers
from gasdesk.services.accounts.identity import mask_phone, normalize_typed, validate_phone
from gasdesk.services.accounts.records import address_string
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import allowed, require
from gasdesk.services.core.text import readable, shown

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
    row: Any  # the _SHOWN columns of one account, then the lookup's key
    rank: int
    matched_on: str

    @property
    def account_id(self) -> int:
        return self.row[0]  # type: ignore[no-any-return]

    @property
    def number(self) -> str | None:
        return self.row[1]  # type: ignore[no-any-return]


def normalize_query(query: str) -> str:
    """Full-width to ASCII (NFKC), spaces dropped, capped at MAX_QUERY characters. Another
    script's digits and a character that cannot be read (a lone surrogate) are refused in words."""
    q = normalize_typed(query or "")[:MAX_QUERY]
    if not readable(q):
        raise ValidationError(f"查询“{shown(q)}”里有无法识别的字符，请重新输入。",
                              f"The search “{shown(q)}” has a character that cannot be read; type it again.")
    return q


def search_hint(query: str) -> str | None:
    """What the box should say about the text as typed, or None.

    A full-length account number whose check digit is wrong finds nothing; the clerk is told why.
    """
    try:
        digits = normalize_query(query).replace("-", "")
    except ValidationError as exc:  # the box says why before the search itself is refused
        return exc.text()
    if len(digits) == numbers.LENGTH and digits.isdigit():
        try:
            numbers.validate_number(digits)
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
    conn = session.connection()
    found: dict[int, _Candidate] = {}
    for cand in _candidates(conn, q, limit):
        best = found.get(cand.account_id)
        if best is None or cand.rank < best.rank:
            found[cand.account_id] = cand
    ordered = sorted(found.values(), key=lambda c: (c.rank, c.number is None, c.number or "", c.account_id))
    return _hits(actor, ordered[:limit])


# ---- which lookups a query runs ------------------------------------------------------------


def _candidates(conn: Connection, q: str, limit: int) -> list[_Candidate]:
    digits = q.replace("-", "")
    if digits.isdigit():
        return _numeric(conn, q, digits, limit)
    if _ASCII_ALNUM.fullmatch(q):
        return _letters(conn, q, limit)
    head = _HAN_HEAD.match(q)
    if head:
        return _han(conn, head.group(), q[head.end():], limit)
    return []


def _numeric(conn: Connection, q: str, digits: str, limit: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    if len(digits) == numbers.LENGTH:
        if search_hint(digits) is not None:
            return []  # a full number with a wrong check digit finds nothing; search_hint says why
        out += _run(conn, _EQ["number"], {"v": digits}, "number", limit)
    elif len(digits) < numbers.LENGTH:
        out += _run(conn, _PREFIX["number"], _range(digits), "number", limit, rank="prefix")
    phone = _phone_or_none(q)
    if phone:
        for col in ("phone", "phone2"):
            out += _run(conn, _EQ[col], {"v": phone}, "phone", limit)
    elif len(digits) >= 3:
        # a landline is stored as 010-12345678: keep the dash if one was typed
        out += _run(conn, _PREFIX["phone"], _range(q), "phone", limit, rank="prefix")
    if len(digits) == 4:
        out += _run(conn, _EQ["phone_tail4"], {"v": digits}, "phone_tail", limit)
    out += _run(conn, _METERS, _range(digits), "meter", limit, rank="prefix", exact=digits)
    return out


def _letters(conn: Connection, q: str, limit: int) -> list[_Candidate]:
    key = q.lower()
    out: list[_Candidate] = []
    for col, kind in (("name_initials", "initials"), ("name_pinyin", "pinyin")):
        out += _run(conn, _PREFIX[col], _range(key), kind, limit, rank="prefix", exact=key)
    serial = q.upper()
    out += _run(conn, _METERS, _range(serial), "meter", limit, rank="prefix", exact=serial)
    return out


def _han(conn: Connection, head: str, rest: str, limit: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    if not rest:
        out += _run(conn, _EQ["holder_name"], {"v": head}, "name", limit)
        out += _run(conn, _PREFIX["holder_name"], _range(head), "name", limit, rank="prefix")
    escaped = head.replace("/", "//").replace("%", "/%").replace("_", "/_")
    compound_ids = list(conn.scalars(_COMPOUNDS, {"pattern": f"%{escaped}%"}))
    if compound_ids:
        parts = _address_parts(rest)
        if parts is not None:
            out += _flats(conn, compound_ids, parts, limit)
    else:
        # No compound by that name: a shop's or factory's street address. The range is on the
        # street's first word only (the typed text has lost its spaces), so it is only run here.
        typed = head + rest
        out += _run(conn, _STREET, {**_range(head), "typed": typed, "n_typed": len(typed)}, "address", limit)
    return out


# ---- the lookups: built once, bound per query ----------------------------------------------
# Core statements on the tables (not ORM entities) and executed on the session's connection:
# building and compiling a statement per keystroke would cost more than the lookup itself.

_A = Account.__table__.c
_P = Premises.__table__.c
_C = Compound.__table__.c
_M = Meter.__table__.c
_N = bindparam("n")  # the LIMIT of each lookup
# What the box shows of a hit, fetched by every lookup (its few rows, by primary key).
_SHOWN = (_A.id, _A.number, _A.holder_name, _A.phone, _A.status, _P.compound_id, _P.building, _P.unit, _P.room,
          _P.street, _C.name.label("compound_name"))
_FROM_ACCOUNTS = (
    Account.__table__.join(Premises.__table__, _P.id == _A.premises_id)
    .outerjoin(Compound.__table__, _C.id == _P.compound_id)
)
_FROM_PREMISES = (
    Premises.__table__.join(Account.__table__, _A.premises_id == _P.id)
    .outerjoin(Compound.__table__, _C.id == _P.compound_id)
)


def _range(p: str) -> dict[str, str]:
    """Bind values for "starts with p" as an index range."""
    return {"lo": p, "hi": p + _TOP}


def _starts(col: ColumnElement[Any]) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return col >= bindparam("lo"), col < bindparam("hi")


def _eq_lookup(name: str) -> Select[Any]:
    col = _A[name]
    # Small sets (one number, one phone, one tail, one full name): sorted by number in SQL.
    return select(*_SHOWN, col).select_from(_FROM_ACCOUNTS).where(col == bindparam("v")).order_by(_A.number).limit(_N)


def _prefix_lookup(name: str) -> Select[Any]:
    col = _A[name]
    # Index order: the shortest keys (exact matches) come first, so LIMIT keeps them.
    return select(*_SHOWN, col).select_from(_FROM_ACCOUNTS).where(*_starts(col)).order_by(col).limit(_N)


_EQ = {name: _eq_lookup(name) for name in ("number", "phone", "phone2", "phone_tail4", "holder_name")}
_PREFIX = {name: _prefix_lookup(name) for name in ("number", "phone", "holder_name", "name_initials", "name_pinyin")}
# Every meter, also removed ones: a removed meter still names its account.
_METERS = (
    select(*_SHOWN, _M.serial)
    .select_from(Meter.__table__.join(_FROM_ACCOUNTS, _A.id == _M.account_id))
    .where(*_starts(_M.serial)).order_by(_M.serial).limit(_N)
)
# Shops and factories: street addresses starting with the text, spaces ignored.
_STREET = (
    select(*_SHOWN, _P.street).select_from(_FROM_PREMISES)
    .where(*_starts(_P.street),
           func.substr(func.replace(_P.street, " ", ""), 1, bindparam("n_typed")) == bindparam("typed"))
    .order_by(_P.street).limit(_N)
)
# The compounds table is small (one row per compound): a LIKE over it is cheap.
_COMPOUNDS = (
    select(_C.id).where(_C.name.like(bindparam("pattern"), escape="/")).order_by(_C.name)
    .limit(MAX_COMPOUNDS)
)
_FLAT_PARTS = ("building", "unit", "room")


@cache
def _flat_lookup(exact: int, prefix: bool) -> Select[Any]:
    """Accounts by compound, then the first ``exact`` parts equal, the next one a prefix."""
    where: list[ColumnElement[bool]] = [_P.compound_id.in_(bindparam("compounds", expanding=True))]
    where += [_P[part] == bindparam(part) for part in _FLAT_PARTS[:exact]]
    if prefix:
        where += _starts(_P[_FLAT_PARTS[exact]])
    return (
        select(*_SHOWN, _P.room).select_from(_FROM_PREMISES).where(*where).limit(_N)
    )


def _run(conn: Connection, stmt: Select[Any], params: dict[str, Any], matched_on: str, limit: int, *,
         rank: str | None = None, exact: str | None = None) -> list[_Candidate]:
    """One lookup's candidates, ranked as ``rank`` (default: as matched_on).

    With ``exact``, a row whose key equals it ranks as matched_on instead (zs typed, zs stored).
    """
    out = []
    for row in conn.execute(stmt, {**params, "n": limit}):
        r = RANK[matched_on] if rank is None or (exact is not None and row[-1] == exact) else RANK[rank]
        out.append(_Candidate(row, r, matched_on))
    return out


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


def _flats(conn: Connection, compound_ids: list[int], parts: _Parts, limit: int) -> list[_Candidate]:
    params: dict[str, Any] = {"compounds": compound_ids, **dict(zip(_FLAT_PARTS, parts.exact, strict=False))}
    if parts.prefix is not None:
        params.update(_range(parts.prefix))
    return _run(conn, _flat_lookup(len(parts.exact), parts.prefix is not None), params, "address", limit)


# ---- what the box shows ----------------------------------------------------------------------


def _hits(actor: Actor, ordered: list[_Candidate]) -> list[SearchHit]:
    masked = not allowed(actor, "pii.view")
    hits = []
    for c in ordered:
        r = c.row
        hits.append(SearchHit(
            account_id=r.id,
            number=r.number,
            holder_name=r.holder_name,
            address=address_string(r, r.compound_name or ""),  # type: ignore[arg-type]  # a row with premises' columns
            phone=mask_phone(r.phone) if masked else r.phone,
            status=r.status,
            status_zh=labels.text(labels.ACCOUNT_STATUS, r.status, "zh"),
            matched_on=c.matched_on,
        ))
    return hits
