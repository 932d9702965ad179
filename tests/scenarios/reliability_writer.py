"""A writer for the reliability tests: many small transactions whose completeness can be checked.

Transaction k of run R adds two audit rows (entity_id "R:k") and sets the setting "writer.R" to k,
all in one unit of work. So after anything (a kill -9, a copy taken mid-write):
every k up to the setting's value has exactly two rows, and nothing beyond it exists.

The tests load it by path (their folders are not packages); run as a script it writes until told to stop or killed:
``python reliability_writer.py DB RUN [TRANSACTIONS]`` exits with the number of failed transactions.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from gasdesk.db import open_database
from gasdesk.models import Setting
from gasdesk.services import audit


def write_pairs(path: str, run: str, transactions: int | None = None, report_fd: int | None = None) -> int:
    """Write transactions until the count is reached (or forever); returns how many failed."""
    db = open_database(path, create=False)
    failed, k = 0, 0
    try:
        while transactions is None or k < transactions:
            k += 1
            try:
                with db.write() as s:
                    for part in ("a", "b"):
                        audit.record(s, None, f"writer.{part}", "writer", f"{run}:{k}", login="writer")
                    s.merge(Setting(key=f"writer.{run}", value=str(k)))
            except Exception as exc:  # counted, and told: a reliability test wants zero
                failed += 1
                print(f"transaction {k} failed: {exc}", file=sys.stderr, flush=True)
                continue
            if report_fd is not None:
                os.write(report_fd, f"{k}\n".encode())  # only after the commit returned
    finally:
        db.dispose()
    return failed


def committed(path: str | Path, run: str) -> int:
    """Check run ``run``'s transactions on disk are whole; return how many committed."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (f"writer.{run}",)).fetchone()
        ids = [r[0] for r in conn.execute("SELECT entity_id FROM audit_log WHERE entity = 'writer' "
                                          "AND entity_id LIKE ?", (f"{run}:%",))]
    finally:
        conn.close()
    last = int(row[0]) if row else 0
    counts = Counter(ids)
    expected = {f"{run}:{k}": 2 for k in range(1, last + 1)}
    assert counts == expected, f"run {run}: {last} committed, but rows are {dict(counts)}"
    return last


if __name__ == "__main__":
    count = int(sys.argv[3]) if len(sys.argv) > 3 else None
    sys.exit(min(write_pairs(sys.argv[1], sys.argv[2], count), 100))
