"""The cashier at branch-office size: a payment from submit to its receipt's PDF, and the shift
close of a busy day, against raw SQLite.

    python benchmarks/bench_cashier.py --db /tmp/bench-billing.db [--payments 300] [--busy 1000]

The database is the billing benchmark's (bench_billing.ensure_office: 500,000 accounts, two years
of bills; built on first use). It is written to: a payment and the busy day's payments are kept
(copy the file first if it must stay as it was). Then:

  pay      ``--payments`` accounts with open bills, drawn at random: each ``payments.take_payment``
           in cash of its two oldest bills (the generated office has paid none: two years are open)
           and ``receipts.render`` of its roll receipt, in a transaction
           rolled back (submit to PDF ready; the commit's fsync is left out on both sides);
           against raw: the rows that payment wrote (posting, entries, allocations, receipt, the
           series' step, audit) by sqlite3 executemany in a transaction rolled back
  close    ``--busy`` cash payments committed into a fresh shift, then ``shift_close.close_shift``
           with its report and the A4 closing sheet, in a transaction rolled back; against raw:
           the shift's sums by method and its receipts read by sqlite3
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import accounts as gen_accounts
from bench_billing import ensure_office
from bench_readings import percentile, timed
from sqlalchemy import select

from gasdesk.models import Receipt, Shift
from gasdesk.models.users import Role, User
from gasdesk.services.cashier import approval, payments, receipts, shift_close, shift_print
from gasdesk.services.office import users
from gasdesk.startup import prepare

SEED = 12
WRITTEN = ("ledger_postings", "ledger_entries", "ledger_allocations", "receipts", "audit_log")


def notes(cash) -> str:  # type: ignore[no-untyped-def]
    """The cash as a clerk counts it: hundreds, ones and fen."""
    return f"100x{int(cash // 100)},1x{int(cash % 100)},0.01x{int(cash % 1 * 100)}"


def open_accounts(raw: sqlite3.Connection, n: int, rng: random.Random) -> list[int]:
    """``n`` accounts still open with a bill still open (its charge less what was allocated to it)."""
    rows = raw.execute(
        "SELECT DISTINCT b.account_id FROM bills b JOIN ledger_entries e ON e.id = b.charge_entry_id "
        "JOIN accounts a ON a.id = b.account_id "
        "WHERE b.status = 'posted' AND a.status <> 'closed' AND e.amount > "
        "COALESCE((SELECT SUM(amount) FROM ledger_allocations WHERE charge_entry_id = e.id), 0) LIMIT ?",
        (n * 20,)).fetchall()
    return rng.sample([a for (a,) in rows], n)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="the billing benchmark's database (generated when missing)")
    ap.add_argument("--size", type=int, default=500_000, help="accounts, when generated (500000)")
    ap.add_argument("--history", type=int, default=100_000, help="meters with two years of bills (100000)")
    ap.add_argument("--payments", type=int, default=300, help="payments timed one by one (300)")
    ap.add_argument("--busy", type=int, default=1000, help="payments of the busy day's shift (1000)")
    args = ap.parse_args()
    path = Path(args.db)
    raw, _counts = ensure_office(path, args.size, args.history)
    rng = random.Random(SEED)
    picked = open_accounts(raw, args.payments + args.busy + 1, rng)
    db = prepare(path, create=False)  # brings the schema to head (the receipts' tables)
    with db.write() as s:
        if s.scalar(select(User.id).where(User.login == "boss")) is None:
            admin = users.authenticate(s, "admin", gen_accounts.PASSWORD, counter=gen_accounts.COUNTER).actor
            users.add_user(s, admin, "boss", "陈主管", Role.SUPERVISOR, gen_accounts.PASSWORD)
    with db.write() as s:
        clerk = users.authenticate(s, "clerk", gen_accounts.PASSWORD, counter=gen_accounts.COUNTER).actor
        boss = approval.check(s, clerk, "boss", gen_accounts.PASSWORD).approver
    assert clerk is not None and boss is not None

    def two_bills(s, account_id: int):  # type: ignore[no-untyped-def]
        """What the counter collects: the two oldest open bills (the generated office has paid none)."""
        items = payments.quote(s, clerk, account_id).items[:2]
        return sum((x.open + x.late_fee(x.open) for x in items), Decimal("0.00"))

    def pay(s, account_id: int, key: str, amount: Decimal):  # type: ignore[no-untyped-def]
        done = payments.take_payment(s, clerk, account_id, amount=amount, method="cash", idempotency_key=key)
        _job, pdf = receipts.render(s, clerk, done.receipt_number, "roll")
        assert pdf.startswith(b"%PDF")
        return done

    with db.write() as s:  # one payment kept: the clerk's shift and the counter's series exist, as mid-day
        first = picked.pop()
        pay(s, first, f"bench-first-{time.time_ns()}", two_bills(s, first))
    last = {t: raw.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0 for t in WRITTEN}
    ours_ms: list[float] = []
    captured: list[list[tuple[str, list[tuple]]]] = []
    for i, account_id in enumerate(picked[:args.payments]):
        s = db.sessions()
        try:
            s.begin()
            amount = two_bills(s, account_id)  # the form's quote, before the clerk presses Enter
            ms, _done = timed(lambda: pay(s, account_id, f"bench-{i}-{time.time_ns()}", amount))  # noqa: B023
            ours_ms.append(ms)
            c = s.connection()
            rows = []
            for t in WRITTEN:
                cols = [r[1] for r in c.exec_driver_sql(f"PRAGMA table_info({t})")]
                found = list(map(tuple, c.exec_driver_sql(f"SELECT * FROM {t} WHERE id > {last[t]} ORDER BY id")))
                rows.append((f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", found))
            rows.append(("UPDATE receipt_series SET last_number = last_number + 1 WHERE counter_id = ? "
                         "AND series = 'A'", [(clerk.counter_id,)]))
            captured.append(rows)
        finally:
            s.rollback()
            s.close()
    raw_ms = []
    for rows in captured:
        raw.execute("BEGIN IMMEDIATE")
        t = time.perf_counter_ns()
        for sql, values in rows:
            raw.executemany(sql, values)
        raw_ms.append((time.perf_counter_ns() - t) / 1e6)
        raw.execute("ROLLBACK")

    # the busy day: a fresh shift of --busy cash payments, committed, then its close timed
    with db.write() as s:
        cash = shift_close.my_open_shift(s, clerk).cash_expected
        shift_close.close_shift(s, clerk, counted=notes(cash), approver=boss,
                                explanation="")
    t0 = time.perf_counter()
    for i, account_id in enumerate(picked[args.payments:args.payments + args.busy]):
        with db.write() as s:
            payments.take_payment(s, clerk, account_id, amount=two_bills(s, account_id), method="cash",
                                  idempotency_key=f"busy-{i}-{time.time_ns()}")
    busy_s = time.perf_counter() - t0
    s = db.sessions()
    try:
        s.begin()
        shift = s.scalar(select(Shift).where(Shift.user_id == clerk.user_id, Shift.status == "open"))
        assert shift is not None
        shift_id = shift.id
        receipts_n = len(s.scalars(select(Receipt.id).where(Receipt.shift_id == shift.id)).all())
        expected = shift_close.my_open_shift(s, clerk).cash_expected

        def close():  # type: ignore[no-untyped-def]
            done = shift_close.close_shift(s, clerk, approver=boss, explanation="",
                                           counted=notes(expected))
            return shift_print.sheet_for(s, clerk, [done.report], "a4")

        close_ms, sheet = timed(close)
        assert sheet.startswith(b"%PDF")  # type: ignore[union-attr]
    finally:
        s.rollback()
        s.close()
    raw_close = timed(lambda: (raw.execute(
        "SELECT e.method, SUM(e.amount) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
        "WHERE p.shift_id = ? AND e.bucket = 'money' GROUP BY e.method", (shift_id,)).fetchall(), raw.execute(
        "SELECT * FROM receipts WHERE shift_id = ? ORDER BY series, seq", (shift_id,)).fetchall()))[0]
    db.dispose()
    raw.close()
    print()
    print("name  size  median_ms  p95_ms  ratio_to_raw_sqlite   (wall clock; ratio of medians; raw median, p95)")
    print(f"payment_to_receipt_pdf  {len(ours_ms)}  {statistics.median(ours_ms):.1f}  {percentile(ours_ms, 95):.1f}  "
          f"{statistics.median(ours_ms) / statistics.median(raw_ms):.1f}   (raw {statistics.median(raw_ms):.2f}, "
          f"{percentile(raw_ms, 95):.2f}; one payment each)")
    print(f"shift_close_busy_day  {receipts_n}  {close_ms:.1f}  -  {close_ms / raw_close:.1f}   (raw read "
          f"{raw_close:.1f}; one run; report, close and A4 sheet; the {args.busy:,} payments committed one by one "
          f"in {busy_s:.1f} s, {busy_s / args.busy * 1000:.0f} ms each with the commit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
