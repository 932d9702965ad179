"""The hash chain over the ledger and the audit log, tried as someone with the file and the sqlite3
shell would: every writer seals its rows, a hand edit is named, rows deleted at the end or in the
middle are noticed, and a head printed earlier (a backup's side file) proves the file against a
chain rewritten from scratch."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from gasdesk import checkup
from gasdesk.backup import head_file, read_head_file
from gasdesk.cli import main
from gasdesk.models import chain

pytestmark = pytest.mark.sqlite_only

CHECK_SOUND, CHECK_DAMAGED, CHECK_CANNOT = 0, 2, 4


@pytest.fixture
def office(full_demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(full_demo_template, tmp_path / "office.db"))


def db_check(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["db", "check", "--db", str(path), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def unguarded(path: Path) -> sqlite3.Connection:
    """A plain connection with the chained tables' guards dropped, as someone with the file can."""
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND ("
                                + " OR ".join(f"tbl_name = '{t}'" for t in chain.TABLES) + ")").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def test_the_byte_form_of_version_1_is_frozen() -> None:
    """Old rows keep their hashes: a change to the byte form must come as a new version."""
    audit_row = {"id": 7, "at": datetime(2026, 12, 3, 8, 0, 0), "user_id": 3, "login": "clerk", "counter": "C01",
                 "action": "login", "entity": "user", "entity_id": "3", "before": None, "after": '{"a": "张三"}'}
    entry_row = {"id": 1, "posting_id": 1, "party_id": 2, "account_id": 3, "kind": "charge", "bucket": "fees",
                 "amount": Decimal("86.81"), "method": None, "tendered": None, "change_given": None,
                 "reversal_of": None, "reason": "开户费", "user_id": 3, "created_at": datetime(2026, 12, 3, 8, 0, 1)}
    first = chain.row_hash("audit_log", 1, chain.GENESIS, audit_row)
    assert first == "1d76d0d729d558f792394e12fb84507402a22cb461e5ccb1c5f59e1af092c93a"
    second = "fc5e1603702dd2360434c138d3c7f304a1a16bc724c0c9405d5315da820f9357"
    assert chain.row_hash("ledger_entries", 2, first, entry_row) == second
    assert chain.row_hash("ledger_entries", 2, first, entry_row | {"amount": Decimal("0.01")}) != second


def test_every_writer_of_the_demo_office_sealed_its_rows(office: Path) -> None:
    report = checkup.check(office)
    conn = sqlite3.connect(office)
    total = sum(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in chain.TABLES)
    unsealed = sum(conn.execute(f"SELECT COUNT(*) FROM {t} WHERE chain_seq IS NULL OR row_hash IS NULL")
                   .fetchone()[0] for t in chain.TABLES)
    conn.close()
    assert report.verdict is not None and report.verdict.sound
    assert report.verdict.rows == report.verdict.head.count == total > 20_000
    assert unsealed == 0


def test_a_row_without_its_seal_is_refused_from_a_plain_connection(office: Path) -> None:
    conn = sqlite3.connect(office)
    with pytest.raises(sqlite3.IntegrityError, match="chain"):
        conn.execute("INSERT INTO audit_log (at, login, counter, action, entity, entity_id) "
                     "VALUES (CURRENT_TIMESTAMP, 'x', '', 'forged', 'user', '1')")
    conn.close()


def test_an_amount_edited_by_hand_is_named(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = unguarded(office)
    entry_id, seq = conn.execute("SELECT id, chain_seq FROM ledger_entries WHERE amount > 0 ORDER BY id LIMIT 1 "
                                 "OFFSET 40").fetchone()
    with conn:
        conn.execute("UPDATE ledger_entries SET amount = 1 WHERE id = ?", (entry_id,))  # 0.01 yuan
    conn.close()
    code, out, err = db_check(capsys, office)
    assert code == CHECK_DAMAGED
    assert f"账目 ledger_entries #{entry_id}（链上第 {seq} 行）的内容与它的校验值不符" in err
    assert "报告主管" in err and "--head" in err  # what to do: evidence, not a disk fault
    assert "完整性检查通过" in out  # SQLite itself finds nothing: only the chain does


def test_rows_removed_from_the_end_are_noticed_against_an_earlier_head(
        office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = checkup.check(office).verdict
    assert before is not None
    conn = unguarded(office)
    with conn:
        for t in chain.TABLES:
            conn.execute(f"DELETE FROM {t} WHERE chain_seq > ?", (before.head.count - 3,))
    conn.close()
    code, out, _ = db_check(capsys, office)  # on its own the shorter chain is consistent
    assert code == CHECK_SOUND and f"共 {before.head.count - 3} 行" in out
    code, _, err = db_check(capsys, office, "--head", str(before.head))
    assert code == CHECK_DAMAGED
    assert f"链现在只有 {before.head.count - 3} 行，而先前打印的链头 {before.head} 有 {before.head.count} 行" in err


def test_rows_removed_in_the_middle_are_a_gap(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = unguarded(office)
    seqs = [r[0] for r in conn.execute("SELECT chain_seq FROM audit_log ORDER BY chain_seq LIMIT 2 OFFSET 100")]
    with conn:
        conn.execute("DELETE FROM audit_log WHERE chain_seq IN (?, ?)", seqs)
    conn.close()
    code, _, err = db_check(capsys, office)
    assert code == CHECK_DAMAGED
    if seqs[1] == seqs[0] + 1:
        assert f"链上第 {seqs[0]} 至 {seqs[1]} 行不见了" in err
    else:
        assert f"链上第 {seqs[0]} 至 {seqs[0]} 行不见了" in err


def test_a_chain_rewritten_from_scratch_fails_the_head_kept_beside_a_backup(
        office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", "super123")
    copy = tmp_path / "backups" / "monday.db"
    assert main(["backup", "--to", str(copy), "--user", "super", "--db", str(office)]) == 0
    out = capsys.readouterr().out
    kept = read_head_file(copy)
    assert kept is not None and f"校验链头 {kept}" in out and head_file(copy).name == "monday.db.head"
    assert db_check(capsys, copy, "--head", kept.full)[0] == CHECK_SOUND
    assert db_check(capsys, office, "--head", str(kept))[0] == CHECK_SOUND  # the live file passes through it

    # Someone edits an old entry and recomputes every hash after it with the published code (its
    # reason: an amount would also fail the money's own checks, receipts and allocations).
    _rewrite(office, "UPDATE ledger_entries SET reason = '已退' WHERE id = "
                     "(SELECT MIN(id) FROM ledger_entries WHERE amount > 0)")
    assert db_check(capsys, office)[0] == CHECK_SOUND  # a chain anyone can recompute proves little alone
    code, _, err = db_check(capsys, office, "--head", str(kept))
    assert code == CHECK_DAMAGED and f"与先前打印的链头 {kept} 不符" in err


def _rewrite(path: Path, edit: str) -> None:
    """Make ``edit`` with the guards dropped, then recompute every row's hash, in one transaction."""
    from sqlalchemy import create_engine

    unguarded(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.exec_driver_sql(edit)
        prev = chain.GENESIS
        rows = sorted(found for name in chain.TABLES for found in chain._rows(c, name))
        for seq, name, row in rows:
            prev = chain.row_hash(name, seq, prev, row)
            c.exec_driver_sql(f"UPDATE {name} SET row_hash = ? WHERE id = ?", (prev, row["id"]))
    engine.dispose()


def test_a_bad_head_is_refused_in_words(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = db_check(capsys, office, "--head", "12345")
    assert code == CHECK_CANNOT and "--head 的格式应为“行数:校验值”" in err
