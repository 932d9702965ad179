"""cashier: receipt series and receipts, shift closings, remittances, dunning marks

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, append_only_ddl, receipts_guards_ddl

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

APPEND_ONLY = ("shift_closings", "remittances", "dunning_marks")


def upgrade() -> None:
    op.create_table(
        "receipt_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=2), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.CheckConstraint("last_number >= 0", name=op.f("ck_receipt_series_last_number")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_receipt_series_counter_id_counters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_series")),
        sa.UniqueConstraint("counter_id", "series", name=op.f("uq_receipt_series_counter_id_series")),
    )
    op.create_table(
        "remittances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("received_by", sa.String(length=60), nullable=False),
        sa.Column("handed_by", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("remitted_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_remittances_amount")),
        sa.ForeignKeyConstraint(["handed_by"], ["users.id"], name=op.f("fk_remittances_handed_by_users")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_remittances_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remittances")),
        sa.UniqueConstraint("shift_id", name=op.f("uq_remittances_shift_id")),
    )
    op.create_table(
        "shift_closings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.String(length=200), nullable=False),
        sa.Column("counted", sa.BigInteger(), nullable=False),
        sa.Column("expected", sa.BigInteger(), nullable=False),
        sa.Column("difference", sa.BigInteger(), nullable=False),
        sa.Column("explanation", sa.String(length=400), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=False),
        sa.Column("chain_head", sa.String(length=100), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["approved_by"], ["users.id"], name=op.f("fk_shift_closings_approved_by_users")),
        sa.ForeignKeyConstraint(["closed_by"], ["users.id"], name=op.f("fk_shift_closings_closed_by_users")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_shift_closings_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_closings")),
        sa.UniqueConstraint("shift_id", name=op.f("uq_shift_closings_shift_id")),
    )
    op.create_table(
        "dunning_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("outcome IN ('reached', 'not_home', 'refused')", name=op.f("ck_dunning_marks_outcome")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_dunning_marks_account_id_accounts")),
        sa.ForeignKeyConstraint(["marked_by"], ["users.id"], name=op.f("fk_dunning_marks_marked_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_marks")),
    )
    op.create_index("ix_dunning_marks_account_on", "dunning_marks", ["account_id", "on"], unique=False)

    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=2), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("tendered", sa.BigInteger(), nullable=True),
        sa.Column("change_given", sa.BigInteger(), nullable=True),
        sa.Column("refund_of", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("void_posting_id", sa.Integer(), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("voided_by", sa.Integer(), nullable=True),
        sa.Column("void_approved_by", sa.Integer(), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("(status = 'void') = (void_posting_id IS NOT NULL)", name=op.f("ck_receipts_void")),
        sa.CheckConstraint("kind IN ('payment', 'refund')", name=op.f("ck_receipts_kind")),
        sa.CheckConstraint("status IN ('issued', 'void')", name=op.f("ck_receipts_status")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_receipts_amount")),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_receipts_seq")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_receipts_account_id_accounts")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_receipts_counter_id_counters")),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name=op.f("fk_receipts_party_id_parties")),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_receipts_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["refund_of"], ["receipts.id"], name=op.f("fk_receipts_refund_of_receipts")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_receipts_shift_id_shifts")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_receipts_user_id_users")),
        sa.ForeignKeyConstraint(["void_approved_by"], ["users.id"], name=op.f("fk_receipts_void_approved_by_users")),
        sa.ForeignKeyConstraint(
            ["void_posting_id"], ["ledger_postings.id"], name=op.f("fk_receipts_void_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["voided_by"], ["users.id"], name=op.f("fk_receipts_voided_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint("counter_id", "series", "seq", name=op.f("uq_receipts_counter_id_series_seq")),
        sa.UniqueConstraint("number", name=op.f("uq_receipts_number")),
        sa.UniqueConstraint("posting_id", name=op.f("uq_receipts_posting_id")),
        sa.UniqueConstraint("void_posting_id", name=op.f("uq_receipts_void_posting_id")),
    )
    op.create_index(op.f("ix_receipts_account_id"), "receipts", ["account_id"], unique=False)
    op.create_index("ix_receipts_business_date", "receipts", ["business_date"], unique=False)
    op.create_index(op.f("ix_receipts_shift_id"), "receipts", ["shift_id"], unique=False)
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[0]:
            op.execute(stmt)
    if dialect == "postgresql":  # append_only_ddl recreates 0001's function: put 0004's refusal back
        op.execute(PG_APPEND_ONLY_FUNCTION)
    for stmt in receipts_guards_ddl(dialect)[0]:
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for stmt in receipts_guards_ddl(dialect)[1]:
        op.execute(stmt)
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[1]:
            op.execute(stmt)
    op.drop_index(op.f("ix_receipts_shift_id"), table_name="receipts")
    op.drop_index("ix_receipts_business_date", table_name="receipts")
    op.drop_index(op.f("ix_receipts_account_id"), table_name="receipts")

    op.drop_table("receipts")
    op.drop_index("ix_dunning_marks_account_on", table_name="dunning_marks")

    op.drop_table("dunning_marks")
    op.drop_table("shift_closings")
    op.drop_table("remittances")
    op.drop_table("receipt_series")
