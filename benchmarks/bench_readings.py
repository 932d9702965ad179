"""Meter readings at branch-office size: an import file and an entry grid, against raw SQLite.

    python benchmarks/bench_readings.py --db /tmp/bench500k.db [--size 500000] [--history 100000]
                                        [--rows 10000] [--grid 300] [--runs 7] [--profile]

Builds the database on first use (benchmarks/_gen/accounts.py, then _gen/readings.py: two
years of monthly readings for ``--history`` meters; a file with accounts but no readings, such
as the search benchmark's, gets its readings added) and reuses it after. Then, each run in a
transaction that is rolled back, so every run does the same work on the same data:

  import   services.readings.imports: read a UTF-8 CSV of ``--rows`` readings (户号, 表号, 本次读数,
           抄表日期, 备注) and import_file it (every check, the rows stored, the audit row), against
           raw: the same rows as sqlite3 executemany INSERT into readings
  grid     store.submit of one entry grid of ``--grid`` ReadingInput (source "entry"), against raw:
           the same rows as executemany INSERT

The readings are the month after the history's last, of meters with history (a fixed seed),
with plausible use: all of them are accepted (the script checks the counts).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import accounts as gen_accounts
from _gen import readings as gen_readings
from sqlalchemy import select

from gasdesk.models.users import User
from gasdesk.services.office import users
from gasdesk.services.readings import imports, store
from gasdesk.startup import prepare

SEED = 11
RAW_INSERT = ("INSERT INTO readings (account_id, meter_id, read_on, value, kind, status, reasons, note, source, "
              "entered_by, created_at) VALUES (?, ?, ?, ?, 'actual', 'accepted', '', ?, ?, ?, ?)")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(wall ms, result)."""
    t = time.perf_counter_ns()
    result = fn()
    return (time.perf_counter_ns() - t) / 1e6, result


