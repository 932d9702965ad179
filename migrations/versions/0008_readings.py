"""readings: routes and their stops, every meter reading, follow-up notes of held readings

The meters' initial and final readings, so far kept on the meter only, become readings of
kinds ``initial`` and ``final`` (the meter keeps its columns: they are the meter's own facts).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models.guards import readings_guards_ddl

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "routes",
        _id(),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("reader_id", sa.Integer(), nullable=True),
        sa.Column("cycle", sa.String(10), nullable=False),
        sa.Column("days", sa.String(40), nullable=False),
        sa.Column("odd_months", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("cycle IN ('monthly', 'bimonthly')", name=op.f("ck_routes_cycle")),
        sa.ForeignKeyConstraint(["reader_id"], ["users.id"], name=op.f("fk_routes_reader_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routes")),
        sa.UniqueConstraint("code", name=op.f("uq_routes_code")),
    )
    op.create_index(op.f("ix_routes_reader_id"), "routes", ["reader_id"])
    op.create_table(
        "route_stops",
        _id(),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], name=op.f("fk_route_stops_route_id_routes")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_route_stops_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_stops")),
        sa.UniqueConstraint("account_id", name=op.f("uq_route_stops_account_id")),
    )
    op.create_index("ix_route_stops_route_position", "route_stops", ["route_id", "position"])
    op.create_table(
        "readings",
        _id(),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("read_on", sa.Date(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reasons", sa.String(120), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('actual', 'estimated', 'no_access', 'initial', 'final', 'transfer')",
                           name=op.f("ck_readings_kind")),
        sa.CheckConstraint("status IN ('accepted', 'held', 'superseded', 'billed')", name=op.f("ck_readings_status")),
        sa.CheckConstraint("value IS NOT NULL OR kind = 'no_access'", name=op.f("ck_readings_value")),
        sa.CheckConstraint("value IS NULL OR value >= 0", name=op.f("ck_readings_value_positive")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_readings_account_id_accounts")),
        sa.ForeignKeyConstraint(["meter_id"], ["meters.id"], name=op.f("fk_readings_meter_id_meters")),
        sa.ForeignKeyConstraint(["supersedes_id"], ["readings.id"], name=op.f("fk_readings_supersedes_id_readings")),
        sa.ForeignKeyConstraint(["entered_by"], ["users.id"], name=op.f("fk_readings_entered_by_users")),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_readings_decided_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readings")),
        sa.UniqueConstraint("supersedes_id", name=op.f("uq_readings_supersedes_id")),
    )
    op.create_index(op.f("ix_readings_account_id"), "readings", ["account_id"])
    op.create_index("ix_readings_meter_day", "readings", ["meter_id", "read_on", "id"])
    op.create_index("ix_readings_status_day", "readings", ["status", "read_on"])
    op.create_table(
        "reading_follow_ups",
        _id(),
        sa.Column("reading_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(400), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["reading_id"], ["readings.id"],
                                name=op.f("fk_reading_follow_ups_reading_id_readings")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_reading_follow_ups_account_id_accounts")),
        sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name=op.f("fk_reading_follow_ups_opened_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_follow_ups")),
    )
    op.create_index(op.f("ix_reading_follow_ups_reading_id"), "reading_follow_ups", ["reading_id"])
    op.create_index(op.f("ix_reading_follow_ups_account_id"), "reading_follow_ups", ["account_id"])
    # The meters' own readings, in the order they were taken (a final after its meter's initial).
    for kind, value, day, where in (("initial", "initial_reading", "installed_on", "1 = 1"),
                                    ("final", "final_reading", "removed_on", "final_reading IS NOT NULL")):
        op.execute(
            "INSERT INTO readings (account_id, meter_id, read_on, value, kind, status, reasons, note, source, "
            "entered_by, created_at) "
            f"SELECT account_id, id, {day}, {value}, '{kind}', 'accepted', '', '', 'account', registered_by, "
            "created_at "
            f"FROM meters WHERE {where} ORDER BY id"
        )
    for stmt in readings_guards_ddl(op.get_bind().dialect.name)[0]:
        op.execute(stmt)


def downgrade() -> None:
    for stmt in readings_guards_ddl(op.get_bind().dialect.name)[1]:
        op.execute(stmt)
    op.drop_table("reading_follow_ups")
    op.drop_table("readings")
    op.drop_table("route_stops")
    op.drop_table("routes")
