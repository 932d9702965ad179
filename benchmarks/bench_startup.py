"""Start-up at branch-office size: a command and the login window, launched as a clerk launches them.

    python benchmarks/bench_startup.py --db /tmp/bench500k.db [--size 500000] [--runs 7]

Builds the database on first use (benchmarks/_gen/accounts.py, as bench_search.py; reused when the
file exists). Every run is a new process, timed on the wall clock from launch to its end (or, for
the window, to the moment the login dialog is shown), so Python's start and every import count.
Modules are run from compiled bytecode, as an installed program runs them: PYTHONDONTWRITEBYTECODE
is dropped and the bytecode goes to a cache folder of the benchmark's own (``--pycache``), filled
by the warm-up run, so a source checkout does not compile every module at every launch:

  version         gasdesk --version (imports nothing of the database or the UI)
  find            gasdesk account find NAME --user clerk (a holder's name): a later start of the day (the day's full
                  quick_check already passed and is recorded in the file)
  find-first      the same at the day's first start: the full quick_check reads the whole file
  show            gasdesk account show NUMBER --user clerk (an account page: ledger, meters, balances)
  login-window    gasdesk --db FILE up to the login dialog on screen (Qt offscreen)
  raw-find        the same lookup in raw SQLite in a new process (python -c, sqlite3 module): the
                  floor a start can reach, for the ratio
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _gen.accounts import COUNTER, PASSWORD, generate

# The login window's moment: the dialog's first show event, printed, then the program leaves.
LOGIN_DRIVER = """
import sys, time
from gasdesk.ui import login
def shown(self, event, _orig=login.LoginDialog.showEvent):
    _orig(self, event)
    print("LOGIN-SHOWN", flush=True)
    import os; os._exit(0)
login.LoginDialog.showEvent = shown
from gasdesk.cli import main
sys.exit(main(["--db", sys.argv[1], "--counter", sys.argv[2]]))
"""

RAW_FIND = """
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute("SELECT a.number, a.holder_name FROM accounts a WHERE a.holder_name = ? LIMIT 20",
                    (sys.argv[2],)).fetchall()
print(len(rows))
"""


def wall(argv: list[str], *, env: dict[str, str], until: str | None = None) -> float:
    """Seconds from launch to exit (or to the line ``until`` on stdout)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    if until is None:
        _, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            raise SystemExit(f"{argv[2:]} exited {proc.returncode}: {err.strip()[:300]}")
        return time.perf_counter() - started
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == until:
            elapsed = time.perf_counter() - started
            proc.wait(timeout=60)
            return elapsed
    said = proc.stderr.read().strip()[:300] if proc.stderr else ""
    raise SystemExit(f"{argv[2:]} never showed the login window: {said}")


def not_checked_today(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()


def report(name: str, size: int, samples: list[float], raw: float | None = None) -> None:
    med = statistics.median(samples)
    worst = max(samples)
    ratio = f"{med / raw:.1f}x" if raw else "-"
    print(f"{name:<14} {size:>8}  median {med * 1000:7.0f} ms  max {worst * 1000:7.0f} ms  ratio_to_raw {ratio}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="database file (generated when missing, reused when present)")
    ap.add_argument("--size", type=int, default=500_000, help="accounts to generate (default 500000)")
    ap.add_argument("--runs", type=int, default=7, help="launches per measurement (default 7)")
    ap.add_argument("--pycache", default=str(Path(tempfile.gettempdir()) / "gasdesk-bench-pycache"),
                    help="where the launched programs keep their compiled bytecode")
    args = ap.parse_args()
    path = Path(args.db)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    if not path.exists():
        print(f"generating {args.size:,} accounts into {path} ...")
        print(f"generated in {generate(path, args.size):.1f}s")
    conn = sqlite3.connect(path)
    size = conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
    name, number = conn.execute("SELECT holder_name, number FROM accounts ORDER BY id LIMIT 1 OFFSET 1000").fetchone()
    conn.close()
    print(f"{size:,} accounts, file {path.stat().st_size / 2**20:.0f} MiB")

    env = {**os.environ, "GASDESK_PASSWORD": PASSWORD, "GASDESK_LANG": "zh", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": args.pycache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    find = [py, "-m", "gasdesk", "account", "find", name, "--user", "clerk", "--counter", COUNTER,
            "--db", str(path)]
    show = [py, "-m", "gasdesk", "account", "show", number, "--user", "clerk", "--counter", COUNTER,
            "--db", str(path)]
    # warm-up: upgrades the file if the program is newer, passes the day's check, fills the page cache
    # and the bytecode cache
    wall(find, env=env)
    wall(show, env=env)

    raw = [wall([py, "-c", RAW_FIND, str(path), name], env=env) for _ in range(args.runs)]
    report("raw-find", size, raw)
    raw_med = statistics.median(raw)
    report("version", size, [wall([py, "-m", "gasdesk", "--version"], env=env) for _ in range(args.runs)], raw_med)
    report("find", size, [wall(find, env=env) for _ in range(args.runs)], raw_med)
    report("show", size, [wall(show, env=env) for _ in range(args.runs)], raw_med)
    first = []
    for _ in range(max(3, args.runs // 2)):
        not_checked_today(path)
        first.append(wall(find, env=env))
    report("find-first", size, first, raw_med)
    login = [wall([py, "-c", LOGIN_DRIVER, str(path), COUNTER], env=env, until="LOGIN-SHOWN")
             for _ in range(args.runs)]
    report("login-window", size, login, raw_med)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
