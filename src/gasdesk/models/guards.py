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


# Revision 0005: what the money base promises beyond append-only rows.
_MONEY_BASE_SQLITE = {
    # A posting goes into an open shift only; a closed shift never changes and is never removed.
    "trg_ledger_postings_open_shift": (
        "BEFORE INSERT ON ledger_postings WHEN NEW.shift_id IS NOT NULL AND "
        "(SELECT status FROM shifts WHERE id = NEW.shift_id) IS NOT 'open' "
        "BEGIN SELECT RAISE(ABORT, 'the shift is closed: no posting goes into it'); END"
    ),
    "trg_shifts_closed_final": (
        "BEFORE UPDATE ON shifts WHEN OLD.status = 'closed' "
        "BEGIN SELECT RAISE(ABORT, 'a closed shift never changes'); END"
    ),
    "trg_shifts_no_delete": "BEFORE DELETE ON shifts BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END",
    # The account a row names is its party's account: the two links cannot drift apart.
    "trg_ledger_postings_party": (
        "BEFORE INSERT ON ledger_postings WHEN NEW.account_id IS NOT "
        "(SELECT account_id FROM parties WHERE id = NEW.party_id) "
        "BEGIN SELECT RAISE(ABORT, 'the posting names another account than its party'); END"
    ),
    "trg_ledger_entries_party": (
        "BEFORE INSERT ON ledger_entries WHEN NEW.party_id IS NOT "
        "(SELECT party_id FROM ledger_postings WHERE id = NEW.posting_id) OR NEW.account_id IS NOT "
        "(SELECT account_id FROM parties WHERE id = NEW.party_id) "
        "BEGIN SELECT RAISE(ABORT, 'the entry names another party than its posting'); END"
    ),
}

_MONEY_BASE_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_money_base_guard() RETURNS trigger AS $$ BEGIN "
    "IF TG_TABLE_NAME = 'shifts' THEN "
    "  IF TG_OP = 'DELETE' OR OLD.status = 'closed' THEN "
    "    RAISE EXCEPTION 'a closed shift never changes' USING ERRCODE = 'restrict_violation'; END IF; "
    "  RETURN NEW; END IF; "
    "IF TG_TABLE_NAME = 'ledger_postings' THEN "
    "  IF NEW.shift_id IS NOT NULL "
    "     AND (SELECT status FROM shifts WHERE id = NEW.shift_id) IS DISTINCT FROM 'open' THEN "
    "    RAISE EXCEPTION 'the shift is closed: no posting goes into it' USING ERRCODE = 'restrict_violation'; END IF; "
    "  IF NEW.account_id IS DISTINCT FROM (SELECT account_id FROM parties WHERE id = NEW.party_id) THEN "
    "    RAISE EXCEPTION 'the posting names another account than its party' USING ERRCODE = 'restrict_violation'; "
    "  END IF; RETURN NEW; END IF; "
    "IF NEW.party_id IS DISTINCT FROM (SELECT party_id FROM ledger_postings WHERE id = NEW.posting_id) "
    "   OR NEW.account_id IS DISTINCT FROM (SELECT account_id FROM parties WHERE id = NEW.party_id) THEN "
    "  RAISE EXCEPTION 'the entry names another party than its posting' USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
)
_MONEY_BASE_PG_TRIGGERS = {
    "trg_shifts_closed_final": "BEFORE UPDATE OR DELETE ON shifts",
    "trg_ledger_postings_money_base": "BEFORE INSERT ON ledger_postings",
    "trg_ledger_entries_money_base": "BEFORE INSERT ON ledger_entries",
}


