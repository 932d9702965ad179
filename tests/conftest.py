"""Shared fixtures: a temporary database migrated to head, and actors of every role.

Speed: the schema is migrated once per session into a template file; each test's ``db`` is a
plain copy of it, opened through the same ``prepare()`` as the program (vetting, quick_check,
WAL, "already at head"). Passwords are hashed with cheap Argon2 parameters (passwords.use_hasher);
a test that checks the production parameters asks for ``production_hasher``.

With GASDESK_TEST_PG_URL set (a PostgreSQL server URL whose role may CREATE DATABASE, e.g.
postgresql+psycopg://gasdesk:secret@localhost/postgres) the ``db`` fixture is a fresh PostgreSQL
database per test instead, migrated to head and dropped after; tests marked ``sqlite_only``
are skipped then.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gasdesk.db import Database
from gasdesk.models.users import Role
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import set_language
from gasdesk.services.office import counters, passwords, users
from gasdesk.startup import prepare

# The least Argon2id allows (8 KiB, one pass): a hash costs microseconds, not ~50 ms. Tests only.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def pytest_configure(config: pytest.Config) -> None:
    passwords.use_hasher(TEST_HASHER)  # before any fixture or test module hashes a password


def pytest_unconfigure(config: pytest.Config) -> None:
    passwords.use_hasher(None)


@pytest.fixture
def production_hasher() -> Iterator[PasswordHasher]:
    """The program's own Argon2 parameters for one test (the others hash cheaply)."""
    previous = passwords.use_hasher(None)
    try:
        yield passwords.PRODUCTION_HASHER
    finally:
        passwords.use_hasher(previous)


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's templates (built before any test's own home is set) never touch the real one."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GASDESK_HOME", str(home))
        yield home


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


def seal(path: Path) -> Path:
    """Fold the WAL back into a closed SQLite file: the file alone is then the whole database
    (its header keeps WAL mode), so a plain copy of it is a copy of the database."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()  # the last connection removes the -wal and -shm files
    assert not Path(f"{path}-wal").exists(), "a connection to the template is still open"
    return path


def copy_database(template: Path, target: Path) -> Path:
    """A test's own copy of a sealed template (open it with prepare(), as the program does)."""
    shutil.copyfile(template, target)
    return target


@pytest.fixture(scope="session")
def migrated_template(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated to head, once per session; tests get copies (``db``)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    prepare(path, create=True).dispose()
    return seal(path)


@pytest.fixture(scope="session")
def build_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, Callable[[Database], None]], Path]:
    """``build_template(base, build)``: a sealed copy of the template ``base`` once ``build(db)`` has
    filled it. For data a module's tests share: build it once, copy the file per test."""

    def make(base: Path, build: Callable[[Database], None]) -> Path:
        path = copy_database(base, tmp_path_factory.mktemp("template") / "built.db")
        database = prepare(path)
        try:
            build(database)
        finally:
            database.dispose()
        return seal(path)

    return make


@pytest.fixture(scope="session")
def foundation_demo_template(migrated_template: Path, build_template) -> Path:  # type: ignore[no-untyped-def]
    """The demo office's users and address tree (no accounts), once per session; never written."""
    from gasdesk.services.demo import office

    def build(database: Database) -> None:
        with database.write() as s:
            office.build(s)

    return build_template(migrated_template, build)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def full_demo_template(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole demo office (every builder, 3,000 accounts) made by `gasdesk demo`, once per
    session: it takes seconds. Never written; copy it."""
    from gasdesk.cli import main

    path = tmp_path_factory.mktemp("full-demo") / "demo.db"
    assert main(["demo", "--db", str(path), "--size", "0"]) == 0
    return seal(path)


@pytest.fixture(scope="session")
def piped_demo_template(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office without its LPG depot, once per session: the migration tests that go below
    revision 0005 use it (that downgrade refuses a ledger holding LPG customers' money)."""
    from gasdesk.services import demo

    path = tmp_path_factory.mktemp("piped-demo") / "demo.db"
    database = prepare(str(path), create=True)
    try:
        with database.write() as s:
            demo.build(s, without=("depot",))
    finally:
        database.dispose()
    return seal(path)


@pytest.fixture
def db(db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    if PG_URL:
        yield from _pg_database()
        return
    template = request.getfixturevalue("migrated_template")
    database = prepare(copy_database(template, db_path))
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
        database = prepare(server.set(database=name).render_as_string(hide_password=False), create=True)
        try:
            yield database
        finally:
            database.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


ROLE_PASSWORD = "secret-123"
COUNTER = "T01"  # the registered counter every test actor works at


@pytest.fixture
def actors(db: Database) -> dict[Role, Actor]:
    """One signed-in user per role; the admin is made first, as at first start."""
    with db.write() as s:
        admin_info = users.create_first_admin(s, "admin", "管理员", ROLE_PASSWORD)
        admin = users.actor_for(s.get(users.User, admin_info.id))
        counter = counters.add_counter(s, admin, COUNTER, "测试柜台")
        admin = Actor(admin.user_id, admin.login, admin.name, Role.ADMIN, counter.code, counter.id)
        result = {Role.ADMIN: admin}
        for role in Role:
            if role is Role.ADMIN:
                continue
            info = users.add_user(s, admin, role.value, f"{role.value} 用户", role, ROLE_PASSWORD)
            result[role] = Actor(info.id, info.login, info.name, role, counter.code, counter.id)
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
