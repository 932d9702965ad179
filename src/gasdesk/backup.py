"""Hot backups through SQLite's backup API, checked; restores checked before they replace.

Each copy gets a side file ``NAME.db.head`` with the hash chain's head as it is in the copy: kept
apart from the database, it is the anchor ``gasdesk db check --head`` proves the live file against
(a head anyone can recompute proves nothing once the file itself is rewritten).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gasdesk.db import Database
from gasdesk.files import copy_atomic, create_private, private_folder, write_atomic
from gasdesk.models import chain
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import DatabaseError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.runner import run


def _check_file(path: Path) -> list[str]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [r for r in rows if r != "ok"] + [f"foreign key violation: {r}" for r in fk]


def hot_copy(db: Database, dest: Path) -> Path:
    """Copy a live SQLite database consistently (backup API), then integrity-check the copy."""
    _refuse_server(db)
    dest = Path(dest)
    private_folder(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private(tmp)  # owner-only before the first page of personal data is copied into it
    try:
        src = sqlite3.connect(db.path)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            out.close()
            src.close()
    except sqlite3.OperationalError as exc:
        tmp.unlink(missing_ok=True)
        from gasdesk.dbfile import classify

        raise (classify(exc) or DatabaseError(
            f"备份失败：{exc}", f"Backup failed: {exc}"
        )) from exc
    problems = _check_file(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(
            "备份副本未通过完整性检查，已删除：" + "; ".join(problems[:3]),
            "The backup copy failed its integrity check and was removed: " + "; ".join(problems[:3]),
        )
    written = _head_of(tmp)
    tmp.replace(dest)
    if written is not None:
        _write_head_file(dest, written)
    return dest


def head_file(backup: Path) -> Path:
    """The side file beside a backup that keeps its chain head."""
    return backup.with_name(backup.name + ".head")


def read_head_file(backup: Path) -> chain.Head | None:
    """The head kept beside ``backup`` (None when there is no side file or it holds no head)."""
    try:
        lines = head_file(backup).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((h for line in lines if not line.startswith("#") and (h := chain.parse_head(line))), None)


def _head_of(copy: Path) -> chain.Head | None:
    """The chain head inside a finished copy (None for a schema from before the chain)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from gasdesk.dbfile import read_only_connection

    engine = create_engine("sqlite://", creator=lambda: read_only_connection(str(copy)), poolclass=StaticPool)
    try:
        with engine.connect() as conn:
            columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(audit_log)")}
            return chain.head(conn) if "row_hash" in columns else None
    finally:
        engine.dispose()


def _write_head_file(backup: Path, head: chain.Head) -> None:
    write_atomic(head_file(backup), (
        "# gasdesk 备份的校验链头 / chain head of this backup\n"
        f"# 备份文件 / backup: {backup.name}\n"
        f"# 核对 / verify: gasdesk db check --head {head} --db DATABASE\n"
        f"{head.full}\n").encode())


def _refuse_server(db: Database) -> None:
    if db.path is None:
        raise DatabaseError(
            "PostgreSQL 数据库请用 pg_dump 备份。", "Back up a PostgreSQL database with pg_dump."
        )


def default_backup_path(db: Database) -> Path:
    _refuse_server(db)
    assert db.path is not None  # for the type checker
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return db.path.parent / "backups" / f"{db.path.stem}-{stamp}.db"


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace ``db_path`` with ``source`` once the source is proven sound; keep the old file."""
    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"备份文件不存在：{source}", f"The backup file does not exist: {source}")
    problems = _check_file(source)
    if problems:
        raise DatabaseError(
            "备份文件未通过完整性检查，未做任何替换：" + "; ".join(problems[:3]),
            "The backup file failed its integrity check; nothing was replaced: " + "; ".join(problems[:3]),
        )
    kept: Path | None = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.stem}.replaced-{stamp}{db_path.suffix}")
        # Keep the replaced file exactly as it was, its WAL included (owner-only, as every copy).
        for suffix in ("", "-wal"):
            if Path(str(db_path) + suffix).exists():
                copy_atomic(str(db_path) + suffix, str(kept) + suffix)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    copy_atomic(source, db_path)  # a temporary file beside it, renamed over it once whole
    return kept


@dataclass(frozen=True)
class Backup:
    path: Path
    head: chain.Head | None  # the chain head inside the copy, also in its side file


def backup_as(db: Database, actor: Actor, dest: Path) -> Backup:
    """A backup taken by a person: the permission first, the hot copy outside any session, then
    the audit row, which names the copy's chain head (the window and ``gasdesk backup`` both
    come here)."""
    run(db, actor, lambda s: require(s, actor, "db.backup"))
    written = hot_copy(db, dest)
    head = read_head_file(written)
    after = {"file": str(written)} | ({"chain_head": head.full} if head else {})
    run(db, actor, lambda s: audit.record(s, actor, "db.backup", "database", "", after=after))
    return Backup(written, head)