def draw(raw: sqlite3.Connection, n: int, rng: random.Random) -> tuple[date, list[tuple]]:
    """The next month's reading of ``n`` meters with history: (account id, number, meter id, serial, value m³)."""
    last = date.fromisoformat(raw.execute("SELECT max(read_on) FROM readings WHERE source = 'history'").fetchone()[0])
    day = date(last.year + last.month // 12, last.month % 12 + 1, last.day)
    meters = [m for (m,) in raw.execute("SELECT DISTINCT meter_id FROM readings WHERE read_on = ?",
                                        (last.isoformat(),))]
    chosen = rng.sample(meters, n)
    out = []
    for i in range(0, n, 500):
        part = chosen[i:i + 500]
        out += raw.execute(
            "SELECT a.id, a.number, m.id, m.serial, r.value FROM meters m JOIN accounts a ON a.id = m.account_id "
            f"JOIN readings r ON r.meter_id = m.id AND r.read_on = ? WHERE m.id IN ({','.join('?' * len(part))})",
            (last.isoformat(), *part)).fetchall()
    rows = [(aid, number, mid, serial, Decimal(litres + rng.randint(8_000, 30_000)) / 1000)
            for aid, number, mid, serial, litres in out]
    return day, rows


def write_csv(path: Path, day: date, rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["户号", "表号", "本次读数", "抄表日期", "备注"])
        for i, (_aid, number, _mid, serial, value) in enumerate(rows):
            w.writerow([number, serial, f"{value:f}", day.isoformat(), "表箱锈蚀" if i % 97 == 0 else ""])


def raw_rows(day: date, rows: list[tuple], reader_id: int, source: str, notes: bool) -> list[tuple]:
    """The same rows as gasdesk stores them: litres, ISO dates, the same columns."""
    created = f"{day.isoformat()} 18:00:00.000000"
    return [(aid, mid, day.isoformat(), int(value * 1000), "表箱锈蚀" if notes and i % 97 == 0 else "", source,
             reader_id, created)
            for i, (aid, _n, mid, _s, value) in enumerate(rows)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="database file (generated when missing, reused when present)")
    ap.add_argument("--size", type=int, default=500_000, help="accounts to generate (default 500000)")
    ap.add_argument("--history", type=int, default=100_000, help="meters with two years of readings (100000)")
    ap.add_argument("--rows", type=int, default=10_000, help="readings in the import file (10000)")
    ap.add_argument("--grid", type=int, default=300, help="meters in the entry grid (300)")
    ap.add_argument("--runs", type=int, default=7, help="timed runs of the import (the grid runs 3x as many)")
    ap.add_argument("--profile", action="store_true", help="cProfile one import and one grid save")
    args = ap.parse_args()
    path = Path(args.db)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    if not path.exists():
        print(f"generating {args.size:,} accounts into {path} ...")
        print(f"generated in {gen_accounts.generate(path, args.size):.1f}s")
    raw = sqlite3.connect(path, isolation_level=None)
    if not raw.execute("SELECT count(*) FROM readings WHERE source = 'history'").fetchone()[0]:
        raw.close()
        print(f"generating readings for {args.history:,} meters ...")
        print(f"generated in {gen_readings.generate(path, args.history):.1f}s")
        raw = sqlite3.connect(path, isolation_level=None)
    counts = raw.execute("SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM meters), "
                         "(SELECT count(*) FROM readings), (SELECT count(DISTINCT meter_id) FROM readings "
                         "WHERE source = 'history')").fetchone()
    print(f"{counts[0]:,} accounts, {counts[1]:,} meters, {counts[2]:,} readings ({counts[3]:,} meters with "
          f"history), file {path.stat().st_size / 2**20:.0f} MiB")

    rng = random.Random(SEED)
    day, picked = draw(raw, args.rows + args.grid, rng)
    file_rows, grid_rows = picked[:args.rows], picked[args.rows:]
    folder = Path(tempfile.mkdtemp(prefix="bench-readings-"))
    csv_path = folder / "readings.csv"
    write_csv(csv_path, day, file_rows)

    db = prepare(path, create=False)
    with db.write() as s:
        actor = users.authenticate(s, "reader", gen_accounts.PASSWORD, counter=gen_accounts.COUNTER).actor
        reader_id = s.scalar(select(User.id).where(User.login == "reader"))
    assert actor is not None and reader_id is not None
    raw_import = raw_rows(day, file_rows, reader_id, "import", True)
    raw_grid = raw_rows(day, grid_rows, reader_id, "entry", False)
    grid = [store.ReadingInput(number, serial, f"{value:f}", day) for _a, number, _m, serial, value in grid_rows]

    def in_rollback(work: Callable[[object], object]) -> object:
        s = db.sessions()
        try:
            s.begin()
            result = work(s)
            s.flush()
            return result
        finally:
            s.rollback()
            s.close()

    def raw_insert(rows: list[tuple]) -> None:
        raw.execute("BEGIN IMMEDIATE")
        try:
            raw.executemany(RAW_INSERT, rows)
        finally:
            raw.execute("ROLLBACK")

    def run_import() -> imports.ImportResult:
        return in_rollback(lambda s: imports.import_file(s, actor, imports.read(csv_path)))  # type: ignore[return-value]

    def run_grid() -> store.BatchResult:
        return in_rollback(lambda s: store.submit(s, actor, grid, source="entry"))  # type: ignore[return-value]

    cases = (("import", args.rows, run_import, lambda: raw_insert(raw_import), args.runs),
             ("grid", args.grid, run_grid, lambda: raw_insert(raw_grid), 3 * args.runs))
    results = []
    for name, size, ours, theirs, runs in cases:
        _ms, first = timed(ours)  # the warm-up, whose counts are checked
        theirs()
        counts_seen = first.counts()  # type: ignore[attr-defined]
        print(f"{name}: {counts_seen}")
        assert counts_seen["accepted"] == size, counts_seen
        times: dict[str, list[float]] = {"gasdesk": [], "raw": []}
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            times["gasdesk"].append(timed(ours)[0])
            times["raw"].append(timed(theirs)[0])
        results.append((name, size, times))
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(ours)
            print(f"--- cProfile of one {name} run (cumulative, top 30) ---")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    db.dispose()
    raw.close()
    print()
    print("name  size  median_ms  p95_ms  ratio_to_raw_sqlite   (wall clock; ratio of medians; raw median, p95)")
    for name, size, times in results:
        ours, theirs = times["gasdesk"], times["raw"]
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"readings_{name}  {size}  {statistics.median(ours):.1f}  {percentile(ours, 95):.1f}  {ratio:.1f}"
              f"   (raw {statistics.median(theirs):.1f}, {percentile(theirs, 95):.1f}; {len(ours)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
