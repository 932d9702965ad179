"""Alembic environment for gasdesk: batch mode for SQLite, foreign keys checked after."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from gasdesk.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from gasdesk.db import open_database

        db = open_database(config.get_main_option("sqlalchemy.url"))
        with db.engine.connect() as conn:
            _run(conn)
        db.dispose()
    else:
        _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds tables; with foreign keys on, dropping the old copy
        # would cascade or fail. The pragma only works outside a transaction.
        if connection.in_transaction():
            connection.commit()
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"migration left foreign key violations: {broken[:5]}")
    if sqlite:
        if connection.in_transaction():
            connection.commit()
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    raise SystemExit("gasdesk migrations run online only (gasdesk db upgrade)")
run_migrations_online()
