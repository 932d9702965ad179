"""depot money: LPG coupon books and coupons, deposit slips (series Y)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coupon_books",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("size", sa.String(length=12), nullable=False),
        sa.Column("face_value", sa.BigInteger(), nullable=False),
        sa.Column("first_serial", sa.String(length=32), nullable=False),
        sa.Column("last_serial", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("sold_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(posting_id IS NULL) = (sold_on IS NULL)", name=op.f("ck_coupon_books_sold")),
        sa.CheckConstraint("count BETWEEN 1 AND 1000", name=op.f("ck_coupon_books_count")),
        sa.CheckConstraint("face_value > 0", name=op.f("ck_coupon_books_face_value")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_coupon_books_counter_id_counters")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["lpg_customers.id"], name=op.f("fk_coupon_books_customer_id_lpg_customers")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_coupon_books_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["received_by"], ["users.id"], name=op.f("fk_coupon_books_received_by_users")),
        sa.ForeignKeyConstraint(["size"], ["cylinder_sizes.code"], name=op.f("fk_coupon_books_size_cylinder_sizes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_books")),
        sa.UniqueConstraint("first_serial", name=op.f("uq_coupon_books_first_serial")),
    )
    with op.batch_alter_table("coupon_books", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupon_books_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "deposit_slips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.String(length=12), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("refund_transaction_id", sa.Integer(), nullable=True),
        sa.Column("refund_posting_id", sa.Integer(), nullable=True),
        sa.Column("lost_approved_by", sa.Integer(), nullable=True),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'refunded') = (refund_transaction_id IS NOT NULL)", name=op.f("ck_deposit_slips_refunded")
        ),
        sa.CheckConstraint("status IN ('held', 'refunded')", name=op.f("ck_deposit_slips_status")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_deposit_slips_amount")),
        sa.CheckConstraint("count BETWEEN 1 AND 20", name=op.f("ck_deposit_slips_count")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_deposit_slips_counter_id_counters")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["lpg_customers.id"], name=op.f("fk_deposit_slips_customer_id_lpg_customers")
        ),
        sa.ForeignKeyConstraint(
            ["lost_approved_by"], ["users.id"], name=op.f("fk_deposit_slips_lost_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_deposit_slips_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(
            ["refund_posting_id"],
            ["ledger_postings.id"],
            name=op.f("fk_deposit_slips_refund_posting_id_ledger_postings"),
        ),
        sa.ForeignKeyConstraint(
            ["refund_transaction_id"],
            ["depot_transactions.id"],
            name=op.f("fk_deposit_slips_refund_transaction_id_depot_transactions"),
        ),
        sa.ForeignKeyConstraint(["size"], ["cylinder_sizes.code"], name=op.f("fk_deposit_slips_size_cylinder_sizes")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["depot_transactions.id"],
            name=op.f("fk_deposit_slips_transaction_id_depot_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit_slips")),
        sa.UniqueConstraint("counter_id", "seq", name=op.f("uq_deposit_slips_counter_id_seq")),
        sa.UniqueConstraint("number", name=op.f("uq_deposit_slips_number")),
    )
    with op.batch_alter_table("deposit_slips", schema=None) as batch_op:
        batch_op.create_index("ix_deposit_slips_customer", ["customer_id", "status"], unique=False)

    op.create_table(
        "lpg_coupons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("redeemed_transaction_id", sa.Integer(), nullable=True),
        sa.Column("redeemed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "(status = 'redeemed') = (redeemed_transaction_id IS NOT NULL)", name=op.f("ck_lpg_coupons_redeemed")
        ),
        sa.CheckConstraint("status IN ('unsold', 'sold', 'redeemed')", name=op.f("ck_lpg_coupons_status")),
        sa.ForeignKeyConstraint(["book_id"], ["coupon_books.id"], name=op.f("fk_lpg_coupons_book_id_coupon_books")),
        sa.ForeignKeyConstraint(
            ["redeemed_transaction_id"],
            ["depot_transactions.id"],
            name=op.f("fk_lpg_coupons_redeemed_transaction_id_depot_transactions"),
        ),
        sa.ForeignKeyConstraint(["size"], ["cylinder_sizes.code"], name=op.f("fk_lpg_coupons_size_cylinder_sizes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lpg_coupons")),
        sa.UniqueConstraint("serial", name=op.f("uq_lpg_coupons_serial")),
    )
    with op.batch_alter_table("lpg_coupons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lpg_coupons_book_id"), ["book_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lpg_coupons_redeemed_transaction_id"), ["redeemed_transaction_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lpg_coupons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lpg_coupons_redeemed_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_lpg_coupons_book_id"))

    op.drop_table("lpg_coupons")
    with op.batch_alter_table("deposit_slips", schema=None) as batch_op:
        batch_op.drop_index("ix_deposit_slips_customer")

    op.drop_table("deposit_slips")
    with op.batch_alter_table("coupon_books", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coupon_books_customer_id"))

    op.drop_table("coupon_books")
