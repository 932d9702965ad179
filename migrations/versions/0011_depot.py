"""depot: cylinder sizes (seeded), LPG customers, cylinders, depot transactions, cylinder movements
and refusals (append-only)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, append_only_ddl

STATES = "'full', 'empty', 'with_customer', 'in_custody', 'at_inspection', 'at_plant', 'rejected', 'scrapped'"
APPEND_ONLY = ("cylinder_movements", "cylinder_refusals")
# The sizes of GB 5842 (water capacity, litres) with the usual fill; deposits in fen, a setting per size.
SIZES = (
    ("YSP12", "约 5 kg", 5000, 1),
    ("YSP26.2", "约 10 kg", 10000, 2),
    ("YSP35.5", "约 15 kg", 15000, 3),
    ("YSP118", "约 50 kg", 50000, 4),
)

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cylinder_sizes",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("inspection_years", sa.Integer(), nullable=False),
        sa.Column("life_years", sa.Integer(), nullable=False),
        sa.Column("deposit", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("deposit >= 0", name=op.f("ck_cylinder_sizes_deposit")),
        sa.CheckConstraint("inspection_years BETWEEN 1 AND 20", name=op.f("ck_cylinder_sizes_inspection_years")),
        sa.CheckConstraint("life_years BETWEEN 1 AND 50", name=op.f("ck_cylinder_sizes_life_years")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_cylinder_sizes")),
    )
    op.create_table(
        "lpg_customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("pinyin", sa.String(length=160), nullable=False),
        sa.Column("initials", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("tail4", sa.String(length=4), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('household', 'restaurant', 'other')", name=op.f("ck_lpg_customers_kind")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_lpg_customers_account_id_accounts")),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_lpg_customers_created_by_users")),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name=op.f("fk_lpg_customers_party_id_parties")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lpg_customers")),
        sa.UniqueConstraint("account_id", name=op.f("uq_lpg_customers_account_id")),
        sa.UniqueConstraint("id_number", name=op.f("uq_lpg_customers_id_number")),
        sa.UniqueConstraint("number", name=op.f("uq_lpg_customers_number")),
        sa.UniqueConstraint("party_id", name=op.f("uq_lpg_customers_party_id")),
        sa.UniqueConstraint("seq", name=op.f("uq_lpg_customers_seq")),
    )
    with op.batch_alter_table("lpg_customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lpg_customers_initials"), ["initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_lpg_customers_pinyin"), ["pinyin"], unique=False)
        batch_op.create_index(batch_op.f("ix_lpg_customers_tail4"), ["tail4"], unique=False)

    op.create_table(
        "cylinders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("barcode", sa.String(length=64), nullable=True),
        sa.Column("size", sa.String(length=12), nullable=False),
        sa.Column("maker", sa.String(length=60), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("last_inspected_on", sa.Date(), nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=False),
        sa.Column("life_ends_on", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=True),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(state = 'with_customer') = (holder_id IS NOT NULL)", name=op.f("ck_cylinders_holder")),
        sa.CheckConstraint(
            f"state IN ({STATES})",
            name=op.f("ck_cylinders_state"),
        ),
        sa.CheckConstraint("made_on <= last_inspected_on", name=op.f("ck_cylinders_inspected_after_made")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_cylinders_counter_id_counters")),
        sa.ForeignKeyConstraint(["holder_id"], ["lpg_customers.id"], name=op.f("fk_cylinders_holder_id_lpg_customers")),
        sa.ForeignKeyConstraint(["owner_id"], ["lpg_customers.id"], name=op.f("fk_cylinders_owner_id_lpg_customers")),
        sa.ForeignKeyConstraint(["size"], ["cylinder_sizes.code"], name=op.f("fk_cylinders_size_cylinder_sizes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cylinders")),
        sa.UniqueConstraint("barcode", name=op.f("uq_cylinders_barcode")),
        sa.UniqueConstraint("serial", name=op.f("uq_cylinders_serial")),
    )
    with op.batch_alter_table("cylinders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cylinders_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cylinders_next_due_on"), ["next_due_on"], unique=False)
        batch_op.create_index("ix_cylinders_state_size", ["state", "size"], unique=False)

    op.create_table(
        "depot_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("document", sa.String(length=40), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_depot_transactions_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["lpg_customers.id"], name=op.f("fk_depot_transactions_customer_id_lpg_customers")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_depot_transactions_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_depot_transactions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_depot_transactions")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_depot_transactions_idempotency_key")),
    )
    with op.batch_alter_table("depot_transactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_depot_transactions_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_depot_transactions_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "cylinder_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cylinder_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=True),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"to_state IN ({STATES})",
            name=op.f("ck_cylinder_movements_to_state"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_cylinder_movements_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["cylinder_id"], ["cylinders.id"], name=op.f("fk_cylinder_movements_cylinder_id_cylinders")
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["lpg_customers.id"], name=op.f("fk_cylinder_movements_holder_id_lpg_customers")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["depot_transactions.id"],
            name=op.f("fk_cylinder_movements_transaction_id_depot_transactions"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_cylinder_movements_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cylinder_movements")),
    )
    with op.batch_alter_table("cylinder_movements", schema=None) as batch_op:
        batch_op.create_index("ix_cylinder_movements_cylinder", ["cylinder_id", "id"], unique=False)
        batch_op.create_index("ix_cylinder_movements_day", ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_cylinder_movements_transaction_id"), ["transaction_id"], unique=False)

    op.create_table(
        "cylinder_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("cylinder_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("reasons", sa.String(length=200), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("direction IN ('in', 'out')", name=op.f("ck_cylinder_refusals_direction")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_cylinder_refusals_counter_id_counters")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["lpg_customers.id"], name=op.f("fk_cylinder_refusals_customer_id_lpg_customers")
        ),
        sa.ForeignKeyConstraint(
            ["cylinder_id"], ["cylinders.id"], name=op.f("fk_cylinder_refusals_cylinder_id_cylinders")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_cylinder_refusals_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cylinder_refusals")),
    )
    with op.batch_alter_table("cylinder_refusals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cylinder_refusals_cylinder_id"), ["cylinder_id"], unique=False)
    sizes = sa.table(
        "cylinder_sizes",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("inspection_years", sa.Integer),
        sa.column("life_years", sa.Integer),
        sa.column("deposit", sa.BigInteger),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        sizes,
        [
            {"code": c, "name": n, "inspection_years": 4, "life_years": 8, "deposit": d, "position": i}
            for c, n, d, i in SIZES
        ],
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
    with op.batch_alter_table("cylinder_refusals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cylinder_refusals_cylinder_id"))

    op.drop_table("cylinder_refusals")
    with op.batch_alter_table("cylinder_movements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cylinder_movements_transaction_id"))
        batch_op.drop_index("ix_cylinder_movements_day")
        batch_op.drop_index("ix_cylinder_movements_cylinder")

    op.drop_table("cylinder_movements")
    with op.batch_alter_table("depot_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_depot_transactions_customer_id"))
        batch_op.drop_index(batch_op.f("ix_depot_transactions_business_date"))

    op.drop_table("depot_transactions")
    with op.batch_alter_table("cylinders", schema=None) as batch_op:
        batch_op.drop_index("ix_cylinders_state_size")
        batch_op.drop_index(batch_op.f("ix_cylinders_next_due_on"))
        batch_op.drop_index(batch_op.f("ix_cylinders_holder_id"))

    op.drop_table("cylinders")
    with op.batch_alter_table("lpg_customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lpg_customers_tail4"))
        batch_op.drop_index(batch_op.f("ix_lpg_customers_pinyin"))
        batch_op.drop_index(batch_op.f("ix_lpg_customers_initials"))

    op.drop_table("lpg_customers")
    op.drop_table("cylinder_sizes")
