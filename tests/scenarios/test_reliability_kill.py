"""kill -9 a ledger writer at random points; two ledger writers at once. No money is lost, torn or doubled.

The writers post real payments (reliability_writer.py) to accounts opened through the services.
20 kills and 2 x 200 concurrent payments in the normal suite; GASDESK_LONG_TESTS=1 runs 120 kills
and 2 x 1,000 payments.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from accounts_support import Office

from gasdesk.services import ledger

pytestmark = pytest.mark.sqlite_only

LONG = os.environ.get("GASDESK_LONG_TESTS") == "1"
KILLS = 120 if LONG else 20
PAYMENTS = 1_000 if LONG else 200
PASSWORD = "secret-123"  # what tests/conftest.py gives every role


import reliability_writer as writer  # noqa: E402  (beside this file; pytest puts its folder on sys.path)

# fork: the child starts in milliseconds with gasdesk already imported, so the kill lands
# anywhere in the writer's life (start-up, sign-in, mid-posting, commit, checkpoint), not in imports.
# The parent holds no SQLite connection across a fork (SQLite forbids it): it disposes first.
FORK = multiprocessing.get_context("fork")


def _child(path: str, tag: str, accounts: list[int], first: int, count: int | None, report_fd: int) -> None:
    os._exit(min(writer.write_postings(path, tag, accounts, PASSWORD, first=first, count=count,
                                       report_fd=report_fd), 100))


def _start(path: Path, tag: str, accounts: list[int], first: int = 1,
           count: int | None = None) -> tuple[multiprocessing.process.BaseProcess, int]:
    read_fd, write_fd = os.pipe()
    proc = FORK.Process(target=_child, args=(str(path), tag, accounts, first, count, write_fd))
    proc.start()
    os.close(write_fd)
    return proc, read_fd


def _reported(read_fd: int) -> int:
    """The last posting the child saw committed (it reports only after the commit returned)."""
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    lines = [ln for ln in data.decode().splitlines() if ln.strip()]
    return int(lines[-1]) if lines else 0


def _run(path: Path, tag: str, accounts: list[int], first: int, count: int) -> None:
    proc, read_fd = _start(path, tag, accounts, first, count)
    _reported(read_fd)
    proc.join(timeout=120)
    assert proc.exitcode == 0, f"{tag}: {proc.exitcode} postings failed"


@pytest.fixture
def accounts(office: Office) -> tuple[Path, list[int], dict[int, ledger.Balances]]:
    """A handful of in-service accounts opened through the services, their opening balances, and no
    connection left open in this process."""
    ids = [office.account_at("in_service") for _ in range(5)]
    with office.db.read() as s:
        opening = {aid: ledger.balances(s, aid) for aid in ids}
    path = office.db.path
    assert path is not None
    office.db.dispose()
    return path, ids, opening


def test_kill_minus_nine_at_random_points(accounts: tuple[Path, list[int], dict[int, ledger.Balances]]) -> None:
    path, ids, opening = accounts
    rng = random.Random(20261127)
    started = time.monotonic()
    replayed = 0
    for i in range(KILLS):
        tag = f"k{i}"
        proc, read_fd = _start(path, tag, ids)
        time.sleep(rng.uniform(0.05, 0.4))  # start-up and sign-in take ~0.1 s
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        assert proc.exitcode == -signal.SIGKILL, f"kill {i}: the writer ended by itself ({proc.exitcode})"
        reported = _reported(read_fd)

        last = writer.check_ledger(path, ids, opening).committed.get(tag, 0)
        # A commit the writer saw return survives; at most the one in flight may also have landed.
        assert reported <= last <= reported + 1, f"kill {i}: reported {reported}, on disk {last}"

        # The clerk retries the posting the kill interrupted, with its key (when it had landed this is
        # a replay, otherwise it posts now), and submits the last one seen committed once more (a
        # double submit): exactly one posting for each key afterwards, and nothing else changed.
        killed_at = reported + 1
        replayed += last == killed_at
        resubmit = max(reported, 1)
        _run(path, tag, ids, resubmit, killed_at - resubmit + 1)
        for seq in range(resubmit, killed_at + 1):
            assert writer.postings_for(path, writer.idempotency_key(tag, seq)) == 1, f"kill {i}, posting {seq}"
        state = writer.check_ledger(path, ids, opening)
        assert state.committed[tag] == killed_at
    print(f"{KILLS} kills, {state.postings} postings ({replayed} retries replayed), "
          f"{time.monotonic() - started:.1f} s")
    assert state.postings > 3 * KILLS, "the writers hardly posted anything: the kills proved little"


def test_two_processes_post_payments_at_once_without_errors(
        accounts: tuple[Path, list[int], dict[int, ledger.Balances]]) -> None:
    path, ids, opening = accounts
    started = time.monotonic()
    procs = [_start(path, tag, ids, 1, PAYMENTS) for tag in ("p1", "p2")]
    for proc, read_fd in procs:
        reported = _reported(read_fd)  # drains the pipe while the child writes
        proc.join(timeout=300)
        assert proc.exitcode == 0, f"{proc.exitcode} postings failed (busy or locked)"
        assert reported == PAYMENTS
    state = writer.check_ledger(path, ids, opening)  # balances equal the sums of what was posted
    assert state.committed == {"p1": PAYMENTS, "p2": PAYMENTS}
    assert (state.postings, state.payments) == (2 * PAYMENTS, 2 * PAYMENTS)
    print(f"2 x {PAYMENTS} payments in {time.monotonic() - started:.1f} s")


_ENTRY = ("INSERT INTO ledger_entries (posting_id, party_id, account_id, kind, bucket, amount, method, reason, "
          "user_id, created_at) SELECT id, {party}, {account}, 'gas_charge', 'charge', 1, NULL, '', user_id, "
          "created_at FROM ledger_postings WHERE idempotency_key = 'rel:t:2'")
_POSTING = ("INSERT INTO ledger_postings (party_id, account_id, idempotency_key, action, memo, business_date, "
            "counter_id, user_id, created_at) SELECT party_id, account_id, 'rel:t:9', action, memo, business_date, "
            "counter_id, user_id, created_at FROM ledger_postings WHERE idempotency_key = 'rel:t:2'")
# A stray entry on another account than its posting's needs the party guard dropped first: the
# database refuses it (trg_ledger_entries_party); the checker must see it all the same.
_STRAY = (
    "DROP TRIGGER trg_ledger_entries_party; "
    "INSERT INTO parties (kind, account_id, created_at) SELECT 'account', a.id, CURRENT_TIMESTAMP FROM accounts a "
    "WHERE a.id = (SELECT MIN(id) FROM accounts) AND NOT EXISTS (SELECT 1 FROM parties WHERE account_id = a.id); "
    + _ENTRY.format(party="(SELECT id FROM parties WHERE account_id = (SELECT MIN(id) FROM accounts))",
                    account="(SELECT MIN(id) FROM accounts)"))


# Rows written past gasdesk carry no seal, which the database refuses: the guards go first.
_UNSEALED = "DROP TRIGGER trg_ledger_entries_sealed; DROP TRIGGER trg_ledger_postings_sealed; "


@pytest.mark.parametrize(("damage", "seen"), [
    (_UNSEALED + _ENTRY.format(party="party_id", account="account_id"), "posting rel:t:2 is torn"),  # 1 fen more
    (_UNSEALED + _STRAY, "on another account"),
    (_UNSEALED + _POSTING, "posting without entries"),
])
def test_the_checker_sees_torn_and_stray_rows(accounts: tuple[Path, list[int], dict[int, ledger.Balances]],
                                              damage: str, seen: str) -> None:
    """The kill test is only as good as its checker: rows no service would write are caught."""
    path, ids, opening = accounts
    ids = ids[1:]  # so that the first account is not one the writer posts to
    _run(path, "t", ids, 1, 6)
    assert writer.check_ledger(path, ids, {aid: opening[aid] for aid in ids}).committed == {"t": 6}
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(damage)
    conn.close()
    with pytest.raises(AssertionError, match=seen):
        writer.check_ledger(path, ids, {aid: opening[aid] for aid in ids})
