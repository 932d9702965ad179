"""The database layer: pragmas on every connection, BEGIN IMMEDIATE, refusals that change nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError

from gasdesk.db import BUSY_TIMEOUT_MS, Database, open_database
from gasdesk.dbfile import classify as translate_operational
from gasdesk.models import Area, AuditEntry, Compound, Setting
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import DatabaseError, set_language
from gasdesk.startup import prepare

PAGE = 4096


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=["wal", "delete"])
def demo_file(foundation_demo_template: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A populated database of the test's own, ready to be damaged: as gasdesk keeps it (WAL),
    and as a backup or a file from elsewhere comes (rollback journal)."""
    path = Path(shutil.copy(foundation_demo_template, tmp_path / "demo.db"))  # users and areas (tests/conftest.py)
    if request.param == "delete":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    return path


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement SQLite itself runs on connections opened from now on."""
    seen: list[str] = []

    def trace(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.set_trace_callback(seen.append)

    event.listen(db.engine, "connect", trace)
    db.engine.dispose()  # pooled connections from before would escape the trace
    yield seen
    event.remove(db.engine, "connect", trace)


def _pragma(conn: object, name: str) -> object:
    return conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # type: ignore[attr-defined]


@pytest.mark.sqlite_only
def test_every_connection_carries_the_safety_pragmas(db: Database) -> None:
    for _ in range(3):  # pooled connections, checked out again and again
        with db.engine.connect() as conn:
            assert _pragma(conn, "foreign_keys") == 1
            assert _pragma(conn, "journal_mode") == "wal"
            assert _pragma(conn, "synchronous") == 2  # FULL
            assert _pragma(conn, "busy_timeout") == BUSY_TIMEOUT_MS
    with db.write() as s:
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with db.read() as s:
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2


def _transactions(sql: list[str]) -> list[list[str]]:
    """Split a statement trace into transactions, from each BEGIN to its COMMIT/ROLLBACK."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for stmt in sql:
        word = stmt.strip().split()[0].upper()
        if word == "BEGIN":
            current = [stmt]
            out.append(current)
        elif current is not None:
            current.append(stmt)
            if word in {"COMMIT", "ROLLBACK"}:
                current = None
        elif word in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            pytest.fail(f"write outside any transaction: {stmt}")
    return out


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.mark.sqlite_only
def test_every_write_begins_immediate(db: Database, admin: Actor, statements: list[str]) -> None:
    with db.write() as s:
        settings.set_value(s, admin, "idle_lock_minutes", "7")
    with db.write() as s:
        settings.set_value(s, admin, "idle_lock_minutes", "8")
        audit.record(s, admin, "test.note", "t", 1)
    with db.read() as s:
        assert settings.get(s, "idle_lock_minutes") == "8"
    txs = _transactions(statements)
    writers = [t for t in txs if any(st.split()[0].upper() in WRITES for st in t)]
    assert len(writers) == 2
    for t in writers:
        assert t[0] == "BEGIN IMMEDIATE", t
        assert t[-1] == "COMMIT"
    readers = [t for t in txs if t not in writers]
    assert readers and all(t[0] == "BEGIN DEFERRED" for t in readers)


@pytest.mark.sqlite_only
def test_rolled_back_savepoint_leaves_no_row(db: Database, admin: Actor, statements: list[str]) -> None:
    with db.write() as s:
        area = Area(code="09", name="测试片区", active=True)
        s.add(area)
        s.flush()
        with pytest.raises(RuntimeError), s.begin_nested():
            s.add(Compound(area_id=area.id, name="回滚小区", street_address="", active=True))
            s.flush()
            raise RuntimeError("undo the compound only")
        s.add(Compound(area_id=area.id, name="保留小区", street_address="", active=True))
    with db.read() as s:
        assert s.scalars(select(Compound.name)).all() == ["保留小区"]
        assert s.scalar(select(func.count()).select_from(Area)) == 1
    assert any(st.startswith("SAVEPOINT") for st in statements)
    assert any(st.startswith("ROLLBACK TO SAVEPOINT") for st in statements)


def test_write_transactions_take_turns_and_reads_do_not_wait(db: Database) -> None:
    """BEGIN IMMEDIATE on SQLite, the advisory write lock on PostgreSQL: a second writer waits."""
    second_began = threading.Event()

    def second_writer() -> None:
        with db.write() as s:
            s.execute(text("SELECT 1"))
            second_began.set()

    with db.write() as s:
        s.add(Setting(key="k", value="first"))
        s.flush()
        with db.read() as r:  # a reader is not held up by the open write
            assert r.scalar(select(func.count()).select_from(Setting).where(Setting.key == "k")) == 0
        other = threading.Thread(target=second_writer)
        other.start()
        assert not second_began.wait(0.5)
    assert second_began.wait(5)
    other.join()


def test_orphan_row_raises_integrity_error(db: Database) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), db.write() as s:
        s.add(Compound(area_id=999, name="孤儿小区", street_address="", active=True))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Compound)) == 0


