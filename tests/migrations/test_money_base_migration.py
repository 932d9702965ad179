"""Revision 0005 (the money base) on a populated office: every existing row backfilled, and every
append-only guard present at head and refusing, including on the tables it rebuilt."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from gasdesk import migrate
from gasdesk.db import Database
from gasdesk.startup import prepare

pytestmark = pytest.mark.sqlite_only  # the 0004 file is built and read with SQLite

APPEND_ONLY = ("audit_log", "parties", "ledger_postings", "ledger_entries", "ledger_allocations", "print_jobs")


@pytest.fixture
def at_0004(piped_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo office as revision 0004 kept it: counters as typed text, no parties or dates."""
    db = prepare(shutil.copy(piped_demo_template, tmp_path / "office.db"))
    migrate.downgrade(db, "0004")
    yield db
    db.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_upgrade_backfills_every_posting(at_0004: Database) -> None:
    path = at_0004.path
    assert path is not None
    texts = {c for (c,) in _rows(path, "SELECT DISTINCT counter FROM ledger_postings")}
    signing_days = dict(_rows(path, "SELECT posting_id, signed_on FROM contracts WHERE posting_id IS NOT NULL"))
    postings = _rows(path, "SELECT COUNT(*) FROM ledger_postings")[0][0]
    assert texts == {"C01", "C02"} and postings > 0  # the demo's two counters (C02 on Fridays)

    migrate.upgrade(at_0004)
    assert _rows(path, "SELECT code FROM counters ORDER BY code")[:1] == [("C01",)]
    missing = _rows(path, "SELECT COUNT(*) FROM ledger_postings WHERE party_id IS NULL OR counter_id IS NULL "
                          "OR business_date IS NULL")
    assert missing == [(0,)]
    assert _rows(path, "SELECT COUNT(*) FROM ledger_postings") == [(postings,)]
    # the party of a posting is its account's, for every posting and every entry
    assert _rows(path, "SELECT COUNT(*) FROM ledger_postings p JOIN parties y ON y.id = p.party_id "
                       "WHERE y.account_id IS NOT p.account_id") == [(0,)]
    assert _rows(path, "SELECT COUNT(*) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                       "WHERE e.party_id <> p.party_id") == [(0,)]
    # a signing's business day is the day its contract was signed
    days = dict(_rows(path, "SELECT id, business_date FROM ledger_postings"))
    assert {pid: days[pid] for pid in signing_days} == signing_days
    assert at_0004.integrity_check() == []


@pytest.fixture
def at_head(full_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = prepare(shutil.copy(full_demo_template, tmp_path / "office.db"))
    with db.write() as s:  # the demo prints nothing: one print job, so its guard has a row to keep
        s.execute(text("INSERT INTO print_jobs (document_kind, document_id, copy, user_id, target, outcome, error, at) "
                       "SELECT 'gas_on_sheet', '1', 0, id, 'file.pdf', 'saved', '', CURRENT_TIMESTAMP FROM users "
                       "LIMIT 1"))
    yield db
    db.dispose()


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_every_append_only_guard_exists_and_refuses_at_head(at_head: Database, table: str) -> None:
    path = at_head.path
    assert path is not None
    triggers = {name for (name,) in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"trg_{table}_no_update", f"trg_{table}_no_delete"} <= triggers
    before = _rows(path, f"SELECT COUNT(*) FROM {table}")
    assert before[0][0] > 0
    for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with pytest.raises(IntegrityError, match="append-only"), at_head.write() as s:
            s.execute(text(sql))
    assert _rows(path, f"SELECT COUNT(*) FROM {table}") == before
