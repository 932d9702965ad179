"""The database layer: one engine per database, one session per user action.

SQLite is the default (one file on the counter PC); any SQLAlchemy URL works,
so several counters can share PostgreSQL through the same code.

For SQLite we follow SQLAlchemy's documented pysqlite recipe: the driver's own
transaction handling is switched off and we emit BEGIN ourselves, so that every
write transaction starts with ``BEGIN IMMEDIATE`` (a deferred transaction that
later writes fails at once with SQLITE_BUSY when another process wrote first)
and SAVEPOINTs behave.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from gasdesk.services.core.errors import DatabaseError

BUSY_TIMEOUT_MS = 15_000
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs"}


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def normalize_url(target: str | os.PathLike[str]) -> URL:
    """Accept a plain file path or any SQLAlchemy URL."""
    text_target = os.fspath(target)
    if "://" in text_target:
        return make_url(text_target)
    return make_url(sqlite_url(text_target))


def is_network_path(path: str) -> bool:
    """True for UNC paths, mapped network drives and network file systems."""
    if path.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":
        drive = PureWindowsPath(path).drive
        if drive:
            import ctypes

            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
        return False
    return _mount_fstype(path) in _NETWORK_FS


def _mount_fstype(path: str) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = PurePosixPath(os.path.realpath(path))
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == PurePosixPath(mount_point) or PurePosixPath(mount_point) in target.parents) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def refuse_network_path(path: str) -> None:
    """WAL and file locks do not work over network file systems: say so and stop."""
    if is_network_path(path):
        raise DatabaseError(
            f"数据库文件在网络共享上（{path}）。SQLite 在网络文件系统上无法可靠加锁，可能损坏数据。"
            "请把数据库放在本机磁盘上；多个柜台共用请使用 PostgreSQL 服务器。",
            f"The database file is on a network share ({path}). SQLite cannot lock reliably over a "
            "network file system and may corrupt data. Keep it on a local disk; to share it between "
            "counters use a PostgreSQL server.",
        )


def check_sqlite_path(path: str, *, must_exist: bool) -> None:
    """Refuse the files SQLite cannot keep safe, before anything opens them."""
    refuse_network_path(path)
    p = Path(path)
    if must_exist and not p.exists():
        raise DatabaseError(f"数据库文件不存在：{path}", f"The database file does not exist: {path}")
    if p.exists():
        if p.is_dir():
            raise DatabaseError(
                f"这是一个文件夹，不是数据库文件：{path}", f"This is a folder, not a database file: {path}"
            )
        if not os.access(p, os.R_OK | os.W_OK):
            raise DatabaseError(
                f"没有权限读写数据库文件：{path}。请联系管理员检查文件权限。",
                f"No permission to read and write the database file: {path}. Ask an administrator "
                "to check its permissions.",
            )
        with p.open("rb") as f:
            head = f.read(16)
        if head and head != b"SQLite format 3\x00":
            raise DatabaseError(
                f"这不是 gasdesk 数据库文件，或文件头已损坏：{path}",
                f"This is not a gasdesk database file, or its header is damaged: {path}",
            )


def _set_wal(path: str) -> None:
    """WAL is a property of the file, set once; a damaged file is left for quick_check to report."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass


