"""The hash chain over the ledger and the audit log: every row sealed to the one before it.

Guards in the database refuse UPDATE, DELETE and REPLACE on these tables, but anyone with the file
can drop a guard. The chain makes such an edit visible: each row carries ``row_hash``, the SHA-256
of a versioned byte form of its content and of the previous row's hash, and ``chain_seq``, its place
in one sequence that runs through all four tables in the order rows were written (the write lock
orders writers: BEGIN IMMEDIATE on SQLite, the advisory lock on PostgreSQL). Change a posted
amount and its row no longer matches; remove rows from the end and the chain is shorter than a head
printed earlier (a closing sheet, a backup's side file): ``gasdesk db check --head COUNT:HASH``.

``link`` is the one function that seals rows, before they are inserted and in the writer's
transaction: the ORM calls it for each new row (``before_insert``, unbatched so each row sees the
one before it), bulk loads and migration 0007 call it for their row dicts. The byte form names
its version; ``V1`` lists each table's columns as that version hashes them, so a column added
later needs a new version rather than silently changing old rows' hashes.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, String, Text, column, event, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.money import Money, to_fen

VERSION = "gasdesk-chain-v1"
GENESIS = "0" * 64
SHORT = 12  # hex digits of a head shown on paper

# Each chained table's columns in the order v1 hashes them, with how each value is written.
V1: dict[str, tuple[tuple[str, str], ...]] = {
    "ledger_postings": (
        ("id", "int"), ("party_id", "int"), ("account_id", "int"), ("idempotency_key", "text"),
        ("action", "text"), ("memo", "text"), ("business_date", "date"), ("counter_id", "int"),
        ("user_id", "int"), ("approved_by", "int"), ("shift_id", "int"), ("voids", "int"), ("created_at", "time"),
    ),
    "ledger_entries": (
        ("id", "int"), ("posting_id", "int"), ("party_id", "int"), ("account_id", "int"), ("kind", "text"),
        ("bucket", "text"), ("amount", "money"), ("method", "text"), ("tendered", "money"),
        ("change_given", "money"), ("reversal_of", "int"), ("reason", "text"), ("user_id", "int"),
        ("created_at", "time"),
    ),
    "ledger_allocations": (
        ("id", "int"), ("posting_id", "int"), ("credit_entry_id", "int"), ("charge_entry_id", "int"),
        ("amount", "money"), ("reversal_of", "int"), ("created_at", "time"),
    ),
    "audit_log": (
        ("id", "int"), ("at", "time"), ("user_id", "int"), ("login", "text"), ("counter", "text"),
        ("action", "text"), ("entity", "text"), ("entity_id", "text"), ("before", "text"), ("after", "text"),
    ),
}
TABLES = tuple(V1)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


_WRITE: dict[str, Callable[[Any], Any]] = {
    "int": int,
    "text": str,
    "money": to_fen,
    "date": date.isoformat,
    "time": _utc_text,
}


def row_hash(table_name: str, seq: int, prev: str, row: Mapping[str, Any]) -> str:
    """SHA-256 of the v1 byte form: version, table, place in the chain, previous hash, values."""
    values = [None if row.get(name) is None else _WRITE[kind](row[name]) for name, kind in V1[table_name]]
    form = json.dumps([VERSION, table_name, seq, prev, values], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(form.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Head:
    """Where the chain ends: its row count and the last row's hash."""

    count: int
    hash: str

    def __str__(self) -> str:
        return f"{self.count}:{self.hash[:SHORT]}"

    @property
    def full(self) -> str:
        return f"{self.count}:{self.hash}"


def head(conn: Connection) -> Head:
    """The chain's head as it is in the database now (the caller's transaction sees its own rows)."""
    parts = " UNION ALL ".join(
        f"SELECT * FROM (SELECT chain_seq, row_hash FROM {t} WHERE chain_seq IS NOT NULL "
        f"ORDER BY chain_seq DESC LIMIT 1) AS {t}_head" for t in TABLES)
    last = conn.execute(text(f"SELECT chain_seq, row_hash FROM ({parts}) AS heads ORDER BY chain_seq DESC LIMIT 1"))
    found = last.first()
    return Head(0, GENESIS) if found is None else Head(int(found[0]), str(found[1]))


