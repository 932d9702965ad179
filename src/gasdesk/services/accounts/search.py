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

Paging and counting: the next page is the best ``shown + limit`` hits less those already shown
(each lookup then takes that many rows), so a page never repeats a hit nor loses one, however
the rows of a deeper look rank. The count runs the same lookups for account ids only (covering
indexes, no joins), each capped at COUNT_CAP + 1 rows: beyond the cap it says "more than", so it
costs at most a few index ranges of 10,000 entries however broad the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
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
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import readable, shown

MAX_LIMIT = 200  # hits in one call (one page)
COUNT_CAP = 10_000  # counted exactly up to here, "more than" beyond; also the deepest a list pages
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
    phone: str  # masked for every role: the account page reveals it on demand (accounts.reveal)
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


@dataclass(frozen=True)
class MatchCount:
    total: int  # accounts matched; COUNT_CAP when ``more``
    more: bool = False  # more than COUNT_CAP matched: ``total`` is the cap, not the count


@dataclass(frozen=True)
class SearchPage:
    """The first page of a search and how many accounts the text matches in all."""

    hits: list[SearchHit]
    count: MatchCount


def search(session: Session, actor: Actor, query: str, limit: int = 20, *,
           shown: Collection[int] = ()) -> list[SearchHit]:
    """The accounts matching the typed text, best match first (at most ``limit``).

    ``shown``: the account ids already on screen; the answer is the next page after them."""
    require(session, actor, "account.view")
    limit = max(1, min(int(limit), MAX_LIMIT))
    q = normalize_query(query)
    if not q or len(shown) >= COUNT_CAP:
        return []
    conn = session.connection()
    depth = len(shown) + limit
    found: dict[int, _Candidate] = {}
    for lookup in _plan(conn, q):
        for cand in _run(conn, lookup, depth):
            best = found.get(cand.account_id)
            if best is None or cand.rank < best.rank:
                found[cand.account_id] = cand
    skip = set(shown)
    ordered = sorted((c for c in found.values() if c.account_id not in skip),
                     key=lambda c: (c.rank, c.number is None, c.number or "", c.account_id))
    return _hits(ordered[:limit])


def count_matches(session: Session, actor: Actor, query: str, cap: int = COUNT_CAP) -> MatchCount:
    """How many accounts the text matches, exactly up to ``cap``."""
    require(session, actor, "account.view")
    q = normalize_query(query)
    if not q:
        return MatchCount(0)
    conn = session.connection()
    ids: set[int] = set()
    for lookup in _plan(conn, q):
        ids.update(conn.scalars(_statement(lookup.key, ids_only=True), {**lookup.params, "n": cap + 1}))
        if len(ids) > cap:
            return MatchCount(cap, more=True)
    return MatchCount(len(ids))


def find(session: Session, actor: Actor, query: str, limit: int = 50) -> SearchPage:
    """The first page and the count, in one call: counted only when the page is full."""
    hits = search(session, actor, query, limit)
    full = len(hits) >= max(1, min(int(limit), MAX_LIMIT))
    return SearchPage(hits, count_matches(session, actor, query) if full else MatchCount(len(hits)))


# ---- which lookups a query runs ------------------------------------------------------------


@dataclass(frozen=True)
class _Lookup:
    """One lookup a query runs: which statement (see _statement), its bound values, how it ranks."""

    key: tuple[Any, ...]
    params: dict[str, Any]
    matched_on: str
    rank: str | None = None
    exact: str | None = None


def _plan(conn: Connection, q: str) -> list[_Lookup]:
    digits = q.replace("-", "")
    if digits.isdigit():
        return _numeric(q, digits)
    if _ASCII_ALNUM.fullmatch(q):
        return _letters(q)
    head = _HAN_HEAD.match(q)
    if head:
        return _han(conn, head.group(), q[head.end():])
    return []


def _numeric(q: str, digits: str) -> list[_Lookup]:
    out: list[_Lookup] = []
    if len(digits) == numbers.LENGTH:
        if search_hint(digits) is not None:
            return []  # a full number with a wrong check digit finds nothing; search_hint says why
        out.append(_Lookup(("eq", "number"), {"v": digits}, "number"))
    elif len(digits) < numbers.LENGTH:
        out.append(_Lookup(("prefix", "number"), _range(digits), "number", rank="prefix"))
    phone = _phone_or_none(q)
    if phone:
        out += [_Lookup(("eq", col), {"v": phone}, "phone") for col in ("phone", "phone2")]
    elif len(digits) >= 3:
        # a landline is stored as 010-12345678: keep the dash if one was typed
        out.append(_Lookup(("prefix", "phone"), _range(q), "phone", rank="prefix"))
    if len(digits) == 4:
        out.append(_Lookup(("eq", "phone_tail4"), {"v": digits}, "phone_tail"))
    out.append(_Lookup(("meters",), _range(digits), "meter", rank="prefix", exact=digits))
    return out


def _letters(q: str) -> list[_Lookup]:
    key = q.lower()
    out = [_Lookup(("prefix", col), _range(key), kind, rank="prefix", exact=key)
           for col, kind in (("name_initials", "initials"), ("name_pinyin", "pinyin"))]
    serial = q.upper()
    out.append(_Lookup(("meters",), _range(serial), "meter", rank="prefix", exact=serial))
    return out


