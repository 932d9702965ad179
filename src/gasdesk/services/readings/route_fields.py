"""What a route's form holds, read and checked: its code, name, cycle, days and reader.

Every refusal names the field at fault (``field=``), so the form can put the cursor there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import RouteCycle
from gasdesk.models.users import Role, User
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import normalize_typed, shown

_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,11}")
_DAY_SEPARATORS = re.compile(r"[,，、;；/\s]+")
READER_ROLES = (Role.READER, Role.SUPERVISOR)
MAX_DAYS = 10  # days of the month a route is read on (the column holds 40 characters)


def clean_code(text: str) -> str:
    code = normalize_typed(text or "").upper()
    if not _CODE.fullmatch(code):
        raise ValidationError(
            "抄表册编号只能由字母、数字和连字符组成（最多 12 个字符），例如 A01。",
            "A route code is letters, digits and hyphens (12 at most), e.g. A01.", field="code",
        )
    return code


def clean_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name or len(name) > 60:
        raise ValidationError("请填写抄表册名称（最多 60 个字）。", "Enter the route's name (60 characters at most).",
                              field="name")
    return name


def parse_days(days: str | Iterable[int]) -> tuple[int, ...]:
    """Days of the month as typed ("5", "5,6", "5、6") or given, ascending, each once.

    Any day 1-31 is allowed: in a month too short for it, the route is read on the month's
    last day (``RouteInfo.read_days``)."""
    if isinstance(days, str):
        try:
            parts = [normalize_typed(p) for p in _DAY_SEPARATORS.split(days) if p.strip()]
        except ValidationError:  # another script's digits
            parts = ["?"]
    else:
        parts = [str(d) for d in days]
    if not parts or not all(p.isascii() and p.isdigit() and 1 <= int(p) <= 31 for p in parts):
        typed = days if isinstance(days, str) else ",".join(parts)
        raise ValidationError(
            f"抄表日“{shown(typed)}”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。",
            f"The reading days “{shown(typed)}” are not valid: days 1 to 31, separated by commas, e.g. 5 or 5,6.",
            field="days",
        )
    found = tuple(sorted({int(p) for p in parts}))
    if len(found) > MAX_DAYS:
        raise ValidationError(f"一个抄表册最多安排 {MAX_DAYS} 个抄表日。",
                              f"A route is read on {MAX_DAYS} days of the month at most.", field="days")
    return found


def check_cycle(cycle: str) -> str:
    if cycle not in {c.value for c in RouteCycle}:
        raise ValidationError("抄表周期只能是每月或每两月。", "The cycle is monthly or every two months.")
    return str(cycle)


def reader_user(session: Session, who: str | int) -> User:
    """The route's reader: an enabled user whose role reads meters (reader or supervisor)."""
    if isinstance(who, int):
        user, typed = session.get(User, who), f"#{who}"
    else:
        typed = (who or "").strip()
        if not typed:
            raise ValidationError("请指定抄表员（登录名）。", "Name the route's reader (a login).")
        user = session.scalar(select(User).where(func.lower(User.login) == typed.lower()))
    if user is None:
        raise NotFound(f"没有登录名为 {shown(typed)} 的用户。", f"No user has the login {shown(typed)}.")
    if not user.active:
        raise Conflict(f"用户 {user.login}（{user.name}）已停用，不能负责抄表册。",
                       f"The user {user.login} ({user.name}) is disabled and cannot read a route.")
    if user.role not in READER_ROLES:
        raise ValidationError(
            f"用户 {user.login}（{user.name}）的角色是{labels.text(labels.ROLE, user.role, 'zh')}："
            "抄表册只能交给抄表员或主管。",
            f"The user {user.login} ({user.name}) is a {labels.text(labels.ROLE, user.role, 'en')}: a route is read "
            "by a meter reader or a supervisor.",
        )
    return user


@dataclass(frozen=True)
class Reader:
    id: int
    login: str
    name: str
    role: str


def readers(session: Session, actor: Actor) -> list[Reader]:
    """The enabled users a route can be given to (readers, then supervisors), for the route form."""
    require(session, actor, "route.manage")
    found = session.scalars(select(User).where(User.active.is_(True), User.role.in_(READER_ROLES))
                            .order_by(User.role != Role.READER, User.login))
    return [Reader(u.id, u.login, u.name, u.role) for u in found]


