"""hash chain: the ledger and the audit log sealed row by row (models/chain.py)

Adds ``chain_seq`` and ``row_hash`` to the four chained tables and seals the rows already there,
table by table in id order (postings, entries, allocations, audit), with the append-only update
guard lifted for that one UPDATE and put back. Then the insert guards: no unsealed row, no
REPLACE through the place on the chain.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gasdesk.models import chain
from gasdesk.models.guards import CHAINED, append_only_ddl, chain_guards_ddl

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHUNK = 5000


def _update_guard(table: str, dialect: str, *, on: bool) -> None:
    if dialect == "postgresql":  # the trigger's function is 0004's; disable rather than recreate it
        op.execute(f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER trg_{table}_append_only")
    elif dialect == "sqlite":
        create, drop = append_only_ddl(table, dialect)
        for stmt in (create[:1] if on else drop[:1]):  # the no-update trigger only
            op.execute(stmt)


def _seal_existing(conn: sa.Connection, table: str) -> None:
    source = chain._read_table(table)
    last_id = 0
    while True:
        rows = [dict(r) for r in conn.execute(
            source.select().where(source.c.id > last_id).order_by(source.c.id).limit(CHUNK)).mappings()]
        if not rows:
            return
        chain.link(conn, table, rows)
        conn.execute(sa.text(f"UPDATE {table} SET chain_seq = :chain_seq, row_hash = :row_hash WHERE id = :id"),
                     [{"id": r["id"], "chain_seq": r["chain_seq"], "row_hash": r["row_hash"]} for r in rows])
        last_id = rows[-1]["id"]


def upgrade() -> None:
    conn = op.get_bind()
    dialect = conn.dialect.name
    for table in CHAINED:
        op.add_column(table, sa.Column("chain_seq", sa.BigInteger(), nullable=True))
        op.add_column(table, sa.Column("row_hash", sa.String(64), nullable=True))
    for table in CHAINED:
        _update_guard(table, dialect, on=False)
        _seal_existing(conn, table)
        _update_guard(table, dialect, on=True)
        op.create_index(f"ix_{table}_chain_seq", table, ["chain_seq"], unique=True)
        for stmt in chain_guards_ddl(table, dialect)[0]:
            op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in CHAINED:
        for stmt in chain_guards_ddl(table, dialect)[1]:
            op.execute(stmt)
        op.drop_index(f"ix_{table}_chain_seq", table_name=table)
        for name in ("row_hash", "chain_seq"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
        if dialect == "postgresql":
            # chain.link gave these rows their ids, past the id sequence: before 0007 the sequence does.
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), "
                       f"MAX(id) IS NOT NULL) FROM {table}")
