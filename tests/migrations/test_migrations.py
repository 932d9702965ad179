"""Migrations: empty → head, models equal migrations, down and up again on a populated database."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint

import gasdesk.models
from gasdesk import migrate
from gasdesk.db import Database
from gasdesk.models import Base
from gasdesk.startup import prepare

# Every model module, even one the package's __init__ forgets, so no table escapes the comparison.
for _module in pkgutil.walk_packages(gasdesk.models.__path__, "gasdesk.models."):
    importlib.import_module(_module.name)


def schema(path: Path, kind: str) -> dict[str, str]:
    """name -> SQL of every table, index or trigger SQLite keeps for the file."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL", (kind,))
        return {name: sql for name, sql in rows if not name.startswith("sqlite_")}
    finally:
        conn.close()


def same_schema(path: Path) -> dict[str, dict[str, str]]:
    """Tables, indexes and triggers, each table's column and constraint lines in a fixed order
    (a batch-mode rebuild may write a table's constraints in another order; that is the same table)."""
    def lines(sql: str) -> str:
        head, _, body = sql.partition("(")
        return head + "(" + "\n".join(sorted(part.strip().rstrip(",") for part in body.splitlines()))
    return {kind: {name: lines(sql) if kind == "table" else sql for name, sql in schema(path, kind).items()}
            for kind in ("table", "index", "trigger")}


def checks_at(revision: str, tmp: Path) -> dict[str, str]:
    """table -> SQL of a fresh database upgraded to ``revision``: the CHECKs that revision has."""
    db = prepare(tmp / f"fresh-{revision}.db", create=True)
    try:
        migrate.downgrade(db, revision)
    finally:
        db.dispose()
    return schema(tmp / f"fresh-{revision}.db", "table")


def foreign_key_problems(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def model_checks() -> dict[str, set[str]]:
    """table -> names of the CHECK constraints the models declare."""
    return {
        table.name: {str(c.name) for c in table.constraints if isinstance(c, CheckConstraint)}
        for table in Base.metadata.sorted_tables
    }


def revisions(db: Database) -> list[str]:
    """Every revision, base first."""
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.fixture
def populated(piped_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo office, every feature's data but the LPG depot's (its money cannot go below 0005,
    which refuses in words), built once per session (tests/conftest.py)."""
    db = prepare(shutil.copy(piped_demo_template, tmp_path / "populated.db"))
    yield db
    db.dispose()


@pytest.mark.sqlite_only  # reads sqlite_master
def test_empty_to_head(db: Database, db_path: Path) -> None:
    assert migrate.current_revision(db) == migrate.head_revision(db)
    tables = set(schema(db_path, "table"))
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables
    assert foreign_key_problems(db_path) == []


def test_models_match_migrations(db: Database) -> None:
    """Autogenerate finds nothing to do: every model change came with its migration."""
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True}), Base.metadata
        )
        conn.rollback()
    assert diff == [], "models and migrations differ; write a migration:\n" + "\n".join(map(repr, diff))


@pytest.mark.sqlite_only  # reads sqlite_master
def test_check_constraints_and_triggers_at_head(db_path: Path, db: Database) -> None:
    tables = schema(db_path, "table")
    for table, checks in model_checks().items():
        for name in checks:
            assert f"CONSTRAINT {name} CHECK" in tables[table], f"{table} lost its check {name}"
    triggers = schema(db_path, "trigger")
    assert {"trg_audit_log_no_update", "trg_audit_log_no_delete"} <= set(triggers)


def test_head_base_head_on_a_populated_database(populated: Database) -> None:
    path = populated.path
    assert path is not None
    at_head = same_schema(path)
    assert any("ck_" in sql for sql in at_head["table"].values())

    migrate.downgrade(populated, "base")
    assert migrate.current_revision(populated) is None
    assert set(schema(path, "table")) <= {"alembic_version"}
    assert foreign_key_problems(path) == []

    result = migrate.upgrade(populated)
    assert result.after == migrate.head_revision(populated)
    assert foreign_key_problems(path) == []
    assert same_schema(path) == at_head
    assert populated.integrity_check() == []


def test_each_step_down_and_up_keeps_data_and_checks(populated: Database, tmp_path: Path) -> None:
    """One revision down and back up at a time, with the demo data in place; at each revision the
    CHECK constraints are those a fresh database of that revision has."""
    path = populated.path
    assert path is not None
    at_head = same_schema(path)
    users_before = _count(path, "users")
    revs = revisions(populated)
    for i in range(len(revs) - 1, 0, -1):  # never below the first: it owns the users table
        migrate.downgrade(populated, revs[i - 1])
        assert migrate.current_revision(populated) == revs[i - 1]
        assert foreign_key_problems(path) == [], f"down to {revs[i - 1]}"
        assert _count(path, "users") == users_before
        tables, fresh = schema(path, "table"), checks_at(revs[i - 1], tmp_path)
        for table, checks in model_checks().items():
            for name in (n for n in checks if f"CONSTRAINT {n} CHECK" in fresh.get(table, "")):
                assert f"CONSTRAINT {name} CHECK" in tables[table], f"{table} lost {name} going to {revs[i - 1]}"
        migrate.upgrade(populated)
        assert foreign_key_problems(path) == [], f"up from {revs[i - 1]}"
    assert same_schema(path) == at_head
    assert _count(path, "users") == users_before


def test_upgrade_copies_the_file_aside_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = prepare(path, create=True, upgrade=False)
    revs = revisions(db)
    migrate.upgrade(db)
    migrate.downgrade(db, revs[0])
    result = migrate.upgrade(db)
    db.dispose()
    if len(revs) == 1:
        assert result.backup is None and not result.changed
        return
    assert result.backup is not None and result.backup.exists()
    assert result.backup.name.startswith(f"old.before-{revs[-1]}-")
    conn = sqlite3.connect(result.backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revs[0],)
    finally:
        conn.close()


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()
