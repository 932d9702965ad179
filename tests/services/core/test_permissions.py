"""A role × action matrix at the service layer: allowed calls succeed, the rest are refused,
leave no trace except the refusal's own audit row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.models import AuditEntry
from gasdesk.models.users import Role
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import PermissionDenied
from gasdesk.services.core.permissions import PERMISSIONS, allowed, require, workplaces_for
from gasdesk.services.core.runner import run
from gasdesk.services.office import address, users


@dataclass(frozen=True)
class Fixture:
    """Records the calls below act on, made by the admin before the matrix runs."""

    area_id: int
    compound_id: int
    target_user_id: int


Call = Callable[[Session, Actor, Fixture, int], object]

# One call per foundation service; `n` keeps each role's arguments distinct.
SERVICE_CALLS: dict[str, tuple[str, Call]] = {
    "users.add_user": (
        "user.manage", lambda s, a, f, n: users.add_user(s, a, f"u{n}", "新人", Role.CLERK, "pass-word")),
    "users.list_users": ("user.list", lambda s, a, f, n: users.list_users(s, a)),
    "users.set_active": ("user.manage", lambda s, a, f, n: users.set_active(s, a, f.target_user_id, bool(n % 2))),
    "users.change_role": ("user.manage", lambda s, a, f, n: users.change_role(s, a, f.target_user_id, Role.READER)),
    "users.reset_password": (
        "user.manage", lambda s, a, f, n: users.reset_password(s, a, f.target_user_id, f"temp-{n}-pw")),
    "address.tree": ("address.view", lambda s, a, f, n: address.tree(s, a)),
    "address.add_area": ("address.manage", lambda s, a, f, n: address.add_area(s, a, f"7{n}", f"片区{n}")),
    "address.rename_area": ("address.manage", lambda s, a, f, n: address.rename_area(s, a, f.area_id, f"新名{n}")),
    "address.add_compound": (
        "address.manage", lambda s, a, f, n: address.add_compound(s, a, f.area_id, f"小区{n}", "路 1 号")),
    "address.set_compound_active": (
        "address.manage", lambda s, a, f, n: address.set_compound_active(s, a, f.compound_id, bool(n % 2))),
    "settings.set_value": (
        "settings.manage", lambda s, a, f, n: settings.set_value(s, a, "lockout_minutes", f"{20 + n}")),
    "audit.recent": ("audit.view", lambda s, a, f, n: audit.recent(s, a)),
}

# Actions the CLI or the window check with require() directly (no service function of their own).
DIRECT_ACTIONS = {a for a in PERMISSIONS if a.startswith("workplace.")} | {"db.backup", "db.restore"}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the audit log, read as committed on disk."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables if t != "audit_log"}
    finally:
        conn.close()


def audit_rows(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as s:
        return [(e.login, e.action, e.entity_id) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@pytest.fixture
def made(db: Database, admin: Actor) -> Fixture:
    def setup(s: Session) -> Fixture:
        area = address.add_area(s, admin, "01", "城东片区")
        compound = address.add_compound(s, admin, area.id, "阳光花园", "建设路 18 号")
        target = users.add_user(s, admin, "target", "目标用户", Role.CLERK, "pass-word")
        return Fixture(area.id, compound.id, target.id)

    return run(db, admin, setup)


FOUNDATION_ACTIONS = {
    "workplace.counter", "workplace.readings", "workplace.depot", "workplace.reports", "workplace.admin",
    "user.manage", "user.list", "address.manage", "address.view", "settings.manage", "db.backup", "db.restore",
    "audit.view",
}


def test_every_foundation_permission_is_covered_by_the_matrix() -> None:
    """Later features test their own actions; the foundation's are all exercised here."""
    covered = {action for action, _ in SERVICE_CALLS.values()} | DIRECT_ACTIONS
    assert covered == FOUNDATION_ACTIONS
    assert set(PERMISSIONS) >= FOUNDATION_ACTIONS


@pytest.mark.parametrize("call_name", sorted(SERVICE_CALLS))
def test_role_matrix(
    call_name: str, db: Database, db_path: Path, actors: dict[Role, Actor], made: Fixture
) -> None:
    action, call = SERVICE_CALLS[call_name]
    for n, role in enumerate(Role):
        actor = actors[role]
        before, audits_before = snapshot(db_path), audit_rows(db)
        if role in PERMISSIONS[action]:
            run(db, actor, lambda s, a=actor, n=n: call(s, a, made, n))
            continue
        with pytest.raises(PermissionDenied) as info:
            run(db, actor, lambda s, a=actor, n=n: call(s, a, made, n))
        assert "无权执行此操作" in info.value.zh, info.value.zh
        assert snapshot(db_path) == before, f"{role} left a change behind in {call_name}"
        # Exactly one new audit row: the refusal, in a transaction of its own.
        assert audit_rows(db) == [*audits_before, (actor.login, "permission.denied", action)]


@pytest.mark.parametrize("action", sorted(DIRECT_ACTIONS))
def test_direct_actions_matrix(action: str, db: Database, actors: dict[Role, Actor]) -> None:
    for role, actor in actors.items():
        if role in PERMISSIONS[action]:
            run(db, actor, lambda s, a=actor: require(s, a, action))
        else:
            with pytest.raises(PermissionDenied):
                run(db, actor, lambda s, a=actor: require(s, a, action))


def test_deny_by_default(actors: dict[Role, Actor]) -> None:
    for actor in actors.values():
        assert not allowed(actor, "no.such.action")
        with pytest.raises(PermissionDenied):
            require(None, actor, "no.such.action")


def test_refusal_message_names_role_and_action(clerk: Actor) -> None:
    with pytest.raises(PermissionDenied) as info:
        require(None, clerk, "user.manage")
    assert info.value.zh == "您的角色（业务员）无权执行此操作：用户管理。如需办理，请联系主管或管理员。"
    assert info.value.en == ("Your role (Counter clerk) may not do this: Manage users. "
                             "Ask a supervisor or an administrator.")
    assert info.value.exit_code == 3


def test_workplaces_per_role(actors: dict[Role, Actor]) -> None:
    assert {r: workplaces_for(a) for r, a in actors.items()} == {
        Role.CLERK: ["counter"],
        Role.READER: ["readings"],
        Role.DEPOT: ["depot"],
        Role.SUPERVISOR: ["counter", "readings", "depot", "reports"],
        Role.ADMIN: ["reports", "admin"],
    }
