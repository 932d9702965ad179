"""Users: Argon2id hashes at OWASP parameters, passwords never stored or logged, lockout, last admin."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import AuditEntry, User
from gasdesk.models.base import utcnow
from gasdesk.models.users import Role
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import AuthError, Conflict, ValidationError
from gasdesk.services.core.runner import run
from gasdesk.services.office import passwords, users

ROLE_PASSWORD = "secret-123"  # what tests/conftest.py gives every role

SECRET = "Zebra-Moon-7731"


def _login(db: Database, login: str, password: str, **kw: object) -> users.LoginOutcome:
    with db.write() as s:
        return users.authenticate(s, login, password, counter="T01", **kw)  # type: ignore[arg-type]


def _user(db: Database, login: str) -> User:
    with db.read() as s:
        user = s.scalar(select(User).where(User.login == login))
        assert user is not None
        return user


def test_hash_is_argon2id_with_owasp_parameters(db: Database, admin: Actor, production_hasher: object) -> None:
    """With the program's own hasher (the suite hashes cheaply, tests/conftest.py)."""
    run(db, admin, lambda s: users.add_user(s, admin, "hash_check", "哈希", Role.CLERK, SECRET))
    stored = _user(db, "hash_check").password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert SECRET not in stored
    assert not passwords.needs_rehash(stored)


def test_no_password_in_database_file_or_logs(
    db: Database, db_path: Path, admin: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)  # SQL and its parameters
    try:
        info = run(db, admin, lambda s: users.add_user(s, admin, "secretive", "保密", Role.CLERK, SECRET))
        assert _login(db, "secretive", SECRET).actor is not None
        assert _login(db, "secretive", SECRET + "-typo").error is not None
        run(db, admin, lambda s: users.reset_password(s, admin, info.id, SECRET[::-1]))
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    db.dispose()
    assert "INSERT INTO users" in caplog.text  # the log really captured the SQL
    for text in (SECRET, SECRET + "-typo", SECRET[::-1]):
        assert text not in caplog.text
        for f in db_path.parent.glob(db_path.name + "*"):
            assert text.encode() not in f.read_bytes(), f.name


def test_login_success_and_wrong_password(db: Database, actors: dict[Role, Actor]) -> None:
    ok = _login(db, "clerk", ROLE_PASSWORD)
    assert ok.error is None and ok.actor is not None
    assert (ok.actor.login, ok.actor.role, ok.actor.counter) == ("clerk", Role.CLERK, "T01")
    bad = _login(db, "clerk", "wrong-password")
    assert bad.actor is None and bad.error is not None
    assert bad.error.zh == "登录名或密码不正确。"
    unknown = _login(db, "nobody", ROLE_PASSWORD)
    assert unknown.error is not None and unknown.error.zh == "登录名或密码不正确。"  # no login probing
    assert _login(db, "CLERK", ROLE_PASSWORD).actor is not None  # logins ignore case


