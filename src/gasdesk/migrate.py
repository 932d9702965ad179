"""Schema upgrades: refuse a foreign or newer database, copy the file aside, upgrade to head.

Alembic is imported only when a file is really upgraded: every start asks "which revision is
this file at, and do I know it?", answered from the shipped version scripts' file names
(``NNNN_name.py``, revision ``NNNN``; a test keeps that equal to alembic's own reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from gasdesk.db import Database
from gasdesk.paths import shipped
from gasdesk.services.core.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(shipped("migrations")))
    cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


@cache
def known_revisions() -> tuple[str, ...]:
    """This program's revisions, oldest first, from the version scripts' names."""
    names = sorted(p.name for p in (Path(shipped("migrations")) / "versions").glob("[0-9]*_*.py"))
    return tuple(n.split("_", 1)[0] for n in names)


def head_revision(db: Database | None = None) -> str:
    return known_revisions()[-1]


def current_revision(db: Database) -> str | None:
    """The file's revision; None for a database without gasdesk's schema."""
    with db.engine.connect() as conn:
        rev = None
        if inspect(conn).has_table("alembic_version"):
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        conn.rollback()
    return rev


def has_tables(db: Database) -> bool:
    with db.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        conn.rollback()
    return bool(names)


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _refuse_newer(db: Database, current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise DatabaseError(
            f"这个数据库由更新版本的 gasdesk 创建（版本 {current}），本程序无法使用它，也没有改动它。"
            "请安装新版本的 gasdesk。",
            f"This database was made by a newer gasdesk (schema {current}); this program cannot use it "
            "and has not changed it. Install the newer gasdesk.", kind="newer")


def refuse_unusable(db: Database, *, create: bool = False) -> str | None:
    """Refuse, before anything writes, a database made by a newer gasdesk, another program's
    database, and (unless ``create``) a database with no tables. Returns the current revision."""
    current = current_revision(db)
    _refuse_newer(db, current)
    if current is None and has_tables(db):
        raise DatabaseError(
            f"这是别的程序的 SQLite 数据库，不是 gasdesk 的数据库：{db.display_name}。请检查是否选错了文件"
            "（它没有被改动）。",
            f"This is another program's SQLite database, not a gasdesk database: {db.display_name}. Check "
            "that this is the right file (it was not changed).", kind="foreign")
    if current is None and not create:
        raise DatabaseError(
            f"数据库是空的（还没有 gasdesk 的表）：{db.display_name}。程序没有改动它。"
            "要在这里新建数据库，请用 gasdesk db create。",
            f"The database is empty (no gasdesk tables yet): {db.display_name}. It was left as it is. To "
            "make a new database there, use gasdesk db create.", kind="empty")
    return current


def upgrade(db: Database, *, backup: bool = True) -> UpgradeResult:
    """Bring the database to head, keeping a checked copy of the file first."""
    current = current_revision(db)
    _refuse_newer(db, current)
    db.use_wal()
    head = head_revision()
    if current == head:
        return UpgradeResult(current, head, None)
    from alembic import command

    from gasdesk.backup import hot_copy

    copy: Path | None = None
    if backup and db.path is not None and current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = db.path.with_name(f"{db.path.stem}.before-{head}-{stamp}{db.path.suffix}.bak")
        hot_copy(db, copy)
    cfg = alembic_config(db)
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    return UpgradeResult(current, head, copy)


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(db)
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()
