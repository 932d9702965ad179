"""money base: registered counters, parties, shifts, business dates, allocations, cash tendered,
whole-posting voids, print jobs

Existing rows are backfilled: a counter is registered for every counter text the ledger and the
audit log hold ('OLD' for postings that named none), every account with postings gets its party,
a posting's business date is its contract's signing day where it has one, else the local day it
was written. The append-only guards of the rebuilt tables are recreated, and new ones added.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import PG_APPEND_ONLY_FUNCTION, append_only_ddl, money_base_guards_ddl

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_LEDGER = ("ledger_postings", "ledger_entries")
APPEND_ONLY = ("parties", "ledger_postings", "ledger_entries", "ledger_allocations", "print_jobs")
UNREGISTERED = "OLD"  # the counter of postings written before counters were registered


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _created() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(), nullable=False)


def _local_day(column: str, dialect: str) -> str:
    """The local calendar day of a UTC timestamp column (the machine's on SQLite, the server's on PostgreSQL)."""
    if dialect == "postgresql":
        return f"CAST(({column} AT TIME ZONE 'UTC') AT TIME ZONE current_setting('TimeZone') AS DATE)"
    return f"date({column}, 'localtime')"


def _guards(dialect: str, tables: tuple[str, ...], which: int) -> None:
    for table in tables:
        for stmt in append_only_ddl(table, dialect)[which]:
            op.execute(stmt)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _guards(dialect, OLD_LEDGER, 1)  # the rebuilt tables get theirs back at the end
    op.create_table(
        "counters",
        _id(),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        sa.CheckConstraint("kind IN ('counter', 'depot')", name=op.f("ck_counters_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counters")),
        sa.UniqueConstraint("code", name=op.f("uq_counters_code")),
    )
    op.create_table(
        "parties",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        _created(),
        sa.CheckConstraint("kind IN ('account', 'lpg_customer')", name=op.f("ck_parties_kind")),
        sa.CheckConstraint("(kind = 'account') = (account_id IS NOT NULL)", name=op.f("ck_parties_account")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_parties_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
        sa.UniqueConstraint("account_id", name=op.f("uq_parties_account_id")),
    )
    op.create_table(
        "shifts",
        _id(),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_shifts_status")),
        sa.CheckConstraint("(status = 'closed') = (closed_at IS NOT NULL)", name=op.f("ck_shifts_closed")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_shifts_counter_id_counters")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_shifts_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
    )
    op.create_index(op.f("ix_shifts_counter_id"), "shifts", ["counter_id"])
    op.create_index("uq_shifts_open", "shifts", ["user_id", "counter_id"], unique=True,
                    sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
    op.create_table(
        "print_jobs",
        _id(),
        sa.Column("document_kind", sa.String(40), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("copy", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("error", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("outcome IN ('printed', 'saved', 'failed')", name=op.f("ck_print_jobs_outcome")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_print_jobs_user_id_users")),
        sa.ForeignKeyConstraint(["counter_id"], ["counters.id"], name=op.f("fk_print_jobs_counter_id_counters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
    )
    op.create_index("ix_print_jobs_document", "print_jobs", ["document_kind", "document_id"])

    # ---- backfill: counters from the texts the rows carry, a party per account with postings
    now = "CURRENT_TIMESTAMP"
    op.execute(
        "INSERT INTO counters (code, name, kind, active, created_at) "
        f"SELECT DISTINCT substr(counter, 1, 16), counter, 'counter', {_true(dialect)}, {now} FROM ("
        "SELECT counter FROM ledger_postings UNION SELECT counter FROM ledger_entries "
        "UNION SELECT counter FROM audit_log) AS texts WHERE counter <> ''"
    )
    op.execute(
        "INSERT INTO counters (code, name, kind, active, created_at) "
        f"SELECT '{UNREGISTERED}', '升级前未登记的柜台', 'counter', {_false(dialect)}, {now} "
        f"WHERE EXISTS (SELECT 1 FROM ledger_postings WHERE counter = '') "
        f"AND NOT EXISTS (SELECT 1 FROM counters WHERE code = '{UNREGISTERED}')"
    )
    op.execute(
        f"INSERT INTO parties (kind, account_id, created_at) SELECT 'account', id, {now} FROM accounts "
        "WHERE id IN (SELECT account_id FROM ledger_postings)"
    )

    with op.batch_alter_table("ledger_postings") as b:
        b.add_column(sa.Column("party_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("business_date", sa.Date(), nullable=True))
        b.add_column(sa.Column("counter_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("approved_by", sa.Integer(), nullable=True))
        b.add_column(sa.Column("shift_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("voids", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE ledger_postings SET "
        "party_id = (SELECT p.id FROM parties p WHERE p.account_id = ledger_postings.account_id), "
        "counter_id = (SELECT c.id FROM counters c WHERE c.code = CASE WHEN ledger_postings.counter = '' "
        f"THEN '{UNREGISTERED}' ELSE substr(ledger_postings.counter, 1, 16) END), "
        "business_date = COALESCE((SELECT MIN(k.signed_on) FROM contracts k WHERE k.posting_id = ledger_postings.id), "
        f"{_local_day('ledger_postings.created_at', dialect)})"
    )
    with op.batch_alter_table("ledger_postings") as b:
        b.alter_column("party_id", existing_type=sa.Integer(), nullable=False)
        b.alter_column("business_date", existing_type=sa.Date(), nullable=False)
        b.alter_column("counter_id", existing_type=sa.Integer(), nullable=False)
        b.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        b.drop_column("counter")
        b.create_foreign_key(op.f("fk_ledger_postings_party_id_parties"), "parties", ["party_id"], ["id"])
        b.create_foreign_key(op.f("fk_ledger_postings_counter_id_counters"), "counters", ["counter_id"], ["id"])
        b.create_foreign_key(op.f("fk_ledger_postings_approved_by_users"), "users", ["approved_by"], ["id"])
        b.create_foreign_key(op.f("fk_ledger_postings_shift_id_shifts"), "shifts", ["shift_id"], ["id"])
        b.create_foreign_key(op.f("fk_ledger_postings_voids_ledger_postings"), "ledger_postings", ["voids"], ["id"])
        b.create_unique_constraint(op.f("uq_ledger_postings_voids"), ["voids"])
        b.create_index(op.f("ix_ledger_postings_party_id"), ["party_id"])
        b.create_index(op.f("ix_ledger_postings_shift_id"), ["shift_id"])
        b.create_index("ix_ledger_postings_business_date", ["business_date"])

    with op.batch_alter_table("ledger_entries") as b:
        b.add_column(sa.Column("party_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("tendered", sa.BigInteger(), nullable=True))
        b.add_column(sa.Column("change_given", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE ledger_entries SET party_id = (SELECT p.party_id FROM ledger_postings p "
        "WHERE p.id = ledger_entries.posting_id)"
    )
    with op.batch_alter_table("ledger_entries") as b:
        b.alter_column("party_id", existing_type=sa.Integer(), nullable=False)
        b.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        b.drop_column("counter")
        b.create_foreign_key(op.f("fk_ledger_entries_party_id_parties"), "parties", ["party_id"], ["id"])
        b.create_index(op.f("ix_ledger_entries_party_id"), ["party_id"])
        b.create_check_constraint(op.f("ck_ledger_entries_tendered_pair"),
                                  "(tendered IS NULL) = (change_given IS NULL)")
        b.create_check_constraint(op.f("ck_ledger_entries_tendered_cash"),
                                  "tendered IS NULL OR (kind = 'payment' AND method = 'cash')")
        b.create_check_constraint(op.f("ck_ledger_entries_tendered_change"),
                                  "tendered IS NULL OR (change_given >= 0 AND change_given = tendered + amount)")

    op.create_table(
        "ledger_allocations",
        _id(),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("credit_entry_id", sa.Integer(), nullable=False),
        sa.Column("charge_entry_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reversal_of", sa.Integer(), nullable=True),
        _created(),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_ledger_allocations_amount_nonzero")),
        sa.ForeignKeyConstraint(["posting_id"], ["ledger_postings.id"],
                                name=op.f("fk_ledger_allocations_posting_id_ledger_postings")),
        sa.ForeignKeyConstraint(["credit_entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_ledger_allocations_credit_entry_id_ledger_entries")),
        sa.ForeignKeyConstraint(["charge_entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_ledger_allocations_charge_entry_id_ledger_entries")),
        sa.ForeignKeyConstraint(["reversal_of"], ["ledger_allocations.id"],
                                name=op.f("fk_ledger_allocations_reversal_of_ledger_allocations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_allocations")),
        sa.UniqueConstraint("reversal_of", name=op.f("uq_ledger_allocations_reversal_of")),
    )
    for column in ("posting_id", "credit_entry_id", "charge_entry_id"):
        op.create_index(op.f(f"ix_ledger_allocations_{column}"), "ledger_allocations", [column])

    with op.batch_alter_table("contracts") as b:
        b.add_column(sa.Column("submission_key", sa.String(64), nullable=True))
        b.create_unique_constraint(op.f("uq_contracts_submission_key"), ["submission_key"])

    _guards(dialect, APPEND_ONLY, 0)
    if dialect == "postgresql":  # append_only_ddl writes 0001's function body; keep 0004's errcode
        op.execute(PG_APPEND_ONLY_FUNCTION)
    for stmt in money_base_guards_ddl(dialect)[0]:
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if op.get_bind().execute(sa.text("SELECT COUNT(*) FROM ledger_postings WHERE account_id IS NULL")).scalar():
        raise RuntimeError("the ledger holds postings for LPG customers; revision 0004 cannot keep them")
    for stmt in money_base_guards_ddl(dialect)[1]:
        op.execute(stmt)
    _guards(dialect, APPEND_ONLY, 1)
    with op.batch_alter_table("contracts") as b:
        b.drop_constraint(op.f("uq_contracts_submission_key"), type_="unique")
        b.drop_column("submission_key")
    op.drop_table("ledger_allocations")

    with op.batch_alter_table("ledger_entries") as b:
        b.add_column(sa.Column("counter", sa.String(20), nullable=False, server_default=""))
    op.execute(
        "UPDATE ledger_entries SET counter = (SELECT c.code FROM ledger_postings p JOIN counters c "
        f"ON c.id = p.counter_id WHERE p.id = ledger_entries.posting_id AND c.code <> '{UNREGISTERED}')"
    )
    op.execute("UPDATE ledger_entries SET counter = '' WHERE counter IS NULL")
    with op.batch_alter_table("ledger_entries") as b:
        b.drop_constraint(op.f("ck_ledger_entries_tendered_change"), type_="check")
        b.drop_constraint(op.f("ck_ledger_entries_tendered_cash"), type_="check")
        b.drop_constraint(op.f("ck_ledger_entries_tendered_pair"), type_="check")
        b.drop_index(op.f("ix_ledger_entries_party_id"))
        b.drop_constraint(op.f("fk_ledger_entries_party_id_parties"), type_="foreignkey")
        b.drop_column("party_id")
        b.drop_column("tendered")
        b.drop_column("change_given")
        b.alter_column("account_id", existing_type=sa.Integer(), nullable=False)

    with op.batch_alter_table("ledger_postings") as b:
        b.add_column(sa.Column("counter", sa.String(20), nullable=False, server_default=""))
    op.execute(
        "UPDATE ledger_postings SET counter = COALESCE((SELECT c.code FROM counters c "
        f"WHERE c.id = ledger_postings.counter_id AND c.code <> '{UNREGISTERED}'), '')"
    )
    with op.batch_alter_table("ledger_postings") as b:
        b.drop_index("ix_ledger_postings_business_date")
        b.drop_index(op.f("ix_ledger_postings_shift_id"))
        b.drop_index(op.f("ix_ledger_postings_party_id"))
        b.drop_constraint(op.f("uq_ledger_postings_voids"), type_="unique")
        for fk in ("voids_ledger_postings", "shift_id_shifts", "approved_by_users", "counter_id_counters",
                   "party_id_parties"):
            b.drop_constraint(op.f(f"fk_ledger_postings_{fk}"), type_="foreignkey")
        for column in ("voids", "shift_id", "approved_by", "counter_id", "business_date", "party_id"):
            b.drop_column(column)
        b.alter_column("account_id", existing_type=sa.Integer(), nullable=False)

    op.drop_index("ix_print_jobs_document", table_name="print_jobs")
    op.drop_table("print_jobs")
    op.drop_index("uq_shifts_open", table_name="shifts")
    op.drop_index(op.f("ix_shifts_counter_id"), table_name="shifts")
    op.drop_table("shifts")
    op.drop_table("parties")
    op.drop_table("counters")
    _guards(dialect, OLD_LEDGER, 0)
    if dialect == "postgresql":
        op.execute(PG_APPEND_ONLY_FUNCTION)


def _true(dialect: str) -> str:
    return "TRUE" if dialect == "postgresql" else "1"


def _false(dialect: str) -> str:
    return "FALSE" if dialect == "postgresql" else "0"
