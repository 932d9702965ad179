"""accounts: premises, accounts, number counters, meters, contracts, ledger, attachments, gas-on

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import append_only_ddl

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = ("ledger_postings", "ledger_entries")
ACCOUNT_STATUSES = (
    "'application', 'contract_signed', 'numbered', 'install_planned', 'installed', "
    "'gas_on', 'in_service', 'suspended', 'closed'"
)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "premises",
        _id(),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=True),
        sa.Column("building", sa.String(10), nullable=True),
        sa.Column("unit", sa.String(10), nullable=True),
        sa.Column("room", sa.String(10), nullable=True),
        sa.Column("street", sa.String(160), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_premises_area_id_areas")),
        sa.ForeignKeyConstraint(["compound_id"], ["compounds.id"], name=op.f("fk_premises_compound_id_compounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_premises")),
        sa.UniqueConstraint(
            "compound_id", "building", "unit", "room", name=op.f("uq_premises_compound_id_building_unit_room")
        ),
    )
    op.create_index(op.f("ix_premises_area_id"), "premises", ["area_id"])
    op.create_index(op.f("ix_premises_compound_id"), "premises", ["compound_id"])

    op.create_table(
        "account_number_counters",
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_account_number_counters_area_id_areas")),
        sa.PrimaryKeyConstraint("area_id", name=op.f("pk_account_number_counters")),
    )

    op.create_table(
        "accounts",
        _id(),
        sa.Column("number", sa.String(9), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("premises_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(12), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("holder_name", sa.String(60), nullable=False),
        sa.Column("holder_id_number", sa.String(18), nullable=False),
        sa.Column("name_pinyin", sa.String(160), nullable=False),
        sa.Column("name_initials", sa.String(40), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("phone2", sa.String(20), nullable=False),
        sa.Column("phone_tail4", sa.String(4), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("contract_signed_on", sa.Date(), nullable=True),
        sa.Column("install_planned_on", sa.Date(), nullable=True),
        sa.Column("installer_team", sa.String(40), nullable=False),
        sa.Column("installed_on", sa.Date(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "type IN ('residential', 'commercial', 'industrial', 'public')", name=op.f("ck_accounts_type")
        ),
        sa.CheckConstraint(f"status IN ({ACCOUNT_STATUSES})", name=op.f("ck_accounts_status")),
        sa.CheckConstraint("household_size >= 1", name=op.f("ck_accounts_household_size")),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_accounts_area_id_areas")),
        sa.ForeignKeyConstraint(["premises_id"], ["premises.id"], name=op.f("fk_accounts_premises_id_premises")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("number", name=op.f("uq_accounts_number")),
    )
    for col in (
        "area_id", "premises_id", "status", "holder_name", "holder_id_number",
        "name_pinyin", "name_initials", "phone", "phone_tail4",
    ):
        op.create_index(op.f(f"ix_accounts_{col}"), "accounts", [col])

    op.create_table(
        "meters",
        _id(),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(30), nullable=False),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("digits", sa.Integer(), nullable=False),
        sa.Column("installed_on", sa.Date(), nullable=False),
        sa.Column("initial_reading", sa.BigInteger(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("final_reading", sa.BigInteger(), nullable=True),
        sa.Column("registered_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("digits BETWEEN 3 AND 9", name=op.f("ck_meters_digits")),
        sa.CheckConstraint("initial_reading >= 0", name=op.f("ck_meters_initial_reading")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_meters_account_id_accounts")),
        sa.ForeignKeyConstraint(["registered_by"], ["users.id"], name=op.f("fk_meters_registered_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meters")),
    )
    op.create_index(op.f("ix_meters_account_id"), "meters", ["account_id"])
    op.create_index(op.f("ix_meters_serial"), "meters", ["serial"])
    op.create_index(
        "ix_meters_active_serial",
        "meters",
        ["serial"],
        unique=True,
        sqlite_where=sa.text("removed_on IS NULL"),
        postgresql_where=sa.text("removed_on IS NULL"),
    )

    op.create_table(
        "ledger_postings",
        _id(),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("memo", sa.String(200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_ledger_postings_account_id_accounts")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ledger_postings_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_postings")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_postings_idempotency_key")),
    )
    op.create_index(op.f("ix_ledger_postings_account_id"), "ledger_postings", ["account_id"])

    op.create_table(
        "ledger_entries",
        _id(),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("bucket", sa.String(12), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(12), nullable=True),
        sa.Column("reversal_of", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_ledger_entries_amount_nonzero")),
        sa.CheckConstraint(
            "bucket IN ('charge', 'prepayment', 'deposit', 'money')", name=op.f("ck_ledger_entries_bucket")
        ),
        sa.CheckConstraint("(bucket = 'money') = (method IS NOT NULL)", name=op.f("ck_ledger_entries_method")),
        sa.CheckConstraint(
            "(kind = 'reversal') = (reversal_of IS NOT NULL)", name=op.f("ck_ledger_entries_reversal")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_ledger_entries_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_ledger_entries_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["reversal_of"], ["ledger_entries.id"], name=op.f("fk_ledger_entries_reversal_of_ledger_entries")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ledger_entries_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("reversal_of", name=op.f("uq_ledger_entries_reversal_of")),
    )
    op.create_index(op.f("ix_ledger_entries_account_id"), "ledger_entries", ["account_id"])
    op.create_index(op.f("ix_ledger_entries_posting_id"), "ledger_entries", ["posting_id"])

    op.create_table(
        "contracts",
        _id(),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("holder_name", sa.String(60), nullable=False),
        sa.Column("holder_id_number", sa.String(18), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("opening_fee", sa.BigInteger(), nullable=False),
        sa.Column("installation_fee", sa.BigInteger(), nullable=False),
        sa.Column("prepayment", sa.BigInteger(), nullable=False),
        sa.Column("deposit", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(400), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("signed_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'ended')", name=op.f("ck_contracts_status")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_contracts_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["ledger_postings.id"], name=op.f("fk_contracts_posting_id_ledger_postings")
        ),
        sa.ForeignKeyConstraint(["signed_by"], ["users.id"], name=op.f("fk_contracts_signed_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
    )
    op.create_index(op.f("ix_contracts_account_id"), "contracts", ["account_id"])

    op.create_table(
        "attachments",
        _id(),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_attachments_account_id_accounts")),
        sa.ForeignKeyConstraint(["added_by"], ["users.id"], name=op.f("fk_attachments_added_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index(op.f("ix_attachments_account_id"), "attachments", ["account_id"])
    op.create_index(op.f("ix_attachments_sha256"), "attachments", ["sha256"])

    op.create_table(
        "gas_on_events",
        _id(),
        sa.Column("compound_id", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("installer_team", sa.String(40), nullable=False),
        sa.Column("note", sa.String(400), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('planned', 'done', 'cancelled')", name=op.f("ck_gas_on_events_status")),
        sa.ForeignKeyConstraint(
            ["compound_id"], ["compounds.id"], name=op.f("fk_gas_on_events_compound_id_compounds")
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_gas_on_events_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gas_on_events")),
    )
    op.create_index(op.f("ix_gas_on_events_compound_id"), "gas_on_events", ["compound_id"])

    op.create_table(
        "gas_on_households",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=True),
        sa.Column("marked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('pending', 'done', 'absent', 'refused')", name=op.f("ck_gas_on_households_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["gas_on_events.id"], name=op.f("fk_gas_on_households_event_id_gas_on_events")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_gas_on_households_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(["marked_by"], ["users.id"], name=op.f("fk_gas_on_households_marked_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gas_on_households")),
    )
    op.create_index(op.f("ix_gas_on_households_account_id"), "gas_on_households", ["account_id"])
    op.create_index(
        "ix_gas_on_households_event_account", "gas_on_households", ["event_id", "account_id"], unique=True
    )

    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        create, _ = append_only_ddl(table, dialect)
        for stmt in create:
            op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        _, drop = append_only_ddl(table, dialect)
        for stmt in drop:
            op.execute(stmt)
    op.drop_index("ix_gas_on_households_event_account", table_name="gas_on_households")
    op.drop_index(op.f("ix_gas_on_households_account_id"), table_name="gas_on_households")
    op.drop_table("gas_on_households")
    op.drop_index(op.f("ix_gas_on_events_compound_id"), table_name="gas_on_events")
    op.drop_table("gas_on_events")
    op.drop_index(op.f("ix_attachments_sha256"), table_name="attachments")
    op.drop_index(op.f("ix_attachments_account_id"), table_name="attachments")
    op.drop_table("attachments")
    op.drop_index(op.f("ix_contracts_account_id"), table_name="contracts")
    op.drop_table("contracts")
    op.drop_index(op.f("ix_ledger_entries_posting_id"), table_name="ledger_entries")
    op.drop_index(op.f("ix_ledger_entries_account_id"), table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_index(op.f("ix_ledger_postings_account_id"), table_name="ledger_postings")
    op.drop_table("ledger_postings")
    op.drop_index("ix_meters_active_serial", table_name="meters")
    op.drop_index(op.f("ix_meters_serial"), table_name="meters")
    op.drop_index(op.f("ix_meters_account_id"), table_name="meters")
    op.drop_table("meters")
    for col in (
        "phone_tail4", "phone", "name_initials", "name_pinyin", "holder_id_number",
        "holder_name", "status", "premises_id", "area_id",
    ):
        op.drop_index(op.f(f"ix_accounts_{col}"), table_name="accounts")
    op.drop_table("accounts")
    op.drop_table("account_number_counters")
    op.drop_index(op.f("ix_premises_compound_id"), table_name="premises")
    op.drop_index(op.f("ix_premises_area_id"), table_name="premises")
    op.drop_table("premises")
