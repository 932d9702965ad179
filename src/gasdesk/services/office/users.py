"""Signing in and managing users: add, disable, reset password, change role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Counter, User
from gasdesk.models.base import utcnow
from gasdesk.models.users import Role
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, Done, changed
from gasdesk.services.core.errors import AuthError, Conflict, GasdeskError, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.office import counters, passwords

_LOGIN_RE = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")


@dataclass(frozen=True)
class UserInfo(Changed):
    id: int
    login: str
    name: str
    role: Role
    active: bool
    locked_until: datetime | None
    must_change_password: bool


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id, user.login, user.name, Role(user.role), user.active, user.locked_until, user.must_change_password
    )


def actor_for(user: User, counter: Counter | None = None) -> Actor:
    if counter is None:
        return Actor(user.id, user.login, user.name, Role(user.role))
    return Actor(user.id, user.login, user.name, Role(user.role), counter.code, counter.id)


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise ValidationError(
            f"没有这个角色：{value}。可选：clerk、reader、depot、supervisor、admin。",
            f"No such role: {value}. Choose clerk, reader, depot, supervisor or admin.",
        ) from None


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"找不到用户（编号 {user_id}）。", f"No user with id {user_id}.")
    return user


def _by_login(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.login) == login.strip().lower()))


def _create(session: Session, login: str, name: str, role: Role, password: str) -> User:
    login = login.strip()
    if not _LOGIN_RE.match(login):
        raise ValidationError(
            "登录名须为 2 到 40 位的字母、数字、下划线、点或短横线。",
            "A login is 2 to 40 letters, digits, underscores, dots or dashes.",
        )
    if not name.strip():
        raise ValidationError("请填写姓名。", "Please enter the person's name.")
    if _by_login(session, login) is not None:
        raise Conflict(f"登录名“{login}”已被使用。", f"The login {login!r} is already taken.")
    user = User(
        login=login,
        name=name.strip(),
        role=role.value,
        password_hash=passwords.hash_password(password),
        active=True,
        failed_logins=0,
        must_change_password=False,
    )
    session.add(user)
    session.flush()
    return user


def create_first_admin(session: Session, login: str, name: str, password: str) -> UserInfo:
    """First start on an empty database: the one moment a user is made without an actor."""
    if has_users(session):
        raise Conflict("已经有用户了，请由管理员添加新用户。", "Users exist already; ask an administrator to add one.")
    user = _create(session, login, name, Role.ADMIN, password)
    audit.record(session, None, "user.bootstrap_admin", "user", user.id, after={"login": user.login}, login=user.login)
    return changed(_info(user), Change.USER)


def add_user(session: Session, actor: Actor, login: str, name: str, role: Role, password: str) -> UserInfo:
    require(session, actor, "user.manage")
    user = _create(session, login, name, role, password)
    audit.record(session, actor, "user.add", "user", user.id, after={"login": user.login, "role": role.value})
    return changed(_info(user), Change.USER)


def list_users(session: Session, actor: Actor) -> list[UserInfo]:
    require(session, actor, "user.list")
    return [_info(u) for u in session.scalars(select(User).order_by(User.login))]


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> UserInfo:
    require(session, actor, "user.manage")
    user = _get(session, user_id)
    if user.id == actor.user_id and not active:
        raise Conflict("不能停用自己的账号。", "You cannot disable your own account.")
    if not active and user.role == Role.ADMIN and _active_admins(session) <= 1:
        raise Conflict(
            "这是最后一个启用的管理员，不能停用。", "This is the last active administrator; it cannot be disabled."
        )
    before = {"active": user.active}
    user.active = active
    if active:
        user.failed_logins, user.locked_until = 0, None
    audit.record(session, actor, "user.enable" if active else "user.disable", "user", user.id, before=before,
                 after={"active": active})
    return changed(_info(user), Change.USER)


def _active_admins(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active.is_(True))
    ) or 0


def change_role(session: Session, actor: Actor, user_id: int, role: Role) -> UserInfo:
    require(session, actor, "user.manage")
    user = _get(session, user_id)
    if user.role == Role.ADMIN and role != Role.ADMIN and user.active and _active_admins(session) <= 1:
        raise Conflict(
            "这是最后一个管理员，不能改为其他角色。", "This is the last administrator; its role cannot change."
        )
    before = {"role": user.role}
    user.role = role.value
    audit.record(session, actor, "user.role", "user", user.id, before=before, after={"role": role.value})
    return changed(_info(user), Change.USER)


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> UserInfo:
    """An administrator sets a temporary password; the user must change it at next sign-in."""
    require(session, actor, "user.manage")
    user = _get(session, user_id)
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = user.id != actor.user_id
    user.failed_logins, user.locked_until = 0, None
    audit.record(session, actor, "user.reset_password", "user", user.id)  # never the password itself
    return changed(_info(user), Change.USER)


def change_own_password(session: Session, actor: Actor, old: str, new: str) -> Done:
    user = _get(session, actor.user_id)
    if not passwords.verify(user.password_hash, old):
        raise AuthError("原密码不正确。", "The current password is wrong.")
    if old == new:
        raise ValidationError("新密码不能与原密码相同。", "The new password must differ from the current one.")
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    audit.record(session, actor, "user.change_password", "user", user.id)
    return Done(changes=frozenset({Change.USER}))


@dataclass(frozen=True)
class LoginOutcome:
    """The result of a sign-in attempt; failures are committed too (counter, lock, audit)."""

    actor: Actor | None
    error: AuthError | None
    must_change_password: bool = False
    tries_left: int | None = None  # wrong passwords still allowed before the lock, once it is worth a warning


_WRONG = AuthError("登录名或密码不正确。", "Wrong login or password.")
WARN_FROM = 3  # from this wrong password on, the refusal says how many tries remain before the lock


def _wrong_with_warning(tries_left: int, minutes: str) -> AuthError:
    return AuthError(
        f"{_WRONG.zh}再输错 {tries_left} 次，该用户将被锁定 {minutes} 分钟。",
        f"{_WRONG.en} {tries_left} more wrong password{'s' if tries_left > 1 else ''} will lock this user "
        f"for {minutes} minutes.",
    )


def authenticate(
    session: Session, login: str, password: str, counter: str = "", now: datetime | None = None,
    *, counter_required: bool = False,
) -> LoginOutcome:
    """Check a password; count failures and lock the user after too many.

    The counter must be a registered, active one; the window always names one, a script may
    sign in without (it then cannot post money)."""
    now = now or utcnow()
    place = None
    if counter.strip() or counter_required:
        try:
            place = counters.registered(session, counter)
        except GasdeskError as exc:
            audit.record(session, None, "login.failed", "counter", "", login=shown(login, 40),
                         after={"reason": "unregistered counter", "counter": shown(counter, 20)})
            return LoginOutcome(None, AuthError(exc.zh, exc.en))
    user = _by_login(session, login)
    if user is None:
        passwords.verify(_DUMMY_HASH, password)  # same time as a real check: no login probing
        audit.record(session, None, "login.failed", "user", "", after={"reason": "unknown login"}, login=login[:40])
        return LoginOutcome(None, _WRONG)
    if not user.active:
        audit.record(session, None, "login.failed", "user", user.id, after={"reason": "disabled"}, login=user.login)
        disabled = AuthError("该用户已停用，请联系管理员。", "This user is disabled; ask an administrator.")
        return LoginOutcome(None, disabled)
    if user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        audit.record(session, None, "login.failed", "user", user.id, after={"reason": "locked"}, login=user.login)
        return LoginOutcome(None, AuthError(
            f"密码错误次数过多，该用户已锁定，请 {minutes} 分钟后再试，或请管理员重置密码。",
            f"Too many wrong passwords; this user is locked. Try again in {minutes} minutes or ask an "
            "administrator to reset the password.",
        ))
    if not passwords.verify(user.password_hash, password):
        user.failed_logins += 1
        limit = settings.get_int(session, "max_failed_logins")
        after: dict[str, object] = {"reason": "wrong password", "failed_logins": user.failed_logins}
        # The count comes from here, the one place that knows the limit; the window only shows it.
        tries_left = max(limit - user.failed_logins, 0) if user.failed_logins >= WARN_FROM else None
        error = _wrong_with_warning(tries_left, settings.get(session, "lockout_minutes")) if tries_left else _WRONG
        if user.failed_logins >= limit:
            user.locked_until = now + timedelta(minutes=settings.get_int(session, "lockout_minutes"))
            user.failed_logins = 0
            after["locked_until"] = user.locked_until
            error = AuthError(
                f"密码连续错误 {limit} 次，该用户已锁定 {settings.get(session, 'lockout_minutes')} 分钟。",
                f"{limit} wrong passwords in a row; this user is locked for "
                f"{settings.get(session, 'lockout_minutes')} minutes.",
            )
        audit.record(session, None, "login.failed", "user", user.id, after=after, login=user.login)
        return LoginOutcome(None, error, tries_left=tries_left)
    user.failed_logins, user.locked_until = 0, None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    actor = actor_for(user, place)
    audit.record(session, actor, "login", "user", user.id)
    return LoginOutcome(actor, None, user.must_change_password)


def is_locked(session: Session, user_id: int, now: datetime | None = None) -> bool:
    """Whether the user cannot sign in now (disabled, or locked after wrong passwords)."""
    user = _get(session, user_id)
    now = now or utcnow()
    return not user.active or bool(user.locked_until and user.locked_until > now)


def verify_unlock(session: Session, actor: Actor, password: str) -> LoginOutcome:
    """Unlock an idle-locked session: the same checks as a sign-in, for the same user."""
    return authenticate(session, actor.login, password, actor.counter, counter_required=bool(actor.counter))


# Checked against when the login is unknown, so that an unknown login takes as long as a wrong
# password. A hash made once with the production parameters (PRODUCTION_HASHER; a test keeps the
# two in step), not at import: hashing there cost every command ~35 ms before its sign-in.
_DUMMY_HASH = ("$argon2id$v=19$m=19456,t=2,p=1$ly8V7lDEZa3L6RRumsInjA"
               "$6THbJj1/ykUMfnmMDT31h1kDgZTopicOHJIjt9tOhRQ")
