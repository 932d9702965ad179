"""The audit log: one row per action, in the action's own transaction; append-only in the database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.models import Area, AuditEntry, Setting, User
from gasdesk.models.users import Role
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.runner import run
from gasdesk.services.office import address, users

ROLE_PASSWORD = "secret-123"  # what tests/conftest.py gives every role


def entries(db: Database) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


Step = Callable[[Session, Actor, dict[str, int]], object]

# (expected action, call); each runs as the admin, one unit of work each, in this order.
STEPS: list[tuple[str, Step]] = [
    ("user.add", lambda s, a, ids: ids.setdefault("u", users.add_user(s, a, "li", "李四", Role.CLERK, "pass-word").id)),
    ("user.disable", lambda s, a, ids: users.set_active(s, a, ids["u"], False)),
    ("user.enable", lambda s, a, ids: users.set_active(s, a, ids["u"], True)),
    ("user.role", lambda s, a, ids: users.change_role(s, a, ids["u"], Role.READER)),
    ("user.reset_password", lambda s, a, ids: users.reset_password(s, a, ids["u"], "temp-pass")),
    ("area.add", lambda s, a, ids: ids.setdefault("area", address.add_area(s, a, "05", "南区").id)),
    ("area.rename", lambda s, a, ids: address.rename_area(s, a, ids["area"], "城南片区")),
    ("compound.add", lambda s, a, ids: ids.setdefault("c", address.add_compound(s, a, ids["area"], "南苑", "").id)),
    ("compound.disable", lambda s, a, ids: address.set_compound_active(s, a, ids["c"], False)),
    ("compound.enable", lambda s, a, ids: address.set_compound_active(s, a, ids["c"], True)),
    ("setting.change", lambda s, a, ids: settings.set_value(s, a, "idle_lock_minutes", "5")),
    ("user.change_password", lambda s, a, ids: users.change_own_password(s, a, ROLE_PASSWORD, "new-pass-9")),
    ("login", lambda s, a, ids: users.authenticate(s, "admin", "new-pass-9", "T01")),
    ("login.failed", lambda s, a, ids: users.authenticate(s, "admin", "not-it-at-all", "T01")),
]


def test_each_action_writes_exactly_one_audit_row(db: Database, admin: Actor) -> None:
    ids: dict[str, int] = {}
    for action, step in STEPS:
        before = entries(db)
        run(db, admin, lambda s, st=step: st(s, admin, ids))
        after = entries(db)
        assert len(after) == len(before) + 1, action
        new = after[-1]
        assert new.action == action
        assert new.login == "admin"
        assert new.at is not None and new.at.tzinfo is not None


def test_audit_row_carries_before_and_after(db: Database, admin: Actor) -> None:
    run(db, admin, lambda s: settings.set_value(s, admin, "office_name", "城东营业厅"))
    run(db, admin, lambda s: settings.set_value(s, admin, "office_name", "城东第二营业厅"))
    last = entries(db)[-1]
    assert (last.entity, last.entity_id, last.counter) == ("setting", "office_name", "T01")
    assert json.loads(last.before or "") == {"value": "城东营业厅"}
    assert json.loads(last.after or "") == {"value": "城东第二营业厅"}
    with db.read() as s:
        shown = audit.recent(s, admin, entity="setting", entity_id="office_name")
    assert [r["after"] for r in shown] == [{"value": "城东第二营业厅"}, {"value": "城东营业厅"}]


def test_audit_log_refuses_update_and_delete(db: Database, admin: Actor, db_path: Path) -> None:
    run(db, admin, lambda s: settings.set_value(s, admin, "office_name", "甲"))
    rows = count(db, AuditEntry)
    with pytest.raises(IntegrityError, match="append-only"), db.write() as s:
        s.execute(update(AuditEntry).values(login="someone-else"))
    with pytest.raises(IntegrityError, match="append-only"), db.write() as s:
        s.execute(text("DELETE FROM audit_log"))
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log WHERE id = 1"):
        if db.is_sqlite:
            raw = sqlite3.connect(db_path)  # not even around the program
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(sql)
            raw.close()
        else:  # a plain connection of the server's, no session
            with pytest.raises(IntegrityError, match="append-only"), db.engine.connect() as conn:
                conn.exec_driver_sql(sql)
    assert count(db, AuditEntry) == rows
    assert {e.login for e in entries(db)} == {"admin"}


def test_failed_action_leaves_no_row_and_no_audit(db: Database, admin: Actor) -> None:
    users_before, audit_before = count(db, User), count(db, AuditEntry)
    with pytest.raises(Conflict, match="已被使用"):
        run(db, admin, lambda s: users.add_user(s, admin, "clerk", "重名", Role.CLERK, "pass-word"))
    with pytest.raises(ValidationError, match="1 到 1440"):
        run(db, admin, lambda s: settings.set_value(s, admin, "lockout_minutes", "0"))
    assert (count(db, User), count(db, AuditEntry)) == (users_before, audit_before)


def test_error_after_audit_record_rolls_both_back(db: Database, admin: Actor) -> None:
    audit_before = count(db, AuditEntry)

    def half_done(s: Session) -> None:
        address.add_area(s, admin, "06", "北区")  # row + audit row flushed ...
        settings.set_value(s, admin, "office_name", "北区营业厅")
        raise RuntimeError("power cut before commit")  # ... and then the action fails

    with pytest.raises(RuntimeError):
        run(db, admin, half_done)
    assert count(db, Area) == 0
    assert count(db, Setting) == 0
    assert count(db, AuditEntry) == audit_before


def test_refusal_is_audited_even_though_the_action_is_rolled_back(db: Database, clerk: Actor) -> None:
    audit_before = count(db, AuditEntry)
    with pytest.raises(Exception, match="无权执行"):
        run(db, clerk, lambda s: address.add_area(s, clerk, "07", "西区"))
    new = entries(db)[audit_before:]
    assert [(e.login, e.action, e.entity, e.entity_id) for e in new] == [
        ("clerk", "permission.denied", "action", "address.manage")
    ]
    assert count(db, Area) == 0
