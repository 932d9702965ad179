"""Shared fixtures: a temporary database migrated to head, and actors of every role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gasdesk.db import Database
from gasdesk.models.users import Role
from gasdesk.services import users
from gasdesk.services.errors import set_language
from gasdesk.services.session import Actor
from gasdesk.startup import prepare


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real data folder; speak Chinese unless a test says otherwise."""
    monkeypatch.setenv("GASDESK_HOME", str(tmp_path_factory.mktemp("home")))
    set_language("zh")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = prepare(db_path)
    yield database
    database.dispose()


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
