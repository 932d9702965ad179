"""Counter search at branch-office size: search() against the same lookups in raw SQLite.

    python benchmarks/bench_search.py --db /tmp/bench500k.db [--size 500000] [--per-kind 200]

Builds the database on first use (benchmarks/_gen/accounts.py; reused when the file exists),
draws a fixed set of realistic queries of each kind from actual rows (fixed seed), and times
every query three ways, interleaved so that machine noise hits all three alike:

  raw      one hand-written SQL statement for the known kind, sqlite3 module, one open connection
  search   services.search.search() in a fresh read session per query, as the counter UI's runner
           calls it (a pooled SQLite connection per session)
  search1  search() in one long-lived read session (the service's own cost)

and, on their own (no raw counterpart): find(), what the counter box runs (its first page of 50
and, when that page is full, the count of every match up to COUNT_CAP), and count_matches() on
broad texts that match thousands of accounts (one letter, a common surname, a compound).

search() does more than raw: it does not know the kind, so it runs every lookup that could
match (a 4-digit text is a number prefix, a phone prefix, a phone tail and a meter prefix),
merges, ranks and renders the hits. It also checks that every statement it ran uses an index.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen.accounts import COUNTER, PASSWORD, generate
from sqlalchemy import event

from gasdesk.services.accounts import search as search_service
from gasdesk.services.office import users
from gasdesk.startup import prepare

SEED = 7
TOP = "\U0010ffff"
KINDS = ("number", "phone", "phone_tail", "name", "initials", "pinyin", "meter", "address")
HIT_COLUMNS = ("SELECT a.id, a.number, a.holder_name, a.phone, a.status, p.building, p.unit, p.room, p.street, "
               "c.name FROM accounts a JOIN premises p ON p.id = a.premises_id "
               "LEFT JOIN compounds c ON c.id = p.compound_id ")
METER_COLUMNS = HIT_COLUMNS.replace("FROM accounts a", "FROM meters m JOIN accounts a ON a.id = m.account_id")


# ---- the queries: what a clerk types, drawn from actual rows -------------------------------------


def draw_queries(conn: sqlite3.Connection, per_kind: int) -> dict[str, list[tuple[str, str, tuple]]]:
    """kind -> [(typed text, raw SQL, raw parameters)], the same for every run (fixed seed)."""
    rng = random.Random(SEED)
    max_id = conn.execute("SELECT max(id) FROM accounts").fetchone()[0]

    def rows(sql: str, n: int) -> list[tuple]:
        out: list[tuple] = []
        while len(out) < n:
            ids = [rng.randint(1, max_id) for _ in range(n)]
            got = conn.execute(sql.format(ids=",".join(map(str, ids)))).fetchall()
            out += got
        rng.shuffle(out)
        return out[:n]

    q: dict[str, list[tuple[str, str, tuple]]] = {k: [] for k in KINDS}
    for (number,) in rows("SELECT number FROM accounts WHERE id IN ({ids}) AND number IS NOT NULL", per_kind):
        typed = number if rng.random() < 0.7 else f"{number[:2]} {number[2:8]} {number[8]}"  # as read aloud
        q["number"].append((typed, HIT_COLUMNS + "WHERE a.number = ?", (number,)))
    for phone, tail in rows("SELECT phone, phone_tail4 FROM accounts WHERE id IN ({ids})", per_kind):
        q["phone"].append((phone, HIT_COLUMNS + "WHERE a.phone = ? ORDER BY a.number LIMIT 20", (phone,)))
        q["phone_tail"].append((tail, HIT_COLUMNS + "WHERE a.phone_tail4 = ? ORDER BY a.number LIMIT 20", (tail,)))
    prefix_sql = HIT_COLUMNS + "WHERE a.{col} >= ? AND a.{col} < ? ORDER BY a.{col} LIMIT 20"
    for name, pinyin, initials in rows(
            "SELECT holder_name, name_pinyin, name_initials FROM accounts WHERE id IN ({ids})", per_kind):
        typed = name if rng.random() < 0.6 else name[:2]  # the full name, or surname + first given character
        q["name"].append((typed, prefix_sql.format(col="holder_name"), (typed, typed + TOP)))
        q["initials"].append((initials, prefix_sql.format(col="name_initials"), (initials, initials + TOP)))
        cut = len(pinyin) if rng.random() < 0.5 else rng.randint(3, len(pinyin))  # zhangsan, or zhangs
        typed = pinyin[:cut]
        q["pinyin"].append((typed, prefix_sql.format(col="name_pinyin"), (typed, typed + TOP)))
    for (serial,) in rows("SELECT serial FROM meters WHERE account_id IN ({ids})", per_kind):
        typed = serial if rng.random() < 0.5 else serial[:-2]
        q["meter"].append((typed, METER_COLUMNS + "WHERE m.serial >= ? AND m.serial < ? ORDER BY m.serial LIMIT 20",
                           (typed, typed + TOP)))
    for compound, b, u, r, street in rows(
            "SELECT c.name, p.building, p.unit, p.room, p.street FROM accounts a "
            "JOIN premises p ON p.id = a.premises_id LEFT JOIN compounds c ON c.id = p.compound_id "
            "WHERE a.id IN ({ids})", per_kind):
        q["address"].append(_address_query(rng, compound, b, u, r, street))
    return q


def _address_query(rng: random.Random, compound: str | None, b: str, u: str, r: str,
                   street: str) -> tuple[str, str, tuple]:
    if compound is None:  # a shop or a factory: its street and house number
        typed = " ".join(street.split()[:2])
        squeezed = typed.replace(" ", "")
        head = re.match(r"[^\x00-\x7f]+", squeezed).group()  # type: ignore[union-attr]
        return (typed, HIT_COLUMNS + "WHERE p.street >= ? AND p.street < ? "
                "AND substr(replace(p.street, ' ', ''), 1, ?) = ? LIMIT 20",
                (head, head + TOP, len(squeezed), squeezed))
    in_compounds = "p.compound_id IN (SELECT id FROM compounds WHERE instr(name, ?) > 0)"
    style = rng.random()
    if style < 0.5:  # 阳光 3-2-501
        return (f"{compound[:2]} {b}-{u}-{r}", HIT_COLUMNS + f"WHERE {in_compounds} AND p.building = ? "
                "AND p.unit = ? AND p.room >= ? AND p.room < ? LIMIT 20", (compound[:2], b, u, r, r + TOP))
    if style < 0.8:  # 阳光花园3栋
        return (f"{compound}{b}栋", HIT_COLUMNS + f"WHERE {in_compounds} AND p.building = ? LIMIT 20",
                (compound, b))
    return (f"{compound} {b}栋{u}单元{r}", HIT_COLUMNS + f"WHERE {in_compounds} AND p.building = ? AND p.unit = ? "
            "AND p.room = ? LIMIT 20", (compound, b, u, r))


# ---- timing ----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), percentile(values, 95), max(values)


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(wall ms, CPU ms, result). CPU time leaves out the waits for a core on a busy machine."""
    wall, cpu = time.perf_counter_ns(), time.process_time_ns()
    result = fn()
    return (time.perf_counter_ns() - wall) / 1e6, (time.process_time_ns() - cpu) / 1e6, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="database file (generated when missing, reused when present)")
    ap.add_argument("--size", type=int, default=500_000, help="accounts to generate (default 500000)")
    ap.add_argument("--per-kind", type=int, default=200, help="queries of each kind (default 200)")
    args = ap.parse_args()
    path = Path(args.db)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    if path.exists():
        print(f"reusing {path}")
    else:
        print(f"generating {args.size:,} accounts into {path} ...")
        seconds = generate(path, args.size)
        print(f"generated in {seconds:.1f}s")

    raw = sqlite3.connect(path)
    accounts_n = raw.execute("SELECT count(*) FROM accounts").fetchone()[0]
    meters_n = raw.execute("SELECT count(*) FROM meters").fetchone()[0]
    print(f"{accounts_n:,} accounts, {meters_n:,} meters, file {path.stat().st_size / 2**20:.0f} MiB")
    queries = draw_queries(raw, args.per_kind)

    db = prepare(path, create=False)
    with db.write() as s:
        actor = users.authenticate(s, "clerk", PASSWORD, counter=COUNTER).actor
    assert actor is not None

    # Every statement search() runs is checked against EXPLAIN QUERY PLAN (no full scan of a big table).
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, sql, params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", capture)

    def run_search(text: str) -> list[search_service.SearchHit]:
        with db.read() as s:
            return search_service.search(s, actor, text)

    def run_find(text: str) -> search_service.SearchPage:
        with db.read() as s:
            return search_service.find(s, actor, text, 50)

    long_session = db.read_sessions()
    long_session.begin()
    find_times: dict[str, list[float]] = {k: [] for k in KINDS}

    methods = ("raw", "search", "search1")
    times = {clock: {m: {k: [] for k in KINDS} for m in methods} for clock in ("wall", "cpu")}
    found: dict[str, int] = {k: 0 for k in KINDS}
    for rounds in ("warm-up", "timed"):
        for kind in KINDS:
            for typed, sql, params in queries[kind]:
                results = {
                    "raw": timed(lambda sql=sql, params=params: raw.execute(sql, params).fetchall()),
                    "search": timed(lambda typed=typed: run_search(typed)),
                    "search1": timed(lambda typed=typed: search_service.search(long_session, actor, typed)),
                }
                find_wall = timed(lambda typed=typed: run_find(typed))[0]
                if rounds == "timed":
                    find_times[kind].append(find_wall)
                    for m, (wall, cpu, _r) in results.items():
                        times["wall"][m][kind].append(wall)
                        times["cpu"][m][kind].append(cpu)
                    # the raw query's best row is among search()'s hits
                    raw_rows, hits = results["raw"][2], results["search"][2]
                    found[kind] += not raw_rows or raw_rows[0][0] in {h.account_id for h in hits}  # type: ignore
        if rounds == "warm-up":
            offenders = _plan_offenders(raw, statements)
            print(f"query plans: {len(set(s for s, _ in statements))} distinct statements, "
                  + ("every one on an index" if not offenders else f"FULL SCANS: {offenders}"))
            event.remove(db.engine, "before_cursor_execute", capture)
    broad = _broad_counts(db, actor, raw)
    long_session.close()
    db.dispose()
    raw.close()
    for clock in ("wall", "cpu"):
        _report(clock, times[clock], found, args.per_kind)
    print()
    print("find() (first page of 50 and the count), wall clock, milliseconds")
    for kind in [*KINDS, "overall"]:
        ts = [t for v in find_times.values() for t in v] if kind == "overall" else find_times[kind]
        p50, p95, top = stats(ts)
        print(f"  {kind:<11} p50 {p50:7.3f}  p95 {p95:7.3f}  max {top:7.2f}")
    print("count_matches() on broad texts, wall clock, milliseconds (best of 5)")
    for text, ms, count in broad:
        print(f"  {text:<8} {ms:7.2f}  {'more than ' if count.more else ''}{count.total:,}")
    print()
    print("name  size  median_ms  p95_ms  ratio_to_raw_sqlite   (search() with a session per query; p95 ratio)")
    for clock in ("wall", "cpu"):
        for kind in [*KINDS, "overall"]:
            def pick(method: str, kind: str = kind, clock: str = clock) -> list[float]:
                ts = times[clock][method]
                return [t for v in ts.values() for t in v] if kind == "overall" else ts[kind]

            p50, p95, _ = stats(pick("search"))
            print(f"search.{kind}.{clock}  {accounts_n}  {p50:.3f}  {p95:.3f}  {p95 / stats(pick('raw'))[1]:.1f}")
    return 0