def money_base_guards_ddl(dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop): open shifts only, closed shifts final, party and account links agree."""
    if dialect == "sqlite":
        create = [f"CREATE TRIGGER {name} {body}" for name, body in _MONEY_BASE_SQLITE.items()]
        return create, [f"DROP TRIGGER IF EXISTS {name}" for name in _MONEY_BASE_SQLITE]
    if dialect == "postgresql":
        create = [_MONEY_BASE_PG_FUNCTION] + [
            f"CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION gasdesk_money_base_guard()"
            for name, when in _MONEY_BASE_PG_TRIGGERS.items()
        ]
        drop = [f"DROP TRIGGER IF EXISTS {name} ON {when.rsplit(' ', 1)[1]}"
                for name, when in _MONEY_BASE_PG_TRIGGERS.items()]
        return create, [*drop, "DROP FUNCTION IF EXISTS gasdesk_money_base_guard()"]
    return [], []


# Revision 0006: an append-only row cannot be replaced either. SQLite's REPLACE conflict
# resolution (INSERT OR REPLACE, REPLACE INTO) deletes the row in its way without firing the
# delete trigger (unless the connection set recursive_triggers, which a plain sqlite3 shell does
# not); a guard on insert refuses a row whose primary key or unique key is already taken.
APPEND_ONLY_KEYS: dict[str, tuple[str, ...]] = {
    "audit_log": ("id",),
    "parties": ("id", "account_id"),
    "ledger_postings": ("id", "idempotency_key", "voids"),
    "ledger_entries": ("id", "reversal_of"),
    "ledger_allocations": ("id", "reversal_of"),
    "print_jobs": ("id",),
}


def no_replace_ddl(table: str, dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop): refuse REPLACE on SQLite, TRUNCATE on PostgreSQL, for an append-only table."""
    if dialect == "sqlite":
        taken = " OR ".join(f"(NEW.{k} IS NOT NULL AND EXISTS (SELECT 1 FROM {table} WHERE {k} = NEW.{k}))"
                            for k in APPEND_ONLY_KEYS[table])
        create = [f"CREATE TRIGGER trg_{table}_no_replace BEFORE INSERT ON {table} WHEN {taken} "
                  f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: a row cannot be replaced'); END"]
        return create, [f"DROP TRIGGER IF EXISTS trg_{table}_no_replace"]
    if dialect == "postgresql":
        create = [f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
                  "FOR EACH STATEMENT EXECUTE FUNCTION gasdesk_append_only()"]
        return create, [f"DROP TRIGGER IF EXISTS trg_{table}_no_truncate ON {table}"]
    return [], []


# Revision 0007: the hash chain (models/chain.py). Its place on the chain is a unique key too, so
# REPLACE through it is refused like the others; a row that reaches the table unsealed (no place
# on the chain or no hash: written past gasdesk) is refused.
CHAINED = ("ledger_postings", "ledger_entries", "ledger_allocations", "audit_log")
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    table: keys + (("chain_seq",) if table in CHAINED else ()) for table, keys in APPEND_ONLY_KEYS.items()
}

_PG_SEALED_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_chain_sealed() RETURNS trigger AS $$ BEGIN "
    "IF NEW.chain_seq IS NULL OR NEW.row_hash IS NULL THEN "
    "  RAISE EXCEPTION '% rows are sealed on the chain by gasdesk', TG_TABLE_NAME "
    "  USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
)


