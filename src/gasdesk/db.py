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
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from gasdesk import dbfile, files
from gasdesk.services.core.errors import DatabaseError

BUSY_TIMEOUT_MS = 15_000


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def normalize_url(target: str | os.PathLike[str]) -> URL:
    """Accept a plain file path or any SQLAlchemy URL."""
    text_target = os.fspath(target)
    if "://" in text_target:
        return make_url(text_target)
    return make_url(sqlite_url(text_target))


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


def _in_wal(path: str) -> bool:
    """Whether the file is in WAL mode already: its header's read and write versions (bytes 18
    and 19) are 2 (SQLite's file format). Reading them spares every start a second connection."""
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return False
    return head[:16] == dbfile.SQLITE_HEADER and head[18:20] == b"\x02\x02"


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
            raise (dbfile.classify(exc.orig or exc) or exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self.read_sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise (dbfile.classify(exc.orig or exc) or exc) from exc

    def quick_check(self, *, foreign_keys: bool = True) -> list[str]:
        """SQLite's quick_check; an empty list means the file is sound."""
        return self._check("quick_check", foreign_keys=foreign_keys)

    def integrity_check(self) -> list[str]:
        return self._check("integrity_check")

    def _check(self, pragma: str, *, foreign_keys: bool = True) -> list[str]:
        """The check's findings; a file that cannot be checked (locked, unreadable) is refused in
        its own words, only corruption comes back as findings."""
        if not self.is_sqlite:
            return []
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
                fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check")) if foreign_keys else []
                conn.rollback()
        except Exception as exc:  # a damaged header fails before any row comes back
            cause = getattr(exc, "orig", None) or exc
            found = dbfile.classify(cause)
            if found is None or found.kind == "damaged":
                return [str(cause)]
            raise found from exc
        problems = [r for r in rows if r != "ok"]
        problems += [f"foreign key violation: {tuple(r)}" for r in fk]
        return problems

    def checked_on(self) -> date | None:
        """The day the last start-of-day quick_check passed (kept in the file's header, user_version)."""
        if not self.is_sqlite:
            return None
        try:
            with self.engine.connect() as conn:
                stamp = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
                conn.rollback()
            return date(stamp // 10000, stamp // 100 % 100, stamp % 100)
        except Exception:  # unreadable or no date: check it (the check says what is wrong)
            return None

    def mark_checked(self, day: date) -> None:
        """Record a passed quick_check; a busy file is simply checked again at the next start."""
        if not self.is_sqlite:
            return
        try:
            with self.engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA user_version = {day.year * 10000 + day.month * 100 + day.day}")
        except OperationalError:
            pass

    def use_wal(self) -> None:
        """Put a vetted SQLite file in WAL mode (kept in the file); pooled connections start afresh."""
        if self.path is not None and not _in_wal(str(self.path)):
            _set_wal(str(self.path))
            self.engine.dispose()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str], *, create: bool = False) -> Database:
    """Open (and for SQLite, vet) the database at a path or URL. Only ``create`` lets a missing or
    empty file become a database; no folder is ever made here."""
    raw = os.fspath(target)
    if "://" not in raw:
        # Vet the path as typed: resolving it folds a UNC "//server/share" into a local path.
        dbfile.refuse_network_path(raw)
    url = normalize_url(raw)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("必须指定数据库文件。", "A database file is required.")
        dbfile.vet(url.database, create=create)
        if create and not os.path.exists(url.database):
            # A new office file holds personal data: owner-only before SQLite writes a page (its
            # journal and WAL files take the database file's mode).
            files.create_private(url.database)
        # A small pool: a fresh SQLite connection costs ~1.5 ms, felt on every keystroke of
        # the counter search. A connection is used by one thread at a time (the runner).
        engine = create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=4,
                               connect_args={"check_same_thread": False})
        _install_sqlite_recipe(engine)
        # WAL is switched on by use_wal() once the file has passed its checks: switching
        # rewrites the header, and a damaged or newer file must be refused unchanged.
    elif url.get_backend_name() == "postgresql":
        # READ COMMITTED whatever the server's default: a statement after the write lock then sees the
        # writes of the counter before (a REPEATABLE READ snapshot would date from before the lock wait,
        # and the next account number or the chain's head would be read stale).
        engine = create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED")
        _install_postgresql_writer_lock(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return Database(url=url, engine=engine)


def ensure_sound(db: Database) -> None:
    """quick_check; a damaged file is refused before anything writes to it."""
    problems = db.quick_check(foreign_keys=False)
    if problems:
        raise dbfile.damaged(problems)


def raw_execute(db: Database, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))
