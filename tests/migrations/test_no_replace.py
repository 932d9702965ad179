"""REPLACE cannot rewrite an append-only row, from any connection: a plain sqlite3 connection (as
the sqlite3 shell opens it, without gasdesk's pragmas) is refused through the primary key and
through every unique key (the hash chain's place, chain_seq, included), and the row stays as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from gasdesk.models import LedgerPosting
from gasdesk.models.guards import REPLACE_KEYS
from gasdesk.services import ledger
from gasdesk.services.office import users
from gasdesk.startup import prepare

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def office(full_demo_template: Path, tmp_path: Path) -> Path:
    path = Path(shutil.copy(full_demo_template, tmp_path / "office.db"))
    db = prepare(path)  # at head; one void gives every unique key a row to protect
    with db.write() as s:
        boss = users.authenticate(s, "super", "super123", "C01").actor
        assert boss is not None
        signing = s.scalar(select(LedgerPosting.id).where(LedgerPosting.action == "account.sign_contract")
                           .order_by(LedgerPosting.id).limit(1))
        ledger.void_posting(s, boss, signing, "测试作废", idempotency_key="no-replace-void", approver=boss)
    db.dispose()
    conn = sqlite3.connect(path)
    with conn:  # the demo prints nothing: one print job, so its table has a row to protect
        conn.execute("INSERT INTO print_jobs (document_kind, document_id, copy, user_id, target, outcome, error, at) "
                     "SELECT 'gas_on_sheet', '1', 0, id, 'file.pdf', 'saved', '', CURRENT_TIMESTAMP FROM users LIMIT 1")
    conn.close()
    return path


def _cases() -> list[tuple[str, str]]:
    return [(table, key) for table, keys in REPLACE_KEYS.items() for key in keys]


@pytest.mark.parametrize(("table", "key"), _cases(), ids=lambda v: str(v))
def test_replace_through_any_key_is_refused_and_the_row_is_kept(office: Path, table: str, key: str) -> None:
    conn = sqlite3.connect(office)  # a plain connection: no foreign keys, no recursive triggers
    try:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        victim = conn.execute(f"SELECT * FROM {table} WHERE {key} IS NOT NULL ORDER BY id LIMIT 1").fetchone()
        assert victim is not None, f"{table} has no row with a {key}"
        before = conn.execute(f"SELECT COUNT(*), SUM(id) FROM {table}").fetchone()
        # the same key again: through the primary key the row itself, else a new id with the taken key
        values = ", ".join("NULL" if c == "id" and key != "id" else c for c in columns)
        sql = f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE id = ?"
        for statement in (sql, sql.replace("INSERT OR REPLACE", "REPLACE")):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement, (victim[0],))
            conn.rollback()
        assert conn.execute(f"SELECT * FROM {table} WHERE id = ?", (victim[0],)).fetchone() == victim
        assert conn.execute(f"SELECT COUNT(*), SUM(id) FROM {table}").fetchone() == before
    finally:
        conn.close()


def test_an_amount_cannot_be_rewritten_by_replace(office: Path) -> None:
    """The probe that found the hole: a posted amount changed with REPLACE from the sqlite3 shell."""
    conn = sqlite3.connect(office)
    try:
        entry_id, amount = conn.execute("SELECT id, amount FROM ledger_entries ORDER BY id LIMIT 1").fetchone()
        columns = [row[1] for row in conn.execute("PRAGMA table_info(ledger_entries)")]
        values = ", ".join("1" if c == "amount" else c for c in columns)
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(f"INSERT OR REPLACE INTO ledger_entries ({', '.join(columns)}) "
                         f"SELECT {values} FROM ledger_entries WHERE id = ?", (entry_id,))
        conn.rollback()
        assert conn.execute("SELECT amount FROM ledger_entries WHERE id = ?", (entry_id,)).fetchone() == (amount,)
    finally:
        conn.close()
