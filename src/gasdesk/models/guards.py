"""Database-level guards that code alone cannot promise (used by migrations).

Keep these functions stable: migration scripts call them, and an old migration
must produce the same schema it always did.
"""

from __future__ import annotations


def _pg_append_only_function(errcode: str | None) -> str:
    using = f" USING ERRCODE = '{errcode}'" if errcode else ""
    return (
        "CREATE OR REPLACE FUNCTION gasdesk_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME{using}; END; $$ LANGUAGE plpgsql"
    )


# Revision 0004 onwards: the refusal is an integrity error (SQLSTATE 23001), as on SQLite,
# not a generic PL/pgSQL exception; 0001's body is kept for the way down.
PG_APPEND_ONLY_FUNCTION = _pg_append_only_function("restrict_violation")
PG_APPEND_ONLY_FUNCTION_0001 = _pg_append_only_function(None)


def append_only_ddl(table: str, dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop) statements that make ``table`` refuse UPDATE and DELETE."""
    if dialect == "sqlite":
        create = [
            f"CREATE TRIGGER trg_{table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        ]
        drop = [f"DROP TRIGGER IF EXISTS trg_{table}_no_update", f"DROP TRIGGER IF EXISTS trg_{table}_no_delete"]
        return create, drop
    if dialect == "postgresql":
        create = [
            PG_APPEND_ONLY_FUNCTION_0001,
            f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION gasdesk_append_only()",
        ]
        drop = [f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}"]
        return create, drop
    return [], []