def _broad_counts(db, actor, raw: sqlite3.Connection) -> list[tuple[str, float, object]]:  # type: ignore[no-untyped-def]
    """The count where it costs most: texts matching thousands of accounts."""
    compound = raw.execute("SELECT c.name FROM compounds c JOIN premises p ON p.compound_id = c.id "
                           "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    surname = raw.execute("SELECT substr(holder_name, 1, 1) s FROM accounts GROUP BY s "
                          "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    out = []
    for text in ("z", "zh", surname, compound, "138", "0"):
        best = float("inf")
        for _ in range(5):
            with db.read() as s:
                wall, _cpu, count = timed(lambda s=s, text=text: search_service.count_matches(s, actor, text))
            best = min(best, wall)
        out.append((text, best, count))
    return out


def _plan_offenders(conn: sqlite3.Connection, statements: list[tuple[str, object]]) -> list[str]:
    big = re.compile(r"\bSCAN (accounts|premises|meters)\b")
    bad = []
    seen = set()
    for sql, params in statements:
        if sql in seen or not sql.lstrip().upper().startswith("SELECT"):
            continue
        seen.add(sql)
        plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]  # type: ignore[arg-type]
        bad += [f"{p} in {sql[:80]!r}" for p in plan if big.search(p)]
    return bad


