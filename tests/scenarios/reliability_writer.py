"""A ledger writer for the reliability tests: real postings whose completeness can be checked.

Posting ``seq`` of writer ``tag`` is fully determined by (tag, seq) (see ``planned``): one account
out of those given, a charge line or none, and one payment with a method, under the idempotency
key ``rel:{tag}:{seq}``. The writer opens the database as the program does (``prepare``), signs in
as a clerk, and posts through ``ledger.post`` in one ``db.write()`` per posting. It keeps no note
of its progress: the database is the truth, and ``check_ledger`` reads everything back from it.

The tests load it by path (their folders are not packages); as a script it posts until killed:
``python reliability_writer.py DB TAG PASSWORD ACCOUNT_ID,... [FIRST [COUNT]]`` exits with the
number of failed postings.
"""

from __future__ import annotations

import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from gasdesk.db import open_database
from gasdesk.services import ledger
from gasdesk.services.office import users
from gasdesk.startup import prepare

KEY_PREFIX = "rel:"
CLERK = "clerk"
COUNTER = "T01"  # registered by the tests' actors fixture (tests/conftest.py)
_METHODS = sorted(ledger.METHODS)
_CHARGES = ("gas_charge", "penalty", "installation_fee")


@dataclass(frozen=True)
class Planned:
    """One posting as the writer defines it; the checker compares the database with this."""

    account_id: int
    lines: tuple[ledger.Line, ...]
    payment: ledger.Payment

    def entries(self) -> Counter[tuple[str, int, str | None]]:
        """(kind, amount in fen, method) of every entry the posting must have."""
        rows = [(line.kind, _fen(line.amount), line.method) for line in self.lines]
        rows.append(("payment", -_fen(self.payment.amount), self.payment.method))
        return Counter(rows)

    @property
    def total_fen(self) -> int:
        return sum(fen * n for (_, fen, _), n in self.entries().items())


def _fen(amount: Decimal) -> int:
    return int(amount * 100)


def idempotency_key(tag: str, seq: int) -> str:
    return f"{KEY_PREFIX}{tag}:{seq}"


def planned(tag: str, seq: int, accounts: Sequence[int]) -> Planned:
    """A third of the postings are payments alone; the rest a charge paid with it, in full or not."""
    rng = random.Random(f"{tag}:{seq}")  # a str seed is stable across processes
    account = accounts[rng.randrange(len(accounts))]
    pay = Decimal(rng.randint(1, 80_000)) / 100
    lines: tuple[ledger.Line, ...] = ()
    if seq % 3:
        lines = (ledger.Line(rng.choice(_CHARGES), Decimal(rng.randint(1, 80_000)) / 100),)
    return Planned(account, lines, ledger.Payment(pay, rng.choice(_METHODS)))


def write_postings(path: str | os.PathLike[str], tag: str, accounts: Sequence[int], password: str, *,
                   first: int = 1, count: int | None = None, report_fd: int | None = None) -> int:
    """Post ``count`` postings from ``first`` on (or forever); returns how many failed."""
    db = prepare(path, create=False)
    failed, seq = 0, first
    try:
        with db.write() as s:
            outcome = users.authenticate(s, CLERK, password, counter=COUNTER)
        if outcome.actor is None:
            raise outcome.error or RuntimeError("sign-in failed")
        while count is None or seq < first + count:
            plan = planned(tag, seq, accounts)
            try:
                with db.write() as s:
                    ledger.post(s, outcome.actor, plan.account_id, plan.lines, payment=plan.payment,
                                idempotency_key=idempotency_key(tag, seq))
            except Exception as exc:  # counted and told: a reliability test wants zero
                failed += 1
                print(f"{tag} posting {seq} failed: {exc}", file=sys.stderr, flush=True)
            else:
                if report_fd is not None:
                    # For the test's durability check only (a returned commit survives); nothing resumes from it.
                    os.write(report_fd, f"{seq}\n".encode())
            seq += 1
    finally:
        db.dispose()
    return failed


