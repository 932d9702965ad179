"""Historical postings as rows, for a bulk load (the demo office's generated years, an import of
old records).

``ledger.record`` posts one transaction through the ORM, a few milliseconds each: years of history
for half a million accounts that way would take hours. ``record`` here builds the rows a
``ledger.record`` writes — the account's party the first time, the posting, its entries, the
allocations of its credits — through the same line checks (``posting._check_line``) and keeps the
amounts Decimal yuan; ``insert_rows`` writes every value through its column's own type, so money
goes to disk through the Money type (``money.to_fen``) and nothing converts it on the side.

``write`` puts the postings in day by day, oldest first. Money postings go into one shift per
(counter, user, business day), opened for that day's postings and closed once a later day comes
(``close`` ends the last): the database takes postings into an open shift only, and holds one
open shift per user and counter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from gasdesk.models import LedgerAllocation, LedgerEntry, LedgerPosting, Party, Shift, chain
from gasdesk.services.ledger import posting
from gasdesk.services.ledger.allocations import CHARGE_BUCKETS
from gasdesk.services.ledger.posting import Line, Payment, with_payment

_checked = cache(posting._check_line)  # lines are few and repeat: check each one once
OPENS, POSTS, CLOSES = time(8), time(10), time(17)  # local time of a historical day's shift


@cache
def moment(day: date, at: time = POSTS) -> datetime:
    """When on a historical business day something was written (the office's local time)."""
    return datetime.combine(day, at).astimezone(UTC)


@dataclass
class _Day:
    postings: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    allocations: list[dict[str, Any]] = field(default_factory=list)
    money: list[tuple[tuple[int, int], dict[str, Any]]] = field(default_factory=list)  # (counter, user), posting


class Batch:
    """Historical postings not yet written, by business day, with the next ids to give out.

    For parties new to the ledger (accounts made in the same load): an account's party is made
    here the first time it posts, and a credit settles the charges posted in this load only."""

    def __init__(self, session: Session) -> None:
        def next_id(model: Any) -> int:
            return (session.scalar(select(func.max(model.id))) or 0) + 1

        self.ids = {m: next_id(m) for m in (Party, LedgerPosting, LedgerEntry, LedgerAllocation, Shift)}
        self.parties: list[dict[str, Any]] = []
        self.party_of: dict[int, int] = {}
        self.days: dict[date, _Day] = {}
        self.open_charges: dict[int, list[list[Any]]] = {}  # party -> [[charge entry, open amount]], oldest first
        self.shifts: dict[tuple[int, int], tuple[int, date]] = {}  # (counter, user) -> its open shift, its day
        self.shift_days = {tuple(r) for r in session.execute(select(Shift.counter_id, Shift.user_id,
                                                                     Shift.business_date))}

    def take(self, model: Any) -> int:
        n = self.ids[model]
        self.ids[model] = n + 1
        return n


def record(batch: Batch, account_id: int, lines: Sequence[Line], *, payment: Payment | None = None, on: date,
           counter_id: int, user_id: int, action: str, memo: str = "") -> int:
    """The rows of one posting for an account on business day ``on``, as ``ledger.record`` would
    write them (its shift is the day's, given when written). Returns the posting's id."""
    at = moment(on)
    party_id = batch.party_of.get(account_id)
    if party_id is None:
        party_id = batch.party_of[account_id] = batch.take(Party)
        batch.parties.append(dict(id=party_id, kind="account", account_id=account_id, created_at=at))
    all_lines, tendered, change = with_payment(lines, payment)
    day = batch.days.setdefault(on, _Day())
    pid = batch.take(LedgerPosting)
    row = dict(id=pid, party_id=party_id, account_id=account_id, idempotency_key=f"history-{pid}", action=action,
               memo=memo[:200], business_date=on, counter_id=counter_id, user_id=user_id, approved_by=None,
               shift_id=None, voids=None, created_at=at)
    day.postings.append(row)
    credits: list[list[Any]] = []
    charges: list[list[Any]] = []
    moves_money = False
    for line in all_lines:
        bucket, amount, method = _checked(line)
        moves_money = moves_money or bucket == "money"
        cash = line.kind == "payment" and tendered is not None
        eid = batch.take(LedgerEntry)
        day.entries.append(dict(
            id=eid, posting_id=pid, party_id=party_id, account_id=account_id, kind=line.kind, bucket=bucket,
            amount=amount, method=method, tendered=tendered if cash else None, change_given=change if cash else None,
            reversal_of=None, reason=line.reason[:200], user_id=user_id, created_at=at))
        if amount < 0 and line.kind in ("payment", "prepayment_applied"):  # as allocations.allocate
            credits.append([eid, -amount])
        elif amount > 0 and bucket in CHARGE_BUCKETS:
            charges.append([eid, amount])
    if moves_money:
        day.money.append(((counter_id, user_id), row))
    # Credits settle the posting's own charges first, then the party's oldest open ones.
    targets = charges + batch.open_charges.pop(party_id, [])
    for target in targets:
        while target[1] > 0 and credits:
            amount = min(target[1], credits[0][1])
            day.allocations.append(dict(id=batch.take(LedgerAllocation), posting_id=pid, credit_entry_id=credits[0][0],
                                        charge_entry_id=target[0], amount=amount, reversal_of=None, created_at=at))
            target[1] -= amount
            credits[0][1] -= amount
            if credits[0][1] == 0:
                credits.pop(0)
    still_open = sorted((t for t in targets if t[1] > 0), key=itemgetter(0))
    if still_open:
        batch.open_charges[party_id] = still_open
    return pid


def write(session: Session, batch: Batch) -> None:
    """Write what the batch holds, day by day (the accounts it names are written already)."""
    insert_rows(session, Party, batch.parties)
    batch.parties = []
    for on in sorted(batch.days):
        day = batch.days.pop(on)
        for key, row in day.money:
            row["shift_id"] = _shift(session, batch, key, on)
        insert_rows(session, LedgerPosting, day.postings)
        insert_rows(session, LedgerEntry, day.entries)
        insert_rows(session, LedgerAllocation, day.allocations)


def close(session: Session, batch: Batch) -> None:
    """Write the rest and close the last shifts: history is done."""
    write(session, batch)
    for shift_id, on in batch.shifts.values():
        _close(session, shift_id, on)
    batch.shifts.clear()


def _shift(session: Session, batch: Batch, key: tuple[int, int], on: date) -> int:
    """The (counter, user)'s shift of day ``on``, opened now; the earlier day's shift closes."""
    shift_id, its_day = batch.shifts.get(key, (0, None))
    if its_day == on:
        return shift_id
    if its_day is not None:
        if its_day > on:
            raise ValueError(f"history is written forwards: {on} comes after {its_day}")
        _close(session, shift_id, its_day)
    if (*key, on) in batch.shift_days:
        raise ValueError(f"counter {key[0]} already has a shift on {on} for user {key[1]}")
    shift_id = batch.take(Shift)
    insert_rows(session, Shift, [dict(id=shift_id, counter_id=key[0], user_id=key[1], business_date=on,
                                      status="open", opened_at=moment(on, OPENS), closed_at=None)])
    batch.shifts[key] = (shift_id, on)
    batch.shift_days.add((*key, on))
    return shift_id


def _close(session: Session, shift_id: int, on: date) -> None:
    session.execute(update(Shift).where(Shift.id == shift_id).values(status="closed", closed_at=moment(on, CLOSES)),
                    execution_options={"synchronize_session": False})


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk insert of whole rows (every column, explicit ids). On SQLite straight through the driver
    (the ORM's per-row work dominates at 500k), each value through its column type's own bind step."""
    if not rows:
        return
    table = model.__table__
    conn = session.connection()
    if table.name in chain.TABLES:  # sealed onto the chain as the ORM seals a posting's rows
        chain.link(conn, table.name, rows)
    dialect = conn.dialect
    if dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        if dialect.name == "postgresql":
            # Explicit ids leave the table's id sequence behind: the next ORM insert would reuse an id.
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), MAX(id)) FROM {table.name}"))
        return
    cols = list(table.columns)
    convert = [(i, _remembered(p)) for i, c in enumerate(cols)
               if (p := c.type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    getter = itemgetter(*(c.name for c in cols))
    values = []
    for r in rows:
        t = list(getter(r))
        for i, f in convert:
            t[i] = f(t[i])
        values.append(tuple(t))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(c.name for c in cols)}) "
                         f"VALUES ({', '.join('?' * len(cols))})", values)


def _remembered(process: Any) -> Any:
    """The column type's bind step, once per distinct value (amounts and days repeat by the thousand)."""
    seen: dict[Any, Any] = {}

    def bind(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            out = seen[value] = process(value)
            return out
        except TypeError:  # not hashable
            return process(value)

    return bind
