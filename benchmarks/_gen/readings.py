"""Two years of monthly readings for a generated office (benchmarks/_gen/accounts.py), fast.

Every meter gets its own readings as the services keep them (an initial reading on its fitting
day, a final one when it was removed: the migration's rule); ``history`` meters of in-service
accounts, drawn with a fixed seed, get one actual reading a month for ``months`` months, ending
the month before last (so that a reading of last month is never in the future). The use is
plausible and steady (households 8-25 m³ a month, street customers ten times that, more in
winter, never zero), so the three checks accept every one of them, as they would have when it
was entered. The reader who entered them is a real user (``reader``, added through the
services). Rows go in with sqlite3 executemany in month order, as a year of day-end entry
would have written them; the indexes are dropped for the load and rebuilt from their SQL.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from _gen.accounts import PASSWORD, STREET_EVERY
from gasdesk.models.users import Role, User
from gasdesk.services.office import users
from gasdesk.startup import prepare

SEED = 20261203
MONTHS = 24
READ_DAY = 5
SEASON = {1: 1.6, 2: 1.5, 3: 1.25, 4: 1.0, 5: 0.85, 6: 0.75, 7: 0.7, 8: 0.7, 9: 0.8, 10: 0.95, 11: 1.2, 12: 1.5}
CREATED = "{day} 18:00:00.000000"
COLUMNS = ("account_id, meter_id, read_on, value, kind, status, reasons, note, source, entered_by, created_at")
INSERT = f"INSERT INTO readings ({COLUMNS}) VALUES (?, ?, ?, ?, ?, 'accepted', '', '', ?, ?, ?)"


def history_months(today: date, months: int = MONTHS) -> list[date]:
    """The reading days of the ``months`` months ending the month before last, oldest first."""
    last = today.year * 12 + today.month - 3  # index of the month before last
    return [date(i // 12, i % 12 + 1, READ_DAY) for i in range(last - months + 1, last + 1)]


def _reader(path: Path) -> int:
    db = prepare(path, create=False, upgrade=False)
    try:
        with db.write() as s:
            found = s.scalar(select(User.id).where(User.login == "reader"))
            if found is not None:
                return int(found)
            admin = users.actor_for(s.scalar(select(User).where(User.login == "admin")))
            return users.add_user(s, admin, "reader", "李抄表", Role.READER, PASSWORD).id
    finally:
        db.dispose()


def generate(path: Path, history: int = 100_000, *, months: int = MONTHS, today: date | None = None,
             log=print) -> float:  # type: ignore[no-untyped-def]
    """Add the readings to the office at ``path`` (which has none yet); returns the seconds taken."""
    started = time.perf_counter()
    reader_id = _reader(path)
    days = history_months(today or date.today(), months)
    rng = random.Random(SEED)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-400000")
        if conn.execute("SELECT count(*) FROM readings").fetchone()[0]:
            raise SystemExit(f"{path} already holds readings")
        live = conn.execute(
            "SELECT m.id, m.account_id, m.installed_on FROM meters m JOIN accounts a ON a.id = m.account_id "
            "WHERE a.status = 'in_service' AND m.removed_on IS NULL AND m.installed_on < ? ORDER BY m.id",
            (days[0].replace(day=1).isoformat(),)).fetchall()
        chosen = sorted(rng.sample(live, min(history, len(live))))
        log(f"  readings: {len(chosen):,} meters with {months} months of history, initial readings for all")
        # (meter, account, litres shown, litres a month)
        state = []
        for mid, aid, installed in chosen:
            rate = rng.randint(8, 25) * (10 if aid % STREET_EVERY == 1 else 1)
            gap_months = (days[0] - date.fromisoformat(installed)).days / 30.4
            state.append([mid, aid, round(rate * 1000 * gap_months * 1.05), rate * 1000])
        indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                               "AND tbl_name = 'readings'").fetchall()
        conn.execute("BEGIN IMMEDIATE")
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        for kind, value, day, where in (("initial", "initial_reading", "installed_on", "1 = 1"),
                                        ("final", "final_reading", "removed_on", "final_reading IS NOT NULL")):
            conn.execute(
                f"INSERT INTO readings ({COLUMNS}) SELECT account_id, id, {day}, {value}, '{kind}', 'accepted', '', "
                f"'', 'account', registered_by, created_at FROM meters WHERE {where} ORDER BY id")
        for day in days:
            rows = []
            for s in state:
                if day != days[0]:
                    s[2] += round(s[3] * SEASON[day.month] * rng.uniform(0.85, 1.15))
                rows.append((s[1], s[0], day.isoformat(), s[2], "actual", "history", reader_id,
                             CREATED.format(day=day.isoformat())))
            conn.executemany(INSERT, rows)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = conn.execute("SELECT count(*) FROM readings").fetchone()[0]
        log(f"  {total:,} readings in {time.perf_counter() - started:.1f}s")
    finally:
        conn.close()
    return time.perf_counter() - started