def _han(conn: Connection, head: str, rest: str) -> list[_Lookup]:
    out: list[_Lookup] = []
    if not rest:
        out.append(_Lookup(("eq", "holder_name"), {"v": head}, "name"))
        out.append(_Lookup(("prefix", "holder_name"), _range(head), "name", rank="prefix"))
    escaped = head.replace("/", "//").replace("%", "/%").replace("_", "/_")
    compound_ids = list(conn.scalars(_COMPOUNDS, {"pattern": f"%{escaped}%"}))
    if compound_ids:
        parts = _address_parts(rest)
        if parts is not None:
            out.append(_flats(compound_ids, parts))
    else:
        # No compound by that name: a shop's or factory's street address. The range is on the
        # street's first word only (the typed text has lost its spaces), so it is only run here.
        typed = head + rest
        out.append(_Lookup(("street",), {**_range(head), "typed": typed, "n_typed": len(typed)}, "address"))
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


# The counting variant of a lookup selects the account id only, without joins or order: the
# name, phone and number indexes cover it, and meters.account_id is one step from the serial.
_IDS_FROM_PREMISES = Premises.__table__.join(Account.__table__, _A.premises_id == _P.id)


def _eq_lookup(name: str, ids_only: bool) -> Select[Any]:
    col = _A[name]
    if ids_only:
        return select(_A.id).where(col == bindparam("v")).limit(_N)
    # Small sets (one number, one phone, one tail, one full name): sorted by number in SQL.
    return select(*_SHOWN, col).select_from(_FROM_ACCOUNTS).where(col == bindparam("v")).order_by(_A.number).limit(_N)


def _prefix_lookup(name: str, ids_only: bool) -> Select[Any]:
    col = _A[name]
    if ids_only:
        return select(_A.id).where(*_starts(col)).limit(_N)
    # Index order: the shortest keys (exact matches) come first, so LIMIT keeps them.
    return select(*_SHOWN, col).select_from(_FROM_ACCOUNTS).where(*_starts(col)).order_by(col).limit(_N)


def _meters_lookup(ids_only: bool) -> Select[Any]:
    # Every meter, also removed ones: a removed meter still names its account.
    if ids_only:
        return select(_M.account_id).where(*_starts(_M.serial)).limit(_N)
    return (
        select(*_SHOWN, _M.serial)
        .select_from(Meter.__table__.join(_FROM_ACCOUNTS, _A.id == _M.account_id))
        .where(*_starts(_M.serial)).order_by(_M.serial).limit(_N)
    )


def _street_lookup(ids_only: bool) -> Select[Any]:
    # Shops and factories: street addresses starting with the text, spaces ignored.
    where = (*_starts(_P.street),
             func.substr(func.replace(_P.street, " ", ""), 1, bindparam("n_typed")) == bindparam("typed"))
    if ids_only:
        return select(_A.id).select_from(_IDS_FROM_PREMISES).where(*where).limit(_N)
    return select(*_SHOWN, _P.street).select_from(_FROM_PREMISES).where(*where).order_by(_P.street).limit(_N)


# The compounds table is small (one row per compound): a LIKE over it is cheap.
_COMPOUNDS = (
    select(_C.id).where(_C.name.like(bindparam("pattern"), escape="/")).order_by(_C.name)
    .limit(MAX_COMPOUNDS)
)
_FLAT_PARTS = ("building", "unit", "room")


def _flat_lookup(exact: int, prefix: bool, ids_only: bool) -> Select[Any]:
    """Accounts by compound, then the first ``exact`` parts equal, the next one a prefix."""
    where: list[ColumnElement[bool]] = [_P.compound_id.in_(bindparam("compounds", expanding=True))]
    where += [_P[part] == bindparam(part) for part in _FLAT_PARTS[:exact]]
    if prefix:
        where += _starts(_P[_FLAT_PARTS[exact]])
    if ids_only:
        return select(_A.id).select_from(_IDS_FROM_PREMISES).where(*where).limit(_N)
    return select(*_SHOWN, _P.room).select_from(_FROM_PREMISES).where(*where).limit(_N)


@cache
def _statement(key: tuple[Any, ...], ids_only: bool = False) -> Select[Any]:
    """The statement of a lookup, built once per kind and variant."""
    kind, *args = key
    builders = {"eq": _eq_lookup, "prefix": _prefix_lookup, "meters": _meters_lookup, "street": _street_lookup,
                "flat": _flat_lookup}
    return builders[kind](*args, ids_only)  # type: ignore[operator]


def _run(conn: Connection, lookup: _Lookup, limit: int) -> list[_Candidate]:
    """One lookup's candidates, ranked as ``lookup.rank`` (default: as matched_on).

    With ``exact``, a row whose key equals it ranks as matched_on instead (zs typed, zs stored).
    """
    out = []
    home, exact = RANK[lookup.matched_on], lookup.exact
    for row in conn.execute(_statement(lookup.key), {**lookup.params, "n": limit}):
        r = home if lookup.rank is None or (exact is not None and row[-1] == exact) else RANK[lookup.rank]
        out.append(_Candidate(row, r, lookup.matched_on))
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


def _flats(compound_ids: list[int], parts: _Parts) -> _Lookup:
    params: dict[str, Any] = {"compounds": compound_ids, **dict(zip(_FLAT_PARTS, parts.exact, strict=False))}
    if parts.prefix is not None:
        params.update(_range(parts.prefix))
    return _Lookup(("flat", len(parts.exact), parts.prefix is not None), params, "address")


# ---- what the box shows ----------------------------------------------------------------------


def _hits(ordered: list[_Candidate]) -> list[SearchHit]:
    hits = []
    for c in ordered:
        r = c.row
        hits.append(SearchHit(
            account_id=r.id,
            number=r.number,
            holder_name=r.holder_name,
            address=address_string(r, r.compound_name or ""),  # type: ignore[arg-type]  # a row with premises' columns
            phone=mask_phone(r.phone),  # on screen too: see accounts.reveal
            status=r.status,
            status_zh=labels.text(labels.ACCOUNT_STATUS, r.status, "zh"),
            matched_on=c.matched_on,
        ))
    return hits