def _install_sqlite_recipe(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        mode = "DEFERRED" if conn.get_execution_options().get("gasdesk_readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


# One key for the whole database: pg_advisory_xact_lock(key) is PostgreSQL's BEGIN IMMEDIATE.
_PG_WRITE_LOCK = 0x6761_7364  # "gasd"


def _install_postgresql_writer_lock(engine: Engine) -> None:
    """Write transactions take one at a time, as on SQLite; reads never wait.

    The services read, decide and write (the next account number, a state change, a balance)
    trusting that no other counter writes in between. On SQLite BEGIN IMMEDIATE guarantees
    that; on PostgreSQL (READ COMMITTED) each write transaction first takes a transaction-level
    advisory lock, held until commit or rollback, so every later statement sees the writes of
    the counter before it. A counter that waits longer than the busy timeout is told so.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("gasdesk_readonly"):
            return
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")


def translate_operational(exc: BaseException) -> DatabaseError | None:
    """Turn SQLite's low-level failures into words a clerk can act on."""
    msg = str(exc).lower()
    if "disk is full" in msg or ("disk i/o error" in msg and "full" in msg):
        return DatabaseError(
            "磁盘已满，操作没有保存。请清理磁盘空间后重试，数据未被改动。",
            "The disk is full; nothing was saved. Free some disk space and try again; no data was changed.",
        )
    if "database is locked" in msg or "database is busy" in msg or "lock timeout" in msg:
        return DatabaseError(
            "数据库正被其他柜台占用，请稍后重试。",
            "The database is busy with another counter; please try again in a moment.",
        )
    if "malformed" in msg or "not a database" in msg or "disk image" in msg:
        return DatabaseError(
            "数据库文件已损坏，程序不会再写入它。请由管理员从备份恢复（gasdesk restore）。",
            "The database file is damaged; gasdesk will not write to it. Ask an administrator to "
            "restore it from a backup (gasdesk restore).",
        )
    if "readonly" in msg or "read-only" in msg:
        return DatabaseError(
            "数据库文件是只读的，无法保存。请检查文件权限。",
            "The database file is read-only; nothing can be saved. Check the file's permissions.",
        )
    if "unable to open" in msg:
        return DatabaseError(
            "无法打开数据库文件。请检查路径和权限。",
            "The database file cannot be opened. Check its path and permissions.",
        )
    return None


@dataclass
class Database:
    """An engine and its session factories; one ``write()`` or ``read()`` per user action."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)
    read_sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(
            self.engine.execution_options(gasdesk_readonly=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back everything on any error."""
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise (translate_operational(exc.orig or exc) or exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self.read_sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise (translate_operational(exc.orig or exc) or exc) from exc

    def quick_check(self) -> list[str]:
        """SQLite's quick_check; an empty list means the file is sound."""
        return self._check("quick_check")

    def integrity_check(self) -> list[str]:
        return self._check("integrity_check")

    def _check(self, pragma: str) -> list[str]:
        if not self.is_sqlite:
            return []
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
                fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                conn.rollback()
        except Exception as exc:  # a damaged header fails before any row comes back
            return [str(getattr(exc, "orig", exc))]
        problems = [r for r in rows if r != "ok"]
        problems += [f"foreign key violation: {tuple(r)}" for r in fk]
        return problems

    def use_wal(self) -> None:
        """Put a vetted SQLite file in WAL mode (kept in the file); pooled connections start afresh."""
        if self.path is not None:
            _set_wal(str(self.path))
            self.engine.dispose()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str], *, create: bool = True) -> Database:
    """Open (and for SQLite, vet) the database at a path or URL."""
    raw = os.fspath(target)
    if "://" not in raw:
        # Vet the path as typed: resolving it folds a UNC "//server/share" into a local path.
        refuse_network_path(raw)
    url = normalize_url(raw)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("必须指定数据库文件。", "A database file is required.")
        check_sqlite_path(url.database, must_exist=not create)
        if create:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        # A small pool: a fresh SQLite connection costs ~1.5 ms, felt on every keystroke of
        # the counter search. A connection is used by one thread at a time (the runner).
        engine = create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=4,
                               connect_args={"check_same_thread": False})
        _install_sqlite_recipe(engine)
        # WAL is switched on by use_wal() once the file has passed its checks: switching
        # rewrites the header, and a damaged or newer file must be refused unchanged.
    else:
        engine = create_engine(url, pool_pre_ping=True)
        if url.get_backend_name() == "postgresql":
            _install_postgresql_writer_lock(engine)
    return Database(url=url, engine=engine)


def ensure_sound(db: Database) -> None:
    """Run quick_check at start; a damaged file is refused before anything writes to it."""
    problems = db.quick_check()
    if problems:
        raise DatabaseError(
            "数据库文件已损坏（快速检查未通过），程序不会写入它。请由管理员从备份恢复：gasdesk restore 备份文件。\n"
            + "\n".join(problems[:5]),
            "The database file is damaged (quick_check failed); gasdesk will not write to it. Ask an "
            "administrator to restore a backup: gasdesk restore FILE.\n" + "\n".join(problems[:5]),
        )


def raw_execute(db: Database, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))
