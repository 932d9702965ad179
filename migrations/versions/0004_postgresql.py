"""postgresql: search keys in code point order, append-only refusals as integrity errors

Nothing changes on SQLite (BINARY collation and RAISE(ABORT) already behave so).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, PG_APPEND_ONLY_FUNCTION_0001

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The columns the counter search reads as prefix ranges (gasdesk.models.base.search_key).
SEARCH_KEYS = {
    "accounts": {"number": 9, "holder_name": 60, "name_pinyin": 160, "name_initials": 40, "phone": 20},
    "meters": {"serial": 30},
    "premises": {"building": 10, "unit": 10, "room": 10, "street": 160},
}


def _collate(collation: str) -> None:
    for table, columns in SEARCH_KEYS.items():
        alters = ", ".join(
            f'ALTER COLUMN {col} TYPE VARCHAR({length}) COLLATE "{collation}"' for col, length in columns.items()
        )
        op.execute(f"ALTER TABLE {table} {alters}")  # rebuilds the columns' indexes


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _collate("C")
    op.execute(PG_APPEND_ONLY_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(PG_APPEND_ONLY_FUNCTION_0001)
    _collate("default")