def chain_guards_ddl(table: str, dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop) for a chained table: refuse unsealed rows and REPLACE through ``chain_seq``."""
    if dialect == "sqlite":
        old_create, old_drop = no_replace_ddl(table, dialect)
        taken = " OR ".join(f"(NEW.{k} IS NOT NULL AND EXISTS (SELECT 1 FROM {table} WHERE {k} = NEW.{k}))"
                            for k in REPLACE_KEYS[table])
        create = [
            *old_drop,
            f"CREATE TRIGGER trg_{table}_no_replace BEFORE INSERT ON {table} WHEN {taken} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: a row cannot be replaced'); END",
            f"CREATE TRIGGER trg_{table}_sealed BEFORE INSERT ON {table} "
            "WHEN NEW.chain_seq IS NULL OR NEW.row_hash IS NULL "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are sealed on the chain by gasdesk'); END",
        ]
        return create, [f"DROP TRIGGER IF EXISTS trg_{table}_sealed", *old_drop, *old_create]
    if dialect == "postgresql":
        create = [_PG_SEALED_FUNCTION,
                  f"CREATE TRIGGER trg_{table}_sealed BEFORE INSERT ON {table} "
                  "FOR EACH ROW EXECUTE FUNCTION gasdesk_chain_sealed()"]
        return create, [f"DROP TRIGGER IF EXISTS trg_{table}_sealed ON {table}"]
    return [], []


# Revision 0008: a stored reading is never rewritten nor removed. Its status and reasons move
# (held -> accepted, -> superseded by its correction, -> billed); nothing else does, and a
# superseded reading is final.
READING_FIXED = ("account_id", "meter_id", "read_on", "value", "kind", "note", "source", "supersedes_id",
                 "entered_by", "created_at")
_READINGS_SQLITE = {
    "trg_readings_fixed": (
        f"BEFORE UPDATE OF {', '.join(READING_FIXED)} ON readings "
        "BEGIN SELECT RAISE(ABORT, 'a stored reading is never rewritten: store its correction'); END"
    ),
    "trg_readings_superseded_final": (
        "BEFORE UPDATE ON readings WHEN OLD.status = 'superseded' "
        "BEGIN SELECT RAISE(ABORT, 'a superseded reading never changes'); END"
    ),
    "trg_readings_no_delete": "BEFORE DELETE ON readings BEGIN SELECT RAISE(ABORT, 'readings are never deleted'); END",
    "trg_readings_no_replace": (
        "BEFORE INSERT ON readings WHEN EXISTS (SELECT 1 FROM readings WHERE id = NEW.id) OR "
        "(NEW.supersedes_id IS NOT NULL AND EXISTS (SELECT 1 FROM readings WHERE supersedes_id = NEW.supersedes_id)) "
        "BEGIN SELECT RAISE(ABORT, 'readings are never replaced'); END"
    ),
}
_READINGS_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_readings_guard() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "  RAISE EXCEPTION 'readings are never deleted' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF OLD.status = 'superseded' THEN "
    "  RAISE EXCEPTION 'a superseded reading never changes' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF " + " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in READING_FIXED) + " THEN "
    "  RAISE EXCEPTION 'a stored reading is never rewritten: store its correction' "
    "  USING ERRCODE = 'restrict_violation'; END IF; "
    "RETURN NEW; END; $$ LANGUAGE plpgsql"
)


def readings_guards_ddl(dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop): readings keep their value, day and kind; none is deleted or replaced."""
    if dialect == "sqlite":
        create = [f"CREATE TRIGGER {name} {body}" for name, body in _READINGS_SQLITE.items()]
        return create, [f"DROP TRIGGER IF EXISTS {name}" for name in _READINGS_SQLITE]
    if dialect == "postgresql":
        create = [
            _READINGS_PG_FUNCTION,
            "CREATE TRIGGER trg_readings_guard BEFORE UPDATE OR DELETE ON readings "
            "FOR EACH ROW EXECUTE FUNCTION gasdesk_readings_guard()",
            "CREATE TRIGGER trg_readings_no_truncate BEFORE TRUNCATE ON readings "
            "FOR EACH STATEMENT EXECUTE FUNCTION gasdesk_append_only()",
        ]
        drop = ["DROP TRIGGER IF EXISTS trg_readings_no_truncate ON readings",
                "DROP TRIGGER IF EXISTS trg_readings_guard ON readings",
                "DROP FUNCTION IF EXISTS gasdesk_readings_guard()"]
        return create, drop
    return [], []


# Revision 0009: a posted bill is frozen. It moves once, posted -> reversed (with the reversal's
# posting); nothing else of it changes, and no bill is deleted.
BILL_FIXED = ("account_id", "meter_id", "reading_id", "from_reading_id", "period_from", "period_to", "customer_type",
              "household_size", "volume_m3", "total", "due_on", "posting_id", "charge_entry_id", "created_by",
              "created_at")
_BILLS_SQLITE = {
    "trg_bills_fixed": (
        f"BEFORE UPDATE OF {', '.join(BILL_FIXED)} ON bills "
        "BEGIN SELECT RAISE(ABORT, 'a posted bill is frozen: reverse it and bill again'); END"
    ),
    "trg_bills_reversed_final": (
        "BEFORE UPDATE ON bills WHEN OLD.status = 'reversed' "
        "BEGIN SELECT RAISE(ABORT, 'a reversed bill never changes'); END"
    ),
    "trg_bills_no_delete": "BEFORE DELETE ON bills BEGIN SELECT RAISE(ABORT, 'bills are never deleted'); END",
}
_BILLS_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_bills_guard() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "  RAISE EXCEPTION 'bills are never deleted' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF OLD.status = 'reversed' THEN "
    "  RAISE EXCEPTION 'a reversed bill never changes' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF " + " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in BILL_FIXED) + " THEN "
    "  RAISE EXCEPTION 'a posted bill is frozen: reverse it and bill again' USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
)


