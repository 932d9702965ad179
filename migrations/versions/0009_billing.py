"""billing: tariff schedules and their tiers, bills and their lines, price-change notices

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, append_only_ddl, bills_guards_ddl

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

APPEND_ONLY = ("tariff_schedules", "tariff_tiers", "bill_lines", "price_notices")


def upgrade() -> None:
    op.create_table(
        "tariff_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_type", sa.String(length=12), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("year_start", sa.String(length=5), nullable=False),
        sa.Column("large_min_persons", sa.Integer(), nullable=True),
        sa.Column("large_extra_m3", sa.BigInteger(), nullable=True),
        sa.Column("late_daily_rate", sa.BigInteger(), nullable=True),
        sa.Column("late_grace_days", sa.Integer(), nullable=True),
        sa.Column("loaded_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "customer_type IN ('residential', 'commercial', 'industrial', 'public')",
            name=op.f("ck_tariff_schedules_customer_type"),
        ),
        sa.CheckConstraint(
            "large_min_persons IS NULL OR large_min_persons >= 1", name=op.f("ck_tariff_schedules_large_min_persons")
        ),
        sa.ForeignKeyConstraint(["loaded_by"], ["users.id"], name=op.f("fk_tariff_schedules_loaded_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_schedules")),
    )
    op.create_index(
        "ix_tariff_schedules_type_from", "tariff_schedules", ["customer_type", "effective_from"], unique=True
    )
    op.create_table(
        "tariff_tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("up_to_m3", sa.BigInteger(), nullable=True),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["tariff_schedules.id"], name=op.f("fk_tariff_tiers_schedule_id_tariff_schedules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_tiers")),
    )
    op.create_index("ix_tariff_tiers_schedule_tier", "tariff_tiers", ["schedule_id", "tier"], unique=True)
    op.create_table(
        "price_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("notified_by", sa.Integer(), nullable=False),
        sa.Column("notified_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_price_notices_account_id_accounts")),
        sa.ForeignKeyConstraint(["notified_by"], ["users.id"], name=op.f("fk_price_notices_notified_by_users")),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["tariff_schedules.id"], name=op.f("fk_price_notices_schedule_id_tariff_schedules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_notices")),
    )
    op.create_index("ix_price_notices_schedule_account", "price_notices", ["schedule_id", "account_id"], unique=True)
    op.create_table(
        "bills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("reading_id", sa.Integer(), nullable=False),
        sa.Column("from_reading_id", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("customer_type", sa.String(length=12), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("volume_m3", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("charge_entry_id", sa.Integer(), nullable=True),
        sa.Column("reversal_posting_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('posted', 'reversed')", name=op.f("ck_bills_status")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_bills_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["charge_entry_id"], ["ledger_entries.id"], name=op.f("fk_bills_charge_entry_id_ledger_entries")
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_bills_created_by_users")),
        sa.ForeignKeyConstraint(["from_reading_id"], ["readings.id"], name=op.f("fk_bills_from_reading_id_readings")),
        sa.ForeignKeyConstraint(["meter_id"], ["meters.id"], name=op.f("fk_bills_meter_id_meters")),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_bills_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["reading_id"], ["readings.id"], name=op.f("fk_bills_reading_id_readings")),
        sa.ForeignKeyConstraint(
            ["reversal_posting_id"], ["ledger_postings.id"], name=op.f("fk_bills_reversal_posting_id_ledger_postings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills")),
        sa.UniqueConstraint("charge_entry_id", name=op.f("uq_bills_charge_entry_id")),
    )
    op.create_index("ix_bills_account_period", "bills", ["account_id", "period_to"], unique=False)
    op.create_index(op.f("ix_bills_reading_id"), "bills", ["reading_id"], unique=False)
    op.create_table(
        "bill_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("part_from", sa.Date(), nullable=False),
        sa.Column("part_to", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("schedule_from", sa.Date(), nullable=False),
        sa.Column("tariff_year_start", sa.Date(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("volume_m3", sa.BigInteger(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_bill_lines_account_id_accounts")),
        sa.ForeignKeyConstraint(["bill_id"], ["bills.id"], name=op.f("fk_bill_lines_bill_id_bills")),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["tariff_schedules.id"], name=op.f("fk_bill_lines_schedule_id_tariff_schedules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_lines")),
    )
    op.create_index("ix_bill_lines_account_year", "bill_lines", ["account_id", "tariff_year_start"], unique=False)
    op.create_index(op.f("ix_bill_lines_bill_id"), "bill_lines", ["bill_id"], unique=False)
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[0]:
            op.execute(stmt)
    if dialect == "postgresql":  # append_only_ddl recreates 0001's function: put 0004's refusal back
        op.execute(PG_APPEND_ONLY_FUNCTION)
    for stmt in bills_guards_ddl(dialect)[0]:
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for stmt in bills_guards_ddl(dialect)[1]:
        op.execute(stmt)
    for table in APPEND_ONLY:
        for stmt in append_only_ddl(table, dialect)[1]:
            op.execute(stmt)
    op.drop_table("bill_lines")
    op.drop_table("bills")
    op.drop_table("price_notices")
    op.drop_table("tariff_tiers")
    op.drop_table("tariff_schedules")
