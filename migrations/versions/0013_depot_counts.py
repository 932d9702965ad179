"""depot day end: stock counts (盘点) and their differences, append-only; coupons handed in (气票解缴)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, append_only_ddl

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

APPEND_ONLY = ("stock_counts", "stock_count_lines", "coupon_handovers")


def upgrade() -> None:
    op.create_table(
        "stock_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.String(length=400), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_stock_counts_counter_id_counters")),
        sa.ForeignKeyConstraint(["transaction_id"], ["depot_transactions.id"],
                                name=op.f("fk_stock_counts_transaction_id_depot_transactions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_counts")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_stock_counts_transaction_id")),
    )
    with op.batch_alter_table("stock_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_counts_business_date"), ["business_date"], unique=False)

    op.create_table(
        "stock_count_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("cylinder_id", sa.Integer(), nullable=True),
        sa.Column("difference", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.CheckConstraint("difference IN ('missing', 'extra')", name=op.f("ck_stock_count_lines_difference")),
        sa.ForeignKeyConstraint(["count_id"], ["stock_counts.id"],
                                name=op.f("fk_stock_count_lines_count_id_stock_counts")),
        sa.ForeignKeyConstraint(["cylinder_id"], ["cylinders.id"],
                                name=op.f("fk_stock_count_lines_cylinder_id_cylinders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_count_lines")),
    )
    with op.batch_alter_table("stock_count_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_count_lines_count_id"), ["count_id"], unique=False)
    op.create_table(
        "coupon_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("size", sa.String(length=12), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("face_total", sa.BigInteger(), nullable=False),
        sa.Column("explanation", sa.String(length=200), nullable=False),
        sa.Column("received_by", sa.String(length=60), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("counted >= 0 AND expected >= 0", name=op.f("ck_coupon_handovers_counts")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_coupon_handovers_counter_id_counters")),
        sa.ForeignKeyConstraint(["size"], ["cylinder_sizes.code"],
                                name=op.f("fk_coupon_handovers_size_cylinder_sizes")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_coupon_handovers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_handovers")),
        sa.UniqueConstraint("counter_id", "business_date", "size",
                            name=op.f("uq_coupon_handovers_counter_id_business_date_size")),
    )
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[0]:
            op.execute(stmt)
    if dialect == "postgresql":  # append_only_ddl recreates 0001's function: put 0004's refusal back
        op.execute(PG_APPEND_ONLY_FUNCTION)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[1]:
            op.execute(stmt)
    with op.batch_alter_table("stock_count_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_count_lines_count_id"))
    op.drop_table("stock_count_lines")
    with op.batch_alter_table("stock_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_counts_business_date"))
    op.drop_table("stock_counts")
    op.drop_table("coupon_handovers")
