"""search indexes: second phone, street addresses (counter search stays on indexes)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The counter search looks a phone up in both phone columns, and shops by street prefix.
    op.create_index(op.f("ix_accounts_phone2"), "accounts", ["phone2"])
    op.create_index(op.f("ix_premises_street"), "premises", ["street"])


def downgrade() -> None:
    op.drop_index(op.f("ix_premises_street"), table_name="premises")
    op.drop_index(op.f("ix_accounts_phone2"), table_name="accounts")
