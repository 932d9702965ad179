"""Hot backups while another process writes; restores that check first and keep what they replace."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from accounts_support import Office

from gasdesk import backup
from gasdesk.db import Database
from gasdesk.services import ledger
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import DatabaseError
from gasdesk.services.core.runner import run
from gasdesk.startup import prepare

pytestmark = pytest.mark.sqlite_only  # hot copies through SQLite's backup API, file bytes

ROLE_PASSWORD = "secret-123"  # what tests/conftest.py gives every role
WRITER_PATH = Path(__file__).resolve().parents[1] / "scenarios" / "reliability_writer.py"


sys.path.append(str(WRITER_PATH.parent))  # the reliability scenarios' ledger writer, shared
import reliability_writer as writer  # noqa: E402


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_check(path: Path) -> list[str]:
    return backup._check_file(path)


def _writer_postings(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM ledger_postings WHERE idempotency_key LIKE ?", (writer.KEY_PREFIX + "bk:%",)
        ).fetchone()[0]


def test_hot_backup_while_another_process_writes(office: Office, tmp_path: Path) -> None:
    """Copies taken while a ledger writer posts money are sound and hold only whole postings."""
    db = office.db
    ids = [office.account_at("in_service") for _ in range(3)]
    with db.read() as s:
        opening = {aid: ledger.balances(s, aid) for aid in ids}
    assert db.path is not None
    proc = subprocess.Popen(
        [sys.executable, str(WRITER_PATH), str(db.path), "bk", ROLE_PASSWORD, ",".join(map(str, ids))],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while _writer_postings(db.path) < 20:  # let the writer get going
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the writer never committed"
            time.sleep(0.05)
        copies = []
        for i in range(5):
            copies.append(backup.hot_copy(db, tmp_path / "backups" / f"copy-{i}.db"))
            time.sleep(0.05)
        assert proc.poll() is None, "the writer stopped while the copies were taken"
    finally:
        proc.kill()
        proc.wait()
    seen = []
    for copy in copies:
        assert file_check(copy) == []
        assert not Path(str(copy) + "-wal").exists()  # a backup is one self-contained file
        # every copied posting is whole, in order, and the balances are the sums of what was posted
        seen.append(writer.check_ledger(copy, ids, opening).committed.get("bk", 0))
    assert seen == sorted(seen) and seen[-1] > seen[0]  # the writer really ran during the copies
    assert db.integrity_check() == []


def test_default_backup_path_is_beside_the_database(db: Database, db_path: Path) -> None:
    path = backup.default_backup_path(db)
    assert path.parent == db_path.parent / "backups"
    assert path.name.startswith("office-") and path.suffix == ".db"


def _populated(tmp_path: Path, admin: Actor, db: Database, name: str) -> Path:
    run(db, admin, lambda s: settings.set_value(s, admin, "office_name", name))
    return backup.hot_copy(db, tmp_path / f"{name}.db")


def test_restore_refuses_a_corrupt_source_and_changes_nothing(
    db: Database, db_path: Path, admin: Actor, tmp_path: Path
) -> None:
    good = _populated(tmp_path, admin, db, "good")
    bad = tmp_path / "bad.db"
    shutil.copy(good, bad)
    with bad.open("r+b") as f:  # the users table's page
        f.seek(3 * 4096)
        f.write(b"\xa5" * 4096)
    db.dispose()
    listing = sorted(p.name for p in db_path.parent.iterdir())
    before = sha(db_path)
    with pytest.raises(DatabaseError) as info:
        backup.restore(db_path, bad)
    assert info.value.zh.startswith("备份文件未通过完整性检查，未做任何替换")
    with pytest.raises(DatabaseError, match="备份文件不存在"):
        backup.restore(db_path, tmp_path / "missing.db")
    assert sha(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing


def test_restore_keeps_the_replaced_file(db: Database, db_path: Path, admin: Actor, tmp_path: Path) -> None:
    source = _populated(tmp_path, admin, db, "before")
    run(db, admin, lambda s: settings.set_value(s, admin, "office_name", "after"))
    db.dispose()
    replaced = db_path.read_bytes()
    kept = backup.restore(db_path, source)
    assert kept is not None and kept.exists() and kept.read_bytes() == replaced
    assert "replaced" in kept.name
    restored = prepare(db_path, create=False)
    try:
        with restored.read() as s:
            assert settings.get(s, "office_name") == "before"
    finally:
        restored.dispose()
    old = prepare(kept, create=False)
    try:
        with old.read() as s:
            assert settings.get(s, "office_name") == "after"
    finally:
        old.dispose()


def test_backup_to_a_full_disk_is_refused_cleanly(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect
    monkeypatch.setattr(backup.sqlite3, "connect", lambda *a, **k: _FullConnection(real_connect(*a, **k)))
    with pytest.raises(DatabaseError) as info:
        backup.hot_copy(db, tmp_path / "full.db")
    assert info.value.zh.startswith("磁盘已满")
    assert not (tmp_path / "full.db").exists() and not (tmp_path / "full.db.part").exists()


class _FullConnection:
    """A sqlite3 connection whose backup fails as on a full disk."""

    def __init__(self, conn: object) -> None:
        self._conn = conn

    def backup(self, *args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)