def link(conn: Connection, table_name: str, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Seal ``rows`` (dicts of column values, in the order they will be inserted) onto the chain:
    give each its id when it has none, its ``chain_seq`` and ``row_hash``. Call it inside the
    write transaction, right before the insert."""
    if not rows:
        return
    last = head(conn)
    next_id = None
    seq, prev = last.count, last.hash
    for row in rows:
        if row.get("id") is None:
            if next_id is None:
                next_id = int(conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table_name}")).scalar_one()) + 1
            row["id"] = next_id
            next_id += 1
        seq += 1
        row["chain_seq"] = seq
        row["row_hash"] = prev = row_hash(table_name, seq, prev, row)


def _seal_orm_row(mapper: Any, conn: Connection, target: Any) -> None:
    """before_insert: fill the defaults the INSERT would fill (so the hash covers what is stored),
    then seal the row."""
    tbl = mapper.local_table
    values: dict[str, Any] = {}
    for col in tbl.columns:
        key = mapper.get_property_by_column(col).key
        value = getattr(target, key, None)
        if value is None and col.default is not None and col.name not in ("id", "chain_seq", "row_hash"):
            value = col.default.arg if col.default.is_scalar else col.default.arg(None)
            setattr(target, key, value)
        values[col.name] = value
    link(conn, tbl.name, [values])
    for name in ("id", "chain_seq", "row_hash"):
        setattr(target, mapper.get_property_by_column(tbl.c[name]).key, values[name])


class Chained:
    """Mixin of the chained tables: their place on the chain and their seal, both set by ``link``.

    Nullable in the schema only because migration 0007 added them to existing rows (a NOT NULL
    column would rebuild the biggest tables); the insert guard refuses a row without them.
    Unbatched: each row's insert must follow its own ``before_insert``, so the next sees it."""

    __mapper_args__ = {"batch": False}

    chain_seq: Mapped[int | None] = mapped_column(BigInteger, index=True, unique=True)
    row_hash: Mapped[str | None] = mapped_column(String(64))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        event.listen(cls, "before_insert", _seal_orm_row)


# --- checking ---------------------------------------------------------------------------------------------

_READ_TYPE = {"int": BigInteger(), "text": Text(), "money": Money(), "date": Date()}


def _read_table(table_name: str) -> Any:
    from gasdesk.models.base import UTCDateTime

    cols = [column(name, UTCDateTime() if kind == "time" else _READ_TYPE[kind]) for name, kind in V1[table_name]]
    return table(table_name, *cols, column("chain_seq", BigInteger()), column("row_hash", Text()))


def _rows(conn: Connection, table_name: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    t = _read_table(table_name)
    result = conn.execution_options(stream_results=True, yield_per=5000).execute(
        t.select().order_by(t.c.chain_seq.asc().nulls_first(), t.c.id))
    for row in result.mappings():
        seq = row["chain_seq"]
        yield (-1 if seq is None else int(seq)), table_name, dict(row)


@dataclass(frozen=True)
class Finding:
    """The first place the chain does not verify, in words, with the row it names."""

    zh: str
    en: str
    table: str = ""
    row_id: int | None = None


@dataclass(frozen=True)
class Verdict:
    head: Head
    rows: int
    finding: Finding | None

    @property
    def sound(self) -> bool:
        return self.finding is None


_NAMES = {"ledger_postings": ("记账凭证", "posting"), "ledger_entries": ("账目", "ledger entry"),
          "ledger_allocations": ("核销", "allocation"), "audit_log": ("审计记录", "audit row")}


def _named(table_name: str, row_id: Any) -> tuple[str, str]:
    zh, en = _NAMES[table_name]
    return f"{zh} {table_name} #{row_id}", f"{en} {table_name} #{row_id}"


def verify(conn: Connection, *, through: Head | None = None,
           progress: Callable[[int], None] | None = None) -> Verdict:
    """Recompute the chain from its first row; the first row that does not match is named. With
    ``through`` (a head printed earlier, its hash possibly shortened) the chain must still pass
    through it: a shorter chain means rows were removed from the end."""
    prev, expected, seen = GENESIS, 1, 0
    last = Head(0, GENESIS)
    finding: Finding | None = None
    for seq, table_name, row in heapq.merge(*(_rows(conn, t) for t in TABLES), key=lambda r: r[0]):
        seen += 1
        if progress and seen % 10_000 == 0:
            progress(seen)
        if finding is not None:
            continue  # count the rest; the first finding is the one to act on
        zh, en = _named(table_name, row["id"])
        if seq != expected:
            finding = (Finding(f"{zh} 没有链序号或不在链上（应为第 {expected} 行）：数据库被绕过程序改动过。",
                               f"{en} has no place on the chain or the wrong one (expected row {expected}): "
                               "the database was changed outside gasdesk.", table_name, row["id"])
                       if seq < expected else
                       Finding(f"链上第 {expected} 至 {seq - 1} 行不见了（在 {zh} 之前）：有记录被删除。",
                               f"Rows {expected} to {seq - 1} of the chain are missing (before {en}): "
                               "records were deleted.", table_name, row["id"]))
            continue
        if row["row_hash"] != row_hash(table_name, seq, prev, row):
            finding = Finding(f"{zh}（链上第 {seq} 行）的内容与它的校验值不符：这条记录被绕过程序改动过。",
                              f"{en} (row {seq} of the chain) does not match its hash: it was changed "
                              "outside gasdesk.", table_name, row["id"])
            continue
        if through is not None and seq == through.count and not row["row_hash"].startswith(through.hash.lower()):
            finding = Finding(f"链上第 {seq} 行与先前打印的链头 {through} 不符：此前的记录被改写过。",
                              f"Row {seq} of the chain does not match the head printed earlier ({through}): "
                              "earlier records were rewritten.", table_name, row["id"])
            continue
        prev, expected = row["row_hash"], expected + 1
        last = Head(seq, prev)
    if finding is None and through is not None and last.count < through.count:
        finding = Finding(f"链现在只有 {last.count} 行，而先前打印的链头 {through} 有 {through.count} 行："
                          "末尾的记录被删除了。",
                          f"The chain now has {last.count} rows but the head printed earlier ({through}) had "
                          f"{through.count}: rows were removed from the end.")
    return Verdict(last, seen, finding)


def parse_head(value: str) -> Head | None:
    """``COUNT:HASH`` as printed (the hash at least 8 hex digits); None when it is not one."""
    count, sep, digest = value.strip().partition(":")
    digest = digest.strip().lower()
    if not sep or not count.isascii() or not count.isdigit() or len(count) > 15:
        return None
    if not 8 <= len(digest) <= 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return Head(int(count), digest)