def bills_guards_ddl(dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop): a bill keeps its period, use and total; it is reversed, never changed or deleted."""
    if dialect == "sqlite":
        create = [f"CREATE TRIGGER {name} {body}" for name, body in _BILLS_SQLITE.items()]
        return create, [f"DROP TRIGGER IF EXISTS {name}" for name in _BILLS_SQLITE]
    if dialect == "postgresql":
        create = [
            _BILLS_PG_FUNCTION,
            "CREATE TRIGGER trg_bills_guard BEFORE UPDATE OR DELETE ON bills "
            "FOR EACH ROW EXECUTE FUNCTION gasdesk_bills_guard()",
            "CREATE TRIGGER trg_bills_no_truncate BEFORE TRUNCATE ON bills "
            "FOR EACH STATEMENT EXECUTE FUNCTION gasdesk_append_only()",
        ]
        drop = ["DROP TRIGGER IF EXISTS trg_bills_no_truncate ON bills",
                "DROP TRIGGER IF EXISTS trg_bills_guard ON bills", "DROP FUNCTION IF EXISTS gasdesk_bills_guard()"]
        return create, drop
    return [], []


# Revision 0010: a receipt keeps its number and what it says; it moves once, issued -> void (with
# the void's posting), and is never deleted. A series' last number only ever steps up by one, so a
# number is never skipped nor issued twice whatever the code above does.
RECEIPT_FIXED = ("number", "counter_id", "series", "seq", "kind", "posting_id", "party_id", "account_id", "amount",
                 "method", "reference", "tendered", "change_given", "refund_of", "user_id", "shift_id",
                 "business_date", "created_at")
_RECEIPTS_SQLITE = {
    "trg_receipts_fixed": (
        f"BEFORE UPDATE OF {', '.join(RECEIPT_FIXED)} ON receipts "
        "BEGIN SELECT RAISE(ABORT, 'a receipt never changes: void it'); END"
    ),
    "trg_receipts_void_final": (
        "BEFORE UPDATE ON receipts WHEN OLD.status = 'void' "
        "BEGIN SELECT RAISE(ABORT, 'a void receipt never changes'); END"
    ),
    "trg_receipts_no_delete": "BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are never deleted'); END",
    "trg_receipt_series_step": (
        "BEFORE UPDATE ON receipt_series WHEN NEW.last_number IS NOT OLD.last_number + 1 "
        "OR NEW.counter_id IS NOT OLD.counter_id OR NEW.series IS NOT OLD.series "
        "BEGIN SELECT RAISE(ABORT, 'a receipt series steps up by one'); END"
    ),
    "trg_receipt_series_no_delete": (
        "BEFORE DELETE ON receipt_series BEGIN SELECT RAISE(ABORT, 'receipt series are never deleted'); END"
    ),
}
_RECEIPTS_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_receipts_guard() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "  RAISE EXCEPTION 'receipts are never deleted' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF OLD.status = 'void' THEN "
    "  RAISE EXCEPTION 'a void receipt never changes' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF " + " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in RECEIPT_FIXED) + " THEN "
    "  RAISE EXCEPTION 'a receipt never changes: void it' USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
)
_SERIES_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gasdesk_receipt_series_guard() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "  RAISE EXCEPTION 'receipt series are never deleted' USING ERRCODE = 'restrict_violation'; END IF; "
    "IF NEW.last_number IS DISTINCT FROM OLD.last_number + 1 OR NEW.counter_id IS DISTINCT FROM OLD.counter_id "
    "   OR NEW.series IS DISTINCT FROM OLD.series THEN "
    "  RAISE EXCEPTION 'a receipt series steps up by one' USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
)


def receipts_guards_ddl(dialect: str) -> tuple[list[str], list[str]]:
    """(create, drop): receipts keep their number and content, are voided once, never deleted;
    a series' number steps up by one at a time."""
    if dialect == "sqlite":
        create = [f"CREATE TRIGGER {name} {body}" for name, body in _RECEIPTS_SQLITE.items()]
        return create, [f"DROP TRIGGER IF EXISTS {name}" for name in _RECEIPTS_SQLITE]
    if dialect == "postgresql":
        create = [
            _RECEIPTS_PG_FUNCTION,
            "CREATE TRIGGER trg_receipts_guard BEFORE UPDATE OR DELETE ON receipts "
            "FOR EACH ROW EXECUTE FUNCTION gasdesk_receipts_guard()",
            _SERIES_PG_FUNCTION,
            "CREATE TRIGGER trg_receipt_series_guard BEFORE UPDATE OR DELETE ON receipt_series "
            "FOR EACH ROW EXECUTE FUNCTION gasdesk_receipt_series_guard()",
            "CREATE TRIGGER trg_receipts_no_truncate BEFORE TRUNCATE ON receipts "
            "FOR EACH STATEMENT EXECUTE FUNCTION gasdesk_append_only()",
        ]
        drop = ["DROP TRIGGER IF EXISTS trg_receipts_no_truncate ON receipts",
                "DROP TRIGGER IF EXISTS trg_receipt_series_guard ON receipt_series",
                "DROP FUNCTION IF EXISTS gasdesk_receipt_series_guard()",
                "DROP TRIGGER IF EXISTS trg_receipts_guard ON receipts",
                "DROP FUNCTION IF EXISTS gasdesk_receipts_guard()"]
        return create, drop
    return [], []