def _report(clock: str, times: dict[str, dict[str, list[float]]], found: dict[str, int], per_kind: int) -> None:
    print()
    print(f"{clock} clock, milliseconds")
    print(f"{'kind':<11} {'raw p50':>8} {'p95':>7} {'max':>7} | {'search p50':>10} {'p95':>7} {'max':>7} | "
          f"{'search1 p50':>11} {'p95':>7} | {'p95 ratio':>9} {'search1':>7} | found")
    for kind in [*KINDS, "overall"]:
        def pick(method: str, kind: str = kind) -> list[float]:
            if kind == "overall":
                return [t for ts in times[method].values() for t in ts]
            return times[method][kind]

        r, s, one = stats(pick("raw")), stats(pick("search")), stats(pick("search1"))
        hit = sum(found.values()) if kind == "overall" else found[kind]
        total = per_kind * (len(KINDS) if kind == "overall" else 1)
        print(f"{kind:<11} {r[0]:8.3f} {r[1]:7.3f} {r[2]:7.2f} | {s[0]:10.3f} {s[1]:7.3f} {s[2]:7.2f} | "
              f"{one[0]:11.3f} {one[1]:7.3f} | {s[1] / r[1]:8.1f}x {one[1] / r[1]:6.1f}x | {hit}/{total}")
    print("ratio = p95(search) / p95(raw): search with a session per query, search1 in one session; "
          "found = raw's best row among search()'s hits")


if __name__ == "__main__":
    raise SystemExit(main())