@dataclass(frozen=True)
class LedgerState:
    committed: dict[str, int]  # tag -> last sequence on disk (all of 1..last are there)
    postings: int  # the writers' postings
    payments: int  # their payment entries


def check_ledger(path: str | os.PathLike[str], accounts: Sequence[int],
                 opening: dict[int, ledger.Balances]) -> LedgerState:
    """Assert the ledger invariants on the file; return what the writers committed.

    ``opening`` holds each account's balances before any writer ran; the expected balances are
    computed from it and the writers' own definition of every posting found, not from the ledger.
    """
    db = open_database(path, create=False)
    try:
        assert db.integrity_check() == []  # integrity_check plus foreign_key_check
        with db.read() as s:
            sql = lambda q: [tuple(r) for r in s.execute(text(q))]  # noqa: E731
            assert sql("PRAGMA foreign_key_check") == []
            assert sql("SELECT p.id FROM ledger_postings p WHERE NOT EXISTS "
                       "(SELECT 1 FROM ledger_entries e WHERE e.posting_id = p.id)") == [], "posting without entries"
            assert sql("SELECT e.id FROM ledger_entries e LEFT JOIN ledger_postings p ON p.id = e.posting_id "
                       "WHERE p.id IS NULL") == [], "entry without posting"
            assert sql("SELECT e.id FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                       "WHERE e.account_id <> p.account_id") == [], "entry on another account than its posting"
            assert sql("SELECT idempotency_key FROM ledger_postings GROUP BY idempotency_key "
                       "HAVING COUNT(*) > 1") == [], "idempotency key used twice"
            rows = sql("SELECT p.idempotency_key, p.account_id, e.kind, e.amount, e.method FROM ledger_postings p "
                       f"JOIN ledger_entries e ON e.posting_id = p.id WHERE p.idempotency_key LIKE '{KEY_PREFIX}%'")
            found: dict[str, tuple[set[int], Counter]] = defaultdict(lambda: (set(), Counter()))
            for key, account_id, kind, fen, method in rows:
                found[key][0].add(account_id)
                found[key][1][(kind, fen, method)] += 1
            seqs: dict[str, list[int]] = defaultdict(list)
            expected = {aid: _fen(b.balance) for aid, b in opening.items()}
            payments = 0
            for key, (account_ids, entries) in found.items():
                tag, seq = key.removeprefix(KEY_PREFIX).rsplit(":", 1)
                plan = planned(tag, int(seq), accounts)
                assert (account_ids, entries) == ({plan.account_id}, plan.entries()), f"posting {key} is torn"
                seqs[tag].append(int(seq))
                expected[plan.account_id] += plan.total_fen
                payments += entries[("payment", -_fen(plan.payment.amount), plan.payment.method)]
            for tag, got in seqs.items():  # a writer commits in order: a gap is a lost commit
                assert sorted(got) == list(range(1, max(got) + 1)), f"writer {tag}: sequences missing"
            for aid in accounts:
                want = ledger.Balances(Decimal(expected[aid]) / 100, opening[aid].prepayment_credit,
                                       opening[aid].deposits)
                assert ledger.balances(s, aid) == want, f"account {aid}"
    finally:
        db.dispose()
    return LedgerState({tag: max(got) for tag, got in seqs.items()}, len(found), payments)


def postings_for(path: str | Path, key: str) -> int:
    db = open_database(path, create=False)
    try:
        with db.read() as s:
            return s.execute(text("SELECT COUNT(*) FROM ledger_postings WHERE idempotency_key = :k"),
                             {"k": key}).scalar_one()
    finally:
        db.dispose()


if __name__ == "__main__":
    ids = [int(a) for a in sys.argv[4].split(",")]
    start = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    n = int(sys.argv[6]) if len(sys.argv) > 6 else None
    sys.exit(min(write_postings(sys.argv[1], sys.argv[2], ids, sys.argv[3], first=start, count=n), 100))
