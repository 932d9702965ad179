"""Schema upgrades at start: copy the file aside, refuse a newer database, upgrade to head."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gasdesk.backup import hot_copy
from gasdesk.db import Database
from gasdesk.paths import shipped
from gasdesk.services.core.errors import DatabaseError


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(shipped("migrations")))
    cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str:
    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return rev


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _refuse_newer(db: Database, current: str | None) -> None:
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config(db))
    try:
        known = script.get_revision(current)
    except Exception:
        known = None
    if known is None:
        raise DatabaseError(
            f"这个数据库由更新版本的 gasdesk 创建（版本 {current}），本程序无法使用它，也没有改动它。"
            "请安装新版本的 gasdesk。",
            f"This database was made by a newer gasdesk (schema {current}); this program cannot use it "
            "and has not changed it. Install the newer gasdesk.",
        )


def refuse_newer(db: Database) -> None:
    """Refuse, before anything writes, a database made by a newer gasdesk."""
    _refuse_newer(db, current_revision(db))


def upgrade(db: Database, *, backup: bool = True) -> UpgradeResult:
    """Bring the database to head, keeping a checked copy of the file first."""
    current = current_revision(db)
    _refuse_newer(db, current)
    db.use_wal()
    head = head_revision(db)
    if current == head:
        return UpgradeResult(current, head, None)
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
    cfg = alembic_config(db)
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()