def test_unc_path_refused_with_reason(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as info:
        open_database("//server/share/office.db")
    assert "网络共享" in info.value.zh and "本机磁盘" in info.value.zh
    assert "network share" in info.value.en
    with pytest.raises(DatabaseError, match="网络共享"):
        prepare(r"\\server\share\office.db")


def test_network_mount_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    fake_mounts = f"/dev/sda1 / ext4 rw 0 0\nnas:/export {share} nfs4 rw,relatime 0 0\n"
    real_read_text = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if str(self) == "/proc/mounts":
            return fake_mounts
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    with pytest.raises(DatabaseError, match="网络共享"):
        prepare(share / "office.db")
    assert list(share.iterdir()) == []  # nothing created there
    local = prepare(tmp_path / "local.db", create=True)  # a local path next to it is fine
    local.dispose()


def test_missing_file_refused_when_not_creating(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    with pytest.raises(DatabaseError, match="数据库文件不存在"):
        prepare(missing, create=False)
    assert not missing.exists()


def test_unreadable_file_refused(demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, whom chmod cannot stop; pretend the permission check says no.
    monkeypatch.setattr("gasdesk.db.os.access", lambda *_a, **_k: False)
    before = sha(demo_file)
    with pytest.raises(DatabaseError) as info:
        prepare(demo_file, create=False)
    assert info.value.zh.startswith("没有权限读取数据库文件")
    assert "损坏" not in info.value.zh and "restore" not in info.value.zh  # permissions are not damage
    set_language("en")
    assert str(info.value).startswith("No permission to read the database file")
    assert sha(demo_file) == before


def test_not_a_database_refused_unchanged(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("这不是数据库 " * 50)
    before = sha(bogus)
    with pytest.raises(DatabaseError, match="这不是 SQLite 数据库文件") as info:
        prepare(bogus)
    assert info.value.kind == "not_sqlite" and "restore" not in info.value.zh
    assert sha(bogus) == before
    with pytest.raises(DatabaseError, match="文件夹"):
        prepare(tmp_path)


@pytest.mark.parametrize("page", [4, 8, 10])  # users, audit_log, an index: pages that hold rows
def test_corrupted_file_refused_and_left_unchanged(demo_file: Path, tmp_path: Path, page: int) -> None:
    damaged = tmp_path / f"damaged-{page}.db"
    shutil.copy(demo_file, damaged)
    not_checked_today(damaged)
    with damaged.open("r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(bytes([0xA5]) * PAGE)
    before = sha(damaged)
    with pytest.raises(DatabaseError) as info:
        prepare(damaged, create=False)
    assert "数据库文件已损坏" in info.value.zh and "gasdesk restore" in info.value.zh
    assert sha(damaged) == before
    assert not list(tmp_path.glob("damaged-*.bak"))  # no upgrade copy was attempted


def not_checked_today(path: Path) -> None:
    """Forget the day of the last passed quick_check (as for a file last opened yesterday)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()


def test_the_full_check_runs_once_a_day_and_is_recorded(demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_checked_today(demo_file)
    calls: list[bool] = []
    real = Database.quick_check
    monkeypatch.setattr(Database, "quick_check", lambda self, **kw: calls.append(True) or real(self, **kw))
    prepare(demo_file).dispose()
    assert calls == [True]
    assert Database.checked_on(open_database(demo_file)) == date.today()
    prepare(demo_file).dispose()  # the day's second start reads no whole file
    assert calls == [True]


def test_damage_after_the_days_check_is_still_found_by_db_check(demo_file: Path) -> None:
    from gasdesk import checkup

    prepare(demo_file).dispose()  # checked today
    with demo_file.open("r+b") as f:
        f.seek(7 * PAGE)
        f.write(bytes([0xA5]) * PAGE)
    with pytest.raises(DatabaseError) as info:
        checkup.check(demo_file)
    assert info.value.kind == "damaged" and "gasdesk restore" in info.value.zh


def test_newer_database_refused_unchanged(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = sha(demo_file)
    with pytest.raises(DatabaseError) as info:
        prepare(demo_file, create=False)
    assert "更新版本的 gasdesk" in info.value.zh and "9999_from_the_future" in info.value.zh
    assert "newer gasdesk" in info.value.en
    assert sha(demo_file) == before
    assert not list(demo_file.parent.glob("*.bak"))


def _cap_size(db: Database) -> None:
    """Make the disk 'full': SQLite may not grow the file by a single page."""

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(db.engine, "connect", cap)
    db.engine.dispose()  # only new connections get the cap


@pytest.mark.sqlite_only
def test_disk_full_is_translated_and_nothing_written(db: Database, admin: Actor) -> None:
    with db.read() as s:
        audits_before = s.scalar(select(func.count()).select_from(AuditEntry))
    _cap_size(db)
    with pytest.raises(DatabaseError) as info, db.write() as s:
        settings.set_value(s, admin, "office_name", "城东营业厅")
        for i in range(500):
            audit.record(s, admin, "test.fill", "t", i, after={"pad": "x" * 300})
    assert info.value.zh == "磁盘已满，操作没有保存。请清理磁盘空间后重试，数据未被改动。"
    set_language("en")
    assert str(info.value).startswith("The disk is full; nothing was saved.")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits_before
        assert s.get(Setting, "office_name") is None
    assert db.integrity_check() == []


@pytest.mark.parametrize(
    ("driver_message", "zh_start"),
    [
        ("database or disk is full", "磁盘已满"),
        ("database is locked", "数据库正被另一个柜台或程序占用"),
        ("database disk image is malformed", "数据库文件已损坏"),
        ("file is not a database", "数据库文件已损坏"),
        ("attempt to write a readonly database", "数据库文件或它的文件夹是只读的"),
        ("unable to open database file", "无法打开数据库文件"),
    ],
)
def test_driver_failures_have_clear_words(driver_message: str, zh_start: str) -> None:
    err = translate_operational(sqlite3.OperationalError(driver_message))
    assert err is not None and err.zh.startswith(zh_start) and err.en
    assert translate_operational(sqlite3.OperationalError("no such table: x")) is None


def test_quick_check_and_integrity_check_on_sound_file(db: Database) -> None:
    assert db.quick_check() == []
    assert db.integrity_check() == []