def test_lockout_after_max_failed_logins(db: Database, admin: Actor, actors: dict[Role, Actor]) -> None:
    run(db, admin, lambda s: settings.set_value(s, admin, "max_failed_logins", "3"))
    now = utcnow()
    for _ in range(2):
        assert _login(db, "reader", "nope-nope", now=now).error.zh == "登录名或密码不正确。"  # type: ignore[union-attr]
    third = _login(db, "reader", "nope-nope", now=now)
    assert third.error is not None
    assert third.error.zh == "密码连续错误 3 次，该用户已锁定 15 分钟。"
    assert third.error.en == "3 wrong passwords in a row; this user is locked for 15 minutes."
    locked = _login(db, "reader", ROLE_PASSWORD, now=now + timedelta(minutes=1))
    assert locked.actor is None and locked.error is not None
    assert locked.error.zh == "密码错误次数过多，该用户已锁定，请 15 分钟后再试，或请管理员重置密码。"
    later = _login(db, "reader", ROLE_PASSWORD, now=now + timedelta(minutes=16))
    assert later.actor is not None
    with db.read() as s:
        reasons = [e.after for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed"))]
    assert len(reasons) == 4 and '"reason": "locked"' in reasons[-1]


def test_reset_password_unlocks_and_forces_change(db: Database, admin: Actor, actors: dict[Role, Actor]) -> None:
    for _ in range(5):
        _login(db, "depot", "nope-nope")
    assert _user(db, "depot").locked_until is not None
    depot_id = actors[Role.DEPOT].user_id
    run(db, admin, lambda s: users.reset_password(s, admin, depot_id, "temp-pass-1"))
    outcome = _login(db, "depot", "temp-pass-1")
    assert outcome.actor is not None and outcome.must_change_password
    depot = outcome.actor
    with pytest.raises(AuthError, match="原密码不正确"):
        run(db, depot, lambda s: users.change_own_password(s, depot, "wrong-old", "new-pass-2"))
    run(db, depot, lambda s: users.change_own_password(s, depot, "temp-pass-1", "new-pass-2"))
    again = _login(db, "depot", "new-pass-2")
    assert again.actor is not None and not again.must_change_password


def test_disabled_user_refused(db: Database, admin: Actor, clerk: Actor) -> None:
    run(db, admin, lambda s: users.set_active(s, admin, clerk.user_id, False))
    outcome = _login(db, "clerk", ROLE_PASSWORD)
    assert outcome.actor is None and outcome.error is not None
    assert outcome.error.zh == "该用户已停用，请联系管理员。"
    run(db, admin, lambda s: users.set_active(s, admin, clerk.user_id, True))
    assert _login(db, "clerk", ROLE_PASSWORD).actor is not None


def test_last_admin_cannot_be_disabled_or_demoted(db: Database, admin: Actor) -> None:
    with pytest.raises(Conflict, match="不能停用自己的账号"):
        run(db, admin, lambda s: users.set_active(s, admin, admin.user_id, False))
    with pytest.raises(Conflict) as info:
        run(db, admin, lambda s: users.change_role(s, admin, admin.user_id, Role.CLERK))
    assert info.value.zh == "这是最后一个管理员，不能改为其他角色。"
    # A second admin disables the first; the first (still signed in) cannot then disable the last one.
    second = run(db, admin, lambda s: users.add_user(s, admin, "admin2", "副管理员", Role.ADMIN, ROLE_PASSWORD))
    admin2 = Actor(second.id, second.login, second.name, Role.ADMIN, "T02")
    run(db, admin2, lambda s: users.set_active(s, admin2, admin.user_id, False))
    with pytest.raises(Conflict) as info:
        run(db, admin, lambda s: users.set_active(s, admin, admin2.user_id, False))
    assert info.value.zh == "这是最后一个启用的管理员，不能停用。"
    assert _user(db, "admin2").active and not _user(db, "admin").active


def test_user_input_refused_with_reasons(db: Database, admin: Actor) -> None:
    cases = [
        (("x", "名字", Role.CLERK, ROLE_PASSWORD), ValidationError, "登录名须为 2 到 40 位"),
        (("ok_login", "  ", Role.CLERK, ROLE_PASSWORD), ValidationError, "请填写姓名。"),
        (("ok_login", "名字", Role.CLERK, "12345"), ValidationError, "密码至少需要 6 位。"),
        (("ok_login", "名字", Role.CLERK, " spaced-pw "), ValidationError, "密码首尾不能有空格。"),
        (("ADMIN", "名字", Role.CLERK, ROLE_PASSWORD), Conflict, "登录名“ADMIN”已被使用。"),
    ]
    for args, kind, message in cases:
        with pytest.raises(kind) as info:
            run(db, admin, lambda s, a=args: users.add_user(s, admin, *a))
        assert message in info.value.zh
    with db.read() as s:
        assert [u.login for u in users.list_users(s, admin)] == ["admin", "clerk", "depot", "reader", "supervisor"]
    with pytest.raises(ValidationError, match="没有这个角色"):
        users.parse_role("boss")
    assert users.parse_role(" Supervisor ") is Role.SUPERVISOR


def test_first_admin_only_once(db: Database) -> None:
    with db.read() as s:
        assert not users.has_users(s)
    run(db, None, lambda s: users.create_first_admin(s, "boss", "老板", ROLE_PASSWORD))
    with pytest.raises(Conflict, match="已经有用户了"):
        run(db, None, lambda s: users.create_first_admin(s, "boss2", "老板", ROLE_PASSWORD))
