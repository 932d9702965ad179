"""Shared fixtures: a temporary database migrated to head, and actors of every role.

With GASDESK_TEST_PG_URL set (a PostgreSQL server URL whose role may CREATE DATABASE, e.g.
postgresql+psycopg://gasdesk:secret@localhost/postgres) the ``db`` fixture is a fresh PostgreSQL
database per test instead, migrated to head and dropped after; tests marked ``sqlite_only``
are skipped then.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gasdesk.db import Database
from gasdesk.models.users import Role
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import set_language
from gasdesk.services.office import users
from gasdesk.startup import prepare


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real data folder; speak Chinese unless a test says otherwise."""
    monkeypatch.setenv("GASDESK_HOME", str(tmp_path_factory.mktemp("home")))
    set_language("zh")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


PG_URL = os.environ.get("GASDESK_TEST_PG_URL", "").strip()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not PG_URL:
        return
    skip = pytest.mark.skip(reason="SQLite only (GASDESK_TEST_PG_URL is set)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    if PG_URL:
        yield from _pg_database()
        return
    database = prepare(db_path)
    yield database
    database.dispose()


def _pg_database() -> Iterator[Database]:
    """A fresh database on the test server, migrated to head, dropped afterwards."""
    server = make_url(PG_URL)
    name = f"gasdesk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        database = prepare(server.set(database=name).render_as_string(hide_password=False))
        try:
            yield database
        finally:
            database.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


ROLE_PASSWORD = "secret-123"


@pytest.fixture
def actors(db: Database) -> dict[Role, Actor]:
    """One signed-in user per role; the admin is made first, as at first start."""
    with db.write() as s:
        admin_info = users.create_first_admin(s, "admin", "管理员", ROLE_PASSWORD)
        admin = users.actor_for(s.get(users.User, admin_info.id), "T01")
        result = {Role.ADMIN: admin}
        for role in Role:
            if role is Role.ADMIN:
                continue
            info = users.add_user(s, admin, role.value, f"{role.value} 用户", role, ROLE_PASSWORD)
            result[role] = Actor(info.id, info.login, info.name, role, "T01")
    return result


@pytest.fixture
def admin(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.ADMIN]


@pytest.fixture
def clerk(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.CLERK]


@pytest.fixture
def supervisor(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.SUPERVISOR]
