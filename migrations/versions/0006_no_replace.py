"""no replace: append-only rows cannot be replaced (SQLite REPLACE) or truncated (PostgreSQL)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from gasdesk.models.guards import APPEND_ONLY_KEYS, no_replace_ddl

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _run(which: int) -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY_KEYS:
        for stmt in no_replace_ddl(table, dialect)[which]:
            op.execute(stmt)


def upgrade() -> None:
    _run(0)


def downgrade() -> None:
    _run(1)
