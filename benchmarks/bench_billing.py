"""Billing at branch-office size: a month's bills for 10,000 meters, against raw SQLite, and
recomputing the bills as `gasdesk db check` does.

    python benchmarks/bench_billing.py --db /tmp/bench-billing.db [--size 500000] [--history 100000]
                                       [--meters 10000] [--runs 3] [--check 20000]

Builds the database on first use (benchmarks/_gen/accounts.py, _gen/readings.py, then
_gen/billing.py: the generated readings billed in bulk by ``bills.bill_history``) and reuses it
after; a file with readings but no bills (the readings benchmark's) gets its bills added: copy
that file first, it is written to. Then:

  bill     one new month (the month after the history's last) of ``--meters`` meters with
           history: the accepted readings inserted, then ``bills.bill_meters`` for those meters,
           each run in a transaction rolled back (the readings' insert is not timed); against
           raw: the rows the warm-up run wrote (postings, entries, bills, bill lines, audit rows,
           the readings' new status) by sqlite3 executemany, in a transaction rolled back
  check    ``verify.mismatches`` as `db check` runs it, timed over its first ``--check`` bills
           (the full run is extrapolated from it); against raw: sqlite3 reading the same bills,
           their lines and their two readings
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import accounts as gen_accounts
from _gen import billing as gen_billing
from _gen import readings as gen_readings
from bench_readings import RAW_INSERT, draw, percentile, raw_rows, timed
from sqlalchemy import select

from gasdesk.models.users import User
from gasdesk.services.billing import bills, verify
from gasdesk.services.office import users
from gasdesk.startup import prepare

SEED = 12
WRITTEN = ("ledger_postings", "ledger_entries", "ledger_allocations", "bills", "bill_lines", "audit_log")


def ensure_office(path: Path, size: int, history: int) -> tuple[sqlite3.Connection, tuple[int, ...]]:
    """The generated office with two years of bills (built on first use, reused after): the billing
    and the cashier benchmarks' database. -> a raw connection and (accounts, readings, bills,
    bill lines, ledger entries)."""
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    if not path.exists():
        print(f"generating {size:,} accounts into {path} ...")
        print(f"generated in {gen_accounts.generate(path, size):.1f}s")
    raw = sqlite3.connect(path, isolation_level=None)
    if not raw.execute("SELECT count(*) FROM readings WHERE source = 'history'").fetchone()[0]:
        raw.close()
        print(f"generating readings for {history:,} meters ...")
        print(f"generated in {gen_readings.generate(path, history):.1f}s")
        raw = sqlite3.connect(path, isolation_level=None)
    has_bills = raw.execute("SELECT name FROM sqlite_master WHERE name = 'bills'").fetchone() and raw.execute(
        "SELECT count(*) FROM bills").fetchone()[0]
    if not has_bills:
        raw.close()
        print("billing the readings in bulk ...")
        seconds, done = gen_billing.generate(path)
        print(f"generated in {seconds:.1f}s: {len(done.bills):,} bills, {len(done.unbilled):,} readings without "
              f"use, {len(done.waiting):,} waiting")
        raw = sqlite3.connect(path, isolation_level=None)
    counts = raw.execute("SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM readings), "
                         "(SELECT count(*) FROM bills), (SELECT count(*) FROM bill_lines), "
                         "(SELECT count(*) FROM ledger_entries)").fetchone()
    print(f"{counts[0]:,} accounts, {counts[1]:,} readings, {counts[2]:,} bills, {counts[3]:,} bill lines, "
          f"{counts[4]:,} ledger entries, file {path.stat().st_size / 2**20:.0f} MiB")
    return raw, counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="database file (generated when missing, written to when no bills)")
    ap.add_argument("--size", type=int, default=500_000, help="accounts to generate (default 500000)")
    ap.add_argument("--history", type=int, default=100_000, help="meters with two years of readings (100000)")
    ap.add_argument("--meters", type=int, default=10_000, help="meters billed for the new month (10000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of the month's billing (3)")
    ap.add_argument("--check", type=int, default=20_000, help="bills the recomputation is timed over (20000)")
    args = ap.parse_args()
    path = Path(args.db)
    raw, counts = ensure_office(path, args.size, args.history)

    day, picked = draw(raw, args.meters, random.Random(SEED))
    db = prepare(path, create=False)
    with db.write() as s:
        clerk = users.authenticate(s, "clerk", gen_accounts.PASSWORD, counter=gen_accounts.COUNTER).actor
        reader_id = s.scalar(select(User.id).where(User.login == "reader"))
    assert clerk is not None and reader_id is not None
    new_readings = raw_rows(day, picked, reader_id, "entry", False)
    meter_ids = [mid for _a, _n, mid, _s, _v in picked]
    last = {t: raw.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0 for t in (*WRITTEN, "readings")}
    captured: dict[str, tuple[str, list[tuple]]] = {}

    def ours(capture: bool = False) -> float:
        s = db.sessions()
        try:
            s.begin()
            s.connection().exec_driver_sql(RAW_INSERT, new_readings)
            ms, done = timed(lambda: bills.bill_meters(s, clerk, meter_ids))
            s.flush()
            assert len(done.bills) == args.meters, (len(done.bills), done.waiting[:3])  # type: ignore[attr-defined]
            if capture:
                c = s.connection()
                for t in WRITTEN:
                    cols = [r[1] for r in c.exec_driver_sql(f"PRAGMA table_info({t})")]
                    rows = list(map(tuple, c.exec_driver_sql(f"SELECT * FROM {t} WHERE id > {last[t]} ORDER BY id")))
                    captured[t] = (f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                   rows)
                captured["readings"] = ("UPDATE readings SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                                        list(map(tuple, c.exec_driver_sql(
                                            "SELECT status, decided_by, decided_at, id FROM readings "
                                            f"WHERE id > {last['readings']}"))))
            return ms
        finally:
            s.rollback()
            s.close()

    def theirs() -> float:
        raw.execute("BEGIN IMMEDIATE")
        try:
            raw.executemany(RAW_INSERT, new_readings)
            t = time.perf_counter_ns()
            for sql, rows in captured.values():
                raw.executemany(sql, rows)
            return (time.perf_counter_ns() - t) / 1e6
        finally:
            raw.execute("ROLLBACK")

    ours(capture=True)  # the warm-up, whose bills are checked and whose rows raw writes
    print("bill: the warm-up wrote " + ", ".join(f"{len(rows):,} {t}" for t, (_q, rows) in captured.items()))
    theirs()
    times: dict[str, list[float]] = {"gasdesk": [], "raw": []}
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        times["gasdesk"].append(ours())
        times["raw"].append(theirs())

    # check: db check's own loop over its first chunks of accounts, up to about --check bills
    def check() -> list[verify.Mismatch]:
        with db.read() as s:
            return list(verify.mismatches(s, limit=args.check))

    check_ms, found = timed(check)
    assert not found, found[:3]  # type: ignore[index]
    # The bills db check's loop went through: whole chunks of verify.CHUNK accounts up to --check bills.
    per_account = raw.execute("SELECT account_id, count(*) FROM bills GROUP BY account_id ORDER BY account_id")
    checked = last_account = 0
    for i, (account_id, n) in enumerate(per_account, start=1):
        checked, last_account = checked + n, account_id
        if checked >= args.check and i % verify.CHUNK == 0:
            break
    raw_check: Callable[[], object] = lambda: raw.execute(  # noqa: E731
        "SELECT b.*, l.*, f.value, r.value, a.number FROM (SELECT * FROM bills WHERE account_id <= ?) b "
        "JOIN bill_lines l ON l.bill_id = b.id JOIN readings f ON f.id = b.from_reading_id "
        "JOIN readings r ON r.id = b.reading_id JOIN accounts a ON a.id = b.account_id", (last_account,)).fetchall()
    raw_ms = timed(raw_check)[0]
    db.dispose()
    raw.close()
    total_bills = counts[2]
    print()
    print("name  size  median_ms  p95_ms  ratio_to_raw_sqlite   (wall clock; ratio of medians; raw median, p95)")
    ours_t, raw_t = times["gasdesk"], times["raw"]
    print(f"billing_month  {args.meters}  {statistics.median(ours_t):.1f}  {percentile(ours_t, 95):.1f}  "
          f"{statistics.median(ours_t) / statistics.median(raw_t):.1f}   (raw {statistics.median(raw_t):.1f}, "
          f"{percentile(raw_t, 95):.1f}; {len(ours_t)} runs)")
    print(f"billing_check  {checked}  {check_ms:.1f}  -  {check_ms / raw_ms:.1f}   (raw read {raw_ms:.1f}; one run; "
          f"{check_ms / checked:.2f} ms a bill: all {total_bills:,} bills about "
          f"{check_ms / checked * total_bills / 60000:.0f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
